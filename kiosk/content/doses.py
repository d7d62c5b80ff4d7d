"""A program's own dose for an exercise: `{id: press_up, sets: 3, reps: 12, hold: 2, rest: 30}`.

An item of a block's `exercises:` is an exercise id or such a mapping (`fields.BLOCK_EXERCISE`);
the loader builds the block's exercise as the library defines it with the program's dose
put in, so the plan, the durations, simulate and the records all follow it.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.clinical.program import Exercise, ExerciseKind

from .checks import Checker
from .fields import DOSE_FIELDS, EXERCISE
from .yamlsafe import Node


def entry_id(entry, entry_node: Node) -> tuple[str, Node]:
    """The exercise id of a block's item and the node it is written in (the item, or its `id:`)."""
    if isinstance(entry, dict):
        return entry["id"], entry_node.value["id"]
    return entry, entry_node


def with_dose(exercise: Exercise, entry, entry_node: Node, where: str, checker: Checker) -> Exercise | None:
    """The exercise with the program's own dose (`{id: press_up, sets: 3}`), or None if that dose
    breaks a rule of the exercise's kind (reported)."""
    dose = {name: entry[name] for name in DOSE_FIELDS if isinstance(entry, dict) and name in entry}
    if exercise.kind is ExerciseKind.HOLD and dose.get("hold", 1) < 1:
        checker.error(entry_node.value["hold"].line, f"{where}.hold", f"must be a whole number from 1 to "
                      f"{EXERCISE.by_name['hold'].spec.maximum} for '{exercise.id}', a hold exercise, got "
                      f"{dose['hold']}; expected the seconds of each hold")
        return None
    return replace(exercise, **dose) if dose else exercise
