"""The screens of the exercise session: one .py and a same-named .kv each.

Screens show what the controller gives them and dispatch what the patient
answered; they never switch screens themselves (the session state decides).
"""

from __future__ import annotations

import importlib

SCREEN_CLASSES = {
    "attract": ("attract", "AttractScreen"),
    "safety": ("safety", "SafetyScreen"),
    "staff_alert": ("staff_alert", "StaffAlertScreen"),
    "check_in": ("check_in", "CheckInScreen"),
    "exercise": ("exercise", "ExerciseScreen"),
    "recheck_rest": ("recheck_rest", "RecheckRestScreen"),
    "end": ("end", "EndScreen"),
    "summary": ("summary", "SummaryScreen"),
}
"""Screen name -> (its module here, its class)."""


def screen_class(name: str) -> type:
    """The class of screen `name`, its module (and the module's kv file) imported on first use.

    Only the start screen is needed for the kiosk's first frame: the others are imported
    while it waits, each in a slice of its own (kiosk.exercise_session.preparing), so they
    cost the start-up nothing and a touch never waits on an import.
    """
    module, cls = SCREEN_CLASSES[name]
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)
