"""What the first drawing of a screen's words costs, paid ahead while the patient reads the screen before.

`WordsDrawn`, a job for the preparer (kiosk.exercise_session.preparing), shows
nothing: a Kivy label lays its text out when the text changes, but fills its
texture only when the texture is first drawn (the texture's callback); binding
the texture fills it. (Drawing whole screens once off screen, into a 1x1
framebuffer, to build their shapes ahead was tried and taken out: it saved
about 1 ms of the touch once the body map drew its own picture, and held some
30 MB more, freed at no fixed moment, which made the memory figures swing.)
"""

from __future__ import annotations

import time
from typing import Callable

from kivy.uix.label import Label
from kivy.uix.screenmanager import ScreenManager


class WordsDrawn:
    """A job: the pixels of every label of a screen, made now rather than in the frame that first shows it
    (for a screen built off screen, that was the frame of the touch). A few labels per slice, within BUDGET."""

    BUDGET = 0.004
    """Seconds of label drawing per slice, well under a 60 Hz frame."""

    def __init__(self, screen_of: Callable) -> None:
        self.screen_of = screen_of
        self.labels: list | None = None

    def __call__(self) -> bool:
        if self.labels is None:  # listed when the job starts: the screen's words are all in by then
            screen = self.screen_of()
            self.labels = [widget for part in (screen, *_pages_not_on_show(screen))
                           for widget in part.walk(restrict=True) if isinstance(widget, Label)]
        started = time.perf_counter()
        while self.labels and time.perf_counter() - started < self.BUDGET:
            texture = self.labels.pop().texture
            if texture is not None:
                texture.bind()
        return bool(self.labels)


def _pages_not_on_show(screen):
    """The pages of a screen of pages (the check-in's) that are not its page on show."""
    for widget in screen.walk(restrict=True):
        if isinstance(widget, ScreenManager):
            yield from (page for page in widget.screens if page.parent is None)
