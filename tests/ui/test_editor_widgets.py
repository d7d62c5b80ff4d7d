"""The program editor's two widgets, by touch in the real window: the dose stepper and the exercise picker."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from kivy.app import App
from kivy.core.window import Window
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout

from kiosk.clinical.program import ExerciseKind, Role
from kiosk.content import loader
from kiosk.content.fields import DOSE_FIELDS, EXERCISE_DOSE
from kiosk.content.library import Library
from kiosk.exercise_session.editor import stills as stills_module
from kiosk.exercise_session.editor.picker import ExercisePicker, PickerRow, dose_in_words, initials, roles_of
from kiosk.exercise_session.editor.stepper import DoseStepper, dose_range
from kiosk.exercise_session.editor.wording import clinical_name

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]
SCROLL_TAP_FRAMES = 20
"""A ScrollView hands a tap to its child 0.2 s after the finger lifts (it first waits to see a scroll)."""


@pytest.fixture(autouse=True)
def no_picker_left_open():
    """A picker a test leaves open would lie over the next test's window: close it."""
    yield
    for widget in list(Window.children):
        if isinstance(widget, ExercisePicker):
            widget.dismiss(animation=False)


class Host(App):
    """An app showing one widget tree, for the pilot."""

    def __init__(self, root) -> None:
        super().__init__()
        self.root_widget = root

    def build(self):
        return self.root_widget


def steppers() -> BoxLayout:
    column = BoxLayout(orientation="vertical")
    for field in DOSE_FIELDS:
        low, high, step = dose_range(field)
        unit = "s" if field in ("hold", "rest") else ""
        column.add_widget(DoseStepper(label=field.capitalize(), value=low, low=low, high=high, step=step,
                                      unit=unit))
    return column


def test_dose_ranges_come_from_the_format():
    for field in DOSE_FIELDS:
        spec = EXERCISE_DOSE.by_name[field].spec
        low, high, step = dose_range(field)
        assert (low, high) == (spec.minimum, spec.maximum)
        assert step >= 1
    assert dose_range("sets") == (1, 10, 1)
    assert dose_range("hold") == (0, 600, 1)  # the second or two at the top of a press-up
    assert dose_range("hold", "hold") == (1, 600, 5)  # a hold exercise holds for at least a second
    assert dose_range("hold", ExerciseKind.REPS) == (0, 600, 1)
    assert dose_range("rest", "hold") == (0, 600, 5)
    with pytest.raises(ValueError, match="not a dose field: 'name'; expected one of sets, reps, hold, rest"):
        dose_range("name")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stepper_buttons_are_large_at_every_size(pilot, size):
    column = steppers()
    pilot.start(Host(column), size=size)
    for stepper in column.children:
        for button in (stepper.ids.minus, stepper.ids.plus):
            assert button.height >= dp(64), (size, stepper.label, button.size)
            assert min(button.size) >= dp(48), (size, stepper.label, button.size)
            assert button.get_root_window() is not None


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stepper_by_touch_stops_at_the_bounds(pilot, size):
    column = steppers()
    pilot.start(Host(column), size=size)
    sets = next(stepper for stepper in column.children if stepper.label == "Sets")
    seen: list = []
    sets.bind(value=lambda stepper, value: seen.append(value))  # as the editor follows the dose
    assert sets.value == 1 and sets.ids.minus.disabled and not sets.ids.plus.disabled
    for expected in range(2, 11):
        pilot.tap(sets.ids.plus)
        assert sets.value == expected
        assert sets.ids.shown.text == str(expected)
    assert sets.ids.plus.disabled
    pilot.tap(sets.ids.plus)  # a disabled button takes no touch
    assert sets.value == 10
    pilot.tap(sets.ids.minus)
    assert sets.value == 9 and not sets.ids.plus.disabled
    assert seen == list(range(2, 11)) + [9]


