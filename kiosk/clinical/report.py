"""The therapist's account of a session, in precise clinical words.

Used by `kiosk simulate` (text), and later by the therapist's summary screen.
Never shown to patients: patient screens give a next step, never a diagnosis.
"""

from __future__ import annotations

from .checkin import CheckIn
from .engine import LIGHT, Outcome, Response
from .program import Role
from .record import CheckInRecord, SessionRecord
from .red_flags import BY_ID
from .regions import REGIONS
from .session import NEW_WEAKNESS, Session

OUTCOME_TEXT: dict[Outcome, str] = {
    Outcome.RED_FLAG_STOP: "Stopped for a red flag: the patient needs a clinician's assessment now.",
    Outcome.STOPPED_WORSENING: "Stopped: a peripheralizing or worsening response persisted past the recheck.",
    Outcome.SPINAL_SOURCE_LIKELY: (
        "Spinal source likely: a lasting centralizing or abolished response during the spinal "
        "progression reduced knee-level symptoms. Continue the directional preference; "
        "core strengthening and postural correction followed."),
    Outcome.KNEE_TESTS_RECOMMENDED: (
        "Spinal movement did not centralize or abolish the knee-level symptoms: "
        "run the knee special tests and a hip screen."),
    Outcome.NO_DISTAL_SYMPTOMS: "No knee or leg symptoms at baseline: a back-care session, all blocks run.",
    Outcome.INCOMPLETE: "Incomplete: the session ended before an outcome was reached.",
}


def describe_check_in(check_in: CheckIn) -> str:
    """'pain: right knee, right front of thigh; numbness: right lower leg; NPRS 6/10'."""
    parts = []
    for label, regions in (("pain", check_in.pain), ("numbness/tingling", check_in.numbness)):
        if regions:
            names = [REGIONS[r].label for r in sorted(regions, key=lambda r: (REGIONS[r].rank, r))]
            parts.append(f"{label}: {', '.join(names)}")
    if not parts:
        parts.append("no symptoms marked")
    parts.append(f"NPRS {check_in.intensity}/10")
    if check_in.weakness:
        parts.append("leg weakness reported")
    return "; ".join(parts)


def notes(session: Session) -> list[str]:
    """Findings worth the therapist's attention beyond the outcome itself."""
    found = []
    if session.red_flag == NEW_WEAKNESS:
        found.append("New leg weakness was reported during the session.")
    elif session.red_flag:
        found.append(f"Red flag: {BY_ID[session.red_flag].clinical}.")
    if session.outcome is Outcome.KNEE_TESTS_RECOMMENDED:
        if not session.program.has_spinal_blocks:
            found.append("This program has no spinal block: the spine was not tested.")
        spinal = [s for s in session.steps if s.planned.role is Role.SPINAL]
        if any(s.response is Response.BETTER for s in spinal):
            found.append("Pain intensity fell during the spinal progression without a change in "
                         "location: noted, but an intensity-only change is not proof of a spinal source.")
    early = [s for s in session.steps if s.stopped_early]
    for step in early:
        found.append(f"The patient pressed 'my pain is worse' during {step.planned.exercise.name}, "
                     f"set {step.planned.set_number}.")
    for step in session.steps:
        if step.ended_early and not step.stopped_early:
            found.append(f"The patient ended {step.planned.exercise.name}, set {step.planned.set_number}, early: "
                         f"stopped after {step.exercised_seconds} of {step.planned_seconds} s.")
    return found


def account(session: Session) -> str:
    """A readable, numbered account of an ended session."""
    program = session.program
    lines = [f"Program: {program.id} ({program.name})"]
    if session.red_flag and not session.steps and session.baseline is None:
        lines.append(f"Red-flag screen: yes to {session.red_flag}.")
    else:
        lines.append("Red-flag screen: all answered no.")
    if session.baseline is not None:
        lines.append(f"Baseline: {describe_check_in(session.baseline)}")
    for number, step in enumerate(session.steps, 1):
        planned = step.planned
        rest = program.policy.recheck_after
        what = (f"recheck after {rest} s rest" if step.kind == "recheck"
                else f"set {planned.set_number} of {planned.sets}")
        lines.append(f"{number:>3}. {planned.exercise.name} ({planned.role.value}), {what}: "
                     f"{describe_check_in(step.check_in)}")
        decision = step.decision.value + (f" (rest {rest} s, then ask again)" if step.decision.value == "recheck"
                                          else "")
        lines.append(f"     -> {step.response.value} ({LIGHT[step.response].value}), decision: {decision}")
    outcome = session.outcome
    lines.append(f"Outcome: {outcome.value if outcome else 'none'}: {OUTCOME_TEXT.get(outcome, '')}")
    lines.extend(f"Note: {note}" for note in notes(session))
    return "\n".join(lines)


def record_of(session: Session, started_at: str = "", ended_at: str | None = None) -> SessionRecord:
    """A live session seen as a record: the therapist's summary shows both the same way."""
    check_ins = []
    if session.baseline is not None:
        check_ins.append(CheckInRecord(0, "baseline", None, None, None, None, None, session.baseline,
                                       None, None, False, started_at))
    for seq, step in enumerate(session.steps, 1):
        planned = step.planned
        check_ins.append(CheckInRecord(seq, step.kind, planned.exercise.id, planned.exercise.name,
                                       planned.role.value, planned.set_number, planned.sets, step.check_in,
                                       step.response.value, step.decision.value, step.stopped_early, "",
                                       step.exercised_seconds, step.planned_seconds))
    program = session.program
    return SessionRecord(None, "", program.id, program.name, program.source_sha256 or "", started_at, ended_at,
                         session.outcome.value if session.outcome else None, session.red_flag,
                         notes=tuple(notes(session)), check_ins=tuple(check_ins),
                         ended_by=session.ending.value if session.ending else None)
