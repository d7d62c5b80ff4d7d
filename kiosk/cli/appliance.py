"""Commands of the kiosk as an appliance: install, uninstall (as root, Debian 12), screen-on, doctor.

`screen-on` runs before each start of the kiosk unit: it waits for the display server and
turns its screensaver, blanking and power saving off. `doctor` is in `kiosk.cli.doctor`.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import time

from kiosk.system.units import DISPLAYS

from . import doctor

WAIT_FOR_DISPLAY_SECONDS = 30


def _need_root(command: str) -> bool:
    if os.geteuid() != 0:
        print(f"kiosk {command}: run as root (sudo kiosk {command} ...): it writes /etc, /opt and systemd units",
              file=sys.stderr)
        return False
    return True


def cmd_install(args: argparse.Namespace) -> int:
    from kiosk.system.install import InstallError, install

    if not _need_root("install"):
        return 2
    logging.basicConfig(level=logging.INFO, format="kiosk install: %(message)s")
    pip_options = [f"--find-links={folder}" for folder in args.find_links or ()] + (["--no-index"] if args.no_index else [])
    try:
        install(args.wheel, args.display, pip_options, server_url=args.server_url, touch=args.touch)
    except InstallError as error:
        print(f"kiosk install: {error}", file=sys.stderr)
        return 1
    print("kiosk install: done; `kiosk doctor` checks it (as root or the kiosk account)")
    return 0


def cmd_install_units(args: argparse.Namespace) -> int:
    """The second half of `kiosk install`, run by the kiosk it has just installed (not listed in --help)."""
    from kiosk.system.install import InstallError, install_units

    if not _need_root("install"):
        return 2
    logging.basicConfig(level=logging.INFO, format="kiosk install: %(message)s")
    try:
        install_units(args.display)
    except InstallError as error:
        print(f"kiosk install: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_uninstall(args: argparse.Namespace) -> int:
    from kiosk.system.install import uninstall

    if not _need_root("uninstall"):
        return 2
    uninstall(args.purge)
    print("kiosk uninstall: app, units and settings removed; " +
          ("the data folder and the account too" if args.purge else "the data folder kept (--purge removes it)"))
    return 0


def cmd_screen_on(args: argparse.Namespace) -> int:
    """Wait for the X display, then: no screensaver, no blanking, no DPMS."""
    if shutil.which("xset") is None:
        print("kiosk screen-on: xset is missing: apt-get install x11-xserver-utils", file=sys.stderr)
        return 1
    deadline = time.monotonic() + args.wait
    while subprocess.run(["xset", "q"], capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            print(f"kiosk screen-on: no display at DISPLAY={os.environ.get('DISPLAY')!r} after {args.wait} s: "
                  f"see `journalctl -u kiosk-display`", file=sys.stderr)
            return 1
        time.sleep(0.2)
    for settings in (["s", "off"], ["s", "noblank"], ["-dpms"]):
        subprocess.run(["xset", *settings], capture_output=True)
    print("kiosk screen-on: screensaver, blanking and power saving off")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    install = commands.add_parser("install", help="install (or upgrade) this kiosk as a clinic appliance (root)")
    install.add_argument("--wheel", required=True, metavar="FILE",
                         help="the kiosk's wheel (kiosk-X.Y.Z-py3-none-any.whl) or a pip requirement")
    install.add_argument("--display", choices=sorted(DISPLAYS), default="xorg",
                         help="xorg: X on the console (default); xvfb: a virtual screen (test rigs)")
    install.add_argument("--server-url", metavar="URL", help="the clinic's PostgreSQL server (kept if not given)")
    install.add_argument("--touch", metavar="DEVICE", help="auto (default), /dev/input/eventN, or mouse")
    install.add_argument("--find-links", action="append", metavar="DIR", help="pip: look for wheels here too")
    install.add_argument("--no-index", action="store_true", help="pip: only the --find-links folders")
    install.set_defaults(run=cmd_install)

    units = commands.add_parser("install-units")  # no help: not listed, `kiosk install` runs it
    units.add_argument("--display", choices=sorted(DISPLAYS), default="xorg")
    units.set_defaults(run=cmd_install_units)

    uninstall = commands.add_parser("uninstall", help="remove the app and its units; keep the data (root)")
    uninstall.add_argument("--purge", action="store_true", help="also remove the data folder and the account")
    uninstall.set_defaults(run=cmd_uninstall)

    screen = commands.add_parser("screen-on", help="wait for the display; screensaver and power saving off")
    screen.add_argument("--wait", type=float, default=WAIT_FOR_DISPLAY_SECONDS, metavar="SECONDS")
    screen.set_defaults(run=cmd_screen_on)

    doctor.add_command(commands)
