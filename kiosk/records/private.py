"""Health data stays private to the kiosk's own account: folder 0700, files 0600.

Records are health data. On a shared machine a folder created with the usual
umask (0755) and a database file at 0644 can be read by every account, so the
kiosk sets the modes itself, whatever the umask: the data folder is 0700 and each
file it writes there (the database and its WAL and shared-memory files, exports)
is created 0600. SQLite gives its `-wal` and `-shm` files the mode of the
database file, so creating that file 0600 first is enough for all three.

A folder or file left looser by an older kiosk (or by hand) is tightened when the
kiosk starts, with one log line naming what was changed.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("kiosk.records")

# The modes and the private writes live below the rooms, so content and speech use them too.
from kiosk.files import FILE_MODE, FOLDER_MODE, create_private_file, make_private_folder, open_private

__all__ = ["FILE_MODE", "FOLDER_MODE", "create_private_file", "make_private_folder", "open_private", "tighten"]


def tighten(folder: Path) -> list[str]:
    """Bring `folder` and every folder under it to 0700 and every file to 0600; returns what was changed.

    The subfolders (programs, exports, the speech cache...) hold the same kind of data as the
    folder itself. Symbolic links are neither followed nor changed: what they point to is not
    the kiosk's to change. Logs one line when anything was looser (nothing when all was right).
    """
    folder = Path(folder)
    changed: list[str] = []
    if _loose(folder, FOLDER_MODE):
        changed.append(f"{folder} ({_mode(folder)} -> 700)")
        os.chmod(folder, FOLDER_MODE)
    # One directory read and one lstat per entry (the speech cache alone may hold thousands of files, and
    # this runs at every start): an entry's kind comes with the directory listing.
    below = [""]
    while below:
        relative = below.pop(0)
        with os.scandir(folder / relative) as listing:
            entries = sorted((entry for entry in listing if not entry.is_symlink()),
                             key=lambda entry: (not entry.is_dir(follow_symlinks=False), entry.name))
        for entry in entries:
            is_folder = entry.is_dir(follow_symlinks=False)
            wanted = FOLDER_MODE if is_folder else FILE_MODE
            name = f"{relative}/{entry.name}" if relative else entry.name
            mode = stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode)
            if mode & ~wanted:
                changed.append(f"{name} ({mode:o} -> {wanted:o})")
                os.chmod(entry.path, wanted)
            if is_folder:
                below.append(name)
    if changed:
        log.warning("the data folder was readable by other accounts; tightened: %s", ", ".join(changed))
    return changed


def _loose(path: Path, wanted: int) -> bool:
    return bool(stat.S_IMODE(path.stat().st_mode) & ~wanted)


def _mode(path: Path) -> str:
    return f"{stat.S_IMODE(path.stat().st_mode):o}"
