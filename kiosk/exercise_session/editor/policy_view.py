"""The program's policy in the editor: MCID, recheck rest, and what follows a spinal "no effect".

Each setting is one stepper (or a choice of two) with its one-line clinical
meaning beside it; the ranges are the format's own (`kiosk.content.fields`).
"""

from __future__ import annotations

from dataclasses import replace

from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout

from kiosk.app import theme
from kiosk.clinical.program import AfterNoEffect

from .draft import policy_bounds
from .stepper import DoseStepper
from .wording import POLICY_HELP

STEPPERS = (("mcid", "MCID (pain points)", 1, ""), ("recheck_after", "Recheck rest", 10, "s"))
"""Policy numbers: field, label, step of one touch, unit. Recheck rest moves 10 s a touch."""
AFTER_NO_EFFECT = {AfterNoEffect.END: "End: knee tests recommended", AfterNoEffect.CONTINUE: "Continue the blocks"}


def add_policy(editor, box) -> None:
    """Fill `box` with the policy of `editor.draft`; changes go straight into the draft."""
    for name, label, step, unit in STEPPERS:
        bounds = policy_bounds(name, step)
        stepper = DoseStepper(label=label, low=bounds.low, high=bounds.high, step=bounds.step, unit=unit,
                              size_hint_x=0.35)
        stepper.value = getattr(editor.draft.policy, name)
        stepper.where = f"policy.{name}"
        stepper.bind(on_refused=editor.dose_refused)
        stepper.bind(value=lambda _, value, n=name: _set(editor, n, int(value)))
        editor.widgets[f"policy:{name}"] = stepper
        box.add_widget(_explained(stepper, POLICY_HELP[name]))
    choice = BoxLayout(orientation="vertical", size_hint=(0.35, None), height=dp(120), spacing=dp(4))
    choice.add_widget(Factory.StaffText(text="After no effect", halign="center"))
    toggles = BoxLayout(spacing=dp(8))
    for value, text in AFTER_NO_EFFECT.items():
        toggle = Factory.ToggleButton(text=text, font_size=sp(18), group=f"{id(editor)}:after_no_effect",
                                      allow_no_selection=False, text_size=(dp(200), None), halign="center",
                                      state="down" if editor.draft.policy.after_no_effect is value else "normal")
        toggle.bind(on_release=lambda *_, v=value: _set(editor, "after_no_effect", v))
        editor.widgets[f"policy:after_no_effect:{value.value}"] = toggle
        toggles.add_widget(toggle)
    choice.add_widget(toggles)
    box.add_widget(_explained(choice, POLICY_HELP["after_no_effect"]))


def _explained(control, text: str) -> BoxLayout:
    row = BoxLayout(size_hint_y=None, spacing=dp(16))
    row.add_widget(control)
    row.add_widget(Factory.StaffText(text=text, font_size=sp(20), color=theme.MUTED_INK, size_hint_x=0.65))
    control.bind(height=lambda _, height: setattr(row, "height", height))
    row.height = control.height
    return row


def _set(editor, name: str, value) -> None:
    editor.draft.policy = replace(editor.draft.policy, **{name: value})
