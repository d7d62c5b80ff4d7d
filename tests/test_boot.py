"""The boot test: a bare Debian 12 booted by a real systemd becomes a kiosk, and stays one.

In a container (tests/container.py) on the root scripts/boot-root.sh prepares, with no network:
the wheel built from this checkout and `kiosk install` (its dependencies from a wheelhouse the
test fills); a reboot, and the attract screen is on the display (the Xvfb screen read back);
`kill -9` and a frozen main loop (SIGSTOP) are both followed by a kiosk drawn again; a session
recorded before the reboot is still there, and still there with the clinic's program after an
upgrade to a newer wheel; `kiosk doctor` passes, and names the data folder other accounts can
read and the missing eSpeak NG. Figures (times to come back, systemd's exposure rating) are printed.
"""

from __future__ import annotations

import re
import signal
import struct
import subprocess
import time
from pathlib import Path

import pytest

from kiosk import __version__
from tests.container import Container, prepared_root
from tests.wheels import DEBIAN_PYTHON, build_wheel

pytestmark = pytest.mark.appliance

KIOSK = "/opt/kiosk/venv/bin/kiosk"
AS_KIOSK = {"KIOSK_DATA": "/var/lib/kiosk", "HOME": "/var/lib/kiosk", "XDG_STATE_HOME": "/var/lib/kiosk/state",
            "SDL_AUDIODRIVER": "dummy"}
BACK_AFTER_KILL_SECONDS = 10  # the promise: a killed kiosk is drawn again within 10 s
SCREEN_DRAWN_WITHIN = 10  # a guard: the frame the kiosk has sent is drawn by X within a frame or two
WATCHDOG_DEADLINE = 90  # WatchdogSec=30 and a restart; a guard, not a promise
CLINIC_PROGRAM = """\
programs:
  - id: clinic_extension
    name: Our extension programme
    blocks:
      - role: spinal
        exercises: [prone_lying, {id: press_up, sets: 1}]
"""


def newer(version: str) -> str:
    parts = version.split(".")
    return ".".join([*parts[:-1], str(int(parts[-1]) + 1)])


