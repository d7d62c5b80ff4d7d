"""`kiosk doctor`: one report for a clinic's IT person, a line per check, what to do when one fails.

Checks the display, the touchscreen, sound, the eSpeak NG voice of every offered language,
the data folder (private, room left), the clinic server (reachable, as which role), the
units (installed, running) and the kiosk's last restart and its cause, from the journal.
Exit 1 when a check failed. Reads the installed settings from /etc/kiosk when run by root.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import subprocess
from pathlib import Path

from kiosk.system.touch import touch_choice
from kiosk.system.units import DISPLAY_UNIT, KIOSK_UNIT, Layout

FREE_MEGABYTES = 500
Line = tuple[bool, str, str, str]  # passed, check, what was found, what to do


def settings(layout: Layout) -> dict[str, str]:
    """The installed settings (/etc/kiosk), overridden by this process's own environment."""
    found: dict[str, str] = {}
    for path in (layout.settings, layout.server_settings):
        try:
            text = path.read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                key, value = line.split("=", 1)
                found[key.strip()] = value.strip()
    found.update({key: value for key, value in os.environ.items() if key.startswith("KIOSK_")})
    return found


def check_display(env: dict[str, str]) -> Line:
    display = os.environ.get("DISPLAY", ":0")
    if shutil.which("xset") is None:
        return False, "display", "xset is missing", "apt-get install x11-xserver-utils"
    done = subprocess.run(["xset", "q"], capture_output=True, text=True, env=dict(os.environ, DISPLAY=display))
    if done.returncode != 0:
        return False, "display", f"no X display at {display}", f"systemctl restart {DISPLAY_UNIT}; journalctl -u {DISPLAY_UNIT}"
    blanking = "DPMS is Enabled" in done.stdout or "timeout:  0" not in done.stdout
    return True, "display", f"{display} answers" + (" (blanking not yet off: the kiosk turns it off)" if blanking else
                                                     ", screensaver and power saving off"), ""


def check_touch(env: dict[str, str]) -> Line:
    chosen, found = touch_choice(env.get("KIOSK_TOUCH", "auto"))
    names = ", ".join(f"{path} ({name})" for path, name in found) or "none"
    if chosen is None:
        return False, "touch", f"no touchscreen found (KIOSK_TOUCH={env.get('KIOSK_TOUCH', 'auto')}; seen: {names})", \
            "plug the touchscreen's USB cable in, or set KIOSK_TOUCH=/dev/input/eventN (or mouse) in /etc/kiosk/kiosk.conf"
    return True, "touch", f"{chosen} (touchscreens seen: {names})", ""


def check_sound() -> Line:
    cards = Path("/proc/asound/cards")
    text = cards.read_text() if cards.exists() else ""
    if "no soundcards" in text or not text.strip():
        return True, "sound", "no speaker: the voice is off (plug in a speaker to have it on)", ""
    return True, "sound", text.strip().splitlines()[0].strip(), ""


def check_voices(env: dict[str, str]) -> list[Line]:
    from kiosk.content.languages import offered_languages
    from kiosk.speech.synthesis import PROGRAM, VOICES

    from .common import library

    if shutil.which(PROGRAM) is None:
        return [(False, "voices", f"{PROGRAM} is missing: the kiosk cannot speak", "apt-get install espeak-ng")]
    known = subprocess.run([PROGRAM, "--voices"], capture_output=True, text=True).stdout.split()
    lines = []
    for language in offered_languages(list(library(None, Path(env["KIOSK_DATA"]) if "KIOSK_DATA" in env else None)
                                          .programs.values())):
        voice = VOICES.get(language, language)
        ok = voice in known
        lines.append((ok, f"voice {language}", f"eSpeak NG voice {voice}" + ("" if ok else " is missing"),
                      "" if ok else "apt-get install --reinstall espeak-ng-data"))
    return lines


