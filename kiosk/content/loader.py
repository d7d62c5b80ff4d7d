"""Exercise files -> a `Library` of exercises, programs and special tests.

Reads every `*.yaml` and `*.yml` file of a folder (sorted by name, not
recursive), checks it against `kiosk.content.fields` and builds the dataclasses of
`kiosk.clinical.program`. Every problem is a `Problem` printed as
`PATH:LINE: where: message`. One bad file never stops the good ones: an error
drops only what it spoils (an exercise, a program, or a file that can't be read).
A folder can build on the bundled library (`use_bundled: true`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .assembly import Assembly, Layer
from .folders import bundled_exercises_dir, default_assets_dir, files_of, folder_of
from .library import Library
from .problems import Problem, Severity
from .yamlsafe import MAP, Node

__all__ = ["Library", "Problem", "Severity", "bundled_exercises_dir", "default_assets_dir", "load"]


def load(paths: Iterable[str | Path] | None = None, assets: Path | None = None,
         probe_videos: bool = False, *, safety_net: bool = True) -> Library:
    """Read exercise files and folders (None: the bundled folder) into a Library.

    A folder with `use_bundled: true` in one of its files builds on the bundled library: the
    bundled exercises, programs and special tests are read too, under the folder's own; an id
    the folder defines replaces the bundled one everywhere (a warning says so).
    With `probe_videos`, every video of the given files that exists is also opened and its first
    picture decoded (`kiosk validate` does; it takes a moment per video), and one that won't
    decode is a warning. `safety_net=False` lets an unexpected exception out instead of turning
    it into a problem line, so the fuzz tests see a crash as a crash; users always keep the net."""
    if isinstance(paths, (str, Path)):  # one path given on its own, not in a list
        paths = [paths]
    bundled = paths is None
    given = [bundled_exercises_dir()] if bundled else [Path(path) for path in paths]
    seen: set[Path] = set()
    files, problems = files_of(given, bundled, seen)
    if assets is None and given:
        assets = default_assets_dir(folder_of(given[0]))
    assembly = Assembly(None if bundled else _bundled_exercise_ids, safety_net)
    own = Layer.of(Path(assets) if assets is not None else None, bundled, probe_videos)
    parsed = [assembly.parse(path, shown) for path, shown in files]
    assembly.library.uses_bundled = not bundled and any(_asks_for_bundled(each.root) for each in parsed)
    for each in parsed:
        assembly.read(each, own)
    if assembly.library.uses_bundled:
        base_files, base_problems = files_of([bundled_exercises_dir()], True, seen)
        problems += base_problems
        base = Layer.of(default_assets_dir(bundled_exercises_dir()), True, False, base=True)
        for path, shown in base_files:
            assembly.read(assembly.parse(path, shown), base)
    assembly.resolve_programs()
    return assembly.finish(problems)


def _asks_for_bundled(root: Node | None) -> bool:
    """Does this file say `use_bundled: true`?"""
    if root is None or root.kind != MAP:
        return False
    node = root.value.get("use_bundled")
    return node is not None and node.tag == "bool" and node.value is True


def _bundled_exercise_ids() -> set[str]:
    """The ids of the bundled exercises, for the hint on an unknown reference."""
    return set(load(None).exercises)
