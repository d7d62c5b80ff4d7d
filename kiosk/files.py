"""Durable, private files: how the kiosk writes what must survive a power cut and stay its own.

Health data and the clinic's programs go through here: folders 0700 and files 0600
whatever the umask (a folder made with the usual umask, 0755, can be read by every
account on the machine), bytes flushed to the disk before a rename makes them
visible, and the folder flushed after the rename so the rename itself is kept.
It imports nothing of the kiosk, so the records, the content and the speech rooms
all use the same few lines.

What the kiosk reads back from its own folder (its caches) is read only when it is
the kiosk's own: `read_own_file` takes a regular file of this account that no other
account can write, in such a folder, reached without following a symbolic link, and
never waits on a named pipe. Temporary files have unpredictable names and are
created with O_EXCL and O_NOFOLLOW (`tempfile.mkstemp`), so a link planted where the
file will be cannot redirect the write. Media and pictures are read with
`open_regular`: a named pipe or a device is refused before it is read.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


OWN_FILE_LIMIT = 64 * 1024 * 1024
"""The most `read_own_file` reads: more than any cache of the kiosk holds."""


class UntrustedFile(OSError):
    """A file (or folder) the kiosk will not read or write through: a link, another account's, not regular."""


def check_own_folder(folder: Path) -> None:
    """Raise UntrustedFile unless `folder` is a real folder (no link) of this account that others cannot write."""
    try:
        status = os.lstat(folder)
    except FileNotFoundError:
        raise
    if stat.S_ISLNK(status.st_mode):
        raise UntrustedFile(f"{folder} is a symbolic link")
    _check_owned(folder, status, stat.S_ISDIR, "a folder")


def _check_owned(path, status, kind, what: str) -> None:
    if not kind(status.st_mode):
        raise UntrustedFile(f"{path} is not {what}")
    if status.st_uid != os.geteuid():
        raise UntrustedFile(f"{path} belongs to another account (uid {status.st_uid})")
    if status.st_mode & 0o022:
        raise UntrustedFile(f"{path} can be written by other accounts")


def read_own_file(path: Path, limit: int = OWN_FILE_LIMIT) -> bytes:
    """The bytes of `path`, a regular file of this account in a folder of this account, no link on the way.

    Raises FileNotFoundError when there is none, UntrustedFile when it is not the kiosk's own (a link, a
    named pipe, a device, another account's file, one others can write, larger than `limit`)."""
    path = Path(path)
    check_own_folder(path.parent)
    try:  # O_NONBLOCK: a named pipe opens at once instead of waiting for a writer; it is refused below
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == 40:  # ELOOP: the last part of the path is a symbolic link
            raise UntrustedFile(f"{path} is a symbolic link") from None
        raise
    with os.fdopen(handle, "rb") as file:
        status = os.fstat(handle)  # of what was opened, not of what the name points at now
        _check_owned(path, status, stat.S_ISREG, "a regular file")
        if status.st_size > limit:
            raise UntrustedFile(f"{path} is larger than {limit} bytes")
        return file.read(limit + 1)[:limit]


class NotRegularFile(UntrustedFile):
    """A media or picture file that is a named pipe, a device, a socket or a folder: never opened for reading."""

    def __init__(self, path, kind: str) -> None:
        super().__init__(f"{path} is not a regular file ({kind})")
        self.kind = kind


_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def file_kind(mode: int) -> str:
    """What a file of this mode is, in words: "a named pipe", "a device", "a socket", "a folder"."""
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def open_regular(path: Path):
    """`path` (links followed) opened to read bytes, only when it is a regular file: a named pipe would
    block the reader until someone writes to it, a device (/dev/zero) never ends. Raises NotRegularFile,
    FileNotFoundError or another OSError. Looked at before opening (opening a device can do something) and
    checked again on the opened descriptor (O_NONBLOCK: a pipe swapped in meanwhile opens at once)."""
    status = os.stat(path)
    if not stat.S_ISREG(status.st_mode):
        raise NotRegularFile(path, file_kind(status.st_mode))
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    opened = os.fstat(handle)
    if not stat.S_ISREG(opened.st_mode):
        os.close(handle)
        raise NotRegularFile(path, file_kind(opened.st_mode))
    return os.fdopen(handle, "rb")


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

    It goes to a new partial file (`new_partial`), renamed over `path`: a reader (another
    kiosk sharing the folder) sees the old file or the new one, and a power cut leaves at
    worst a partial file, never a half-written `path`. On an error the partial file is removed."""
    path = Path(path)
    check_own_folder(path.parent)  # never through a linked or foreign folder
    handle, partial = new_partial(path)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def new_partial(path: Path) -> tuple[int, str]:
    """A new hidden file beside `path` for writing it whole: an unpredictable name, O_EXCL, O_NOFOLLOW, 0600.

    Returns its open descriptor and its name."""
    handle, partial = tempfile.mkstemp(prefix=f".{Path(path).name}.", suffix=".partial", dir=Path(path).parent)
    os.fchmod(handle, FILE_MODE)
    return handle, partial


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
