"""The cue schedule on a virtual clock: the right phrases at the right seconds, for every kind of set."""

import pytest

from kiosk.clinical.plan import PlannedSet
from kiosk.clinical.program import Exercise, ExerciseKind, Role
from kiosk.exercise_session.timing import set_timeline
from kiosk.speech.phrases import phrase, speaking_seconds, spoken
from kiosk.speech.schedule import Intro, due, rest_cues, set_cues


def planned(kind="reps", reps=3, hold=0, sets=2, rest=0, set_number=1) -> PlannedSet:
    exercise = Exercise("press_up", "Press-up", "Push up slowly.", ExerciseKind(kind),
                        reps=reps, hold=hold, sets=sets, rest=rest)
    return PlannedSet(0, Role.SPINAL, exercise, set_number)


def said(cues):
    return [(cue.at, cue.phrase.id) for cue in cues]


def heard(cues, seconds, step=1 / 60):
    """Step a virtual clock frame by frame and collect what `due` hands over, with the frame's time."""
    out, before = [], -1.0
    for frame in range(int(seconds / step) + 2):
        now = frame * step
        out += [(now, cue.phrase.id) for cue in due(cues, before, now)]
        before = now
    return out


def test_a_reps_set_counts_in_from_the_floor_then_counts_each_rep_with_hold_and_relax():
    timeline = set_timeline(planned(reps=2, hold=2), get_ready=15)
    cues = set_cues(timeline.spans(), "lying_front")
    assert said(cues) == [(0, "position.lying_front"), (12, "count.start"), (13, "count.2"), (14, "count.1"),
                          (15, "count.go+rep"), (18, "hold"), (20, "relax+rep"), (23, "hold"), (25, "set.end")]
    assert cues[0].phrase.text == "Lie face down on the mat."
    # Cues of one moment are said as one sentence, so neither cuts the other short.
    assert [c.phrase.text for c in cues if "rep" in c.phrase.id.split("+")] == ["Go. 1", "And relax. 2"]
    assert cues[-1].phrase.chime and cues[-1].phrase.text == "Well done. Please come back to the screen."


def test_the_first_set_says_the_name_and_instructions_once_before_the_count_in():
    words = spoken("exercise.press_up", "Press-up. Push up slowly.")
    intro = Intro(words, speaking_seconds(words.text, 150), recording="audio/press_up.ogg")
    assert intro.seconds == 2.6
    timeline = set_timeline(planned(reps=1), get_ready=5 + intro.seconds)
    cues = set_cues(timeline.spans(), "standing", intro=intro)
    assert said(cues)[:2] == [(0, "exercise.press_up"), (2.6, "position.standing")]
    assert cues[0].recording == "audio/press_up.ogg" and cues[1].recording is None
    assert said(cues)[-2:] == [(7.6, "count.go+rep"), (10.6, "set.end")]


def test_a_short_count_in_only_says_where_and_go():
    cues = set_cues(set_timeline(planned(reps=1), get_ready=3).spans(), "sitting")
    assert said(cues) == [(0, "position.sitting"), (3, "count.go+rep"), (6, "set.end")]


def test_a_long_hold_tells_the_minutes_left_and_the_last_ten_seconds():
    cues = set_cues(set_timeline(planned(kind="hold", reps=2, hold=180), get_ready=15).spans(), "lying_front")
    assert said(cues)[4:] == [(15, "count.go+hold"), (75, "time_left.minutes"), (135, "time_left.minute"),
                              (185, "time_left.seconds"), (195, "relax"), (198, "hold"), (258, "time_left.minutes"),
                              (318, "time_left.minute"), (368, "time_left.seconds"), (378, "set.end")]
    assert cues[5].phrase.text == "2 minutes to go." and cues[6].phrase.text == "1 minute to go."


def test_a_short_hold_is_not_counted_down_aloud():
    cues = set_cues(set_timeline(planned(kind="hold", reps=1, hold=10), get_ready=5).spans(), "standing")
    assert [i for _, i in said(cues)] == ["position.standing", "count.start", "count.2", "count.1",
                                          "count.go+hold", "set.end"]


def test_the_rest_between_sets_says_what_to_do_then_calls_when_time_is_up():
    timeline = set_timeline(planned(reps=1, rest=30, set_number=2), get_ready=15)
    cues = set_cues(timeline.spans(), "lying_front")
    assert said(cues)[:2] == [(0, "rest.between"), (30, "get_ready.after_rest+position.lying_front")]
    assert cues[1].phrase.text == "Time is up. Lie face down on the mat."


def test_the_recheck_rest_says_what_to_do_the_minutes_left_and_calls_at_the_end():
    assert said(rest_cues(300)) == [(0, "recheck.start"), (60, "time_left.minutes"), (120, "time_left.minutes"),
                                    (180, "time_left.minutes"), (240, "time_left.minute"), (300, "recheck.end")]
    assert [c.phrase.text for c in rest_cues(150)] == [
        "Let's rest for a few minutes. Sit or lie comfortably, and do not do the exercise now.",
        "2 minutes to go.", "1 minute to go.", "The rest is over. Please come back to the screen."]


