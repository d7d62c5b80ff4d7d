"""The classification table of the clinical model, rule by rule, and its properties."""

import pytest
from factories import ci
from hypothesis import given
from hypothesis import strategies as st

from kiosk.clinical.checkin import CheckIn, InvalidCheckIn
from kiosk.clinical.engine import Response, classify, knee_level_sides, lowered_sides
from kiosk.clinical.regions import REGION_IDS, Side, mirror

A, P, C, W, B, N = (Response.ABOLISHED, Response.PERIPHERALIZING, Response.CENTRALIZING,
                    Response.WORSE, Response.BETTER, Response.NO_EFFECT)

CASES = [
    # abolished: symptoms before, none now
    ("abolished-knee-gone", ci("knee_right", nprs=6), ci(), A),
    ("abolished-back-only-gone", ci("back_central", nprs=3), ci(), A),
    ("abolished-numbness-only-gone", ci(numb=["lower_leg_left"]), ci(), A),
    ("abolished-intensity-without-region", ci(nprs=4), ci(), A),
    ("not-abolished-when-nothing-before", ci(), ci(), N),
    ("not-abolished-while-pain-rated", ci("knee_right", nprs=5), ci(nprs=2), C),
    # peripheralizing: any side's distal extent increased
    ("peripheralizing-thigh-to-knee", ci("thigh_front_right", nprs=4), ci("knee_right", nprs=4), P),
    ("peripheralizing-knee-to-foot", ci("knee_left", nprs=5), ci("foot_left", nprs=5), P),
    ("peripheralizing-new-symptom-from-none", ci(), ci("knee_right", nprs=3), P),
    ("peripheralizing-even-if-intensity-falls", ci("knee_right", nprs=8), ci("lower_leg_right", nprs=2), P),
    ("peripheralizing-one-side-up-other-down", ci("knee_left", "back_right", nprs=5),
     ci("back_left", "knee_right", nprs=5), P),
    ("peripheralizing-by-numbness", ci("knee_right", nprs=5), ci("knee_right", numb=["foot_right"], nprs=5), P),
    ("peripheralizing-central-to-side", ci("back_central", nprs=3), ci("back_right", nprs=3), P),
    # centralizing: one side decreased, none increased, whatever the intensity did
    ("centralizing-knee-to-thigh", ci("knee_right", "thigh_front_right", nprs=6), ci("thigh_front_right", nprs=5), C),
    ("centralizing-knee-to-back", ci("knee_right", nprs=6), ci("back_central", nprs=6), C),
    ("centralizing-with-back-pain-rising", ci("knee_right", "back_right", nprs=4), ci("back_right", nprs=8), C),
    ("centralizing-one-side-other-unchanged", ci("knee_left", "knee_right", nprs=5),
     ci("knee_left", "thigh_front_right", nprs=5), C),
    ("centralizing-numbness-retreats", ci("knee_right", numb=["foot_right"], nprs=4), ci("knee_right", nprs=4), C),
    # worse / better: same extents, intensity moved by at least the MCID
    ("worse-by-exactly-mcid", ci("knee_right", nprs=4), ci("knee_right", nprs=6), W),
    ("worse-by-more-than-mcid", ci("knee_right", nprs=2), ci("knee_right", nprs=9), W),
    ("worse-same-extent-other-region", ci("knee_right", nprs=3), ci("knee_right", "thigh_back_right", nprs=5), W),
    ("better-by-exactly-mcid", ci("knee_right", nprs=6), ci("knee_right", nprs=4), B),
    ("better-back-only", ci("back_central", nprs=7), ci("back_central", nprs=2), B),
    # no effect: anything else
    ("no-effect-rise-below-mcid", ci("knee_right", nprs=4), ci("knee_right", nprs=5), N),
    ("no-effect-fall-below-mcid", ci("knee_right", nprs=5), ci("knee_right", nprs=4), N),
    ("no-effect-identical", ci("knee_right", nprs=5), ci("knee_right", nprs=5), N),
    ("no-effect-groin-to-buttock-same-rank", ci("groin_right", nprs=3), ci("buttock_right", nprs=3), N),
]


@pytest.mark.parametrize("previous, now, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_classification_table(previous, now, expected):
    assert classify(previous, now, mcid=2) is expected


@pytest.mark.parametrize("mcid, expected", [(1, W), (2, W), (3, N)], ids=["mcid-1", "mcid-2", "mcid-3"])
def test_mcid_is_the_programs_own(mcid, expected):
    assert classify(ci("knee_right", nprs=3), ci("knee_right", nprs=5), mcid=mcid) is expected


def test_distal_extent_per_side_and_back_central_counts_zero():
    check_in = ci("back_central", "thigh_back_left", numb=["foot_right"], nprs=3)
    assert check_in.distal_extent(Side.LEFT) == 3
    assert check_in.distal_extent(Side.RIGHT) == 6
    assert ci("back_central").extents() == {Side.LEFT: 0, Side.RIGHT: 0}


def test_knee_level_sides_and_lowered_sides():
    assert knee_level_sides(ci("knee_left", "thigh_front_right")) == {Side.LEFT}
    assert lowered_sides(ci("knee_left", "knee_right"), ci("knee_left", "back_right")) == {Side.RIGHT}


@pytest.mark.parametrize("kwargs, message", [
    ({"pain": {"kneee_right"}}, "unknown body region 'kneee_right'"),
    ({"intensity": 11}, "from 0 to 10"),
    ({"intensity": -1}, "from 0 to 10"),
    ({"intensity": True}, "whole number"),
], ids=["unknown-region", "intensity-over-10", "intensity-negative", "intensity-bool"])
def test_impossible_check_ins_are_refused(kwargs, message):
    with pytest.raises(InvalidCheckIn, match=message):
        CheckIn(**kwargs)


# Properties over generated check-ins --------------------------------------------

regions = st.frozensets(st.sampled_from(REGION_IDS), max_size=6)
check_ins = st.builds(CheckIn, pain=regions, numbness=regions, intensity=st.integers(0, 10),
                      weakness=st.booleans())
mcids = st.integers(1, 5)


def mirrored(check_in: CheckIn) -> CheckIn:
    return CheckIn(frozenset(map(mirror, check_in.pain)), frozenset(map(mirror, check_in.numbness)),
                   check_in.intensity, check_in.weakness)


@given(check_ins, check_ins, mcids)
def test_classify_never_raises_and_answers_a_response(previous, now, mcid):
    assert isinstance(classify(previous, now, mcid), Response)


@given(check_ins, check_ins, mcids)
def test_mirroring_left_and_right_gives_the_same_response(previous, now, mcid):
    assert classify(mirrored(previous), mirrored(now), mcid) is classify(previous, now, mcid)


@given(check_ins, check_ins, mcids)
def test_swapping_before_and_after_turns_centralizing_into_peripheralizing(previous, now, mcid):
    if classify(previous, now, mcid) is Response.CENTRALIZING:
        assert classify(now, previous, mcid) is Response.PERIPHERALIZING


@given(check_ins, mcids)
def test_the_same_check_in_twice_is_no_effect_or_nothing_to_abolish(check_in, mcid):
    assert classify(check_in, check_in, mcid) is Response.NO_EFFECT


@given(check_ins, check_ins, mcids)
def test_worse_and_better_only_when_extents_are_unchanged(previous, now, mcid):
    if classify(previous, now, mcid) in (Response.WORSE, Response.BETTER):
        assert previous.extents() == now.extents()
        assert abs(now.intensity - previous.intensity) >= mcid
