"""Idle watching: a patient who walks away is asked once, then the kiosk resets.

The watcher counts kiosk seconds (real seconds times the shell's speed) since
the last touch, but only while the shown plugin waits for the patient: nobody
touches the screen while lying on the floor doing a set.
"""

from __future__ import annotations

from typing import Callable


MAX_STEP = 0.1
"""One step never counts more than this share of `ask_after`: a stalled frame, or a
sped-up clock (the autopilot), cannot skip the question "Are you still there?"."""


class IdleWatcher:
    """Calls `ask` after `ask_after` idle seconds, then `give_up` after `give_up_after` more."""

    def __init__(self, ask_after: float, give_up_after: float, waiting: Callable[[], bool],
                 ask: Callable[[], None], give_up: Callable[[], None]) -> None:
        self.ask_after = ask_after
        self.give_up_after = give_up_after
        self._waiting = waiting
        self._ask = ask
        self._give_up = give_up
        self.idle = 0.0
        self.asking = False

    def touched(self) -> None:
        """Any touch: the patient is here."""
        self.idle = 0.0
        self.asking = False

    def advance(self, seconds: float) -> None:
        """Let `seconds` of kiosk time pass."""
        if not self._waiting():
            self.touched()
            return
        self.idle += min(seconds, self.ask_after * MAX_STEP)
        if not self.asking and self.idle >= self.ask_after:
            self.asking = True
            self._ask()
        elif self.asking and self.idle >= self.ask_after + self.give_up_after:
            self.touched()
            self._give_up()
