"""The systemd units `kiosk install` writes pass `systemd-analyze verify` without one warning.

Written for both display servers into a folder of their own, with the kiosk command they
start being this checkout's real `kiosk` (verify checks that each command is executable).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.system.units import DISPLAYS, Layout, units


@pytest.mark.parametrize("display", sorted(DISPLAYS))
def test_the_units_verify_without_a_warning(display, tmp_path):
    bin_dir = tmp_path / "app" / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "kiosk").symlink_to(Path(shutil.which("kiosk", path=str(Path(sys.executable).parent))))
    layout = Layout(app=tmp_path / "app", units=tmp_path / "units", data=tmp_path / "data", etc=tmp_path / "etc")
    layout.units.mkdir()
    for name, text in units(layout, display).items():
        (layout.units / name).write_text(text)
    done = subprocess.run(["systemd-analyze", "verify", *sorted(str(p) for p in layout.units.iterdir())],
                          capture_output=True, text=True)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_the_kiosk_unit_is_notify_with_a_watchdog_and_never_gives_up():
    text = units(Layout(), "xorg")["kiosk.service"]
    for line in ("Type=notify", "WatchdogSec=30", "Restart=always", "RestartSec=3", "StartLimitIntervalSec=0",
                 "NoNewPrivileges=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/kiosk", "PrivateTmp=yes",
                 "User=kiosk", "ExecStartPre=/opt/kiosk/venv/bin/kiosk screen-on"):
        assert line in text.splitlines()
