"""Touch helpers for the therapist's findings, shared by the tests and the kill -9 child process."""

from __future__ import annotations

from pathlib import Path

from kiosk.app import touch

ROOT = Path(__file__).resolve().parents[2]
KNEE = ROOT / "examples" / "patients" / "knee_tests_recommended.yaml"


def press(pilot, keyboard, name: str) -> None:
    """Touch one key; a key the pad shown lacks is on the other (123 / ABC), as a finger would find it."""
    try:
        keyboard.key_for(name)
    except KeyError:
        pilot.tap_at(*keyboard.key_position("letters" if keyboard.pad == "digits" else "digits"))
    pilot.tap_at(*keyboard.key_position(name))


def type_on_keyboard(pilot, keyboard, text: str) -> None:
    """Touch each key of the on-screen keyboard in turn; a capital with Shift first."""
    assert keyboard.shown
    for character in text:
        if character.isupper():
            press(pilot, keyboard, "shift")
        press(pilot, keyboard, character)


def tap_in_summary(pilot, summary, widget) -> None:
    """Scroll the summary to `widget`, then touch it."""
    summary.ids.scroll.scroll_to(widget, padding=40, animate=False)
    pilot.frames(2)
    pilot.tap(widget)


def open_end_summary(pilot, controller) -> object:
    """Hold "For staff" on the end screen until the summary opens; returns the summary screen."""
    end = controller.screens["end"]
    finger = touch.touch_down(*touch.window_center(end.ids.staff))
    pilot.seconds(2.2)
    touch.touch_up(finger)
    pilot.frames(2)
    assert controller.current_screen_name == "summary"
    return controller.screens["summary"]
