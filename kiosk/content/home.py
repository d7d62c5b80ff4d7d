"""A program's `home:` section: the exercises the patient does at home, their dose, times a day.

Resolved with the program's blocks, once every file's exercises are known. A home
exercise starts from the dose the program gives it in its blocks (else the exercise's
own), then takes the home section's `sets`, `reps` and `hold`; `times_a_day` is the
exercise's own, else the section's (default 1).
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.clinical.program import Block, Exercise, ExerciseKind, HomeExercise

from .checks import Checker
from .doses import entry_id
from .fields import HOME, HOME_DOSE_FIELDS
from .yamlsafe import Node


def home_of(values: dict, node: Node, blocks: tuple[Block, ...], known: dict[str, Exercise], where: str,
            checker: Checker, unknown) -> tuple[HomeExercise, ...] | None:
    """The home program of a program's checked `home:` values, or None when an exercise in it is
    unknown, rejected or given a dose its kind can't take (reported). `unknown(id)` words an unknown id."""
    in_blocks = {exercise.id: exercise for block in blocks for exercise in block.exercises}
    every_day = values.get("times_a_day", HOME.defaults()["times_a_day"])
    found, ok = [], True
    for index, (entry, entry_node) in enumerate(zip(values["exercises"], node.value["exercises"].value)):
        exercise_id, id_node = entry_id(entry, entry_node)
        spot = f"{where}.exercises[{index}]"
        exercise = in_blocks.get(exercise_id) or known.get(exercise_id)
        if exercise is None:
            checker.error(id_node.line, spot, unknown(exercise_id))
            ok = False
            continue
        dose = {name: entry[name] for name in HOME_DOSE_FIELDS if isinstance(entry, dict) and name in entry}
        if exercise.kind is ExerciseKind.HOLD and dose.get("hold", 1) < 1:
            checker.error(entry_node.value["hold"].line, f"{spot}.hold", f"must be a whole number from 1 to 600 "
                          f"for '{exercise_id}', a hold exercise, got {dose['hold']}; expected the seconds of "
                          "each hold")
            ok = False
            continue
        times = entry.get("times_a_day", every_day) if isinstance(entry, dict) else every_day
        found.append(HomeExercise(replace(exercise, **dose) if dose else exercise, times))
    return tuple(found) if ok else None
