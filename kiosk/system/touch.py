"""Which touchscreen the kiosk reads: udev's touchscreens, and the KIOSK_TOUCH setting.

KIOSK_TOUCH=auto takes the first device udev marks ID_INPUT_TOUCHSCREEN; a
/dev/input/eventN path takes that one; `mouse` reads X's pointer instead (a trial with a mouse).
"""

from __future__ import annotations

from pathlib import Path

UDEV = Path("/run/udev/data")
INPUT = Path("/sys/class/input")


def touchscreens() -> list[tuple[str, str]]:
    """(/dev/input/eventN, name) of every touchscreen udev knows, in event order."""
    found = []
    for event in sorted(INPUT.glob("event*"), key=lambda path: int(path.name[5:] or 0)):
        try:
            major, minor = (event / "dev").read_text().strip().split(":")
            tags = (UDEV / f"c{major}:{minor}").read_text()
        except (OSError, ValueError):
            continue
        if "E:ID_INPUT_TOUCHSCREEN=1" in tags.splitlines():
            name = (event / "device" / "name").read_text().strip() if (event / "device" / "name").exists() else "?"
            found.append((f"/dev/input/{event.name}", name))
    return found


def touch_choice(setting: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The device (or "mouse") that `setting` picks, None when it picks nothing; and the touchscreens seen."""
    found = touchscreens()
    setting = (setting or "auto").strip()
    if setting == "mouse":
        return "mouse", found
    if setting == "auto":
        return (found[0][0] if found else None), found
    return (setting if Path(setting).exists() else None), found
