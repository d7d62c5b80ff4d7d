"""`kiosk install` and `kiosk uninstall` on Debian 12 (as root): the kiosk as a clinic's appliance.

Install (again = upgrade in place): the Debian packages it needs, an unprivileged account,
a fresh virtual environment made with Debian's /usr/bin/python3 (built beside the old one
and swapped in, so a failed upgrade leaves the running kiosk alone), settings in /etc/kiosk
(kept when present); then the kiosk just installed (`kiosk install-units`) makes the data
folder (0700, the account's) and writes its own units, enabled and (re)started. Uninstall removes the app, units and settings; the data only with `purge`.
"""

from __future__ import annotations

import grp
import logging
import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

from .units import DISPLAY_UNIT, KIOSK_UNIT, Layout, units

log = logging.getLogger(__name__)
DEBIAN_PYTHON = "/usr/bin/python3"
PACKAGES = ["python3-venv", "espeak-ng", "libgl1", "libegl1", "libgl1-mesa-dri", "libglib2.0-0", "libmtdev1",
            "libasound2", "x11-xserver-utils", "cups-client"]
"""What the kiosk needs from Debian; cups-client gives it `lp` and `lpstat` for the home-program handouts
(the printer itself is added in CUPS, here or on the clinic's print server)."""
DISPLAY_PACKAGES = {"xorg": ["xserver-xorg-core", "xserver-xorg-input-libinput", "xserver-xorg-video-all"],
                    "xvfb": ["xvfb"]}
X_CONFIG = Path("/etc/X11/xorg.conf.d/10-kiosk-touch.conf")
X_IGNORE_TOUCH = """\
# Written by kiosk install: the kiosk reads the touchscreen itself (Kivy's mtdev provider);
# X must not also turn its touches into pointer events, or every touch would count twice.
Section "InputClass"
    Identifier "kiosk: touchscreens are read by the kiosk"
    MatchIsTouchscreen "on"
    Option "Ignore" "on"
EndSection
"""


class InstallError(Exception):
    """Why the installation stopped, with what to do."""


def run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise InstallError(f"{' '.join(command)} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}")


def missing_packages(display: str) -> list[str]:
    wanted = PACKAGES + DISPLAY_PACKAGES[display]
    found = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Status}\n", *wanted],
                           capture_output=True, text=True).stdout
    installed = {line.split()[0] for line in found.splitlines() if line.endswith("install ok installed")}
    return [package for package in wanted if package not in installed]