def test_stepper_rest_moves_by_its_step_and_shows_its_unit(pilot):
    column = steppers()
    pilot.start(Host(column))
    rest = next(stepper for stepper in column.children if stepper.label == "Rest")
    rest.value = 590
    pilot.frames(1)
    pilot.tap(rest.ids.plus)
    assert rest.value == 595 and rest.ids.shown.text == "595 s"
    pilot.tap(rest.ids.plus)
    pilot.tap(rest.ids.plus)
    assert rest.value == 600 and rest.ids.plus.disabled
    rest.value = 32  # an exercise's own rest off the steps: the buttons go to the next step
    pilot.frames(1)
    pilot.tap(rest.ids.plus)
    assert rest.value == 35
    rest.value = 32
    pilot.frames(1)
    pilot.tap(rest.ids.minus)
    assert rest.value == 30


def test_stepper_value_is_clamped_when_set_from_code():
    stepper = DoseStepper(value=30, low=0, high=600)
    assert stepper.value == 30
    stepper.value = 999
    assert stepper.value == 600
    stepper.value = -5
    assert stepper.value == 0
    stepper.high = 20
    stepper.value = 15
    stepper.low = 18
    assert stepper.value == 18
    assert DoseStepper(low=1, high=10, value=50).value == 10  # whatever order the keywords come in


def test_dose_in_words_and_initials():
    library = loader.load()
    assert dose_in_words(replace(library.exercises["press_up"], sets=3, reps=10, hold=2, rest=30)) == \
        "3 sets x 10, hold 2 s, rest 30 s"
    assert dose_in_words(replace(library.exercises["press_up"], sets=1, reps=10, hold=0, rest=0)) == "1 set x 10"
    assert initials("Press-up in lying") == "PI"
    assert initials("Bridge") == "B"


def library_of(count: int) -> Library:
    """`count` exercises made from the bundled ones: a third with their video, a third drawn, a third bare."""
    bundled = loader.load()
    base = list(bundled.exercises.values())
    library = Library()
    for index in range(count):
        exercise = base[index % len(base)]
        video = exercise.video if index % 3 == 0 else None
        animation = exercise.animation if index % 3 == 1 else None
        made = replace(exercise, id=f"exercise_{index:03d}", name=f"{exercise.name} {count - index:03d}",
                       video=video, animation=animation)
        library.exercises[made.id] = made
        library.media_folders[made.id] = bundled.media_folders[exercise.id]
    return library


def open_picker(pilot, library, tmp_path, picked, size=(1280, 800)):
    pilot.start(Host(BoxLayout()), size=size)
    picker = ExercisePicker(library, picked.append, data_dir=tmp_path / "data")
    picker.open(animation=False)
    pilot.frames(2)
    return picker


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_picker_lists_the_examples_by_role_then_clinical_name_and_a_touch_picks(pilot, tmp_path, size):
    library = loader.load()
    picked: list[str] = []
    picker = open_picker(pilot, library, tmp_path, picked, size)
    roles = roles_of(library)
    shown = list(picker.rows)
    ranks = [list(Role).index(roles[e]) if e in roles else len(Role) for e in shown]
    assert ranks == sorted(ranks) and len(shown) == len(library.exercises)  # spinal, strengthening, postural, none
    for rank in set(ranks):
        names = [clinical_name(e) for e, r in zip(shown, ranks) if r == rank]
        assert names == sorted(names, key=str.casefold)
    headings = [item["text"] for item in picker.ids.listing.data if item["viewclass"] == "PickerGroup"]
    assert headings[0].startswith("Spinal: repeated movements (") and len(headings) == len(set(ranks))
    row = picker.rows["press_up"]
    assert (row.name, row.dose) == ("Press up (Press-up)", dose_in_words(library.exercises["press_up"]))
    assert roles["press_up"] is Role.SPINAL and roles["dead_bug"] is Role.STRENGTHENING
    last = list(picker.rows)[-1]
    assert len(picker.rows) == len(library.exercises) and "press_up" in picker.rows and "walk" not in picker.rows
    with pytest.raises(KeyError):
        picker.rows["walk"]
    pilot.tap(picker.rows[last], frames=SCROLL_TAP_FRAMES)
    assert picked == [last]
    assert picker.parent is None  # dismissed


