"""What the shell lays over any plugin: the staff corner and "Are you still there?"."""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import NumericProperty, StringProperty
from kivy.uix.modalview import ModalView
from kivy.uix.widget import Widget

from kiosk.language import DEFAULT_LANGUAGE, N_, translation

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

STAFF_HOLD_SECONDS = 5


class StaffCorner(Widget):
    """An unmarked square in the top-left corner: hold it for 5 s to open the staff screen.

    Touches pass through to whatever is underneath, so it never blocks a patient.
    """

    __events__ = ("on_staff",)
    hold_seconds = NumericProperty(STAFF_HOLD_SECONDS)
    """How long a finger must stay down."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._pending = None

    def on_touch_down(self, touch) -> bool:
        if self.collide_point(*touch.pos) and self._pending is None:
            touch.ud["staff_corner"] = True
            self._pending = Clock.schedule_once(lambda dt: self.dispatch("on_staff"), self.hold_seconds)
        return False

    def on_touch_up(self, touch) -> bool:
        if touch.ud.get("staff_corner") and self._pending is not None:
            self._pending.cancel()
            self._pending = None
        return False

    def on_staff(self) -> None:
        """Held long enough: the shell opens the staff screen."""
        self._pending = None


class StillThere(ModalView):
    """Asks a patient who has not touched the screen for a while whether they are still there."""

    seconds_left = NumericProperty(0)
    """Seconds before the session ends, shown as a countdown."""
    language = StringProperty(DEFAULT_LANGUAGE)
    """The patient's language (the plugin's `language`), set by the shell before it asks."""

    QUESTION = N_("Are you still there?")
    HINT = N_("Touch the button to carry on.")
    COUNTDOWN = N_("The kiosk will start again in {seconds} seconds.")
    HERE = N_("I am still here")

    def say(self, words: str, language: str, **values) -> str:
        """`words` in the patient's language (kv passes `root.language` so a new language redraws)."""
        return translation(language).gettext(words).format(**values)
