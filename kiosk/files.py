"""Durable, private files: how the kiosk writes what must survive a power cut and stay its own.

Health data and the clinic's programs go through here: folders 0700 and files 0600
whatever the umask (a folder made with the usual umask, 0755, can be read by every
account on the machine), bytes flushed to the disk before a rename makes them
visible, and the folder flushed after the rename so the rename itself is kept.
It imports nothing of the kiosk, so the records, the content and the speech rooms
all use the same few lines.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def write_synced(path: Path, data: bytes) -> None:
    """Write `data` to `path` (created 0600, replacing any stale file) and flush it to the disk."""
    path = Path(path)
    path.unlink(missing_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.fchmod(handle, FILE_MODE)  # the umask may have taken bits away: say the mode exactly
    with os.fdopen(handle, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` (0600) whole or not at all, without waiting for the disk: for caches.

    It goes to a partial file of this process's own, renamed over `path`: a reader (another
    kiosk sharing the folder) sees the old file or the new one, and a power cut leaves at
    worst a partial file, never a half-written `path`. On an error the partial file is removed."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE), "wb") as file:
            file.write(data)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def sync_folder(folder: Path) -> None:
    """Flush `folder` itself, so the renames in it survive a power cut.

    Harmless where a folder cannot be opened or flushed (some USB sticks' file systems):
    the file's own bytes were flushed before its rename.
    """
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
