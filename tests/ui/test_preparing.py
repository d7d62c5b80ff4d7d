"""Screens built ahead: by the time the patient touches, what comes next is built, laid out and its words
drawn, a slice per frame; and after the idle reset no prepared screen holds anything of the last patient.

Label renders are counted by wrapping Kivy's core label renderer (`LabelBase._render_real`): the
count is the behaviour under test (nothing drawn at the touch), the renderer itself runs unchanged.
"""

from __future__ import annotations

import functools

import pytest
from kivy.core.audio import SoundLoader
from kivy.core.text import LabelBase
from kivy.uix.label import Label
from kivy.uix.screenmanager import ScreenManager
from test_journeys import plugin_of

from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.clinical.checkin import CheckIn
from kiosk.clinical.red_flags import RED_FLAGS
from kiosk.demos.animation import Animation
from kiosk.content import media
from kiosk.exercise_session.screens import exercise as exercise_screen
from kiosk.exercise_session.coaching import safety_question
from kiosk.exercise_session.preparing import SESSION_SCREENS
from kiosk.exercise_session.words import region_name, say

PREPARED_WITHIN = 300
"""Frames the kiosk may take to prepare the next screens (a patient reads for far longer)."""


@pytest.fixture
def renders(monkeypatch):
    """Counts the label textures Kivy draws (its own renderer still does the drawing)."""
    counter = {"calls": 0}
    original = LabelBase._render_real

    @functools.wraps(original)
    def counted(self, *args, **kwargs):
        counter["calls"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(LabelBase, "_render_real", counted)
    return counter


def start(pilot, tmp_path, **options):
    app = KioskApp(ShellOptions(plugins=["exercise_session"], data=tmp_path / "data",
                                extra={"programs": ["knee_from_spine"]}, **options))
    pilot.start(app)
    return plugin_of(app).controller


def prepared(pilot, controller) -> None:
    pilot.wait_until(lambda: not controller.preparer.busy, "the next screens to be prepared", PREPARED_WITHIN)


def labels(screen) -> list[Label]:
    """Every label of a screen, those on its pages not on show included."""
    found = []
    for widget in screen.walk(restrict=True):
        found.append(widget)
        if isinstance(widget, ScreenManager):
            for page in widget.screens:
                if page.parent is None:
                    found.extend(page.walk(restrict=True))
    return [widget for widget in found if isinstance(widget, Label)]


def touch_counting(pilot, renders, widget) -> int:
    """Touch `widget`; the label textures drawn from the touch to the next screen drawn (one frame)."""
    before = renders["calls"]
    pilot.tap(widget, frames=1)
    return renders["calls"] - before


def to_the_check_in(pilot, controller) -> None:
    pilot.tap(controller.screens["attract"].ids.choices.children[0])
    for _ in range(9):
        prepared(pilot, controller)
        pilot.tap(controller.screens["safety"].ids.no)
    assert controller.current_screen_name == "check_in"


def test_every_session_screen_is_built_a_slice_a_frame_while_the_start_screen_waits(pilot, tmp_path):
    controller = start(pilot, tmp_path)
    preparer = controller.preparer
    slices = preparer.slices_run
    frames = 0
    while preparer.busy:
        pilot.frames(1)
        frames += 1
        assert preparer.slices_run - slices <= frames, "more than one slice in a frame"
        assert frames < PREPARED_WITHIN, "the screens were never all prepared"
    assert frames >= len(SESSION_SCREENS) * 2  # built, then words drawn, each in slices of its own
    assert set(SESSION_SCREENS) <= set(controller.screens)  # built without being asked for
    assert controller.screens["check_in"].built
    for name in SESSION_SCREENS:
        assert list(controller.screens[name].size) == list(controller.manager.size), f"{name} not laid out"


def test_a_touch_only_switches_no_screen_built_and_no_word_drawn_at_the_touch(pilot, tmp_path, renders,
                                                                             monkeypatch):
    controller = start(pilot, tmp_path)
    prepared(pilot, controller)
    screens = dict(controller.screens)
    to_the_check_in(pilot, controller)
    check_in = controller.screens["check_in"]
    pilot.tap_at(*check_in.ids.body_map.region_window_point("knee_right"))
    prepared(pilot, controller)
    assert touch_counting(pilot, renders, check_in.ids.next) == 0
    assert check_in.page == "how_strong"
    assert touch_counting(pilot, renders, check_in.intensity_button(5)) == 0
    assert check_in.page == "weakness"
    prepared(pilot, controller)
    rooms = {"worked out": 0}  # the demonstration's room, worked out ahead for the set's hold
    monkeypatch.setattr(Animation, "frame", lambda *args: rooms.update({"worked out": 1}) or (0, 0, 1, 1))
    at_touch = []  # the set's timeline and cues worked out, a video file read to choose what shows
    for module, name in ((exercise_screen, "coached_set"), (media, "rendered_for")):
        monkeypatch.setattr(module, name, functools.partial(
            lambda original, *args: at_touch.append(original.__name__) or original(*args), getattr(module, name)))
    assert touch_counting(pilot, renders, check_in.ids.weak_no) == 0  # into the set: its first words too
    assert controller.current_screen_name == "exercise" and rooms["worked out"] == 0
    assert at_touch == []
    assert dict(controller.screens) == screens  # the same screens: none was built at a touch


def test_each_safety_question_is_drawn_and_its_sound_loaded_ahead(pilot, tmp_path, renders, monkeypatch):
    controller = start(pilot, tmp_path)
    voice = controller.voice
    voice.preparation.wait()  # the questions' speech made (the kiosk makes it while it waits)
    loaded = []  # sounds opened by the decoder (Kivy's loader still opens them)
    original = SoundLoader.load
    monkeypatch.setattr(SoundLoader, "load", lambda path: loaded.append(path) or original(path))

    def heard(number: int) -> str:  # the sound file of question `number`
        return str(voice.preparation.ready(safety_question(RED_FLAGS[number - 1], voice.lang)))

    prepared(pilot, controller)  # the questions are queued for speech behind the screens
    voice.preparation.wait(timeout=120)  # made by eSpeak NG on its own thread, in real time (bounded)
    pilot.frames(2)  # handed back to the Kivy thread, which loads the first one
    assert voice.on and heard(1) in loaded  # loaded while the start screen waits
    loaded.clear()
    safety = controller.screens["safety"]
    assert touch_counting(pilot, renders, controller.screens["attract"].ids.choices.children[0]) == 0
    pilot.frames(2)  # the first question is asked in the frame after the touch: its sound was ready
    assert heard(1) not in loaded, "the first question's sound was loaded at the touch"
    for number in range(1, len(RED_FLAGS) + 1):
        assert safety.number == number and safety.question == say.question(RED_FLAGS[number - 1])
        assert safety.ids.progress.text == say.SAFETY_PROGRESS.format(number=number, total=len(RED_FLAGS))
        prepared(pilot, controller)
        if number < len(RED_FLAGS):  # the next question's sound, loaded while this one is read
            assert heard(number + 1) in loaded, f"question {number + 1}'s sound was not loaded ahead"
        assert touch_counting(pilot, renders, safety.ids.no) == 0, f"words rendered at answer {number}"
    assert controller.current_screen_name == "check_in"


def test_the_check_in_after_a_set_is_filled_in_while_the_set_runs(pilot, tmp_path, renders):
    controller = start(pilot, tmp_path)
    prepared(pilot, controller)
    to_the_check_in(pilot, controller)
    check_in = controller.screens["check_in"]
    pilot.tap_at(*check_in.ids.body_map.region_window_point("knee_right"))
    pilot.tap(check_in.ids.next)
    pilot.tap(check_in.intensity_button(6))
    pilot.tap(check_in.ids.weak_no)
    assert controller.current_screen_name == "exercise"
    prepared(pilot, controller)
    assert controller.current_screen_name == "exercise"  # still in the set
    assert check_in.previous == CheckIn(pain=frozenset({"knee_right"}), numbness=frozenset(), intensity=6,
                                        weakness=False)
    assert check_in.ids.body_map.pain == ["knee_right"] and region_name("knee_right") in check_in.marked_text
    # "Stop: my pain is worse" stays one touch and immediate; the check-in comes with nothing left to draw
    assert touch_counting(pilot, renders, controller.screens["exercise"].ids.pain_worse) == 0
    assert controller.current_screen_name == "check_in" and check_in.page == "where"
    assert check_in.mode == "after_set" and check_in.has_previous


def test_after_the_idle_reset_no_prepared_screen_holds_anything_of_the_last_patient(pilot, tmp_path):
    controller = start(pilot, tmp_path, idle_ask_after=10, idle_give_up_after=5)
    prepared(pilot, controller)
    to_the_check_in(pilot, controller)
    check_in = controller.screens["check_in"]
    pilot.tap_at(*check_in.ids.body_map.region_window_point("knee_right"))
    pilot.tap(check_in.ids.mark_numb)
    pilot.tap_at(*check_in.ids.body_map.region_window_point("foot_right"))
    pilot.tap(check_in.ids.next)
    pilot.tap(check_in.intensity_button(7))
    pilot.tap(check_in.ids.weak_no)
    exercise = controller.screens["exercise"]
    exercise_name = exercise.exercise_name
    prepared(pilot, controller)  # the check-in after the set is filled in with the patient's marks
    pilot.tap(exercise.ids.pain_worse)
    assert controller.current_screen_name == "check_in"
    old = {id(screen) for screen in controller.screens.values()}
    pilot.wait_until(lambda: controller.session is None, "the idle reset", 3000)  # the patient walked away
    prepared(pilot, controller)

    assert set(SESSION_SCREENS) <= set(controller.screens)
    assert not old & {id(screen) for screen in controller.screens.values()}
    new_check_in = controller.screens["check_in"]
    assert new_check_in.previous is None and new_check_in.previous_intensity == -1
    assert new_check_in.ids.body_map.pain == [] and new_check_in.ids.body_map.numbness == []
    assert not controller.screens["exercise"].exercise_name and not controller.screens["exercise"].set_text
    patients_words = {region_name("knee_right"), region_name("foot_right"), exercise_name}
    for name, screen in controller.screens.items():
        for label in labels(screen):
            assert not any(words in label.text for words in patients_words), f"{name}: {label.text!r}"


def test_a_language_chosen_at_the_start_is_in_every_prepared_screen(pilot, tmp_path):
    controller = start(pilot, tmp_path)
    english = {say.NEXT, say.MARK_PAIN, say.SAME_AS_BEFORE, say.YES, say.PAIN_WORSE, say.PAUSE, say.BACK}
    row = controller.screens["attract"].ids.languages
    pilot.tap(next(button for button in row.children if button.text == "Español"))
    prepared(pilot, controller)
    assert say.language == "es"
    spanish = {say.NEXT, say.MARK_PAIN, say.SAME_AS_BEFORE, say.YES, say.PAIN_WORSE, say.PAUSE, say.BACK}
    shown = {label.text for name in SESSION_SCREENS for label in labels(controller.screens[name])}
    assert not english & shown - spanish  # "No" is both English and Spanish
    assert {say.NEXT, say.MARK_PAIN, say.PAIN_WORSE} <= shown


def test_the_next_sets_words_and_demonstration_are_ready_while_the_check_in_is_answered(pilot, tmp_path):
    from kiosk.exercise_session.widgets.figure import ROOMS

    controller = start(pilot, tmp_path)
    prepared(pilot, controller)
    to_the_check_in(pilot, controller)
    prepared(pilot, controller)
    planned = controller.session.current  # the first set, after the baseline
    exercise = controller.screens["exercise"]
    assert controller.current_screen_name == "check_in"
    assert exercise.exercise_name == planned.exercise.text(say.language).name
    assert exercise.set_text == say.SET_OF.format(set=planned.set_number, sets=planned.sets)
    if planned.exercise.animation is not None:
        assert ROOMS[id(planned.exercise.animation)][0] is planned.exercise.animation
    check_in = controller.screens["check_in"]
    pilot.tap(check_in.ids.no_pain)
    pilot.tap(check_in.ids.weak_no)
    assert controller.current_screen_name == "exercise" and exercise.exercise_name == planned.exercise.text(
        say.language).name


def test_no_job_queued_for_the_last_patient_runs_after_the_idle_reset(pilot, tmp_path, monkeypatch):
    """The set's screen queues the check-in after it, filled from the patient's answer; the reset comes in
    the same frame, before that job ran: it is dropped with the patient, and the next one's screens come."""
    from kiosk.exercise_session import preparing

    filled = []
    original = preparing._fill_check_in
    monkeypatch.setattr(preparing, "_fill_check_in",
                        lambda controller, session, mode: filled.append(session) or original(controller, session, mode))
    controller = start(pilot, tmp_path)
    prepared(pilot, controller)
    to_the_check_in(pilot, controller)
    check_in = controller.screens["check_in"]
    pilot.tap(check_in.ids.no_pain)
    last_patient = controller.session
    pilot.tap(check_in.ids.weak_no, frames=0)  # the set shows: its jobs are queued, none has run
    assert controller.current_screen_name == "exercise" and controller.preparer.busy
    filled.clear()
    plugin_of(pilot.app).reset("timeout")
    prepared(pilot, controller)
    assert controller.session is None and last_patient not in filled
    assert set(SESSION_SCREENS) <= set(controller.screens)
