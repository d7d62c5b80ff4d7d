"""What the kiosk reads: the exercise folder, then the clinic's own programs folder.

The clinic's programs (written by the kiosk's program editor into the data folder)
are read after the exercise folder, in the same load, so they may use its
exercises; the bundled folder itself is never written to.
"""

from __future__ import annotations

from pathlib import Path

from .loader import Library, bundled_exercises_dir, load


def library_paths(exercises: Path | str | None, clinic_programs: Path | None) -> list[Path] | None:
    """The paths to load: the exercise folder (None: the bundled one), then `clinic_programs` if it exists.

    None when there is only the bundled folder, so the loader shows its files' paths as it always has."""
    chosen = [Path(exercises)] if exercises is not None else None
    if clinic_programs is None or not Path(clinic_programs).is_dir():
        return chosen
    return (chosen or [bundled_exercises_dir()]) + [Path(clinic_programs)]


def load_with_clinic(exercises: Path | str | None, clinic_programs: Path | None, probe_videos: bool = False) -> Library:
    """The library of the exercise folder and the clinic's programs, as the kiosk runs it."""
    return load(library_paths(exercises, clinic_programs), probe_videos=probe_videos)
