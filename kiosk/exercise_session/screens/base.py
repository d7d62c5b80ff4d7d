"""What every session screen shares."""

import time

from kivy.properties import BooleanProperty, NumericProperty
from kivy.uix.screenmanager import Screen

import kiosk.app.common  # noqa: F401  (KioskButton, PatientLabel for every screen's kv)


class SessionScreen(Screen):
    """A screen of the exercise session."""

    awaiting_patient = BooleanProperty(True)
    """While shown: is it waiting for the patient to touch it (so idleness means they left)?"""
    speed = NumericProperty(1.0)
    """Kiosk seconds per real second, for countdowns (the shell's speed)."""

    _shown_at = 0.0

    def mark_shown(self) -> None:
        """New content is on screen: touches that began before now cannot answer it."""
        self._shown_at = time.time()

    def fresh(self, button) -> bool:
        """Did the touch that just released `button` begin after the current content was shown?

        A second finger, or a double tap, lifted after the first one has already
        answered must not answer the next question, which the patient has not seen.
        (Touches carry their start in wall-clock seconds, `MotionEvent.time_start`.)
        """
        touch = getattr(button, "last_touch", None)
        return touch is None or touch.time_start >= self._shown_at
