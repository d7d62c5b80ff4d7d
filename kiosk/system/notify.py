"""systemd's notify protocol: READY=1 when the kiosk shows its first frame, WATCHDOG=1 while it runs.

The protocol is one datagram on the Unix socket named by $NOTIFY_SOCKET (a leading "@" is
Linux's abstract namespace), so it is written here in a few lines rather than taken from a
package: `systemd-python` needs libsystemd's headers to build into a venv, and `sdnotify`
has had no release since 2017. Outside systemd (no $NOTIFY_SOCKET) every call does nothing.
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


def _address() -> str | None:
    address = os.environ.get("NOTIFY_SOCKET")
    if not address or address[0] not in "/@":
        return None
    return "\0" + address[1:] if address[0] == "@" else address


def send(*fields: str) -> bool:
    """Send "KEY=value" fields to systemd; False when not under systemd or the socket refused."""
    address = _address()
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto("\n".join(fields).encode(), address)
    except OSError as error:
        log.warning("systemd notify failed: %s", error)
        return False
    return True


def watchdog_period() -> float | None:
    """The watchdog's period in seconds that systemd asked this process for ($WATCHDOG_USEC), or None."""
    pid = os.environ.get("WATCHDOG_PID")
    if pid and pid.isdigit() and int(pid) != os.getpid():
        return None
    usec = os.environ.get("WATCHDOG_USEC", "")
    return int(usec) / 1_000_000 if usec.isdigit() and int(usec) > 0 else None


def ready(status: str) -> bool:
    return send("READY=1", f"STATUS={status}")


def alive() -> bool:
    return send("WATCHDOG=1")


def stopping() -> bool:
    return send("STOPPING=1")
