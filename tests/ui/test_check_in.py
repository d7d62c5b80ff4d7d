"""The check-in screen and the body map, by touch."""

import pytest
from kivy.metrics import dp
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget
from pilot import ScreenHost

from kiosk.clinical.checkin import CheckIn
from kiosk.clinical.regions import REGION_IDS
from kiosk.exercise_session.screens.check_in import CheckInScreen, marked_in_words
from kiosk.exercise_session.words import say as words
from kiosk.exercise_session.widgets.body_map import BodyMap

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]


@pytest.fixture
def check_in(pilot):
    """check_in(mode, previous, size) -> the screen shown, with `.answers` collecting on_check_in."""

    def open_(mode="baseline", previous=None, size=(1280, 800)) -> CheckInScreen:
        screen = CheckInScreen(name="check_in")
        screen.answers = []
        screen.worries = 0
        screen.bind(on_check_in=lambda _, answer: screen.answers.append(answer))
        screen.bind(on_worry=lambda *_: setattr(screen, "worries", screen.worries + 1))
        pilot.start(ScreenHost(screen), size=size)
        screen.show(mode, previous)
        pilot.frames(3)
        return screen

    return open_


def touch_region(pilot, screen, region_id):
    pilot.tap_at(*screen.ids.body_map.region_window_point(region_id))


# The map's geometry (its outlines are checked in test_body_map.py) ----------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_region_is_a_large_touch_target_at_every_screen_size(check_in, size):
    screen = check_in(size=size)
    body_map = screen.ids.body_map
    for region_id in REGION_IDS:
        for x, y, w, h in body_map.region_rects(region_id):
            assert w >= dp(48) and h >= dp(48), f"{region_id} is only {w:.0f}x{h:.0f} px at {size}"
            assert 0 <= x and x + w <= size[0] and 0 <= y and y + h <= size[1], f"{region_id} is off screen"


# Answers by touch -----------------------------------------------------------------------------


def test_touching_regions_marks_pain_and_numbness_apart_and_touching_again_undoes(check_in, pilot):
    screen = check_in()
    touch_region(pilot, screen, "knee_right")
    touch_region(pilot, screen, "thigh_front_right")
    touch_region(pilot, screen, "thigh_front_right")  # changed their mind
    pilot.tap(screen.ids.mark_numb)
    touch_region(pilot, screen, "foot_right")
    assert screen.ids.body_map.pain == ["knee_right"]
    assert screen.ids.body_map.numbness == ["foot_right"]
    assert "Pain: right knee." in screen.ids.marked.text and "Numbness or tingling: right foot." in screen.ids.marked.text
    pilot.tap(screen.ids.next)
    assert screen.page == "how_strong"
    pilot.tap(screen.intensity_button(6))
    assert screen.page == "weakness"
    pilot.tap(screen.ids.weak_no)
    assert screen.answers == [CheckIn(pain={"knee_right"}, numbness={"foot_right"}, intensity=6)]


def test_the_same_region_on_the_back_view_marks_the_same_id(check_in, pilot):
    screen = check_in()
    x, y, w, h = screen.ids.body_map.region_rects("lower_leg_left")[1]  # the back view's calf
    pilot.tap_at(x + w / 2, y + h / 2)
    assert screen.ids.body_map.pain == ["lower_leg_left"]


def test_no_pain_is_one_touch_then_the_weakness_question(check_in, pilot):
    screen = check_in()
    pilot.tap(screen.ids.no_pain)
    assert screen.page == "weakness"
    pilot.tap(screen.ids.weak_no)
    assert screen.answers == [CheckIn()]


def test_after_a_set_the_map_starts_from_the_last_answer_and_same_as_before_is_one_touch(check_in, pilot):
    before = CheckIn(pain={"knee_left", "back_left"}, numbness={"foot_left"}, intensity=5)
    screen = check_in("after_set", before)
    assert sorted(screen.ids.body_map.pain) == ["back_left", "knee_left"]
    assert screen.ids.same_as_before.opacity == 1 and not screen.ids.same_as_before.disabled
    pilot.tap(screen.ids.same_as_before)
    assert screen.answers == [before]


def test_a_changed_answer_starts_from_the_last_one(check_in, pilot):
    before = CheckIn(pain={"knee_left", "thigh_front_left"}, intensity=5)
    screen = check_in("after_set", before)
    touch_region(pilot, screen, "knee_left")  # the knee pain has gone
    pilot.tap(screen.ids.next)
    assert "5" in screen.ids.last_time.text
    pilot.tap(screen.intensity_button(3))
    pilot.tap(screen.ids.weak_no)
    assert screen.answers == [CheckIn(pain={"thigh_front_left"}, intensity=3)]


