"""What follows a save or undo of a clinic program: the next session's library, the offer, the server.

The kiosk reads its library again so the start screen offers the saved version
from the next session on; a patient mid-session keeps the program they started
(the shell reads the library again once that session ends). A kiosk with a clinic
server publishes the change at once instead of within a minute.
"""

from __future__ import annotations

import logging

from kiosk.content.program_files import ProgramChange

log = logging.getLogger("kiosk.exercise_session")


def after_change(plugin, change: ProgramChange) -> None:
    shell = plugin.shell
    log.info("program %s: %s (sha256 %s -> %s)", change.program_id, change.action, change.sha256_before,
             change.sha256_after)
    if not plugin.programs_changed():  # a patient is mid-session: read again when it ends
        shell.received_programs.received([change.program_id])
    if shell.program_sync is not None:
        shell.program_sync.wake()