def test_picker_cancel_picks_nothing(pilot, tmp_path):
    picked: list[str] = []
    picker = open_picker(pilot, loader.load(), tmp_path, picked)
    pilot.tap(picker.ids.cancel)
    pilot.frames(2)
    assert picked == [] and picker.parent is None


def test_picker_with_200_exercises(pilot, tmp_path):
    library = library_of(200)
    picked: list[str] = []
    pilot.start(Host(BoxLayout()))
    picker = ExercisePicker(library, picked.append, data_dir=tmp_path / "data")  # timed by bench/picker.py
    picker.open(animation=False)
    pilot.frames(1)
    assert len(picker.rows) == 200
    target = "exercise_100"
    pilot.tap(picker.rows[target], frames=SCROLL_TAP_FRAMES)
    assert picked == [target]


def test_picker_rows_show_stills_and_initials(pilot, tmp_path):
    library = library_of(30)  # ten with a video, ten drawn, ten with neither
    gate = threading.Event()
    stills_module._WORKER.submit(gate.wait, 20.0)  # the videos wait until the list is checked without them
    picker = open_picker(pilot, library, tmp_path, [])
    bare = [exercise_id for exercise_id, exercise in library.exercises.items()
            if exercise.video is None and exercise.animation is None]
    with_media = [exercise_id for exercise_id in library.exercises if exercise_id not in bare]
    on_screen = [view for view in picker.ids.listing.view_adapter.views.values()
                 if isinstance(view, PickerRow) and library.exercises[view.exercise_id].video is not None]
    try:
        assert on_screen and not any(view.still for view in on_screen)
        assert all(view.ids.tile.opacity == 1 for view in on_screen)
    finally:
        gate.set()
    assert picker.stills.settled(20.0), "the worker thread never finished"
    pilot.wait_until(lambda: all(picker.still_of(exercise_id) for exercise_id in with_media),
                     "every video and animation to have its still", max_frames=600)
    pilot.frames(1)
    for view in on_screen:  # rows already on screen show their still as it comes, with no scrolling
        assert view.still == picker.still_of(view.exercise_id) and view.ids.still.opacity == 1
    assert not any(picker.still_of(exercise_id) for exercise_id in bare)
    for exercise_id in (with_media[0], with_media[1]):  # one video, one drawing
        row = picker.rows[exercise_id]
        pilot.frames(1)
        assert row.ids.still.source == picker.still_of(exercise_id) and row.ids.still.texture is not None
        assert row.ids.still.opacity == 1 and row.ids.tile.opacity == 0
    row = picker.rows[bare[-1]]
    pilot.frames(1)
    assert row.ids.tile.opacity == 1 and row.ids.still.opacity == 0
    assert row.ids.tile.text == initials(clinical_name(bare[-1]))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_picker_targets_are_large_and_on_screen_at_every_size(pilot, tmp_path, size):
    pilot.start(Host(BoxLayout()), size=size)
    picker = ExercisePicker(loader.load(), [].append, data_dir=tmp_path / "data")
    picker.open(animation=False)
    pilot.frames(2)
    listing = picker.ids.listing
    targets = [picker.ids.cancel] + [view for view in listing.view_adapter.views.values()
                                     if isinstance(view, PickerRow)]
    assert len(targets) > 3
    for target in targets:
        assert min(target.size) >= dp(48), (size, target, target.size)
    window_width, window_height = size
    left, bottom = picker.ids.cancel.to_window(*picker.ids.cancel.pos)
    assert 0 <= left and 0 <= bottom and left + picker.ids.cancel.width <= window_width
    first = picker.rows[picker.order[0]]
    pilot.frames(1)
    assert first.ids.still.width >= dp(120) and first.height >= dp(96)
