"""systemd's notify protocol, against a real datagram socket the test binds as $NOTIFY_SOCKET.

READY=1 comes once the first frame is drawn; WATCHDOG=1 every half period of $WATCHDOG_USEC on
the Kivy clock; and while the main loop is held (the test keeps it busy waiting on the
socket, so no frame runs) no ping comes at all: that is what lets systemd see a frozen kiosk.
"""

from __future__ import annotations

import os
import signal
import socket

import pytest

from kiosk.app.shell import KioskApp, ShellOptions

PERIOD = 2.0  # seconds: WATCHDOG_USEC=2000000
FRAME = 1 / 60


@pytest.fixture
def systemd_socket(tmp_path, monkeypatch):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = tmp_path / "notify"
    sock.bind(str(path))
    sock.setblocking(False)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    monkeypatch.setenv("WATCHDOG_USEC", str(int(PERIOD * 1_000_000)))
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    yield sock
    sock.close()


def received(sock) -> list[str]:
    messages = []
    while True:
        try:
            messages.append(sock.recv(4096).decode())
        except BlockingIOError:
            return messages


def test_ready_after_the_first_frame_then_watchdog_at_half_the_period(systemd_socket, pilot, tmp_path):
    app = KioskApp(ShellOptions(data=tmp_path / "data"))
    app._run_prepare()
    assert received(systemd_socket) == []  # built, nothing drawn yet
    pilot.frames(1)
    first = received(systemd_socket)
    assert first[0].splitlines()[0] == "READY=1" and app.root.ids.manager.current == "plugin:exercise_session"
    assert first[1:] == ["WATCHDOG=1"]
    pilot.app = app
    pings_at = []
    for frame in range(1, int(3 * PERIOD / FRAME) + 2):
        pilot.frames(1)
        pings_at += [frame * FRAME for message in received(systemd_socket) if message == "WATCHDOG=1"]
    assert len(pings_at) == 6  # three periods, a ping every half period
    gaps = [later - earlier for earlier, later in zip([0.0] + pings_at, pings_at)]
    assert all(abs(gap - PERIOD / 2) <= 2 * FRAME for gap in gaps), gaps


def test_no_watchdog_ping_while_the_main_loop_is_held(systemd_socket, pilot, tmp_path):
    pilot.start(KioskApp(ShellOptions(data=tmp_path / "data")))
    pilot.seconds(PERIOD)
    assert "WATCHDOG=1" in received(systemd_socket)
    # Held: this test is the main loop now; a ping from any other thread would arrive meanwhile.
    systemd_socket.settimeout(PERIOD * 1.5)
    with pytest.raises(socket.timeout):
        systemd_socket.recv(4096)
    systemd_socket.setblocking(False)
    pilot.seconds(PERIOD / 2)  # let go: the loop runs again, and so do the pings
    assert set(received(systemd_socket)) == {"WATCHDOG=1"}


def test_stopping_is_said_when_the_kiosk_stops(systemd_socket, pilot, tmp_path):
    pilot.start(KioskApp(ShellOptions(data=tmp_path / "data")))
    received(systemd_socket)
    pilot.stop()
    assert "STOPPING=1" in received(systemd_socket)


def test_sigterm_stops_the_kiosk_as_a_staff_exit_does(pilot, tmp_path):
    """systemd stops the kiosk with SIGTERM (systemctl stop, a reboot, an upgrade): it stops on the
    next frame instead of refusing it as a request to close the window, and puts the handler back."""
    before = signal.getsignal(signal.SIGTERM)
    app = pilot.start(KioskApp(ShellOptions(data=tmp_path / "data")))
    signal.raise_signal(signal.SIGTERM)
    pilot.frames(2)
    assert app.exiting and app.records is None  # on_stop ran: the records are closed
    assert signal.getsignal(signal.SIGTERM) is before
