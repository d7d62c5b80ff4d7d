"""The attract screen: touch to start, or choose the program when several are active."""

from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import ListProperty

from .. import words
from .base import SessionScreen

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class AttractScreen(SessionScreen):
    """Waits for a patient. Idle here is normal, so it never times out."""

    __events__ = ("on_start",)
    program_ids = ListProperty()
    """The programs offered, in order."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.awaiting_patient = False

    def on_start(self, program_id: str) -> None:
        """The patient started `program_id`."""

    def show(self, programs) -> None:
        """Offer `programs`: one big start area, or one button per program."""
        self.program_ids = [program.id for program in programs]
        box = self.ids.choices
        box.clear_widgets()
        single = len(programs) == 1
        self.ids.prompt.text = words.ATTRACT_TOUCH if single else words.ATTRACT_CHOOSE
        for program in programs:
            button = Factory.KioskButton(text=words.START if single else program.name)
            button.program_id = program.id
            button.bind(on_release=lambda b: self.start(b.program_id))
            box.add_widget(button)
        if not programs:
            self.ids.prompt.text = words.NO_PROGRAMS

    def start(self, program_id: str) -> None:
        self.dispatch("on_start", program_id)

    def on_touch_down(self, touch) -> bool:
        """A touch anywhere starts the only program."""
        if super().on_touch_down(touch):
            return True
        if len(self.program_ids) == 1 and self.collide_point(*touch.pos):
            self.start(self.program_ids[0])
            return True
        return False
