"""The set timeline: which phases, how long, in what words, and where a set stands at any second."""

import pytest

from kiosk.clinical.plan import SECONDS_PER_MOVE, PlannedSet, set_seconds
from kiosk.clinical.program import Exercise, ExerciseKind, Role
from kiosk.exercise_session.timing import (GET_READY_SECONDS, RELAX_SECONDS, PhaseKind, count_text, duration_words,
                                           set_timeline)

REST, GET_READY, MOVE, HOLD, RELAX = (PhaseKind.REST, PhaseKind.GET_READY, PhaseKind.MOVE,
                                      PhaseKind.HOLD, PhaseKind.RELAX)


def planned(kind="reps", reps=3, hold=0, sets=2, rest=0, set_number=1) -> PlannedSet:
    exercise = Exercise("bridge", "Bridge", "Lift your hips slowly.", ExerciseKind(kind),
                        reps=reps, hold=hold, sets=sets, rest=rest)
    return PlannedSet(0, Role.STRENGTHENING, exercise, set_number)


def shape(timeline):
    return [(phase.kind, phase.seconds) for phase in timeline.phases]


def test_reps_without_a_hold_are_a_count_in_then_one_movement_each():
    timeline = set_timeline(planned(reps=3, hold=0))
    assert shape(timeline) == [(GET_READY, 5), (MOVE, 3), (MOVE, 3), (MOVE, 3)]
    assert [p.label for p in timeline.phases] == ["Get ready", "Movement 1 of 3", "Movement 2 of 3",
                                                  "Movement 3 of 3"]
    assert timeline.total == GET_READY_SECONDS + 3 * SECONDS_PER_MOVE


def test_reps_with_a_hold_move_then_hold_each_time_and_match_the_plans_estimate():
    set_ = planned(reps=2, hold=5)
    timeline = set_timeline(set_)
    assert shape(timeline) == [(GET_READY, 5), (MOVE, 3), (HOLD, 5), (MOVE, 3), (HOLD, 5)]
    hold = timeline.phases[2]
    assert (hold.label, hold.detail, hold.rep, hold.reps) == ("Movement 1 of 2", "Hold for 5 seconds", 1, 2)
    assert timeline.total == GET_READY_SECONDS + set_seconds(set_.exercise)


def test_holds_count_each_hold_down_with_a_short_relax_between_them():
    timeline = set_timeline(planned(kind="hold", reps=3, hold=30))
    assert shape(timeline) == [(GET_READY, 5), (HOLD, 30), (RELAX, RELAX_SECONDS), (HOLD, 30),
                               (RELAX, RELAX_SECONDS), (HOLD, 30)]
    assert [p.label for p in timeline.phases if p.kind is HOLD] == ["Hold 1 of 3", "Hold 2 of 3", "Hold 3 of 3"]
    assert timeline.phases[1].detail == "Hold for 30 seconds"
    assert timeline.phases[2].label == "Relax"


def test_a_later_set_starts_with_its_rest_and_the_first_set_has_none():
    assert shape(set_timeline(planned(rest=45, set_number=2)))[:2] == [(REST, 45), (GET_READY, 5)]
    assert shape(set_timeline(planned(rest=45, set_number=1)))[0] == (GET_READY, 5)
    rest = set_timeline(planned(rest=45, set_number=2)).phases[0]
    assert rest.label == "Rest before the next set"


def test_the_moment_at_an_elapsed_time_gives_the_phase_and_the_seconds_it_has_left():
    timeline = set_timeline(planned(rest=10, set_number=2, reps=2, hold=4))
    # rest 0-10, get ready 10-15, move 15-18, hold 18-22, move 22-25, hold 25-29
    cases = {0: (REST, 10), 9.5: (REST, 0.5), 10: (GET_READY, 5), 14.25: (GET_READY, 0.75),
             15: (MOVE, 3), 19: (HOLD, 3), 28.5: (HOLD, 0.5)}
    for elapsed, (kind, remaining) in cases.items():
        moment = timeline.at(elapsed)
        assert (moment.phase.kind, moment.remaining) == (kind, pytest.approx(remaining)), elapsed
    assert timeline.at(-1).phase.kind is REST
    assert timeline.at(29).finished and timeline.at(1000).finished
    assert timeline.at(29).index == len(timeline.phases)


def test_the_big_figure_counts_down_in_whole_seconds_and_shows_the_movement_number_while_moving():
    timeline = set_timeline(planned(reps=10, hold=0))
    assert [timeline.at(t).big_text for t in (0, 0.5, 1, 4.2, 4.99)] == ["5", "5", "4", "1", "1"]
    assert timeline.at(5 + 3 * 2 + 1).big_text == "3"
    assert timeline.at(10_000).big_text == ""


def test_skipping_a_phase_goes_to_the_start_of_the_next_one():
    timeline = set_timeline(planned(rest=60, set_number=2))
    assert timeline.end_of_phase(12.3) == 60
    assert timeline.at(timeline.end_of_phase(12.3)).phase.kind is GET_READY


def test_one_repetition_is_a_count_in_and_one_movement():
    assert shape(set_timeline(planned(reps=1))) == [(GET_READY, 5), (MOVE, 3)]
    assert shape(set_timeline(planned(kind="hold", reps=1, hold=10))) == [(GET_READY, 5), (HOLD, 10)]


def test_a_hold_exercise_with_no_hold_time_is_counted_as_movements():
    assert shape(set_timeline(planned(kind="hold", reps=2, hold=0))) == [(GET_READY, 5), (MOVE, 3), (MOVE, 3)]


def test_long_holds_show_minutes_and_seconds():
    timeline = set_timeline(planned(kind="hold", reps=2, hold=240))
    assert timeline.phases[1].detail == "Hold for 4 minutes"
    assert timeline.at(5).big_text == "4:00"
    assert timeline.at(5 + 1).big_text == "3:59"
    assert timeline.at(5 + 181).big_text == "59"
    assert timeline.total == 5 + 240 + RELAX_SECONDS + 240


@pytest.mark.parametrize("seconds, text", [(0, "0"), (0.2, "1"), (5, "5"), (59.5, "1:00"), (60, "1:00"),
                                           (61, "1:01"), (240, "4:00"), (3599, "59:59"), (-3, "0")],
                         ids=lambda value: str(value))
def test_count_text(seconds, text):
    assert count_text(seconds) == text


@pytest.mark.parametrize("seconds, text", [(1, "1 second"), (5, "5 seconds"), (60, "1 minute"),
                                           (90, "1 minute 30 seconds"), (240, "4 minutes"),
                                           (121, "2 minutes 1 second")], ids=lambda value: str(value))
def test_duration_words(seconds, text):
    assert duration_words(seconds) == text


def test_no_count_in_when_asked_for_none():
    assert shape(set_timeline(planned(reps=1), get_ready=0)) == [(MOVE, 3)]