def ensure_packages(display: str) -> None:
    missing = missing_packages(display)
    if missing:
        log.info("installing Debian packages: %s", " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        done = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                              env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise InstallError(f"apt-get could not install {' '.join(missing)}: {done.stderr.strip()[-800:]}")


def ensure_account(layout: Layout) -> None:
    try:
        pwd.getpwnam(layout.user)
    except KeyError:
        run("useradd", "--system", "--home-dir", str(layout.data), "--no-create-home",
            "--shell", "/usr/sbin/nologin", "--user-group", layout.user)
    for group in ("audio", "video", "input", "render"):
        try:
            grp.getgrnam(group)
        except KeyError:
            continue
        run("usermod", "--append", "--groups", group, layout.user)


def make_venv(layout: Layout, wheel: str, pip_options: list[str]) -> None:
    """A new venv with the wheel beside the old one; `venv` (a link) is pointed at it once it is complete."""
    layout.app.mkdir(mode=0o755, parents=True, exist_ok=True)
    new = layout.app / f"venv-{os.getpid()}-{int(time.time())}"
    run(DEBIAN_PYTHON, "-m", "venv", str(new))
    try:
        run(str(new / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
            *pip_options, wheel)
    except InstallError:
        shutil.rmtree(new, ignore_errors=True)
        raise
    link = layout.app / "venv.link"
    link.unlink(missing_ok=True)
    link.symlink_to(new.name)
    if layout.venv.is_dir() and not layout.venv.is_symlink():
        shutil.rmtree(layout.venv)
    link.rename(layout.venv)  # atomic: the old venv or the new, never neither
    for old in layout.app.glob("venv-*"):
        if old != new:
            shutil.rmtree(old, ignore_errors=True)


def write_private(path: Path, text: str, mode: int, owner: str | None = None) -> None:
    path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    if owner is not None:
        shutil.chown(path, owner, owner)


def write_settings(layout: Layout, server_url: str | None, touch: str | None) -> None:
    """/etc/kiosk/kiosk.conf (kept if present) and server.conf (only the account reads it)."""
    if not layout.settings.exists():
        write_private(layout.settings, f"# The kiosk's settings (systemd EnvironmentFile); kiosk install keeps them.\n"
                      f"KIOSK_DATA={layout.data}\n"
                      f"# The touchscreen: auto (the first touchscreen udev names), a /dev/input/eventN\n"
                      f"# path, or mouse (X's pointer, for a trial with a mouse). kiosk doctor lists them.\n"
                      f"KIOSK_TOUCH={touch or 'auto'}\n", 0o644)
    elif touch:
        lines = [line for line in layout.settings.read_text().splitlines() if not line.startswith("KIOSK_TOUCH=")]
        write_private(layout.settings, "\n".join(lines + [f"KIOSK_TOUCH={touch}"]) + "\n", 0o644)
    if server_url is not None:
        write_private(layout.server_settings, f"KIOSK_DATABASE_URL={server_url}\n", 0o600, layout.user)
    elif layout.server_settings.exists():
        shutil.chown(layout.server_settings, layout.user, layout.user)
        layout.server_settings.chmod(0o600)


def make_data_folder(layout: Layout) -> None:
    layout.data.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.chown(layout.data, layout.user, layout.user)
    layout.data.chmod(0o700)


def systemctl(*args: str) -> None:
    run("systemctl", *args)


def install(wheel: str, display: str, pip_options: list[str], server_url: str | None = None,
            touch: str | None = None, layout: Layout = Layout()) -> None:
    """The app's venv and the settings; then the version just installed writes its own units."""
    ensure_packages(display)
    ensure_account(layout)
    make_venv(layout, wheel, pip_options)
    write_settings(layout, server_url, touch)
    # An upgrade is often run by the kiosk already installed: were it to write the units, a new
    # version's units (and Debian packages) would only arrive with the upgrade after it.
    done = subprocess.run([str(layout.venv / "bin" / "kiosk"), "install-units", "--display", display])
    if done.returncode != 0:
        raise InstallError(f"the new kiosk ({layout.venv}) could not set up its units: see its messages above")


def install_units(display: str, layout: Layout = Layout()) -> None:
    """The rest of `install`, run by the kiosk just installed: its packages, the data folder, the units."""
    ensure_packages(display)
    ensure_account(layout)
    make_data_folder(layout)
    if display == "xorg":
        write_private(X_CONFIG, X_IGNORE_TOUCH, 0o644)
    for name, text in units(layout, display).items():
        write_private(layout.units / name, text, 0o644)
    systemctl("daemon-reload")
    systemctl("enable", DISPLAY_UNIT, KIOSK_UNIT)
    systemctl("restart", DISPLAY_UNIT, KIOSK_UNIT)
    log.info("kiosk installed: %s", layout.venv)


def uninstall(purge: bool, layout: Layout = Layout()) -> None:
    subprocess.run(["systemctl", "disable", "--now", KIOSK_UNIT, DISPLAY_UNIT], capture_output=True)
    for name in (KIOSK_UNIT, DISPLAY_UNIT):
        (layout.units / name).unlink(missing_ok=True)
    X_CONFIG.unlink(missing_ok=True)
    subprocess.run(["systemctl", "daemon-reload"], capture_output=True)
    shutil.rmtree(layout.app, ignore_errors=True)
    shutil.rmtree(layout.etc, ignore_errors=True)
    if purge:
        shutil.rmtree(layout.data, ignore_errors=True)
        subprocess.run(["userdel", layout.user], capture_output=True)
