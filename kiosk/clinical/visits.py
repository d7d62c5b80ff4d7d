"""A patient's visits side by side: what each session showed, in the therapist's words.

For McKenzie care the comparison with the last visit is the follow-up: where the
symptoms reached at baseline on each side, the best response and where it came,
the outcome, and the test results. Used by `kiosk history --patient` and the summary.
"""

from __future__ import annotations

from .engine import Response
from .findings import current
from .record import CheckInRecord, SessionRecord
from .regions import Side

BEST_FIRST = (Response.ABOLISHED, Response.CENTRALIZING, Response.BETTER, Response.NO_EFFECT, Response.WORSE,
              Response.PERIPHERALIZING)
"""Responses from the most to the least favourable."""
_AREA_BY_RANK = {1: "low back", 2: "buttock or groin", 3: "thigh", 4: "knee", 5: "lower leg", 6: "foot"}


def extent_words(rank: int) -> str:
    """'knee (4)': how far a side's symptoms reached, as a region and its rank."""
    return f"{_AREA_BY_RANK.get(rank, 'none')} ({rank})"


def baseline_extent(record: SessionRecord) -> str:
    """'left knee (4), right none (0)': the baseline's distal extent by side; '-' without a baseline."""
    if record.baseline is None:
        return "-"
    extents = record.baseline.check_in.extents()
    return ", ".join(f"{side.value} {extent_words(extents[side])}" for side in (Side.LEFT, Side.RIGHT))


def best_step(record: SessionRecord) -> CheckInRecord | None:
    """The step with the most favourable response (the first of equals), or None without any."""
    steps = [s for s in record.steps if s.response in {r.value for r in Response}]
    if not steps:
        return None
    return min(steps, key=lambda s: BEST_FIRST.index(Response(s.response)))


def best_response(record: SessionRecord) -> str:
    """'centralizing at Press-up, set 2 of 3' (or '-' when no set was answered)."""
    step = best_step(record)
    if step is None:
        return "-"
    what = "recheck" if step.kind == "recheck" else f"set {step.set_number} of {step.sets}"
    return f"{step.response.replace('_', ' ')} at {step.exercise_name or step.exercise_id}, {what}"


def test_words(record: SessionRecord) -> str:
    """Every test's current result, '; ' between: 'Lachman test, left: negative; ...' ('-': none)."""
    return "; ".join(finding.words() for finding in current(record.test_results)) or "-"


def previous_visit(record: SessionRecord, visits: list[SessionRecord]) -> SessionRecord | None:
    """The patient's visit just before `record` among `visits` (the same reference, any kiosk)."""
    earlier = [v for v in visits if v.uid != record.uid and (v.started_at, v.uid) < (record.started_at, record.uid)]
    return max(earlier, key=lambda v: v.started_at) if earlier else None
