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


SECONDS_PER_MOVE = 3
"""Time to move into and out of a position, per rep or hold."""
GET_READY_SECONDS = 5
"""Count-in when the patient stays standing or sits down: 5, 4, 3, 2, 1."""
FLOOR_GET_READY_SECONDS = 15
"""Count-in to walk from the screen and get down onto the floor (every set starts at the screen)."""
SECONDS_PER_CHECK_IN = 30
"""About how long a patient takes to answer a check-in."""


def set_seconds(exercise: Exercise) -> int:
    """About how long one set takes: each rep or hold, with time to move."""
    return exercise.reps * (exercise.hold + SECONDS_PER_MOVE)


def get_ready_seconds(exercise: Exercise) -> int:
    """The count-in before a set: the exercise's own `get_ready`, else by its position (an unknown
    position may be on the floor: the floor's time)."""
    if exercise.get_ready is not None:
        return exercise.get_ready
    on_the_floor = exercise.position is None or exercise.position.on_the_floor
    return FLOOR_GET_READY_SECONDS if on_the_floor else GET_READY_SECONDS


def estimated_seconds(program: Program) -> int:
    """About how long the whole program takes if every set is done, with rests and check-ins."""
    return sum(set_seconds(p.exercise) + p.rest_before + SECONDS_PER_CHECK_IN for p in plan_sets(program))
