"""Widget classes every kiosk screen uses (KioskButton, PatientLabel, KioskScreenManager), loaded once."""

from pathlib import Path

from kivy.lang import Builder
from kivy.uix.screenmanager import NoTransition, ScreenManager

from . import ink  # noqa: F401  (InkButton, InkLabel: the bases of KioskButton and PatientLabel in the kv)

_KV = str(Path(__file__).with_suffix(".kv"))
if _KV not in Builder.files:
    Builder.load_file(_KV)


class KioskScreenManager(ScreenManager):
    """A ScreenManager that switches screens at once, with no clipping stencil.

    Kivy gives every ScreenManager a stencil (a full-size stencil pass before and
    after its screens, and a stencil test on every pixel between) so that sliding
    transitions stay inside it. The kiosk never slides: screens switch at once
    (NoTransition), so the stencil only made every frame dearer to draw (with
    Mesa's llvmpipe, about 5 ms of a 40 ms frame of the exercise screen).
    """

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("transition", NoTransition())
        super().__init__(**kwargs)
