"""After a red response: a calm rest countdown before the recheck."""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import NumericProperty

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

    def on_rest_done(self) -> None:
        """The rest is over (or the patient's pain got worse): ask again."""

    def show(self, seconds: int) -> None:
        self._cancel()
        self.seconds_left = seconds
        self._event = Clock.schedule_interval(self._tick, TICK)

    def finish(self) -> None:
        """End the rest now (the patient's pain is worse, or time is up)."""
        self._cancel()
        self.dispatch("on_rest_done")

    def _tick(self, dt: float) -> None:
        self.seconds_left = max(0.0, self.seconds_left - dt * self.speed)
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
