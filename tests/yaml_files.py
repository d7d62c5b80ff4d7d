"""Builders of small exercise files for the loader, schema and script tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
"""Realistic sample files: data/exercises (a whole folder) and data/patients (scripts)."""

EXERCISE_ORDER = ("id", "name", "instructions", "kind", "reps")
BASE_EXERCISE = {"id": "press_up", "name": "Press-up", "instructions": "Lie on your front and push up.",
                 "kind": "reps", "reps": "10"}


def write(folder: Path, name: str, text: str | bytes) -> Path:
    """Write `text` (dedented, so line 1 is its first line) or raw bytes to folder/name."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def one_exercise(**fields: str | None) -> str:
    """A file with one exercise: the base press-up with `fields` replaced (None: left out).

    Lines: 1 `exercises:`, 2 id, 3 name, 4 instructions, 5 kind, 6 reps, then new
    fields in the order given (7, 8 ...), as long as none of the base is left out.
    Values are written as raw YAML text.
    """
    merged = {**BASE_EXERCISE, **fields}
    order = list(EXERCISE_ORDER) + [name for name in fields if name not in EXERCISE_ORDER]
    lines = ["exercises:"]
    for name in order:
        if merged[name] is not None:
            lines.append(f"{'  - ' if len(lines) == 1 else '    '}{name}: {merged[name]}")
    return "\n".join(lines) + "\n"


def one_program(*lines: str, exercise: str | None = None) -> str:
    """An exercise (default: the base press-up, lines 1-6) and a program after it.

    Line 7 is `programs:`, 8 `- id: knee_from_spine`; `lines` follow from line 9.
    """
    program = ["programs:", "  - id: knee_from_spine", *lines]
    return (exercise or one_exercise()) + "\n".join(program) + "\n"


GOOD_PROGRAM = ("    name: Knee from spine", "    blocks:", "      - role: spinal",
                "        exercises: [press_up]")
"""Program fields on lines 9-12 of `one_program(*GOOD_PROGRAM)`."""
