"""The clinic's program files: saved atomically, checked by the loader first, one change undoable.

Each program is `<id>.yaml` in the clinic's programs folder, its previous version
beside it as `<id>.yaml.previous` (an empty one: the program did not exist before).
The loader reads only `*.yaml`, so neither that nor a half-written `.<id>.yaml.tmp`
is ever read as a program. A save is written to the temporary file, flushed to the
disk, checked by the same loader as every file (refused with its messages when
invalid), then renamed over the old file and the folder flushed too: after a power
cut the file is the old version or the new one, never a mix. Undo swaps the file
and its previous version, the same way.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from kiosk.clinical.program import Program
from kiosk.files import sync_folder, write_synced

from .loader import Library, Problem, bundled_exercises_dir, load
from .program_yaml import program_yaml
from .spec import IDENTIFIER_MAX

"""The folder is private to the kiosk's account; its files are too."""


class ProgramRefused(Exception):
    """A save or undo that was refused: the loader's problems say why, at the file's own path."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class ProgramChange:
    """One save or undo of a program file: what the records keep. A sha256 is None where no file was."""

    action: str
    """"save" or "undo"."""
    program_id: str
    sha256_before: str | None
    sha256_after: str | None


def program_path(folder: Path, program_id: str) -> Path:
    return Path(folder) / f"{program_id}.yaml"


def previous_path(folder: Path, program_id: str) -> Path:
    return Path(folder) / f"{program_id}.yaml.previous"


def program_id_for(name: str, taken: Iterable[str]) -> str:
    """A new program's id from its name: lower_snake_case ASCII, starting with a letter, not in `taken`.

    "Rodilla: extensión 2" -> rodilla_extension_2; a second one -> rodilla_extension_2_2."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "_", plain).strip("_") or "program"
    if not base[0].isalpha():
        base = f"program_{base}"
    taken = set(taken)
    for number in range(1, len(taken) + 2):
        suffix = "" if number == 1 else f"_{number}"
        candidate = base[:IDENTIFIER_MAX - len(suffix)].rstrip("_") + suffix
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable: one of len(taken) + 1 candidates is free")


def save_program(program: Program, library: Library, folder: Path, exercises: Path | None = None) -> ProgramChange:
    """Write `program` to its file in the clinic's `folder`, keeping the file it replaces as the previous
    version. `library` is the one being edited (its exercises decide which doses are the program's own);
    `exercises` is the exercise folder it is checked with (None: the bundled one).

    Raises ProgramRefused with the loader's problems when the written file would not load as `program`."""
    text = program_yaml(program, library.exercises).encode("utf-8")
    return _replace(folder, program.id, text, exercises, "save", expected=program)


def undo_last_change(folder: Path, program_id: str, exercises: Path | None = None) -> ProgramChange:
    """Put back the previous version of a program (none: the program goes), keeping the undone one as
    the previous version, so a second undo redoes. Refused when the previous version no longer loads."""
    previous = previous_path(folder, program_id)
    if not previous.is_file():
        raise ProgramRefused([Problem(str(previous), 0, "file", "no previous version to go back to; expected "
                                      "a program saved by the kiosk's editor at least once")])
    return _replace(folder, program_id, previous.read_bytes(), exercises, "undo")


def _replace(folder: Path, program_id: str, text: bytes, exercises: Path | None, action: str,
             expected: Program | None = None) -> ProgramChange:
    folder, path = Path(folder), program_path(folder, program_id)
    if folder.resolve() == bundled_exercises_dir().resolve():
        raise ValueError(f"{folder} is the bundled exercise folder, which is never rewritten; expected the "
                         "clinic's programs folder")
    old = path.read_bytes() if path.is_file() else b""
    if not text and not old:
        raise ProgramRefused([Problem(str(path), 0, "file", "nothing to undo: the program is not there and had "
                                      "no earlier version; expected a program saved by the editor")])
    temporary = folder / f".{program_id}.yaml.tmp"
    if text:
        write_synced(temporary, text)
        _check(folder, program_id, temporary, exercises, expected)
    write_synced(folder / f".{program_id}.yaml.previous.tmp", old)
    os.replace(folder / f".{program_id}.yaml.previous.tmp", previous_path(folder, program_id))
    if text:
        os.replace(temporary, path)
    else:
        path.unlink(missing_ok=True)
    sync_folder(folder)
    return ProgramChange(action, program_id, _sha256(old), _sha256(text))


def _check(folder: Path, program_id: str, temporary: Path, exercises: Path | None, expected: Program | None) -> None:
    """Refuse (removing the temporary file) when the folder would not load with it in place of the old file."""
    problems = file_problems(folder, program_id, temporary, exercises, expected)
    if problems:
        temporary.unlink(missing_ok=True)
        raise ProgramRefused(problems)


def file_problems(folder: Path, program_id: str, candidate: Path, exercises: Path | None = None,
                  expected: Program | None = None) -> list[Problem]:
    """What is wrong with `candidate` as the file of `program_id` in the clinic's `folder` (none: it loads).

    The folder is loaded as it would be with `candidate` in place of `<program_id>.yaml`, so a clash with
    another file of the folder counts; problems are told at the program file's own path."""
    final = program_path(folder, program_id)
    others = [p for p in sorted(Path(folder).glob("*.yaml")) if p != final]
    library = load([Path(exercises) if exercises is not None else bundled_exercises_dir(), *others, candidate])
    problems = [replace(p, path=str(final)) for p in library.errors if p.path == str(candidate)]
    loaded = library.programs.get(program_id)
    if not problems and (loaded is None or not loaded.source.startswith(str(candidate))):
        problems = [Problem(str(final), 1, "file", f"does not hold program '{program_id}' that loads; expected "
                            "it once, with an id no other file of the folder uses")]
    elif not problems and expected is not None and _differs(loaded, expected):
        problems = [Problem(str(final), 1, "file", "would not read back as the program edited; please report this")]
    return problems


def _differs(loaded: Program, expected: Program) -> bool:
    """Whether what the file reads back as is not the program edited (where things came from aside)."""
    return program_shape(loaded) != program_shape(expected)


def program_shape(program: Program) -> tuple:
    """What a program file says: its words, policy, blocks and each exercise's id and dose."""
    blocks = tuple((block.role, block.name, tuple((e.id, e.sets, e.reps, e.hold, e.rest) for e in block.exercises))
                   for block in program.blocks)
    return (program.id, program.name, program.description, program.offered, program.policy, blocks,
            tuple(sorted(program.names.items())))


def _sha256(data: bytes) -> str | None:
    return hashlib.sha256(data).hexdigest() if data else None