def wheelhouse(folder: Path, wheel: Path) -> Path:
    """The wheels of the kiosk's dependencies for Debian's python3, fetched here (the container has no index)."""
    subprocess.run([DEBIAN_PYTHON, "-m", "venv", str(folder / "pip")], check=True)
    done = subprocess.run([str(folder / "pip" / "bin" / "pip"), "download", "-q", "--only-binary=:all:",
                           "-d", str(folder / "wheels"), str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    for own in (folder / "wheels").glob("kiosk-*.whl"):
        own.unlink()
    return folder / "wheels"


@pytest.fixture
def container(tmp_path):
    started = time.monotonic()
    old, new = build_wheel(tmp_path / "old"), build_wheel(tmp_path / "new", version=newer(__version__))
    wheels = wheelhouse(tmp_path, old)
    box = Container(prepared_root(), tmp_path / "container",
                    {wheels: "/mnt/wheels", old.parent: "/mnt/old", new.parent: "/mnt/new"})
    box.wheels = {"old": f"/mnt/old/{old.name}", "new": f"/mnt/new/{new.name}"}
    try:
        box.boot()
        yield box
    finally:
        box.close()
        print(f"boot test: {time.monotonic() - started:.0f} s in all")


def install(box: Container, kiosk: str, wheel: str, *options: str) -> None:
    box.run(kiosk, "install", "--wheel", wheel, "--display", "xvfb", "--find-links=/mnt/wheels", "--no-index",
            *options)
    assert box.unit("kiosk.service", "ActiveState")["ActiveState"] == "active"


def screen_colours(xwd: bytes) -> list[tuple[int, tuple[int, int, int]]]:
    """(count, colour) of an Xvfb screen (its -fbdir file: an XWD image, 32 bits a pixel), commonest first."""
    from PIL import Image

    header = struct.unpack(">25I", xwd[:100])
    size, width, height, bits, line, colours = header[0], header[4], header[5], header[11], header[12], header[19]
    assert bits == 32, f"Xvfb screen of {bits} bits a pixel"
    start = size + 12 * colours
    image = Image.frombuffer("RGBX", (width, height), xwd[start:start + line * height], "raw", "BGRX", line, 1)
    return sorted(image.convert("RGB").getcolors(width * height), reverse=True)


def assert_attract_screen_drawn(box: Container) -> None:
    """The display shows the attract screen: its page colour first, its buttons' among the next, and text.

    The kiosk tells systemd it is ready as its first frame goes to the X server, which draws it a moment
    later: the screen is read until it shows the page, and the deadline is only a guard."""
    from kiosk.app import theme

    page, buttons = (tuple(round(255 * part) for part in colour[:3]) for colour in (theme.BACKGROUND, theme.PRIMARY))
    deadline = time.monotonic() + SCREEN_DRAWN_WITHIN
    while True:
        colours = screen_colours(box.file("/run/kiosk-display/Xvfb_screen0").read_bytes())
        near = [colour for _count, colour in colours[:3]]
        if (near[0] == page and buttons in near) or time.monotonic() > deadline:
            break
        time.sleep(0.1)  # the X server's framebuffer file has no event to wait on
    assert near[0] == page and buttons in near, f"the screen is not the attract screen: commonest colours " \
        f"{colours[:5]}\n{journal(box)}"
    assert len(colours) > 100, "no text drawn: the screen has too few colours"


def journal(box: Container) -> str:
    """This boot's journal of the display and the kiosk, for a failure's message."""
    return box.run("journalctl", "-b", "-u", "kiosk-display.service", "-u", "kiosk.service", "--no-pager",
                   "-o", "short-monotonic", check=False).stdout[-4000:]


def assert_records_kept(box: Container) -> None:
    history = box.run(KIOSK, "history", user="kiosk", env=AS_KIOSK).stdout
    assert "1 session, newest first" in history and "spinal source likely" in history, history
    programs = box.run(KIOSK, "programs", user="kiosk", env=AS_KIOSK).stdout
    assert "clinic_extension" in programs, programs


def main_pid(box: Container) -> int:
    return int(box.unit("kiosk.service", "MainPID")["MainPID"])


def back_after(box: Container, signal_number: int, deadline: float, *journal_words: str) -> float:
    """Send the kiosk `signal_number`; seconds until systemd has a new kiosk drawn (Type=notify: READY=1)."""
    before = main_pid(box)
    with box.follow("kiosk.service") as journal:
        sent = time.monotonic()
        box.run("kill", f"-{signal_number}", str(before))
        for words in journal_words:
            journal.wait_for(words, deadline)
        back = journal.wait_for("Started kiosk.service", deadline - (time.monotonic() - sent)) - sent
    assert main_pid(box) not in (0, before)
    return back


def test_a_bare_debian_boots_into_the_kiosk_and_keeps_it_running(container):
    box = container
    box.run(DEBIAN_PYTHON, "-m", "venv", "/root/installer")
    box.run("/root/installer/bin/pip", "install", "-q", "--no-index", "--find-links=/mnt/wheels", box.wheels["old"])
    install(box, "/root/installer/bin/kiosk", box.wheels["old"], "--touch", "mouse")

    box.run("sh", "-c", "umask 077 && mkdir -p /var/lib/kiosk/programs && cat > "
            "/var/lib/kiosk/programs/clinic_extension.yaml", user="kiosk", input=CLINIC_PROGRAM)
    box.run("systemctl", "stop", "kiosk.service")  # one kiosk per data folder: the autopilot's turn
    assert box.unit("kiosk.service", "Result")["Result"] == "success"  # it stopped on SIGTERM, not killed
    patients = box.run("/opt/kiosk/venv/bin/python", "-c", "from kiosk.content.program_check import "
                       "example_patients_dir as d; print(d())").stdout.strip()
    box.run(KIOSK, "run", "--autopilot", f"{patients}/spinal_source_likely.yaml", "--program", "knee_from_spine",
            user="kiosk", env=AS_KIOSK)

    box.reboot()
    assert box.unit("kiosk.service", "ActiveState")["ActiveState"] == "active", "the kiosk did not start at boot"
    assert_attract_screen_drawn(box)
    assert_records_kept(box)

    killed = back_after(box, signal.SIGKILL, BACK_AFTER_KILL_SECONDS, "status=9/KILL")
    assert_attract_screen_drawn(box)
    frozen = back_after(box, signal.SIGSTOP, WATCHDOG_DEADLINE, "Watchdog timeout")
    assert_attract_screen_drawn(box)
    print(f"boot test: back {killed:.1f} s after kill -9, {frozen:.1f} s after SIGSTOP (WatchdogSec=30)")

    install(box, KIOSK, box.wheels["new"])
    assert box.run(KIOSK, "--version").stdout.strip() == f"kiosk {newer(__version__)}"
    assert box.file("/etc/systemd/system/kiosk.service").read_text().startswith(
        f"# Written by kiosk {newer(__version__)} "), "the upgrade left the older kiosk's unit"
    assert "KIOSK_TOUCH=mouse" in box.file("/etc/kiosk/kiosk.conf").read_text().splitlines()
    assert_records_kept(box)

    doctor = box.run(KIOSK, "doctor")
    assert "FAIL" not in doctor.stdout and re.search(r"^ok   last restart: .*'watchdog'", doctor.stdout, re.M), \
        doctor.stdout
    security = box.run("systemd-analyze", "security", "kiosk.service", "--no-pager").stdout
    exposure = re.search(r"Overall exposure level for kiosk.service: ([\d.]+) (\w+)", security)
    assert exposure and exposure[2] == "OK", security[-400:]
    print(f"boot test: systemd-analyze security kiosk.service: {exposure[1]} {exposure[2]}")

    box.run("chmod", "755", "/var/lib/kiosk")
    assert_doctor_names(box, "FAIL data folder: /var/lib/kiosk is mode 755", "-> chmod 700 /var/lib/kiosk")
    box.run("chmod", "700", "/var/lib/kiosk")
    box.run("dpkg", "--remove", "espeak-ng")
    assert_doctor_names(box, "FAIL voices: espeak-ng is missing", "-> apt-get install espeak-ng")


def assert_doctor_names(box: Container, fault: str, remedy: str) -> None:
    doctor = box.run(KIOSK, "doctor", check=False)
    failing = [line for line in doctor.stdout.splitlines() if line.startswith("FAIL")]
    assert doctor.returncode == 1 and len(failing) == 1, doctor.stdout
    assert failing[0].startswith(fault) and failing[0].endswith(remedy), failing[0]
