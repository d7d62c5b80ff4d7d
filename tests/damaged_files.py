"""A kept file damaged the ways a disk, a power cut or a person leaves one: for the tests that check each
is seen and made again."""

from __future__ import annotations

import os
from pathlib import Path


def damage(path: Path, how: str, junk: bytes = b"\x00junk" * 500) -> None:
    """`path` replaced by: "zero bytes", "cut short" (half of it), "a header with no sound" (a WAV's first
    44 bytes), "junk" (`junk`), or "a named pipe"."""
    data = path.read_bytes()
    path.unlink()
    if how == "zero bytes":
        path.write_bytes(b"")
    elif how == "cut short":
        path.write_bytes(data[: len(data) // 2])
    elif how == "a header with no sound":
        path.write_bytes(data[:44])
    elif how == "junk":
        path.write_bytes(junk)
    elif how == "a named pipe":
        os.mkfifo(path)
    else:
        raise ValueError(f"no such damage: {how!r}")
