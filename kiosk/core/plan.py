"""A program unrolled into the sets a patient will do, in order."""

from __future__ import annotations

from dataclasses import dataclass

from .program import Exercise, Program, Role


@dataclass(frozen=True)
class PlannedSet:
    """One set of one exercise, where it stands in the program."""

    block: int
    """Index of the block in the program."""
    role: Role
    exercise: Exercise
    set_number: int
    """1-based."""
    is_last_spinal: bool = False
    """The last set of the spinal progression: after it, the progression is judged."""

    @property
    def sets(self) -> int:
        return self.exercise.sets

    @property
    def rest_before(self) -> int:
        """Seconds of rest before this set (none before an exercise's first set)."""
        return self.exercise.rest if self.set_number > 1 else 0


def plan_sets(program: Program) -> tuple[PlannedSet, ...]:
    """Every set of every exercise of every block, in order."""
    planned = [
        PlannedSet(index, block.role, exercise, number)
        for index, block in enumerate(program.blocks)
        for exercise in block.exercises
        for number in range(1, exercise.sets + 1)
    ]
    spinal = [i for i, item in enumerate(planned) if item.role is Role.SPINAL]
    if spinal:
        last = planned[spinal[-1]]
        planned[spinal[-1]] = PlannedSet(last.block, last.role, last.exercise, last.set_number, True)
    return tuple(planned)
