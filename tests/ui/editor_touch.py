"""Touching the program editor as staff do: open it from the staff screen, type on its keyboard, pick."""

from __future__ import annotations

from pathlib import Path

from staff_touch import panel_of, tap_in_staff
from test_journeys import plugin_of

from kiosk.app import confirm
from kiosk.app.shell import KioskApp, ShellOptions


def start_staff(pilot, data: Path):
    """The kiosk (no PIN set: the staff gesture opens the staff screen) with the staff screen showing."""
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=data)))
    app.open_staff()
    pilot.frames(3)
    assert app.manager.current == "staff"
    return app


def section_of(app):
    """The staff screen's program list, in its Programs section (rebuilt with the staff screen)."""
    return panel_of(app).program_editing


def tap_in_editor(pilot, editor, key: str, times: int = 1) -> None:
    """Scroll the editor to one of its widgets (by key, looked up afresh: lists are rebuilt) and touch it."""
    for _ in range(times):
        widget = editor.widgets[key] if key in editor.widgets else editor.ids[key]
        editor.ids.scroll.scroll_to(widget, padding=40, animate=False)
        pilot.frames(2)
        pilot.tap(widget)


def press(pilot, editor, key: str, button: str, times: int = 1) -> None:
    """Touch a stepper's plus or minus `times` times."""
    for _ in range(times):
        stepper = editor.widgets[key]
        editor.ids.scroll.scroll_to(stepper, padding=40, animate=False)
        pilot.frames(2)
        pilot.tap(stepper.ids[button])


def type_text(pilot, editor, text: str) -> None:
    """Type on the editor's on-screen keyboard; capitals through Shift, as a finger would."""
    keyboard = editor.keyboard
    assert keyboard.shown
    for character in text:
        if character.isupper():
            pilot.tap_at(*keyboard.key_position("shift"))
        pilot.tap_at(*keyboard.key_position(character))


def answer(pilot, choice: str, question: str = "") -> str:
    """Touch one answer ("keep" or "go") of the question showing; returns the question's words."""
    view = confirm.showing()
    assert view is not None, "no question is showing"
    assert question in view.question, view.question
    asked = view.question
    pilot.tap(view.ids[choice])
    assert confirm.showing() is None
    return asked


def pick(pilot, editor, block: int, exercise_id: str) -> None:
    """Add an exercise to a block through the picker, by touch."""
    tap_in_editor(pilot, editor, f"block:{block}:add")
    pilot.frames(10)  # the picker opens
    pilot.tap(editor.picker.rows[exercise_id])
    pilot.frames(2)


__all__ = ["plugin_of", "start_staff", "section_of", "tap_in_staff", "tap_in_editor", "press", "type_text", "answer", "pick"]
