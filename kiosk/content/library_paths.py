"""What the kiosk reads: the exercise folder, then the clinic's own programs folder.

The clinic's programs (written by the kiosk's program editor into the data folder)
are read after the exercise folder, in the same load, so they may use its
exercises; the bundled folder itself is never written to.
"""

from __future__ import annotations

from pathlib import Path

from .folders import bundled_exercises_dir
from .library import Library


def library_paths(exercises: Path | str | None, clinic_programs: Path | None) -> list[Path] | None:
    """The paths to load: the exercise folder (None: the bundled one), then `clinic_programs` if it exists.

    None when there is only the bundled folder, so the loader shows its files' paths as it always has."""
    chosen = [Path(exercises)] if exercises is not None else None
    if clinic_programs is None or not Path(clinic_programs).is_dir():
        return chosen
    return (chosen or [bundled_exercises_dir()]) + [Path(clinic_programs)]


def load_with_clinic(exercises: Path | str | None, clinic_programs: Path | None, probe_videos: bool = False,
                     cache_folder: Path | None = None) -> Library:
    """The library of the exercise folder and the clinic's programs, as the kiosk runs it.

    With `cache_folder`, from the cache there when no file it was read from changed
    (`kiosk.content.library_cache`); the loader is imported only when files must be read."""
    paths = library_paths(exercises, clinic_programs)
    if cache_folder is not None and not probe_videos:
        from .library_cache import load_cached

        return load_cached(paths, cache_folder)
    from .loader import load

    return load(paths, probe_videos=probe_videos)