def test_the_next_patients_first_check_in_starts_from_an_empty_map(check_in, pilot):
    """The screen is kept from patient to patient: with no previous answer, no mark of the last one stays."""
    screen = check_in()
    touch_region(pilot, screen, "knee_right")
    pilot.tap(screen.ids.mark_numb)
    touch_region(pilot, screen, "foot_right")
    pilot.tap(screen.ids.next)
    pilot.tap(screen.intensity_button(6))
    pilot.tap(screen.ids.weak_no)
    for mode, previous in (("after_set", CheckIn(pain={"back_left"}, intensity=2)), ("baseline", None)):
        screen.show(mode, previous)  # an after-set check-in of theirs, then the next patient's first
        pilot.frames(2)
    body_map = screen.ids.body_map
    assert (body_map.pain, body_map.numbness, screen.ids.marked.text) == ([], [], marked_in_words([], []))
    pilot.tap(screen.ids.no_pain)
    pilot.tap(screen.ids.weak_no)
    assert screen.answers[1:] == [CheckIn()]


def test_a_rating_above_0_needs_a_marked_place(check_in, pilot):
    """Next with nothing marked asks for a place (or "No pain or numbness", which means 0), never for a rating."""
    screen = check_in()
    pilot.tap(screen.ids.next)
    assert screen.page == "where" and screen.ids.marked.text == words.MARK_FIRST
    touch_region(pilot, screen, "knee_right")
    assert screen.ids.marked.text != words.MARK_FIRST
    pilot.tap(screen.ids.next)
    assert screen.page == "how_strong"
    pilot.tap(screen.ids.back_from_strength)
    touch_region(pilot, screen, "knee_right")  # unmarked again: nothing left
    pilot.tap(screen.ids.next)
    assert screen.page == "where"
    pilot.tap(screen.ids.no_pain)
    pilot.tap(screen.ids.weak_no)
    assert screen.answers == [CheckIn(intensity=0)]


def test_there_is_no_same_as_before_at_the_baseline(check_in):
    screen = check_in("baseline")
    assert screen.ids.same_as_before.disabled and screen.ids.same_as_before.height == 0


def test_back_returns_to_the_map_with_the_marks_kept(check_in, pilot):
    screen = check_in()
    touch_region(pilot, screen, "buttock_right")
    pilot.tap(screen.ids.next)
    pilot.tap(screen.ids.back_from_strength)
    assert screen.page == "where" and screen.ids.body_map.pain == ["buttock_right"]


def test_new_weakness_is_answered_yes(check_in, pilot):
    screen = check_in("after_set", CheckIn(pain={"knee_right"}, intensity=4))
    pilot.tap(screen.ids.next)
    pilot.tap(screen.intensity_button(4))
    pilot.tap(screen.ids.weak_yes)
    assert screen.answers == [CheckIn(pain={"knee_right"}, intensity=4, weakness=True)]


def test_something_new_asks_for_the_safety_questions(check_in, pilot):
    screen = check_in("after_set", CheckIn(pain={"knee_right"}, intensity=4))
    pilot.tap(screen.ids.something_new)
    assert screen.worries == 1 and screen.answers == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_button_is_large_on_screen_and_apart_at_every_size(check_in, pilot, size):
    screen = check_in("after_set", CheckIn(pain={"knee_right"}, intensity=4), size=size)
    for page, names in (("where", ["mark_pain", "mark_numb", "same_as_before", "no_pain", "next",
                                   "something_new"]),
                        ("how_strong", ["back_from_strength"]),
                        ("weakness", ["weak_yes", "weak_no", "back_from_weakness"])):
        screen.go(page)
        pilot.frames(2)
        widgets = [screen.ids[name] for name in names]
        if page == "how_strong":
            widgets += [screen.intensity_button(n) for n in range(11)]
        rects = []
        for widget in widgets:
            x, y = widget.to_window(widget.x, widget.y)
            assert widget.width >= dp(48) and widget.height >= dp(48), f"{page}: {widget} too small at {size}"
            assert x >= 0 and y >= 0 and x + widget.width <= size[0] + 1 and y + widget.height <= size[1] + 1, \
                f"{page}: {getattr(widget, 'text', widget)!r} is off screen at {size}"
            rects.append((x, y, widget.width, widget.height, getattr(widget, "text", "")))
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                apart = (a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1])
                assert apart, f"{page}: {a[4]!r} and {b[4]!r} overlap at {size}"


def test_marked_regions_are_listed_in_plain_words():
    assert marked_in_words(["knee_right", "back_central"], []) == "Pain: middle of low back, right knee."
    assert marked_in_words([], []) == "Nothing marked yet."


def test_small_maps_draw_marks_without_taking_touches(pilot):
    """The therapist's timeline maps: touching one changes nothing and the touch goes on to what is below."""
    below = Widget()
    below.touches = 0
    below.bind(on_touch_down=lambda *_: setattr(below, "touches", below.touches + 1))
    small = BodyMap(interactive=False, labelled=False, size_hint=(None, None), size=(dp(200), dp(260)))
    small.set_marks({"knee_right"}, {"foot_left"})
    page = FloatLayout()
    page.add_widget(below)
    page.add_widget(small)  # on top, so it is offered every touch first
    screen = Screen(name="timeline")
    screen.add_widget(page)
    pilot.start(ScreenHost(screen))
    for region_id in ("knee_right", "knee_left", "foot_left", "back_central"):
        pilot.tap_at(*small.region_window_point(region_id))
    assert small.pain == ["knee_right"] and small.numbness == ["foot_left"]
    assert below.touches == 4
