"""Where exercise files are found: the bundled folder, a folder's files, the assets beside it.

A folder is read one level deep, in name order; `*.yaml` and `*.yml` are read
alike (both endings are common, and a file one command reads must not be
skipped by another). Names starting with a dot (editor backups) are left out.
A symbolic link to a file out of the folder is refused without being read.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem

YAML_ENDINGS = (".yaml", ".yml")
"""File endings read as exercise files, in any letter case."""


def bundled_exercises_dir() -> Path:
    """The exercise folder that ships with the kiosk: <repo>/exercises (or kiosk/exercises)."""
    package = Path(__file__).resolve().parents[1]  # kiosk/
    beside = package.parent / "exercises"
    inside = package / "exercises"
    return inside if not beside.is_dir() and inside.is_dir() else beside


def default_assets_dir(exercises_dir: Path) -> Path:
    """Media paths in exercise files are relative to the `assets` folder beside the exercise folder."""
    return Path(exercises_dir).parent / "assets"


def folder_of(path: Path) -> Path:
    """The exercise folder a path names: itself, or the folder a single file is in."""
    return path if path.is_dir() else path.parent


def is_exercise_file(path: Path) -> bool:
    return path.suffix.lower() in YAML_ENDINGS and not path.name.startswith(".") and path.is_file()


def _links_out(child: Path, folder: Path) -> bool:
    """Is `child` a symbolic link to a file out of `folder`? Such a file is never read: whatever it
    points at (a password file, say) would be quoted line by line in the loader's messages."""
    return child.is_symlink() and not child.resolve().is_relative_to(folder.resolve())


def shown(path: Path, bundled: bool) -> str:
    """How a path is printed: as given, or relative to the working folder for the bundled one."""
    if bundled:
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            return relative
    return str(path)


def files_of(given: list[Path], bundled: bool, seen: set[Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """The exercise files that `given` names, each once (`seen`: resolved paths already taken),
    with how each is printed; and a problem for each path that does not exist."""
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for path in given:
        if path.is_dir():
            children = sorted((child for child in path.iterdir() if is_exercise_file(child)),
                              key=lambda child: child.name)
            outside = [child for child in children if _links_out(child, path)]
            problems += [Problem(shown(child, bundled), 0, "file", "a symbolic link to a file outside this "
                                 "folder: not read; expected the exercise file itself in the folder")
                         for child in outside]
            chosen = [child for child in children if child not in outside]
        elif path.is_file():
            chosen = [path]
        else:
            problems.append(Problem(shown(path, bundled), 0, "file",
                                    "no such file or folder; expected an exercise file or a folder of them"))
            chosen = []
        for file in chosen:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                found.append((file, shown(file, bundled)))
    return found, problems
