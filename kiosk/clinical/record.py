"""A session as it is recorded: what the therapist reads, in the records or live.

Plain frozen dataclasses. The records (`kiosk.records.store`) build them from the
database; `kiosk.clinical.report.record_of` builds the same view from a live
session, so the summary screen and the exports read one shape whatever the source.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checkin import CheckIn
from .findings import ReferenceChange, TestFinding


@dataclass(frozen=True)
class CheckInRecord:
    """One recorded check-in: the baseline, a set's, or a recheck's."""

    seq: int
    kind: str
    exercise_id: str | None
    exercise_name: str | None
    role: str | None
    set_number: int | None
    sets: int | None
    check_in: CheckIn
    response: str | None
    decision: str | None
    stopped_early: bool
    answered_at: str
    exercised_seconds: int | None = None
    """Seconds of the set's movements and holds done (None: not timed, or not a set)."""
    planned_seconds: int | None = None
    """Seconds of movements and holds the set planned."""

    @property
    def ended_early(self) -> bool:
        """The set ended before its planned time (finished by the patient, or pain worse)."""
        return self.exercised_seconds is not None and self.exercised_seconds < (self.planned_seconds or 0)

    @property
    def time_done(self) -> str:
        """How long a set ended early ran, as staff read it: "stopped after 40 of 180 s" ("" otherwise)."""
        return f"stopped after {self.exercised_seconds} of {self.planned_seconds} s" if self.ended_early else ""


@dataclass(frozen=True)
class ScreeningAnswer:
    flag_id: str
    yes: bool
    during_session: bool
    answered_at: str


@dataclass(frozen=True)
class SessionRecord:
    """A whole recorded session (or, built from a live session, the same view of it)."""

    id: int | None
    uid: str
    program_id: str
    program_name: str
    program_sha256: str
    started_at: str
    ended_at: str | None
    outcome: str | None
    red_flag: str | None
    interrupted: bool = False
    notes: tuple[str, ...] = ()
    patient_ref: str | None = None
    check_ins: tuple[CheckInRecord, ...] = ()
    screening: tuple[ScreeningAnswer, ...] = ()
    kiosk_name: str = ""
    """The kiosk the session ran on (its `kiosk set-name`, else its host name)."""
    language: str = "en"
    """The patient's language for the session (a code such as es): what they read and heard."""
    test_results: tuple[TestFinding, ...] = ()
    """Every result staff entered for a special test, earlier entries too (findings.current: the latest)."""
    reference_history: tuple[ReferenceChange, ...] = ()
    """Every patient reference the session was given, oldest first; `patient_ref` is the last."""
    ended_by: str | None = None
    """How the session ended (kiosk.clinical.ending: finished, red_flag, worse, staff, patient_left, idle,
    kiosk_closed, interrupted); None while it runs, or for a session recorded before endings were kept."""

    @property
    def baseline(self) -> CheckInRecord | None:
        return next((c for c in self.check_ins if c.kind == "baseline"), None)

    @property
    def steps(self) -> tuple[CheckInRecord, ...]:
        return tuple(c for c in self.check_ins if c.kind != "baseline")
