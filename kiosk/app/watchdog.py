"""Tell systemd the kiosk is up after its first frame, and keep its watchdog fed from the Kivy clock.

The pings run on Kivy's main loop, at half the watchdog's period, so a frozen loop (a
stuck frame, a deadlock, SIGSTOP) stops them and systemd restarts the kiosk.
"""

from __future__ import annotations

import logging

from kivy.clock import Clock

from kiosk.system import notify

log = logging.getLogger(__name__)


class ServiceWatch:
    """READY=1 now, then WATCHDOG=1 every half period until `stop`."""

    def __init__(self) -> None:
        self._event = None
        if notify.ready("attract screen shown"):
            log.info("told systemd the kiosk is ready")
        period = notify.watchdog_period()
        if period is not None:
            self._event = Clock.schedule_interval(lambda _dt: notify.alive(), period / 2)
            notify.alive()

    def stop(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None
        notify.stopping()