def check_data(env: dict[str, str], layout: Layout) -> Line:
    folder = Path(env.get("KIOSK_DATA", layout.data))
    if not folder.is_dir():
        return False, "data folder", f"{folder} does not exist", "kiosk install makes it (or start the kiosk once)"
    stat = folder.stat()
    owner = pwd.getpwuid(stat.st_uid).pw_name if stat.st_uid in {p.pw_uid for p in pwd.getpwall()} else stat.st_uid
    free = shutil.disk_usage(folder).free // 2**20
    if stat.st_mode & 0o077:
        return False, "data folder", f"{folder} is mode {stat.st_mode & 0o777:o}: other accounts can read the records", \
            f"chmod 700 {folder}"
    if free < FREE_MEGABYTES:
        return False, "data folder", f"{folder}: only {free} MB free", f"free at least {FREE_MEGABYTES} MB on that disk"
    return True, "data folder", f"{folder} mode 700, owner {owner}, {free} MB free", ""


def check_server(env: dict[str, str]) -> Line:
    url = env.get("KIOSK_DATABASE_URL")
    if not url:
        return True, "clinic server", "none set: records stay on this kiosk", ""
    from kiosk.records.server import connect, describe, explain

    try:
        with connect(url) as conn:
            role = conn.execute("select current_user").fetchone()[0]
    except Exception as error:  # any failure to reach it is the finding
        return False, "clinic server", f"{describe(url)}: {explain(error, url)}", \
            "check the address in /etc/kiosk/server.conf and the network"
    return True, "clinic server", f"{describe(url)} reachable as role {role}", ""


def show(unit: str, *properties: str) -> dict[str, str]:
    done = subprocess.run(["systemctl", "show", unit, *(f"--property={p}" for p in properties)],
                          capture_output=True, text=True)
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


def check_units(layout: Layout) -> list[Line]:
    lines = []
    for unit in (DISPLAY_UNIT, KIOSK_UNIT):
        state = show(unit, "LoadState", "ActiveState", "SubState")
        if not (layout.units / unit).exists() or state.get("LoadState") != "loaded":
            lines.append((False, unit, "not installed", "sudo kiosk install --wheel FILE"))
        elif state.get("ActiveState") != "active":
            lines.append((False, unit, f"{state.get('ActiveState')} ({state.get('SubState')})",
                          f"journalctl -u {unit} -n 50 says why; systemctl restart {unit}"))
        else:
            lines.append((True, unit, "installed and running", ""))
    return lines


def check_restarts() -> Line:
    restarts = show(KIOSK_UNIT, "NRestarts").get("NRestarts", "0")
    journal = subprocess.run(["journalctl", "-u", KIOSK_UNIT, "-n", "300", "-o", "short-iso", "--no-pager"],
                             capture_output=True, text=True).stdout.splitlines()
    causes = [line for line in journal if any(word in line for word in (
        "Watchdog timeout", "Main process exited", "Failed with result", "Scheduled restart job"))]
    last = next((line for line in reversed(causes) if "Scheduled restart" not in line), None)
    return True, "last restart", f"{restarts} restarts since boot" + (f"; last: {last}" if last else ""), ""


def report(layout: Layout = Layout()) -> list[Line]:
    env = settings(layout)
    return [check_display(env), check_touch(env), check_sound(), *check_voices(env), check_data(env, layout),
            check_server(env), *check_units(layout), check_restarts()]


def cmd_doctor(args: argparse.Namespace) -> int:
    lines = report()
    for passed, check, found, remedy in lines:
        print(f"{'ok  ' if passed else 'FAIL'} {check}: {found}" + ("" if passed else f"  -> {remedy}"))
    return 0 if all(passed for passed, *_ in lines) else 1


def add_command(commands: argparse._SubParsersAction) -> None:
    doctor = commands.add_parser("doctor", help="check this kiosk's display, touch, sound, voices, data, server, units")
    doctor.set_defaults(run=cmd_doctor)
