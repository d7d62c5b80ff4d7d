"""Small builders of programs and check-ins for the core tests."""

from kiosk.clinical.checkin import CheckIn
from kiosk.clinical.program import AfterNoEffect, Block, Exercise, ExerciseKind, Policy, Program, Role


def exercise(exercise_id: str, sets: int = 1, rest: int = 0) -> Exercise:
    return Exercise(exercise_id, exercise_id.replace("_", " ").title(), "Do it slowly.",
                    ExerciseKind.REPS, reps=10, hold=1, sets=sets, rest=rest)


def program(spinal=(("press_up", 2), ("standing_extension", 1)), strengthening=(("bridge", 1),),
            postural=(), after_no_effect="end", mcid=2, recheck_after=300) -> Program:
    """A program with the given (exercise id, sets) per block; empty blocks left out."""
    blocks = tuple(
        Block(role, tuple(exercise(name, sets) for name, sets in items))
        for role, items in ((Role.SPINAL, spinal), (Role.STRENGTHENING, strengthening),
                            (Role.POSTURAL, postural))
        if items
    )
    policy = Policy(mcid=mcid, recheck_after=recheck_after, after_no_effect=AfterNoEffect(after_no_effect))
    return Program("test_program", "Test program", blocks, policy)


def ci(*pain, numb=(), nprs=0, weak=False) -> CheckIn:
    return CheckIn(frozenset(pain), frozenset(numb), nprs, weak)
