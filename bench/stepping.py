"""Running the real kiosk in this process, one frame at a time, for the in-process benchmarks.

`prepare()` must have run (max_fps 0: frames are stepped as fast as they go).
Each `step()` is one `EventLoop.idle()`: clock, input, layout, draw and flip, as
in the running kiosk. `FrameClock` optionally replaces Kivy's clock with a
virtual one that advances exactly one 60 Hz frame per step, so the kiosk's
timers (sets, rests) move by frames, not by how fast this machine draws.
"""

from __future__ import annotations

from kivy.base import EventLoop
from kivy.clock import Clock
from kivy.core.window import Window

FRAME = 1 / 60


class FrameClock:
    """Kivy clock time that moves one frame per step."""

    def __init__(self) -> None:
        self.now = Clock.time()

    def __call__(self) -> float:
        return self.now


class Stepper:
    """Starts one KioskApp and steps its frames; counts the frames it draws."""

    def __init__(self, virtual_time: bool) -> None:
        self.clock = None
        if virtual_time:
            self.clock = FrameClock()
            Clock.time = self.clock
        self.flips = 0
        self.frames = 0
        Window.bind(on_flip=self._flipped)

    def _flipped(self, *_) -> None:
        self.flips += 1

    def start(self, app) -> None:
        self.app = app
        app._run_prepare()  # what App.run() does before its loop: build, on_start, show the window
        self.step(3)

    def stop(self) -> None:
        self.app.exiting = True
        self.app.stop()
        self.step(2)

    def step(self, count: int = 1) -> None:
        for _ in range(count):
            if self.clock is not None:
                self.clock.now += FRAME
            EventLoop.idle()
            self.frames += 1

    def run_until(self, condition, what: str, max_frames: int) -> int:
        """Step until `condition()`; return the frames it took; raise if it never comes."""
        for frame in range(max_frames):
            if condition():
                return frame
            self.step()
        raise RuntimeError(f"gave up after {max_frames} frames waiting for {what}")

    def settle(self, quiet_frames: int = 3, max_frames: int = 120) -> int:
        """Step until nothing was drawn for `quiet_frames` frames in a row; return the frames stepped."""
        quiet = 0
        for frame in range(1, max_frames + 1):
            before = self.flips
            self.step()
            quiet = quiet + 1 if self.flips == before else 0
            if quiet >= quiet_frames:
                return frame
        return max_frames
