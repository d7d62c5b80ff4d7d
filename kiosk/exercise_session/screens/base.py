"""What every session screen shares."""

from kivy.properties import BooleanProperty, NumericProperty
from kivy.uix.screenmanager import Screen

import kiosk.app.common  # noqa: F401  (KioskButton, PatientLabel for every screen's kv)


class SessionScreen(Screen):
    """A screen of the exercise session."""

    awaiting_patient = BooleanProperty(True)
    """While shown: is it waiting for the patient to touch it (so idleness means they left)?"""
    speed = NumericProperty(1.0)
    """Kiosk seconds per real second, for countdowns (the shell's speed)."""
