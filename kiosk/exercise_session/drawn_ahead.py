"""What the first drawing of a screen costs, paid ahead while the patient reads the screen before.

Two jobs for the preparer (kiosk.exercise_session.preparing); neither shows
anything. `WordsDrawn`: a Kivy label lays its text out when the text changes,
but fills its texture only when the texture is first drawn (the texture's
callback); binding the texture fills it. `DrawnAhead`: the first time Kivy
draws a graphics instruction it builds it (lines and meshes are cut into
triangles, vertex buffers filled), and the renderer (Mesa's llvmpipe on a
kiosk without a GPU) meets each new drawing state. For a screen built off
screen all of that fell in the frame of the touch that showed it: the body
map's first drawing took 14-30 ms of the main thread there, its later ones
next to none. Drawn once into a 1x1 framebuffer, every instruction is built;
nothing of it is ever shown, and next to nothing is filled (each triangle
lies outside the one pixel).
"""

from __future__ import annotations

import time
from typing import Callable

from kivy.graphics import Fbo
from kivy.graphics.instructions import VertexInstruction
from kivy.uix.label import Label
from kivy.uix.screenmanager import ScreenManager

_buffer: list[Fbo] = []
"""The one off-screen buffer, made on first use (a GL object: only once the window exists)."""


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


class DrawnAhead:
    """A job (kiosk.exercise_session.preparing): a screen, and its pages not on show, drawn once off screen."""

    def __init__(self, screen_of: Callable) -> None:
        self.screen_of = screen_of

    def __call__(self) -> bool:
        screen = self.screen_of()
        for widget in (screen, *_pages_not_on_show(screen)):
            if widget.parent is None:  # on show, the window draws it anyway (and owns its canvas)
                draw_off_screen(widget)
        return False


def draw_off_screen(widget) -> None:
    """Draw `widget` (not in the window) once, into the off-screen buffer: its instructions are built."""
    if not _buffer:
        _buffer.append(Fbo(size=(1, 1)))
    buffer = _buffer[0]
    buffer.add(widget.canvas)
    try:
        buffer.draw()
    finally:
        buffer.remove(widget.canvas)


def _pages_not_on_show(screen):
    """The pages of a screen of pages (the check-in's) that are not its page on show."""
    for widget in screen.walk(restrict=True):
        if isinstance(widget, ScreenManager):
            yield from (page for page in widget.screens if page.parent is None)


def undrawn(screen) -> int:
    """How many shapes of `screen` (and of its pages) wait to be built at their next drawing (colours and
    other state instructions are applied at every drawing: they never stop "needing" one)."""

    def count(group) -> int:
        parts = [group.before] if getattr(group, "has_before", False) else []
        parts += [group.after] if getattr(group, "has_after", False) else []
        return sum((isinstance(instruction, VertexInstruction) and instruction.needs_redraw) + count(instruction)
                   for part in (*parts, group) for instruction in getattr(part, "children", ()))
    return sum(count(widget.canvas) for widget in (screen, *_pages_not_on_show(screen)))
