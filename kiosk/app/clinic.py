"""The kiosk's link to the clinic server: the background copy, and what staff are told about it.

With `kiosk run --database URL` (or $KIOSK_DATABASE_URL) every answer is still written to
this kiosk's own records first; a `kiosk.records.sync.SyncWorker` copies them to the server.
The clinic's programs folder is kept in step with the server by a
`kiosk.records.program_sync.ProgramSync`, which checks every file with the kiosk's own loader.
Staff see, on the staff screen, how many records wait and since when, and the last problem
(never the password: the worker's messages are redacted by `kiosk.records.server`).
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.records.store import Records, parse_time

if TYPE_CHECKING:  # psycopg is loaded only by a kiosk that has a server: a plain kiosk starts faster
    from kiosk.records.program_sync import ProgramSync
    from kiosk.records.sync import SyncWorker

log = logging.getLogger("kiosk.shell")


def start_copy(records: Records | None, url: str | None) -> SyncWorker | None:
    """The background copy of `records` to the server at `url`; None for a kiosk on its own."""
    if records is None or not url:
        return None
    from kiosk.records.sync import SyncWorker

    worker = SyncWorker(records.path, url).start()
    log.info("records are copied to the clinic server %s", worker.where)
    return worker


def copy_notices(worker: SyncWorker | None) -> list[str]:
    """One line for the staff screen about the copy to the clinic server (none without a server)."""
    if worker is None:
        return []
    status = worker.status
    waiting = status.backlog.waiting
    if waiting:
        oldest = parse_time(status.backlog.since).astimezone().strftime("%H:%M on %d %b %Y")
        line = (f"Clinic server {status.where}: {waiting} record{'s' if waiting != 1 else ''} wait to be copied, "
                f"the oldest since {oldest}. They are safe on this kiosk.")
    elif status.connected:
        line = f"Clinic server {status.where}: every record of this kiosk is copied."
    else:
        line = f"Clinic server {status.where}: connecting."
    if status.problem:
        line += f" Last problem: {status.problem}"
    return [line]


def stop_copy(worker: SyncWorker | None) -> None:
    if worker is not None:
        worker.stop()


def program_check(exercises: Path | None):
    """check(folder, program_id, candidate) for the program worker: the loader's problems, as lines."""
    def check(folder: Path, program_id: str, candidate: Path) -> list[str]:
        from kiosk.content.program_files import file_problems  # the whole loader: only once a program comes

        return [str(problem) for problem in file_problems(folder, program_id, candidate, exercises)]
    return check


class ReceivedPrograms:
    """Programs the worker wrote are read again by the plugins, each when no patient is mid-session there:
    a running session keeps the program it started with."""

    def __init__(self) -> None:
        self.waiting = False

    def received(self, program_ids: list[str]) -> None:
        """Called on the worker's thread: only a flag, read on the Kivy thread by `offer`."""
        self.waiting = True

    def offer(self, plugins) -> None:
        """On the Kivy thread: each plugin's `programs_changed` (False: busy, ask again at the next tick)."""
        if self.waiting:
            taken = [plugin.programs_changed() for plugin in plugins if hasattr(plugin, "programs_changed")]
            self.waiting = not all(taken)


def start_programs(records: Records | None, url: str | None, data: Path | None, exercises: Path | None,
                   on_mirrored=None, period: float | None = None) -> ProgramSync | None:
    """The clinic's programs published to and mirrored from the server at `url`; None without a server."""
    if not url:
        return None
    from kiosk.records.program_sync import PERIOD, ProgramSync
    from kiosk.records.programs_folder import make_programs_dir

    name = records.kiosk_name() if records is not None else socket.gethostname()
    worker = ProgramSync(make_programs_dir(data), url, name, program_check(exercises), period or PERIOD,
                         on_mirrored)
    log.info("the clinic's programs are kept in step with the clinic server %s", worker.where)
    return worker.start()


def program_notices(worker: ProgramSync | None) -> list[str]:
    """Lines for the staff screen: program files not taken, and a server the programs cannot reach."""
    if worker is None:
        return []
    status = worker.status
    lines = [f"Clinic program {program_id}: {problem}" for program_id, problem in sorted(status.refused.items())]
    if status.problem:
        lines.append(f"Clinic programs: this kiosk uses its own copy. Last problem: {status.problem}")
    return lines


def stop_programs(worker: ProgramSync | None) -> None:
    if worker is not None:
        worker.stop()
