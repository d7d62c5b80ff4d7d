"""The end of a session for the patient: the next step in plain words, never a diagnosis."""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty

from kiosk.clinical.engine import Outcome

from ..words import say
from .base import SessionScreen

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

STAFF_HOLD_SECONDS = 2


class EndScreen(SessionScreen):
    """Thanks the patient; staff hold a small button to read the summary."""

    __events__ = ("on_finished", "on_staff_summary", "on_print_home")
    message = StringProperty("")
    """What happens next, for the patient."""
    outcome = StringProperty("")
    """The outcome id (for the colour band; the words say it all)."""
    printable = BooleanProperty(False)
    """Offer "Print my exercises to take home" (a printer is chosen and the outcome has a home program)."""
    printed = BooleanProperty(False)
    """The patient asked for their handout: the button gives way to a line saying where to get it."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._hold = None

    def on_finished(self) -> None:
        """The patient is done: back to the start."""

    def on_staff_summary(self) -> None:
        """Staff asked for the therapist's summary."""

    def on_print_home(self) -> None:
        """The patient asked for their exercises on paper."""

    def show(self, outcome: Outcome, printable: bool = False) -> None:
        self.outcome = outcome.value
        self.message = say.END_BODY[outcome]
        self.printable = printable
        self.printed = False

    def print_home(self) -> None:
        """One handout per touch of the patient's: a second touch would only print the same page again."""
        if self.printable and not self.printed:
            self.printed = True
            self.dispatch("on_print_home")

    def staff_down(self) -> None:
        """Staff press the small button: the summary opens if they hold it."""
        self.staff_up()
        self._hold = Clock.schedule_once(lambda dt: self.dispatch("on_staff_summary"), STAFF_HOLD_SECONDS)

    def staff_up(self) -> None:
        if self._hold is not None:
            self._hold.cancel()
            self._hold = None
