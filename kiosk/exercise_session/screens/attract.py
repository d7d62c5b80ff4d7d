"""The attract screen: touch to start, or choose the program when several are active; and the
patient's language, each in its own name, one touch."""

from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import ListProperty

from kiosk.language import own_name

from ..widgets import clip_scroll  # noqa: F401  (ClipWhenScrolling, the list of programs in the kv)
from ..words import say
from .base import SessionScreen

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class AttractScreen(SessionScreen):
    """Waits for a patient. Idle here is normal, so it never times out."""

    __events__ = ("on_start", "on_language")
    program_ids = ListProperty()
    """The programs offered, in order."""
    languages = ListProperty()
    """The languages offered (none shown when there is only one)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.awaiting_patient = False

    def on_start(self, program_id: str) -> None:
        """The patient started `program_id`."""

    def on_language(self, language: str) -> None:
        """The patient chose `language`."""

    def show(self, programs, languages=(), current: str = "") -> None:
        """Offer `programs`: one big start area, or one button per program; and `languages`, the
        one in use marked."""
        self._offer_languages(languages, current)
        self.program_ids = [program.id for program in programs]
        box = self.ids.choices
        box.clear_widgets()
        single = len(programs) == 1
        self.ids.prompt.text = say.ATTRACT_TOUCH if single else say.ATTRACT_CHOOSE
        for program in programs:
            button = Factory.ProgramButton(text=say.START if single else program.name_in(current))
            button.program_id = program.id
            button.bind(on_release=lambda b: self.start(b.program_id))
            box.add_widget(button)
        if not programs:
            self.ids.prompt.text = say.NO_PROGRAMS

    def _offer_languages(self, languages, current: str) -> None:
        self.languages = list(languages)
        row = self.ids.languages
        row.clear_widgets()
        for language in languages:
            button = Factory.LanguageButton(text=own_name(language))
            button.chosen, button.language = language == current, language
            button.bind(on_release=lambda b: self.dispatch("on_language", b.language))
            row.add_widget(button)

    def start(self, program_id: str) -> None:
        self.dispatch("on_start", program_id)

    def bring_into_view(self, button) -> None:
        """Scroll the list of programs until `button` is in sight (as a patient's finger would)."""
        self.ids.list.scroll_to(button, padding=0, animate=False)

    def on_touch_down(self, touch) -> bool:
        """A touch anywhere (but on a language) starts the only program."""
        languages = self.ids.languages
        if (len(self.program_ids) == 1 and self.collide_point(*touch.pos)
                and not languages.collide_point(*self.to_local(*touch.pos))):
            self.start(self.program_ids[0])
            return True
        return super().on_touch_down(touch)
