"""The kiosk's link to the clinic server: the background copy, and what staff are told about it.

With `kiosk run --database URL` (or $KIOSK_DATABASE_URL) every answer is still written to
this kiosk's own records first; a `kiosk.records.sync.SyncWorker` copies them to the server.
Staff see, on the staff screen, how many records wait and since when, and the last problem
(never the password: the worker's messages are redacted by `kiosk.records.server`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.records.store import Records, parse_time

if TYPE_CHECKING:  # psycopg is loaded only by a kiosk that has a server: a plain kiosk starts faster
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
