"""Drive a real Kivy app from a test: step frames, touch widgets, wait for states.

No sleeping and no wall clock: Kivy's clock reads a virtual time that advances
exactly one 60 Hz frame per step, so every timer fires after a known number of
frames however fast or slow the machine is.
"""

from __future__ import annotations

from typing import Callable

from kivy.app import App
from kivy.base import EventLoop
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

from kiosk.app import touch


FRAME = 1 / 60


class VirtualTime:
    """A clock for Kivy that moves only when the pilot steps a frame."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


virtual_time = VirtualTime(Clock.time())
Clock.time = virtual_time


class Pilot:
    """One app at a time, stepped by the test."""

    def __init__(self) -> None:
        self.app = None

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
        for _ in range(count):
            virtual_time.now += FRAME
            EventLoop.idle()

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
        for _ in range(max_frames):
            if condition():
                return
            self.frames(1)
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
