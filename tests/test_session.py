"""Every decision path of the session machine (the stoplight rule of docs/clinical-model.md)."""

import pytest
from factories import ci, program

from kiosk.clinical.engine import Decision, Outcome, Response
from kiosk.clinical.session import NEW_WEAKNESS, TRANSITIONS, Event, InvalidTransition, Session, State

KNEE = ci("knee_right", "thigh_front_right", nprs=6)
THIGH = ci("thigh_front_right", nprs=5)
BACK = ci("back_central", nprs=4)


def started(prog=None, baseline=KNEE) -> Session:
    session = Session(prog or program())
    session.pass_screening()
    session.check_in(baseline)
    return session


def do_set(session: Session, check_in, pain_worse=False):
    assert session.state is State.EXERCISE
    session.finish_set(pain_worse=pain_worse)
    return session.check_in(check_in)


def recheck(session: Session, check_in):
    assert session.state is State.RESTING
    session.finish_rest()
    return session.check_in(check_in)


def trail(session):
    return [(s.kind, s.planned.exercise.id, s.planned.set_number, s.response.value, s.decision.value)
            for s in session.steps]


def test_a_red_flag_at_the_screen_ends_before_any_exercise():
    session = Session(program())
    session.report_red_flag("saddle_numbness")
    assert (session.outcome, session.red_flag, session.steps) == (Outcome.RED_FLAG_STOP, "saddle_numbness", [])
    assert session.ended and session.current is None


@pytest.mark.parametrize("state", [State.EXERCISE, State.CHECK_IN, State.RESTING, State.RECHECK, State.BASELINE],
                         ids=lambda s: f"during-{s.value}")
def test_a_red_flag_at_any_time_ends_the_session(state):
    session = Session(program())
    session.pass_screening()
    if state is not State.BASELINE:
        session.check_in(KNEE)
    if state in (State.CHECK_IN, State.RESTING, State.RECHECK):
        session.finish_set()
    if state in (State.RESTING, State.RECHECK):
        session.check_in(ci("foot_right", nprs=7))
    if state is State.RECHECK:
        session.finish_rest()
    assert session.state is state
    session.report_red_flag("bladder_bowel_change")
    assert session.outcome is Outcome.RED_FLAG_STOP and session.ended


def test_unknown_red_flag_is_refused():
    with pytest.raises(ValueError, match="unknown red flag"):
        Session(program()).report_red_flag("headache")


def test_new_weakness_after_a_set_is_a_red_flag_stop():
    session = started()
    step = do_set(session, ci("knee_right", nprs=6, weak=True))
    assert step.decision is Decision.STOP
    assert (session.outcome, session.red_flag) == (Outcome.RED_FLAG_STOP, NEW_WEAKNESS)


def test_weakness_already_there_at_baseline_is_not_new():
    session = started(baseline=ci("knee_right", nprs=6, weak=True))
    step = do_set(session, ci("knee_right", nprs=6, weak=True))
    assert step.decision is Decision.CONTINUE and not session.ended


def test_new_weakness_at_a_recheck_is_a_red_flag_stop():
    session = started()
    do_set(session, ci("foot_right", nprs=6))
    step = recheck(session, ci("knee_right", nprs=6, weak=True))
    assert step.decision is Decision.STOP and session.outcome is Outcome.RED_FLAG_STOP


def test_green_continues_the_sets_then_progresses():
    session = started()
    first = do_set(session, THIGH)
    assert (first.response, first.decision) == (Response.CENTRALIZING, Decision.CONTINUE)
    assert session.current.set_number == 2
    second = do_set(session, THIGH)
    assert (second.response, second.decision) == (Response.NO_EFFECT, Decision.PROGRESS)
    assert session.current.exercise.id == "standing_extension"


def test_yellow_continues_as_planned():
    session = started()
    assert do_set(session, KNEE).decision is Decision.CONTINUE
    assert do_set(session, KNEE).decision is Decision.PROGRESS


def test_the_latest_check_in_is_the_reference_for_the_next_set():
    session = started()
    do_set(session, THIGH)
    assert session.reference == THIGH
    assert do_set(session, KNEE).response is Response.PERIPHERALIZING


