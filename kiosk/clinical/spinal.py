"""Judging the spinal progression: is a spinal source of the knee pain likely?

docs/clinical-model.md: a lasting centralizing or abolished response during the spinal
progression that lowered a side whose baseline had knee-level symptoms makes a
spinal source likely; otherwise the therapist should run knee and hip tests.

Why every such response that the session got past is "lasting": any later
spread outwards is a red response, and a red response that has not settled back
by the recheck ends the session as stopped_worsening. So the extent of a side
never rises again in a session that is still going.
"""

from __future__ import annotations

from typing import Iterable, Protocol

from .checkin import CheckIn
from .engine import Outcome, Response, knee_level_sides, lowered_sides

_SPINAL_EVIDENCE = (Response.CENTRALIZING, Response.ABOLISHED)


class Observation(Protocol):
    """A classified check-in: what it was compared with, and the response."""

    reference: CheckIn
    check_in: CheckIn
    response: Response


def judge_spinal_progression(baseline: CheckIn, spinal_steps: Iterable[Observation]) -> Outcome:
    """The outcome the spinal progression points to, given the baseline."""
    knee_sides = knee_level_sides(baseline)
    if not knee_sides:
        return Outcome.NO_DISTAL_SYMPTOMS
    for step in spinal_steps:
        if step.response in _SPINAL_EVIDENCE and lowered_sides(step.reference, step.check_in) & knee_sides:
            return Outcome.SPINAL_SOURCE_LIKELY
    return Outcome.KNEE_TESTS_RECOMMENDED
