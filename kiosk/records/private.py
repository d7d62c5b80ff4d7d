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

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and missing parents) with the folder itself at 0700."""
    folder = Path(folder)
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode is filtered through the umask


def create_private_file(path: Path) -> None:
    """Create `path` empty at 0600 if it does not exist yet (an existing file is left as it is)."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(handle)
    os.chmod(path, FILE_MODE)  # the umask may have taken bits away, never added them: say it exactly


def open_private(path: Path, encoding: str, newline: str = ""):
    """Open `path` for writing text, created (or truncated) at 0600."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.chmod(path, FILE_MODE)
    return os.fdopen(handle, "w", encoding=encoding, newline=newline)


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
    for parent, folders, files in os.walk(folder):
        for name in sorted(folders) + sorted(files):
            path = Path(parent) / name
            wanted = FOLDER_MODE if name in folders else FILE_MODE
            if not path.is_symlink() and _loose(path, wanted):
                changed.append(f"{path.relative_to(folder)} ({_mode(path)} -> {wanted:o})")
                os.chmod(path, wanted)
    if changed:
        log.warning("the data folder was readable by other accounts; tightened: %s", ", ".join(changed))
    return changed


def _loose(path: Path, wanted: int) -> bool:
    return bool(stat.S_IMODE(path.stat().st_mode) & ~wanted)


def _mode(path: Path) -> str:
    return f"{stat.S_IMODE(path.stat().st_mode):o}"