@pytest.mark.parametrize("red, response", [
    (ci("foot_right", nprs=6), Response.PERIPHERALIZING),
    (ci("knee_right", "thigh_front_right", nprs=9), Response.WORSE),
], ids=["peripheralizing", "worse"])
def test_a_red_response_rests_then_rechecks(red, response):
    session = started()
    step = do_set(session, red)
    assert (step.response, step.decision, session.state) == (response, Decision.RECHECK, State.RESTING)
    assert session.recheck_after == 300


def test_a_passing_red_carries_on_with_the_next_planned_set():
    session = started()
    do_set(session, ci("foot_right", nprs=6))
    step = recheck(session, ci("knee_right", nprs=6))
    assert (step.kind, step.reference, step.response, step.decision) == (
        "recheck", KNEE, Response.NO_EFFECT, Decision.CONTINUE)
    assert session.current.set_number == 2 and session.reference == ci("knee_right", nprs=6)


@pytest.mark.parametrize("still", [ci("foot_right", nprs=6), ci("knee_right", "thigh_front_right", nprs=8)],
                         ids=["still-peripheral", "still-worse"])
def test_a_red_that_lasts_past_the_recheck_stops_the_session(still):
    session = started()
    do_set(session, ci("foot_right", nprs=9))
    step = recheck(session, still)
    assert step.decision is Decision.STOP and session.outcome is Outcome.STOPPED_WORSENING


def test_lasting_centralizing_in_the_spinal_progression_goes_on_to_the_other_blocks():
    session = started()
    do_set(session, THIGH)
    do_set(session, THIGH)
    step = do_set(session, BACK)
    assert step.decision is Decision.PROGRESS and session.current.exercise.id == "bridge"
    last = do_set(session, BACK)
    assert last.decision is Decision.STOP and session.outcome is Outcome.SPINAL_SOURCE_LIKELY
    assert [s[1] for s in trail(session)] == ["press_up", "press_up", "standing_extension", "bridge"]


def test_abolished_knee_pain_in_the_spinal_progression_is_a_spinal_source():
    session = started()
    assert do_set(session, ci()).response is Response.ABOLISHED
    for _ in range(3):
        do_set(session, ci())
    assert session.outcome is Outcome.SPINAL_SOURCE_LIKELY


def test_no_effect_on_the_knee_ends_with_knee_tests_after_the_spinal_progression():
    session = started()
    for _ in range(3):
        step = do_set(session, KNEE)
    assert step.decision is Decision.STOP and session.outcome is Outcome.KNEE_TESTS_RECOMMENDED
    assert len(session.steps) == 3


def test_knee_tests_can_go_on_to_the_other_blocks_when_the_program_says_so():
    session = started(program(after_no_effect="continue"))
    for _ in range(4):
        do_set(session, KNEE)
    assert session.outcome is Outcome.KNEE_TESTS_RECOMMENDED and session.steps[-1].planned.exercise.id == "bridge"


def test_an_intensity_only_change_is_not_a_spinal_source():
    session = started()
    assert do_set(session, ci("knee_right", "thigh_front_right", nprs=2)).response is Response.BETTER
    do_set(session, ci("knee_right", "thigh_front_right", nprs=2))
    do_set(session, ci("knee_right", "thigh_front_right", nprs=2))
    assert session.outcome is Outcome.KNEE_TESTS_RECOMMENDED


def test_centralizing_on_a_side_without_knee_symptoms_is_not_a_spinal_source():
    session = started(baseline=ci("knee_left", "thigh_front_right", nprs=5))
    assert do_set(session, ci("knee_left", nprs=5)).response is Response.CENTRALIZING
    do_set(session, ci("knee_left", nprs=5))
    do_set(session, ci("knee_left", nprs=5))
    assert session.outcome is Outcome.KNEE_TESTS_RECOMMENDED


def test_centralizing_outside_the_spinal_blocks_does_not_count():
    session = started(program(after_no_effect="continue"))
    for _ in range(3):
        do_set(session, KNEE)
    do_set(session, BACK)
    assert session.outcome is Outcome.KNEE_TESTS_RECOMMENDED


