"""A copy of a kiosk's records to keep elsewhere, and putting one back.

A backup is a folder `kiosk-backup-<UTC time>` holding `kiosk.db` (every session,
answer, setting, the staff PIN's hash and the program-change history, copied with
SQLite's online backup, so it is consistent even while a session is being
recorded) and `programs/` (the clinic's own program files). It is private like the
data folder (folder 0700, files 0600). Restoring puts both back into a data folder
whose kiosk is stopped, and keeps what was there beside it, never deleting it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from kiosk.files import create_private_file, make_private_folder, sync_folder

from .store import DB_NAME

PROGRAMS = "programs"
PREFIX = "kiosk-backup-"


class BackupError(RuntimeError):
    """A backup that cannot be made or put back (the message says why, for the clinic's IT person)."""


def _stamp(at: datetime | None) -> str:
    return (at or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H%M%SZ")


def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` into the new file `target`, then an integrity check of the copy."""
    partial = target.with_name(target.name + ".partial")
    create_private_file(partial)
    try:
        with sqlite3.connect(source) as reader, sqlite3.connect(partial) as writer:
            reader.backup(writer)
            verdict = writer.execute("PRAGMA integrity_check").fetchone()[0]
        reader.close()
        writer.close()
        if verdict != "ok":
            raise BackupError(f"the copy of {source} fails SQLite's integrity check: {verdict}")
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupError(f"cannot copy {source}: {error}") from None
    finally:
        partial.unlink(missing_ok=True)


def _copy_programs(source: Path, target: Path) -> int:
    make_private_folder(target)
    count = 0
    for path in sorted(source.glob("*.yaml")) if source.is_dir() else ():
        if path.is_file() and not path.is_symlink():
            copy = target / path.name
            create_private_file(copy)
            shutil.copyfile(path, copy)
            count += 1
    sync_folder(target)
    return count


def back_up(data_dir: Path, into: Path, at: datetime | None = None) -> tuple[Path, int]:
    """Write a backup of `data_dir` into a new folder in `into`; (that folder, how many programs)."""
    database = data_dir / DB_NAME
    if not database.is_file():
        raise BackupError(f"no records to back up: {database} does not exist")
    if not into.is_dir():
        raise BackupError(f"{into} is not a folder")
    folder = into / f"{PREFIX}{_stamp(at)}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        raise BackupError(f"{folder} already exists: wait a second and try again") from None
    except OSError as error:
        raise BackupError(f"cannot make {folder}: {error.strerror or error}") from None
    try:
        _copy_database(database, folder / DB_NAME)
        programs = _copy_programs(data_dir / PROGRAMS, folder / PROGRAMS)
        sync_folder(folder)
    except OSError as error:
        raise BackupError(f"cannot write the backup in {folder}: {error.strerror or error}") from None
    return folder, programs


def restore(backup: Path, data_dir: Path, at: datetime | None = None) -> list[Path]:
    """Put `backup` back into `data_dir` (its kiosk stopped); what was there is kept, renamed. Returns that."""
    database = backup / DB_NAME
    if not database.is_file():
        raise BackupError(f"{backup} is not a kiosk backup: it has no {DB_NAME}")
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as check:
            verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
        check.close()
    except sqlite3.Error as error:
        raise BackupError(f"{database} cannot be read as a database: {error}") from None
    if verdict != "ok":
        raise BackupError(f"{database} fails SQLite's integrity check: {verdict}; nothing was changed")
    make_private_folder(data_dir)
    suffix = f".replaced-{_stamp(at)}"
    kept = []
    # The database's -wal and -shm files keep their endings, so the kept database opens with them whole.
    for name, aside in ((DB_NAME, DB_NAME + suffix), (DB_NAME + "-wal", DB_NAME + suffix + "-wal"),
                        (DB_NAME + "-shm", DB_NAME + suffix + "-shm"), (PROGRAMS, PROGRAMS + suffix)):
        current = data_dir / name
        if current.exists() or current.is_symlink():
            current.rename(data_dir / aside)
            kept.append(data_dir / aside)
    _copy_database(database, data_dir / DB_NAME)
    _copy_programs(backup / PROGRAMS, data_dir / PROGRAMS)
    sync_folder(data_dir)
    return kept
