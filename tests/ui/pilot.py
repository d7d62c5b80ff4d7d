"""Drive a real Kivy app from a test: step frames, touch widgets, wait for states.

No sleeping and no wall clock: Kivy's clock reads a virtual time that advances
exactly one 60 Hz frame per step, so every timer fires after a known number of
frames however fast or slow the machine is. The time is worked out from the
count of frames (origin + frames / 60, never a running sum of floats), and every
test starts it at the same origin (`uptimes.DEFAULT`, or the one it asks for with
the `clock_origin` fixture): a test sees the same clock readings whatever ran
before it, in whichever worker, and however long the machine has been up.

Every frame runs Kivy's whole frame (the clock, input, the kv rules, the triggers
before drawing), but not every frame is drawn: llvmpipe filling 1280x800 pixels
was two thirds of the suite's CPU. A frame is drawn when it is the first or the
last of a step, when a wait ends on it, and one in `DRAWN_EVERY` besides (2 a
second of Kivy time): whatever a test looks at has been drawn. A test that counts
drawn frames sets `pilot.draw_every = 1`.
"""

from __future__ import annotations

from typing import Callable

from kivy.app import App
from kivy.base import EventLoop
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.lang import Builder
from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

from uptimes import DEFAULT

from kiosk.app import touch

FRAMES_PER_SECOND = 60
FRAME = 1 / FRAMES_PER_SECOND
DRAWN_EVERY = 30
"""Between a step's first and last frames, one frame in this many is drawn."""


class VirtualTime:
    """A clock for Kivy that moves only when the pilot steps a frame: `origin` + whole frames / 60."""

    def __init__(self, origin: float) -> None:
        self.origin = origin
        self.count = 0
        """Frames stepped since the origin."""

    @property
    def now(self) -> float:
        return self.origin + self.count / FRAMES_PER_SECOND

    def __call__(self) -> float:
        return self.now

    def step(self) -> None:
        self.count += 1

    def restart_at(self, origin: float) -> None:
        """Read `origin` from now on, with no frame in between: Kivy's clock and every event waiting on it
        move by the same amount, so a timer set before fires as many frames later as it would have."""
        shift = origin - Clock.get_time()  # the time of Kivy's last frame (before the first: the machine's)
        self.origin, self.count = origin, 0
        for event in Clock.get_events() + Clock.get_before_frame_events():
            event._last_dt += shift
        Clock._last_tick += shift
        Clock._start_tick += shift
        Clock._duration_ts0 += shift
        if Clock._last_fps_tick is not None:
            Clock._last_fps_tick += shift


virtual_time = VirtualTime(DEFAULT)
Clock.time = virtual_time
virtual_time.restart_at(DEFAULT)  # Kivy's clock (and what waits on it) read the machine's uptime until now


def undrawn_frame() -> None:
    """Kivy's frame as `EventLoop.idle` runs it (kivy 2.3), all but the drawing: the clock ticks, input is
    dispatched, the kv rules and the triggers waiting for the draw run, and the window's canvas is left
    as it is until the next drawn frame."""
    Clock.tick()
    EventLoop.dispatch_input()
    Builder.sync()
    Clock.tick_draw()
    Builder.sync()


def draw_if_changed() -> None:
    """Draw the window now if anything on it changed since it was last drawn."""
    if Window.canvas.needs_redraw:
        Window.dispatch("on_draw")
        Window.dispatch("on_flip")


class Pilot:
    """One app at a time, stepped by the test."""

    def __init__(self) -> None:
        self.app = None
        self.draw_every = DRAWN_EVERY

    def start(self, app, size: tuple[int, int] = (1280, 800)):
        self.app = app
        if tuple(Window.size) != size:
            Window.size = size
        app._run_prepare()
        self.frames(3)
        return app

    def stop(self) -> None:
        if self.app is not None:
            self.app.exiting = True
            self.app.stop()
            self.frames(2)
            self.app = None
        # A modal view (the program editor, a picker) or a keyboard sits on the Window itself, not in the
        # app: one a test left open would be drawn over the next test's pictures. The app is gone: so is all.
        from kivy.uix.modalview import ModalView

        for child in list(Window.children):
            if isinstance(child, ModalView):
                child.dismiss(animation=False)
            else:
                Window.remove_widget(child)
        self.frames(1)

    def frames(self, count: int = 1) -> None:
        for frame in range(count):
            self._frame(drawn=frame in (0, count - 1))

    def _frame(self, drawn: bool) -> None:
        virtual_time.step()
        if drawn or virtual_time.count % self.draw_every == 0:
            EventLoop.idle()
        else:
            undrawn_frame()

    def tap(self, widget, frames: int = 2) -> None:
        assert widget.get_root_window() is not None, f"{widget!r} is not on screen"
        touch.tap(widget)
        self.frames(frames)

    def tap_at(self, x: float, y: float, frames: int = 2) -> None:
        touch.tap_at(x, y)
        self.frames(frames)

    def seconds(self, seconds: float) -> None:
        """Let `seconds` of Kivy time pass, frame by frame."""
        self.frames(round(seconds / FRAME))

    def wait_until(self, condition: Callable[[], bool], what: str, max_frames: int = 3000) -> None:
        for frame in range(max_frames):
            if condition():
                draw_if_changed()
                return
            self._frame(drawn=frame == 0)
        raise AssertionError(f"gave up after {max_frames} frames waiting for: {what}")


class ScreenHost(App):
    """One screen under test in a ScreenManager, with another screen ("other") to leave to."""

    def __init__(self, screen) -> None:
        super().__init__()
        self.screen = screen

    def build(self):
        manager = ScreenManager(transition=NoTransition())
        manager.add_widget(self.screen)
        manager.add_widget(Screen(name="other"))
        return manager
