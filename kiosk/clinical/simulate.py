"""Run one patient's scripted answers through the session machine.

`kiosk simulate` and the touchscreen's autopilot both use this; the result is
the `--json` contract: {"program", "outcome", "steps": [{kind, exercise, set,
response, decision}]}.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Protocol

from .checkin import CheckIn
from .program import Program
from .red_flags import RED_FLAG_IDS
from .session import Session, State


class Answer(Protocol):
    """One scripted answer to a check-in question (see kiosk.content.script)."""

    check_in: CheckIn
    red_flag: str | None


def first_red_flag(answered_yes: Iterable[str]) -> str | None:
    """The red flag the screen meets first: questions are asked in a fixed order."""
    yes = set(answered_yes)
    return next((flag for flag in RED_FLAG_IDS if flag in yes), None)


def run_answers(program: Program, red_flags: Iterable[str], baseline: CheckIn,
                answers: Iterable[Answer]) -> tuple[Session, int]:
    """Play the answers until the session ends or they run out (then: incomplete).

    Returns the ended session and how many answers were left unused.
    """
    session = Session(program)
    flag = first_red_flag(red_flags)
    if flag:
        session.report_red_flag(flag)
        return session, 0
    session.pass_screening()
    session.check_in(baseline)
    remaining: Iterator[Answer] = iter(answers)
    while not session.ended:
        if session.state is State.EXERCISE:
            session.finish_set()
        elif session.state is State.RESTING:
            session.finish_rest()
        else:
            _answer(session, next(remaining, None))
    return session, sum(1 for _ in remaining)


def _answer(session: Session, answer: Answer | None) -> None:
    if answer is None:
        session.leave()
    elif answer.red_flag:
        session.report_red_flag(answer.red_flag)
    else:
        session.check_in(answer.check_in)


def result_json(session: Session) -> dict:
    """The machine-readable account of an ended session (a contract)."""
    return {
        "program": session.program.id,
        "outcome": session.outcome.value if session.outcome else None,
        "steps": [
            {
                "kind": step.kind,
                "exercise": step.planned.exercise.id,
                "set": step.planned.set_number,
                "response": step.response.value,
                "decision": step.decision.value,
            }
            for step in session.steps
        ],
    }
