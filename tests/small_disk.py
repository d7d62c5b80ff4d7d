"""Real disk faults for the tests: a small tmpfs that fills up or turns read-only, a lock held by another process.

No mocks: the kiosk meets ENOSPC, EROFS and SQLITE_BUSY from the kernel and from SQLite
themselves. Mounting needs root (the CI runs as root); each disk is mounted under the
test's own tmp_path, so tests running side by side never share one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("CREATE TABLE IF NOT EXISTS held (x)")
print("held", flush=True)
sys.stdin.read()
"""


@contextmanager
def small_disk(folder: Path, size: str = "2m"):
    """A tmpfs of `size` mounted at `folder` (created), unmounted afterwards.

    2 MB by default: room for a few sessions (a WAL file grows by a page per answer until its
    checkpoint), and small enough to fill in a moment."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path) -> Path:
    """Fill the disk under `folder` to the last byte; returns the filler file (delete it to free the disk)."""
    filler = Path(folder) / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            while True:
                try:
                    os.write(handle, b"x" * size)
                except OSError:
                    break
    finally:
        os.close(handle)
    return filler


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


@contextmanager
def lock_held(database: Path):
    """Another process holding an exclusive lock on `database` until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(database)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
