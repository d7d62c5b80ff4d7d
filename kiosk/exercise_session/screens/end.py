"""The end of a session for the patient: the next step in plain words, never a diagnosis."""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import StringProperty

from kiosk.clinical.engine import Outcome

from ..words import say
from .base import SessionScreen

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

STAFF_HOLD_SECONDS = 2


class EndScreen(SessionScreen):
    """Thanks the patient; staff hold a small button to read the summary."""

    __events__ = ("on_finished", "on_staff_summary")
    message = StringProperty("")
    """What happens next, for the patient."""
    outcome = StringProperty("")
    """The outcome id (for the colour band; the words say it all)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._hold = None

    def on_finished(self) -> None:
        """The patient is done: back to the start."""

    def on_staff_summary(self) -> None:
        """Staff asked for the therapist's summary."""

    def show(self, outcome: Outcome) -> None:
        self.outcome = outcome.value
        self.message = say.END_BODY[outcome]

    def staff_down(self) -> None:
        """Staff press the small button: the summary opens if they hold it."""
        self.staff_up()
        self._hold = Clock.schedule_once(lambda dt: self.dispatch("on_staff_summary"), STAFF_HOLD_SECONDS)

    def staff_up(self) -> None:
        if self._hold is not None:
            self._hold.cancel()
            self._hold = None
