"""Real touch events for the autopilot and the tests.

Touches go through Kivy's event loop exactly as a finger on the screen would:
the widget under the point gets on_touch_down / on_touch_up.
"""

from __future__ import annotations

from kivy.base import EventLoop
from kivy.input.motionevent import MotionEvent

_counter = iter(range(1, 1 << 62))


class FingerTouch(MotionEvent):
    """A single finger at a window position (pixels)."""

    def __init__(self, x: float, y: float) -> None:
        super().__init__("kiosk-finger", next(_counter), (x, y))

    def depack(self, args) -> None:
        self.is_touch = True
        self.sx = args[0] / EventLoop.window.width
        self.sy = args[1] / EventLoop.window.height
        super().depack(args)

    def move_to(self, x: float, y: float) -> None:
        self.move((x, y))
        EventLoop.post_dispatch_input("update", self)


def touch_down(x: float, y: float) -> FingerTouch:
    """Put a finger down at window position (x, y)."""
    touch = FingerTouch(x, y)
    EventLoop.post_dispatch_input("begin", touch)
    return touch


def touch_up(touch: FingerTouch) -> None:
    """Lift the finger."""
    EventLoop.post_dispatch_input("end", touch)


def window_center(widget) -> tuple[float, float]:
    """Where a finger would press to touch the middle of `widget`."""
    return widget.to_window(*widget.center)


def tap_at(x: float, y: float) -> None:
    """A quick tap (down then up) at a window position."""
    touch_up(touch_down(x, y))


def tap(widget) -> None:
    """Tap the middle of a widget."""
    tap_at(*window_center(widget))
