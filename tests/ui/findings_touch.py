"""Touch helpers for the therapist's findings, shared by the tests and the kill -9 child process."""

from __future__ import annotations

from pathlib import Path

from kiosk.app import touch

ROOT = Path(__file__).resolve().parents[2]
KNEE = ROOT / "examples" / "patients" / "knee_tests_recommended.yaml"


def type_on_keyboard(pilot, keyboard, text: str) -> None:
    """Touch each key of the on-screen keyboard in turn, as a finger would; capitals through caps lock."""
    assert keyboard.shown
    for character in text:
        capital = character.isupper()
        if capital:
            pilot.tap_at(*keyboard.key_position("capslock"))
        pilot.tap_at(*keyboard.key_position(character))
        if capital:
            pilot.tap_at(*keyboard.key_position("capslock"))


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
