"""The response engine: how one set changed the symptoms, and what that means.

Pure functions over check-ins, exactly by the table in docs/clinical-model.md. No
clock, no I/O, no randomness: the session feeds it and decides what comes next.
"""

from __future__ import annotations

import enum

from .checkin import CheckIn
from .regions import KNEE_LEVEL_RANK, Side

DEFAULT_MCID = 2
"""Smallest change that matters on the 0-10 scale (Ostelo 2008)."""


class Response(enum.Enum):
    """How the symptoms changed over one set, in the order the rules are checked."""

    ABOLISHED = "abolished"
    PERIPHERALIZING = "peripheralizing"
    CENTRALIZING = "centralizing"
    WORSE = "worse"
    BETTER = "better"
    NO_EFFECT = "no_effect"


class Light(enum.Enum):
    """The stoplight colour of a response (MDT's traffic-light guide)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


LIGHT: dict[Response, Light] = {
    Response.ABOLISHED: Light.GREEN,
    Response.CENTRALIZING: Light.GREEN,
    Response.BETTER: Light.GREEN,
    Response.NO_EFFECT: Light.YELLOW,
    Response.PERIPHERALIZING: Light.RED,
    Response.WORSE: Light.RED,
}


class Decision(enum.Enum):
    """What the session does after a step.

    continue: another set of the same exercise; progress: on to the next exercise
    of the plan; recheck: rest, then ask again; stop: the session ends here.
    """

    CONTINUE = "continue"
    PROGRESS = "progress"
    RECHECK = "recheck"
    STOP = "stop"


class Outcome(enum.Enum):
    """The one result a session ends in (docs/clinical-model.md)."""

    RED_FLAG_STOP = "red_flag_stop"
    STOPPED_WORSENING = "stopped_worsening"
    SPINAL_SOURCE_LIKELY = "spinal_source_likely"
    KNEE_TESTS_RECOMMENDED = "knee_tests_recommended"
    NO_DISTAL_SYMPTOMS = "no_distal_symptoms"
    INCOMPLETE = "incomplete"


SIDES = (Side.LEFT, Side.RIGHT)


def classify(previous: CheckIn, now: CheckIn, mcid: int = DEFAULT_MCID) -> Response:
    """The response of one set: `now` compared with the check-in before it."""
    if previous.has_symptoms and not now.has_symptoms:
        return Response.ABOLISHED
    before, after = previous.extents(), now.extents()
    if any(after[side] > before[side] for side in SIDES):
        return Response.PERIPHERALIZING
    if any(after[side] < before[side] for side in SIDES):
        return Response.CENTRALIZING
    change = now.intensity - previous.intensity
    if change >= mcid:
        return Response.WORSE
    if -change >= mcid:
        return Response.BETTER
    return Response.NO_EFFECT


def light(response: Response) -> Light:
    """The stoplight colour of `response`."""
    return LIGHT[response]


def lowered_sides(previous: CheckIn, now: CheckIn) -> frozenset[Side]:
    """Sides whose distal extent fell from `previous` to `now`."""
    before, after = previous.extents(), now.extents()
    return frozenset(side for side in SIDES if after[side] < before[side])


def knee_level_sides(check_in: CheckIn) -> frozenset[Side]:
    """Sides with symptoms at the knee or further down the leg."""
    extents = check_in.extents()
    return frozenset(side for side in SIDES if extents[side] >= KNEE_LEVEL_RANK)


def is_new_weakness(previous: CheckIn, now: CheckIn) -> bool:
    """Leg weakness reported now that was not there at the check-in before."""
    return now.weakness and not previous.weakness
