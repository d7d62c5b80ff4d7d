"""After a red response: a calm rest countdown before the recheck."""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import NumericProperty

from kiosk.speech.schedule import due, rest_cues

from ..timing import SetTime
from ..widgets.steady_text import GlyphText  # noqa: F401  (registers the widget the .kv uses)
from .base import SessionScreen

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

TICK = 0.2


class RecheckRestScreen(SessionScreen):
    """Counts down the program's recheck_after, then asks again."""

    __events__ = ("on_rest_done",)
    seconds_left = NumericProperty(0)
    """Kiosk seconds until the recheck."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.awaiting_patient = False
        self._event = None
        self.voice = None
        """The kiosk's voice, or None for a silent kiosk."""
        self._cues, self._seconds, self._said_until = (), 0.0, -1.0
        self._rested = 0.0  # kiosk seconds since the rest began, past its end too (how late a cue is)
        self._time = SetTime()

    def on_rest_done(self) -> None:
        """The rest is over (or the patient's pain got worse): ask again."""

    def show(self, seconds: int) -> None:
        self._cancel()
        self.seconds_left = seconds
        self._seconds, self._said_until, self._rested = float(seconds), -1.0, 0.0
        self._time = SetTime()
        self._cues = rest_cues(seconds, self.voice.lang) if self.voice is not None else ()
        self._speak()
        self._event = Clock.schedule_interval(self._tick, TICK)

    def finish(self) -> None:
        """End the rest now (the patient's pain is worse, or time is up)."""
        self._cancel()
        self.dispatch("on_rest_done")

    def _speak(self) -> None:
        """Say what is due: what to do, the minutes left, and the call when time is up."""
        for cue in due(self._cues, self._said_until, self._rested):
            self.voice.play(cue, self._rested - cue.at)
        self._said_until = self._rested

    def _tick(self, dt: float) -> None:
        self._rested = self._time.advance(dt * self.speed)
        self.seconds_left = max(0.0, self._seconds - self._rested)
        self._speak()
        if self.seconds_left <= 0:
            self.finish()

    def _cancel(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def on_leave(self, *args) -> None:
        self._cancel()

    @staticmethod
    def clock_text(seconds: float) -> str:
        whole = int(seconds + 0.999)
        return f"{whole // 60}:{whole % 60:02d}"
