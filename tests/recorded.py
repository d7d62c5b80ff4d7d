"""Real session records for the export tests: sessions driven through the session machine,
every answer recorded in a temporary SQLite store the way the kiosk records them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from kiosk.clinical.checkin import CheckIn
from kiosk.clinical.program import Program
from kiosk.clinical.red_flags import RED_FLAG_IDS
from kiosk.clinical.session import Session, State
from kiosk.clinical.simulate import first_red_flag
from kiosk.content.script import load_script
from kiosk.records.store import Records

ROOT = Path(__file__).resolve().parent.parent
PATIENTS = ROOT / "examples" / "patients"


class Clock:
    """Answer times: one minute apart from `start` (UTC)."""

    def __init__(self, start: str) -> None:
        self.time = datetime.fromisoformat(start.replace("Z", "+00:00")).astimezone(timezone.utc)

    def __call__(self) -> str:
        stamp = self.time.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.time += timedelta(minutes=1)
        return stamp


def record_session(records: Records, program: Program, start: str, red_flags=(), baseline: CheckIn | None = None,
                   answers=(), reference: str | None = None, notes=(), left_because: str | None = None,
                   language: str = "en") -> int:
    """Drive a session with the answers, recording each one as the kiosk does; returns its id.

    `answers` are CheckIns, or red-flag ids reported instead of a check-in.
    """
    clock = Clock(start)
    session_id = records.start_session(program, started_at=clock(), language=language)
    session = Session(program)
    flag = first_red_flag(red_flags)
    for flag_id in RED_FLAG_IDS:
        records.record_screening(session_id, flag_id, flag_id == flag, answered_at=clock())
        if flag_id == flag:
            session.report_red_flag(flag)
            break
    else:
        session.pass_screening()
        session.check_in(baseline)
        records.record_check_in(session_id, "baseline", baseline, answered_at=clock())
        _play(records, session_id, session, iter(answers), clock, left_because)
    if reference:
        records.set_reference(session_id, reference)
    records.end_session(session_id, session.outcome.value, session.red_flag, list(notes), ended_at=clock(),
                        ended_by=session.ending.value)
    return session_id


def _play(records: Records, session_id: int, session: Session, answers, clock: Clock,
          left_because: str | None = None) -> None:
    while not session.ended:
        if session.state is State.EXERCISE:
            session.finish_set()
        elif session.state is State.RESTING:
            session.finish_rest()
        else:
            answer = next(answers, None)
            if answer is None:
                session.leave(left_because)
            elif isinstance(answer, str):
                records.record_screening(session_id, answer, True, during_session=True, answered_at=clock())
                session.report_red_flag(answer)
            else:
                step = session.check_in(answer)
                records.record_check_in(session_id, step.kind, answer, step, answered_at=clock())


def record_script(records: Records, program: Program, name: str, start: str, reference: str | None = None,
                  language: str = "en") -> int:
    """Record one of examples/patients/*.yaml."""
    script, problems = load_script(PATIENTS / f"{name}.yaml")
    assert script is not None, problems
    answers = [a.red_flag or a.check_in for a in script.check_ins]
    return record_session(records, program, start, script.red_flags, script.baseline, answers, reference,
                          language=language)
