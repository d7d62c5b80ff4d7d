"""A monkey at the kiosk: thousands of random touches, drags and multi-touches.

Patients touch screens in ways nobody planned. From several seeds, random
fingers land on buttons and anywhere else, drag, press with two or three
fingers at once, and hold. After every action the kiosk must still be sound:
no exception (Kivy re-raises a handler's exception out of the frame), the
screen shown matches the session's state, and during an exercise or a rest the
"my pain is worse" button is on screen and can be touched.
"""

import random

import pytest
from kivy.core.window import Window
from kivy.uix.button import Button
from test_journeys import plugin_of

from kiosk.app import touch
from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.clinical.session import State
from kiosk.records.pin import PinLock
from kiosk.records.store import Records

SEEDS = [1, 2, 3]
ACTIONS = 600
SCREENS_FOR_STATE = {
    State.SCREENING: {"safety"},
    State.BASELINE: {"check_in", "safety"},
    State.CHECK_IN: {"check_in", "safety"},
    State.RECHECK: {"check_in", "safety"},
    State.EXERCISE: {"exercise"},
    State.RESTING: {"recheck_rest"},
    State.ENDED: {"end", "summary", "staff_alert", "attract"},
}


def on_screen(widget) -> bool:
    if widget.get_root_window() is None or widget.disabled or widget.opacity == 0:
        return False
    x, y = widget.to_window(*widget.center)
    return 0 <= x <= Window.width and 0 <= y <= Window.height


def buttons_shown(root) -> list:
    return [w for w in root.walk(restrict=True) if isinstance(w, Button) and on_screen(w)]


def check(app, seen: set) -> None:
    if app.manager.current != "plugin:exercise_session":
        return  # the staff PIN pad: its own tests cover it
    controller = plugin_of(app).controller
    name = controller.current_screen_name
    seen.add(name)
    session = controller.session
    if session is not None:
        assert name in SCREENS_FOR_STATE[session.state], f"screen {name!r} while the session is {session.state}"
    elif name != "attract":
        raise AssertionError(f"screen {name!r} with no session")
    screen = controller.screens[name]
    if name in ("exercise", "recheck_rest"):
        assert on_screen(screen.ids.pain_worse), f"'my pain is worse' is not reachable on {name}"


def random_point(rng) -> tuple[float, float]:
    return rng.uniform(0, Window.width), rng.uniform(0, Window.height)


def act(pilot, app, rng) -> None:
    kind = rng.random()
    if kind < 0.55:  # a finger on something that looks touchable
        buttons = buttons_shown(app.root)
        target = rng.choice(buttons) if buttons else None
        safety = plugin_of(app).controller.screens["safety"]
        if target is not None and target is safety.ids.yes.__self__ and rng.random() < 0.9:
            target = safety.ids.no  # most patients answer no: let the monkey get past the questions
        point = touch.window_center(target) if target is not None else random_point(rng)
        pilot.tap_at(*point, frames=1)
    elif kind < 0.75:  # anywhere
        pilot.tap_at(*random_point(rng), frames=1)
    elif kind < 0.87:  # a drag
        finger = touch.touch_down(*random_point(rng))
        for _ in range(rng.randint(2, 6)):
            finger.move_to(*random_point(rng))
            pilot.frames(1)
        touch.touch_up(finger)
        pilot.frames(1)
    elif kind < 0.97:  # two or three fingers at once
        fingers = [touch.touch_down(*random_point(rng)) for _ in range(rng.randint(2, 3))]
        pilot.frames(1)
        rng.shuffle(fingers)
        for finger in fingers:
            touch.touch_up(finger)
        pilot.frames(1)
    else:  # resting a hand on the screen
        finger = touch.touch_down(*random_point(rng))
        pilot.seconds(rng.uniform(0.5, 3))
        touch.touch_up(finger)
        pilot.frames(1)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_touches_never_break_the_kiosk(pilot, tmp_path, seed):
    records = Records.open(tmp_path).records
    PinLock(records).set_pin("97531")  # the monkey must not leave kiosk mode
    records.close()
    app = pilot.start(KioskApp(ShellOptions(speed=60, plugins=["exercise_session"], data=tmp_path,
                                            idle_ask_after=90, idle_give_up_after=30)))
    rng = random.Random(seed)
    seen: set = set()
    alert_for = 0
    controller = plugin_of(app).controller
    for _ in range(ACTIONS):
        act(pilot, app, rng)
        if app.manager.current == "staff_pin":
            pilot.tap(app.manager.get_screen("staff_pin").ids.cancel, frames=1)
        alert_for = alert_for + 1 if controller.current_screen_name == "staff_alert" else 0
        if alert_for > 20:  # staff came and cleared the alert
            app.restart()
            pilot.frames(1)
        assert not app.exiting, "the monkey left kiosk mode"
        check(app, seen)
    assert {"attract", "safety", "check_in"} <= seen, f"the monkey only saw {sorted(seen)}"
    print(f"seed {seed}: screens seen {sorted(seen)}")
    opened = Records.open(tmp_path)
    assert opened.records.integrity_check() == "ok"


def test_a_second_finger_never_answers_a_question_the_patient_has_not_seen(pilot, tmp_path):
    app = pilot.start(KioskApp(ShellOptions(speed=60, plugins=["exercise_session"], data=tmp_path)))
    controller = plugin_of(app).controller
    pilot.tap(controller.screens["attract"].ids.choices.children[0])
    safety = controller.screens["safety"]
    assert safety.number == 1
    first = touch.touch_down(*touch.window_center(safety.ids.no))
    second = touch.touch_down(*touch.window_center(safety.ids.no))
    pilot.frames(1)
    touch.touch_up(first)
    touch.touch_up(second)  # lifted after question 2 appeared: it began on question 1
    pilot.frames(2)
    assert safety.number == 2
    # Two fingers on "Yes": one red flag, and the stale second answer is dropped, not a crash.
    first = touch.touch_down(*touch.window_center(safety.ids.yes))
    second = touch.touch_down(*touch.window_center(safety.ids.yes))
    touch.touch_up(first)
    touch.touch_up(second)
    pilot.frames(2)
    assert controller.current_screen_name == "staff_alert" and controller.session.red_flag == safety.flag_id
