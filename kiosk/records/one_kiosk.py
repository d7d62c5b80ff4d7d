"""One kiosk per data folder: a second `kiosk run` on the same folder is refused with one clear line.

Two kiosks writing the same records would each take the other's running session for one
left by a crash and mark it incomplete. The first kiosk holds an exclusive `flock` on
`kiosk.lock` in the data folder for as long as it runs; the kernel lets it go when the
process ends, however it ends, so a crash never leaves the folder locked.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

from kiosk.files import FILE_MODE, make_private_folder

from .store import RecordsError, default_data_dir

log = logging.getLogger("kiosk.records")

LOCK_NAME = "kiosk.lock"


def hold_data_folder(data_dir: Path | None) -> int | None:
    """Take the data folder for this process; returns the descriptor to keep open (closing it lets go),
    or None where no lock file can be made (a read-only disk: no records are kept there either).

    Raises RecordsError when another kiosk holds it."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    try:
        make_private_folder(folder)
        handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
    except OSError as error:
        log.warning("the data folder %s could not be locked (%s): a second kiosk would not be refused", folder, error)
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(handle, 20, 0).decode("ascii", "replace").strip() or "?"
        os.close(handle)
        raise RecordsError(f"another kiosk (process {holder}) is running on the data folder {folder}; "
                           "one kiosk per data folder (give this one its own with --data DIR)") from None
    try:
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
    except OSError:  # a full disk: the lock holds without the process number
        pass
    return handle