def test_a_recheck_after_the_last_spinal_set_is_judged_with_it():
    session = started()
    do_set(session, KNEE)
    do_set(session, KNEE)
    do_set(session, ci("foot_right", nprs=6))
    step = recheck(session, THIGH)
    assert step.response is Response.CENTRALIZING and step.decision is Decision.PROGRESS
    do_set(session, THIGH)
    assert session.outcome is Outcome.SPINAL_SOURCE_LIKELY


def test_no_knee_symptoms_at_baseline_runs_every_block():
    session = started(baseline=ci("back_central", "thigh_back_left", nprs=5))
    for _ in range(4):
        do_set(session, BACK)
    assert session.outcome is Outcome.NO_DISTAL_SYMPTOMS and len(session.steps) == 4


def test_a_program_without_spinal_blocks_runs_whole_and_recommends_knee_tests():
    session = started(program(spinal=(), strengthening=(("bridge", 2),), postural=(("slouch", 1),)))
    for _ in range(3):
        do_set(session, BACK)
    assert session.outcome is Outcome.KNEE_TESTS_RECOMMENDED and len(session.steps) == 3


def test_pain_worse_goes_straight_to_a_check_in_and_is_recorded():
    session = started()
    session.finish_set(pain_worse=True)
    assert session.state is State.CHECK_IN
    assert session.check_in(KNEE).stopped_early


@pytest.mark.parametrize("state", [s for s in State if s is not State.ENDED], ids=lambda s: s.value)
def test_leaving_at_any_time_is_incomplete(state):
    session = Session(program())
    moves = {State.BASELINE: [session.pass_screening],
             State.EXERCISE: [session.pass_screening, lambda: session.check_in(KNEE)]}
    moves[State.CHECK_IN] = moves[State.EXERCISE] + [session.finish_set]
    moves[State.RESTING] = moves[State.CHECK_IN] + [lambda: session.check_in(ci("foot_right", nprs=6))]
    moves[State.RECHECK] = moves[State.RESTING] + [session.finish_rest]
    for move in moves.get(state, []):
        move()
    assert session.state is state
    session.leave()
    assert session.outcome is Outcome.INCOMPLETE


# The session machine's table, written out by hand from the stoplight rule: in every state but the
# end, a red flag and leaving are always possible; otherwise only the one step each state waits for.
ALLOWED = {
    State.SCREENING: {Event.SCREEN_PASSED},
    State.BASELINE: {Event.CHECK_IN},
    State.EXERCISE: {Event.SET_DONE},
    State.CHECK_IN: {Event.CHECK_IN},
    State.RESTING: {Event.REST_DONE},
    State.RECHECK: {Event.CHECK_IN},
    State.ENDED: set(),
}
ALWAYS_BEFORE_THE_END = {Event.RED_FLAG, Event.LEAVE}
FIRE = {Event.SCREEN_PASSED: lambda s: s.pass_screening(), Event.RED_FLAG: lambda s: s.report_red_flag("both_legs"),
        Event.CHECK_IN: lambda s: s.check_in(KNEE), Event.SET_DONE: lambda s: s.finish_set(),
        Event.REST_DONE: lambda s: s.finish_rest(), Event.LEAVE: lambda s: s.leave()}


def allowed(state: State) -> set[Event]:
    return ALLOWED[state] | (ALWAYS_BEFORE_THE_END if state is not State.ENDED else set())


def test_the_table_allows_exactly_the_transitions_written_out_here():
    assert set(TRANSITIONS) == {(state, event) for state in State for event in allowed(state)}


@pytest.mark.parametrize("state", list(State), ids=lambda s: s.value)
def test_every_other_event_is_refused_as_an_invalid_transition(state):
    for event in set(Event) - allowed(state):
        session = Session(program())
        session.state = state
        assert not session.can(event)
        with pytest.raises(InvalidTransition, match=f"can't {event.value} from {state.value}"):
            FIRE[event](session)
        assert session.state is state and session.outcome is None


def test_the_rest_between_sets_comes_from_the_exercise():
    from factories import exercise

    from kiosk.clinical.plan import plan_sets
    from kiosk.clinical.program import Block, Program, Role
    planned = plan_sets(Program("p", "P", (Block(Role.SPINAL, (exercise("press_up", sets=2, rest=45),)),)))
    assert [p.rest_before for p in planned] == [0, 45]
    assert [p.is_last_spinal for p in planned] == [False, True]
