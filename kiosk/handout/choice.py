"""What goes on a session's handout, and each exercise's dose and times a day in plain words.

A program's own `home:` section wins. Without one, after `spinal_source_likely`:
the spinal block whose exercise centralized (or abolished) the knee pain, the
direction that helped, then the program's core and postural exercises; after any
other outcome, the core and postural ones only (a spinal direction that did not
centralize is not given for home). Times a day by role (a clinical default,
changed by `home:`): the spinal direction 6 (about every 2 hours, as in Treat
Your Own Back), core once, posture 3.
"""

from __future__ import annotations

from kiosk.clinical.engine import Outcome
from kiosk.clinical.program import Block, Exercise, ExerciseKind, HomeExercise, Program, Role
from kiosk.clinical.record import SessionRecord

from .words import HandoutWords

TIMES_A_DAY = {Role.SPINAL: 6, Role.STRENGTHENING: 1, Role.POSTURAL: 3}
WAKING_HOURS = 14
"""The hours of a patient's day the times a day are spread over ("about every 2 hours" for 6)."""
HELPED = ("centralizing", "abolished")


def home_exercises(program: Program, record: SessionRecord) -> tuple[HomeExercise, ...]:
    """The exercises for the handout of `record`, a session of `program`, in the order printed."""
    if program.home:
        return program.home
    chosen: list[tuple[Exercise, Role]] = []
    direction = centralized_block(program, record) if record.outcome == Outcome.SPINAL_SOURCE_LIKELY.value else None
    if direction is not None:
        chosen += [(exercise, Role.SPINAL) for exercise in direction.exercises]
    chosen += [(exercise, block.role) for block in program.blocks if block.role is not Role.SPINAL
               for exercise in block.exercises]
    seen: set[str] = set()
    home = []
    for exercise, role in chosen:
        if exercise.id not in seen:
            seen.add(exercise.id)
            home.append(HomeExercise(exercise, TIMES_A_DAY[role]))
    return tuple(home)


def centralized_block(program: Program, record: SessionRecord) -> Block | None:
    """The spinal block holding the first exercise after which the session recorded centralizing or
    abolished symptoms (None if the program no longer has it)."""
    for step in record.steps:
        if step.role == Role.SPINAL.value and step.response in HELPED:
            for block in program.blocks:
                if block.role is Role.SPINAL and any(e.id == step.exercise_id for e in block.exercises):
                    return block
    return None


def duration(seconds: int, words: HandoutWords) -> str:
    """'3 minutes', '90 seconds', '1 second' (whole minutes are said as minutes)."""
    if seconds >= 60 and seconds % 60 == 0:
        minutes = seconds // 60
        return words.MINUTE if minutes == 1 else words.MINUTES.format(count=minutes)
    return words.SECOND if seconds == 1 else words.SECONDS.format(count=seconds)


def dose_words(exercise: Exercise, words: HandoutWords) -> str:
    """How much, each time: '10 times', 'Hold for 3 minutes', '10 times, hold for 2 seconds each time'."""
    count = exercise.reps
    if exercise.kind is ExerciseKind.HOLD:
        held = duration(exercise.hold, words)
        dose = words.HOLD_FOR.format(duration=held) if count == 1 else words.HOLD_TIMES.format(duration=held,
                                                                                                 count=count)
    elif exercise.hold:
        dose = words.HOLD_EACH.format(count=count, duration=duration(exercise.hold, words))
    else:
        dose = words.TIMES_ONE if count == 1 else words.TIMES.format(count=count)
    if exercise.sets > 1:
        dose += "; " + words.SETS.format(sets=exercise.sets)
    return dose


def how_often(times_a_day: int, words: HandoutWords) -> str:
    """'once a day', 'twice a day', '3 times a day', '6 times a day, about every 2 hours'."""
    if times_a_day == 1:
        return words.ONCE_A_DAY
    if times_a_day == 2:
        return words.TWICE_A_DAY
    if times_a_day < 4:
        return words.TIMES_A_DAY.format(count=times_a_day)
    return words.EVERY_HOURS.format(count=times_a_day, hours=max(1, round(WAKING_HOURS / times_a_day)))
