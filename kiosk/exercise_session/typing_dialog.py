"""A staff dialog for typing one short line by touch: a patient reference, a test result's note.

The kiosk has no physical keyboard, so the dialog brings its own on-screen one, shown
at once below the field (the field has the focus); a physical keyboard works too.
**Save** (or the keyboard's Done) hands the text to `on_save`, which returns None when it was saved (the
dialog closes) or a message saying why not (shown in red; what was typed stays).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import StringProperty
from kivy.uix.modalview import ModalView

from kiosk.app import staff  # noqa: F401  (its kv rules StaffText and StaffButton, used in the dialog)
from kiosk.app.keyboard import FieldKeyboard

Factory.register("StaffKeyboard", cls=FieldKeyboard)  # the finger keyboard of the staff side
Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class TypingDialog(ModalView):
    """Type one line on the on-screen keyboard; Save or Cancel."""

    title = StringProperty("")
    explanation = StringProperty("")
    text = StringProperty("")
    hint = StringProperty("")
    message = StringProperty("")

    def __init__(self, on_save: Callable[[str], str | None], kind: str = "text", **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_save = on_save
        self.kind = kind
        """The keys first shown: "text" (letters) or "digits" (a number pad, for a clinic's number codes)."""

    def show(self) -> "TypingDialog":
        self.open(animation=False)
        field = self.ids.field
        keyboard = self.ids.keyboard
        keyboard.watch(field, kind=self.kind)
        keyboard.show_for(field)  # Done on it validates the field: saves
        Clock.schedule_once(lambda dt: setattr(field, "focus", True), 0)
        return self

    def save(self) -> None:
        problem = self.on_save(self.ids.field.text.strip())
        if problem:
            self.message = problem
            return
        self.dismiss(animation=False)
