"""After a red flag: a calm screen asking the patient to tell staff. It never goes away by itself."""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty

from kiosk.clinical.red_flags import BY_ID

from .base import SessionScreen

Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class StaffAlertScreen(SessionScreen):
    """Stays until staff clear it from the staff screen; idle never resets it."""

    urgent = BooleanProperty(False)
    """An emergency red flag (possible cauda equina): say "straight away"."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.awaiting_patient = False

    def show(self, flag_id: str | None) -> None:
        flag = BY_ID.get(flag_id or "")
        self.urgent = flag is None or flag.emergency
