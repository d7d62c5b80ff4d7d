"""A large +/- stepper for one number of a program's dose, and the ranges the format allows.

`DoseStepper` shows a label, a big minus button, the value with its unit, and a
big plus button. Its `value` never leaves [low, high], whether a finger or the
code sets it; each button is disabled at its bound so staff see the limit.
`dose_range("reps")` reads the range of a dose field from the exercise file
format (`kiosk.content.fields`), so the editor can never offer a value the
loader would refuse.
"""

from __future__ import annotations

import math
from pathlib import Path

from kivy.lang import Builder
from kivy.properties import AliasProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.content.fields import DOSE_FIELDS, EXERCISE_DOSE

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

STEPS = {"rest": 5}
"""Seconds of rest move by 5 a touch (rest is counted in tens of seconds in the clinic); the rest by 1."""


def dose_range(field: str) -> tuple[int, int, int]:
    """(low, high, step) of a program's dose field: sets, reps, hold or rest."""
    if field not in DOSE_FIELDS:
        raise ValueError(f"not a dose field: {field!r}; expected one of {', '.join(DOSE_FIELDS)}")
    spec = EXERCISE_DOSE.by_name[field].spec
    return spec.minimum, spec.maximum, STEPS.get(field, 1)


class DoseStepper(BoxLayout):
    """A labelled number between a minus and a plus button, kept within [low, high]."""

    label = StringProperty("")
    """What the number is, e.g. "Rest between sets"."""
    low = NumericProperty(-math.inf)
    """The smallest value allowed (the minus button is disabled there)."""
    high = NumericProperty(math.inf)
    """The largest value allowed (the plus button is disabled there)."""
    step = NumericProperty(1)
    """How much one touch of minus or plus changes the value."""
    unit = StringProperty("")
    """Shown after the value, e.g. "s"; empty for a plain count."""
    _stored = NumericProperty(0)

    def _get_value(self):
        return min(max(self._stored, self.low), self.high)

    def _set_value(self, value) -> None:
        self._stored = min(max(value, self.low), self.high)

    value = AliasProperty(_get_value, _set_value, bind=("_stored", "low", "high"), cache=True)
    """The number shown; setting it outside [low, high] gives the nearest bound."""

    def on_low(self, instance, low) -> None:
        self._stored = self.value  # a narrower range moves the value in for good, not just on read

    def on_high(self, instance, high) -> None:
        self._stored = self.value

    def decrease(self) -> None:
        """One step down, stopping at low."""
        self.value = self.value - self.step

    def increase(self) -> None:
        """One step up, stopping at high."""
        self.value = self.value + self.step
