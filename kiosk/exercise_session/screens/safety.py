"""A red-flag question: one per screen, big Yes and No."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from kiosk.clinical.red_flags import RedFlag

from ..widgets import steady_text  # noqa: F401 (SteadyLabel, used in the kv file)
from ..words import say
from .base import SessionScreen

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class SafetyScreen(SessionScreen):
    """Asks one safety question."""

    __events__ = ("on_answer", "on_back", "on_previous")
    flag_id = StringProperty("")
    """The red flag being asked about."""
    question = StringProperty("")
    """The question in plain words."""
    number = NumericProperty(1)
    """Which question this is (1-based)."""
    total = NumericProperty(1)
    """How many questions there are."""
    during = BooleanProperty(False)
    """Asked again during the session (the patient reported something new): they may go back."""

    def on_answer(self, flag_id: str, yes: bool) -> None:
        """The patient answered the question about `flag_id`."""

    def on_back(self) -> None:
        """During the session: none of these, back to the check-in."""

    def on_previous(self) -> None:
        """Back to the question before this one, to answer it again."""

    def show(self, flag: RedFlag, number: int, total: int, during: bool = False) -> None:
        self.flag_id, self.question, self.number, self.total = flag.id, say.question(flag), number, total
        self.during = during
        self.mark_shown()

    def prepare(self, flag: RedFlag, number: int, total: int) -> None:
        """Render the words of question `number` now, while the patient reads this one: showing it is
        then only a swap of textures (a render at the touch would also wait for the frame on show)."""
        self.ids.question.prepare(say.question(flag))
        self.ids.progress.prepare(say.SAFETY_PROGRESS.format(number=number, total=total))
        self.ids.previous.prepare(say.BACK)  # shown from the second question on

    def answer(self, yes: bool) -> None:
        if self.fresh(self.ids.yes if yes else self.ids.no):
            self.dispatch("on_answer", self.flag_id, yes)

    def go_back(self) -> None:
        """The Back button: the question before (a Yes already stopped the session: only a No is undone)."""
        if self.number > 1 and self.fresh(self.ids.previous):
            self.dispatch("on_previous")
