"""Tell systemd the kiosk is up after its first frame, keep its watchdog fed from the Kivy clock,
and stop when systemd says so.

The pings run on Kivy's main loop, at half the watchdog's period, so a frozen loop (a
stuck frame, a deadlock, SIGSTOP) stops them and systemd restarts the kiosk.
systemd stops a unit (`systemctl stop`, a reboot, an upgrade) with SIGTERM. SDL turns
SIGTERM into a request to close the window, which the kiosk refuses (only staff leave
kiosk mode), so without its own handler the kiosk would sit out systemd's 90 s and be killed.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Callable

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


class StopOnSigterm:
    """While it is held: SIGTERM stops the kiosk as a staff exit does (on the next frame); `release`
    puts back the handler there was before."""

    def __init__(self, stop: Callable[[], None]) -> None:
        self._before = None
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may set signal handlers (a kiosk built elsewhere is a test's)

        def asked_to_stop(_signum, _frame) -> None:
            log.info("asked to stop (SIGTERM): the kiosk stops")
            Clock.schedule_once(lambda _dt: stop(), 0)

        self._before = signal.signal(signal.SIGTERM, asked_to_stop)

    def release(self) -> None:
        if self._before is not None:
            signal.signal(signal.SIGTERM, self._before)
            self._before = None
