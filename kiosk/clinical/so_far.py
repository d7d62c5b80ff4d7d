"""What the check-ins of a session showed up to its end, for a session that ended before its outcome.

An incomplete session (ended by staff, left, idle, interrupted) reached no
outcome, and its summary must not claim one; but what was seen is worth the
therapist's attention: where the most distal symptoms went from check-in to
check-in, the pain rating from the baseline to the last answer, and the best
response of any set. Clinical words, for the staff summary only.
"""

from __future__ import annotations

from .checkin import CheckIn
from .engine import Response
from .record import SessionRecord
from .regions import REGIONS

BEST_FIRST = (Response.ABOLISHED, Response.CENTRALIZING, Response.BETTER, Response.NO_EFFECT, Response.WORSE,
              Response.PERIPHERALIZING)
"""Responses from the most to the least favourable, for "the best response seen"."""


def most_distal(check_in: CheckIn) -> str:
    """The plain name of the most distal region with any symptom ("right knee"), or "no symptoms"."""
    regions = check_in.pain | check_in.numbness
    if not regions:
        return "no symptoms"
    rank = max(REGIONS[r].rank for r in regions)
    return ", ".join(REGIONS[r].label for r in sorted(r for r in regions if REGIONS[r].rank == rank))


def symptom_path(record: SessionRecord) -> list[str]:
    """The most distal symptoms at each check-in, repeats run together: ["right knee", "right back"]."""
    path: list[str] = []
    for check_in in record.check_ins:
        place = most_distal(check_in.check_in)
        if not path or path[-1] != place:
            path.append(place)
    return path


def best_response(record: SessionRecord) -> tuple[Response, str] | None:
    """The most favourable response of any set or recheck, and where it was seen ("press up, set 2 of 3")."""
    seen = [(BEST_FIRST.index(Response(step.response)), step) for step in record.steps
            if step.response in {r.value for r in Response}]
    if not seen:
        return None
    _, step = min(seen, key=lambda pair: pair[0])
    where = "recheck" if step.kind == "recheck" else f"set {step.set_number} of {step.sets}"
    name = (step.exercise_id or "").replace("_", " ") or step.exercise_name  # the clinical name, from the id
    return Response(step.response), f"{name}, {where}"


def so_far(record: SessionRecord) -> list[str]:
    """Lines for the summary of a session that ended before its outcome; no outcome is concluded."""
    baseline = record.baseline
    if baseline is None:
        return ["Ended before the baseline check-in: no symptoms were recorded."]
    steps = record.steps
    if not steps:
        return ["Ended after the baseline check-in, before the first set was rated."]
    last = steps[-1].check_in
    lines = [f"Up to the end, {len(steps)} check-in{'s' if len(steps) != 1 else ''} after the baseline.",
             f"Most distal symptoms: {' -> '.join(symptom_path(record))}.",
             f"NPRS {baseline.check_in.intensity}/10 at baseline, {last.intensity}/10 at the last check-in."]
    best = best_response(record)
    if best is not None:
        lines.append(f"Best response: {best[0].value} ({best[1]}).")
    lines.append("No outcome was reached: the progression did not run to its end, so neither a spinal source "
                 "nor the need for knee tests is concluded.")
    return lines