def test_on_a_virtual_clock_every_cue_comes_once_on_the_first_frame_at_or_after_its_moment():
    cues = set_cues(set_timeline(planned(reps=2, hold=2), get_ready=15).spans(), "lying_front")
    got = heard(cues, 25)
    assert [i for _, i in got] == [i for _, i in said(cues)]
    assert all(0 <= t - at < 1 / 60 + 1e-9 for (t, _), (at, _) in zip(got, said(cues)))


def test_nothing_is_due_while_the_set_is_paused():
    cues = set_cues(set_timeline(planned(reps=2, hold=2), get_ready=15).spans(), "lying_front")
    moments = sorted({cue.at for cue in cues})
    paused_at = next(at for at in moments if at > 5)  # paused on the very frame a cue is due
    before = max(at for at in moments if at < paused_at)
    now_due = [c.phrase.id for c in due(cues, before, paused_at)]
    assert now_due == [c.phrase.id for c in cues if c.at == paused_at] and now_due  # said on that frame
    # A pause freezes the set's time: however many frames pass, that cue is not said again, nor the next.
    assert all(due(cues, paused_at, paused_at) == [] for _ in range(600))
    assert all(due(cues, paused_at, paused_at + 1e-12) == [] for _ in range(600))  # a frame's float dust
    after = min(at for at in moments if at > paused_at)
    assert [c.phrase.id for c in due(cues, paused_at, after)] == [c.phrase.id for c in cues if c.at == after]


def test_every_phrase_has_an_id_a_language_and_english_when_a_catalogue_lacks_it():
    assert phrase("hold", "fr") == phrase("hold", "en")  # no French catalogue: English, said as English
    assert (phrase("hold", "es").lang, phrase("hold", "es").text) == ("es", "Mantenga.")
    assert phrase("rep", number=7).text == "7"


def test_a_hold_of_whole_minutes_after_a_long_intro_does_not_say_the_full_time_as_it_starts():
    # An intro of 57.3 s puts the hold's start on a float that 180 - 180 does not give back exactly.
    cues = set_cues(set_timeline(planned(kind="hold", reps=1, hold=180), get_ready=57.3 + 15).spans(), "lying_front")
    assert [c.phrase.text for c in cues if c.phrase.id.startswith("time_left")] == [
        "2 minutes to go.", "1 minute to go.", "10 seconds to go."]


def test_a_session_says_each_exercises_instructions_once_before_its_first_set_only():
    """press_up has two sets: read again before the second, the patient would hear it all twice."""
    from kiosk.clinical.plan import get_ready_seconds, plan_sets
    from kiosk.content import loader
    from kiosk.exercise_session.coaching import coached_set

    program = loader.load().programs["knee_from_spine"]
    sets = plan_sets(program)
    assert [p.set_number for p in sets if p.exercise.id == "press_up"] == [1, 2]
    for lang in ("en", "es"):
        intros = [(p.exercise.id, p.set_number) for p in sets
                  for cue in coached_set(p, True, lang)[1] if cue.phrase.id.startswith("exercise.")]
        assert intros == [(p.exercise.id, 1) for p in sets if p.set_number == 1]
    second = next(p for p in sets if p.exercise.id == "press_up" and p.set_number == 2)
    timeline, cues = coached_set(second, True)
    assert said(cues)[0] == (0, "rest.between")
    assert said(cues)[1] == (second.rest_before, f"get_ready.after_rest+position.{second.exercise.position.value}")
    [get_ready] = [phase.seconds for phase in timeline.phases if phase.kind.value == "get_ready"]
    assert get_ready == get_ready_seconds(second.exercise)  # no time kept for instructions not said


HOLDS_TOLD = [
    (29, []),
    (30, [(20, "10 seconds to go.")]),
    (60, [(50, "10 seconds to go.")]),  # a whole minute: "hold" is said at its start
    (61, [(1, "1 minute to go."), (51, "10 seconds to go.")]),
    (90, [(30, "1 minute to go."), (80, "10 seconds to go.")]),
    (119, [(59, "1 minute to go."), (109, "10 seconds to go.")]),
    (120, [(60, "1 minute to go."), (110, "10 seconds to go.")]),
    (150, [(30, "2 minutes to go."), (90, "1 minute to go."), (140, "10 seconds to go.")]),
]
"""(hold seconds, what is told from its start: seconds after the start, words)."""


@pytest.mark.parametrize("hold, told", HOLDS_TOLD, ids=[f"{hold}s" for hold, _ in HOLDS_TOLD])
def test_a_hold_is_told_each_minute_left_and_the_last_ten_seconds_from_30_seconds_up(hold, told):
    cues = set_cues(set_timeline(planned(kind="hold", reps=1, hold=hold), get_ready=5).spans(), "standing")
    [start] = [cue.at for cue in cues if cue.phrase.id.endswith("hold")]
    assert [(cue.at - start, cue.phrase.text) for cue in cues if cue.phrase.id.startswith("time_left")] == told
