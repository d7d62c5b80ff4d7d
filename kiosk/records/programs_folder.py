"""Where the clinic's own programs live: `programs/` in the kiosk's data folder.

One YAML file per program, written by the kiosk's program editor (or by hand).
The folder sits beside the records, not in the bundled exercise folder, so an
upgrade of the kiosk replaces the bundled files and keeps the clinic's programs;
it is read together with the exercise folder, so a clinic program may use the
bundled exercises. Like the rest of the data folder it is private to the kiosk's
account (0700).
"""

from __future__ import annotations

from pathlib import Path

from . import private
from .store import default_data_dir

PROGRAMS_FOLDER = "programs"


def programs_dir(data_dir: Path | None = None) -> Path:
    """The clinic's programs folder of `data_dir` (default: $KIOSK_DATA, else the user's data folder)."""
    return (Path(data_dir) if data_dir is not None else default_data_dir()) / PROGRAMS_FOLDER


def make_programs_dir(data_dir: Path | None = None) -> Path:
    """The programs folder, created (with the data folder) private to the kiosk's account if missing."""
    folder = programs_dir(data_dir)
    private.make_private_folder(folder.parent)
    private.make_private_folder(folder)
    return folder

