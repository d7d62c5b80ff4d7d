"""How a session ended, beside its outcome: the staff's view of why it stopped when it did.

The outcome (kiosk.clinical.engine.Outcome) says what the session showed; the
ending says what ended it. An outcome that was reached says it by itself
(finished, a red flag, a worsening); an incomplete session needs the reason it
stopped early: staff ended it, the patient left, no one touched the screen
(idle), the kiosk was closed, or it was interrupted (a crash or a power cut,
found at the next start). These ids are part of the records, CSV and FHIR.
"""

from __future__ import annotations

import enum

from .engine import Outcome


class Ending(enum.Enum):
    FINISHED = "finished"
    RED_FLAG = "red_flag"
    WORSE = "worse"
    STAFF = "staff"
    PATIENT_LEFT = "patient_left"
    IDLE = "idle"
    KIOSK_CLOSED = "kiosk_closed"
    INTERRUPTED = "interrupted"


ENDING_TEXT = {
    Ending.FINISHED: "finished: every planned set that the outcome called for was done",
    Ending.RED_FLAG: "stopped for a red flag",
    Ending.WORSE: "stopped: symptoms peripheralized or worsened and stayed so at the recheck",
    Ending.STAFF: "ended by staff from the staff screen",
    Ending.PATIENT_LEFT: "the patient chose to stop",
    Ending.IDLE: "ended after no touch for the idle time (the patient walked away)",
    Ending.KIOSK_CLOSED: "ended when the kiosk was closed",
    Ending.INTERRUPTED: "interrupted: the kiosk stopped (crash or power cut) and found it at its next start",
}
"""Staff words for each ending (summary screen, exports' descriptions)."""

LEFT_BECAUSE = {"staff": Ending.STAFF, "patient_left": Ending.PATIENT_LEFT, "timeout": Ending.IDLE,
                "idle": Ending.IDLE, "stop": Ending.KIOSK_CLOSED}
"""Why a session was left before its outcome (the shell's reset reasons) -> its ending."""


def ending_for(outcome: Outcome | None, left_because: str | None = None) -> Ending:
    """The ending of a session that ended in `outcome`; an incomplete one by why it was left."""
    if outcome is Outcome.RED_FLAG_STOP:
        return Ending.RED_FLAG
    if outcome is Outcome.STOPPED_WORSENING:
        return Ending.WORSE
    if outcome is Outcome.INCOMPLETE or outcome is None:
        return LEFT_BECAUSE.get(left_because or "", Ending.PATIENT_LEFT)
    return Ending.FINISHED


def ending_text(ended_by: str | None) -> str:
    """Staff words for a recorded ending; sessions recorded before endings were kept say so."""
    try:
        return ENDING_TEXT[Ending(ended_by)]
    except ValueError:
        return "not recorded (a session from before the kiosk kept how sessions end)"
