"""A large +/- stepper for one number of a program's dose, and the ranges the format allows.

`DoseStepper` shows a label, a big minus button, the value with its unit, and a
big plus button. Its `value` never leaves [low, high], whether a finger or the
code sets it; each button is disabled at its bound so staff see the limit, and a
touch on it there is reported (`on_refused`) for the editor to say why.
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

from kiosk.clinical.program import ExerciseKind
from kiosk.content.fields import DOSE_FIELDS, EXERCISE, EXERCISE_DOSE

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

STEPS = {"rest": 5, ("hold", ExerciseKind.HOLD.value): 5}
"""Touches are counted: rest, and the long holds of hold exercises (10 s to 5 min), move by 5 s a
touch; sets, reps and the short holds at the top of a repetition move by 1."""


def dose_range(field: str, kind: ExerciseKind | str | None = None) -> tuple[int, int, int]:
    """(low, high, step) of a program's dose field (sets, reps, hold or rest), as the format allows it;
    with the exercise's `kind`, also its kind's rules (a hold exercise holds for at least 1 s)."""
    if field not in DOSE_FIELDS:
        raise ValueError(f"not a dose field: {field!r}; expected one of {', '.join(DOSE_FIELDS)}")
    spec = EXERCISE_DOSE.by_name[field].spec
    kind = ExerciseKind(kind).value if kind is not None else None
    low = spec.minimum
    for rule in EXERCISE.rules:
        if rule.when == "kind" and rule.equals == kind:
            low = max([low] + [minimum for name, minimum in rule.minimum if name == field])
    return low, spec.maximum, STEPS.get((field, kind), STEPS.get(field, 1))


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
    where = StringProperty("")
    """The field path of the number in its program (`blocks[0].exercises[1].sets`), for the words of a refusal."""
    _stored = NumericProperty(0)
    __events__ = ("on_refused",)

    def on_touch_down(self, touch):
        """A touch on a button disabled at its bound is a refusal: `on_refused(highest)` tells the editor,
        which says why (the button itself takes the touch and does nothing, as a disabled button does)."""
        for button, highest in ((self.ids.plus, True), (self.ids.minus, False)):
            if button.disabled and button.collide_point(*touch.pos):
                self.dispatch("on_refused", highest)
        return super().on_touch_down(touch)

    def on_refused(self, highest: bool) -> None:
        """`highest`: the + was touched at the largest value allowed (else the − at the smallest)."""

    def _clamped(self, value):
        return min(max(value, self.low), self.high)

    def _get_value(self):
        return self._clamped(self._stored)

    def _set_value(self, value) -> None:
        self._stored = self._clamped(value)

    value = AliasProperty(_get_value, _set_value, bind=("_stored", "low", "high"), cache=True)
    """The number shown; setting it outside [low, high] gives the nearest bound."""

    def on_low(self, instance, low) -> None:
        self._stored = self._clamped(self._stored)  # a narrower range moves the value in for good

    def on_high(self, instance, high) -> None:
        self._stored = self._clamped(self._stored)

    def decrease(self) -> None:
        """Down to the next multiple of step (12 -> 10 by 5), stopping at low."""
        self.value = (math.ceil(self.value / self.step) - 1) * self.step

    def increase(self) -> None:
        """Up to the next multiple of step (12 -> 15 by 5), stopping at high."""
        self.value = (math.floor(self.value / self.step) + 1) * self.step
