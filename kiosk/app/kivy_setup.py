"""Environment and Kivy configuration, applied before Kivy is first imported.

Kivy reads its environment and config at import time, so `kiosk run` calls
`prepare()` first. Kiosk mode: fullscreen and borderless at the screen's size,
no cursor, and neither Escape nor closing the window quits (staff exit only); no
screensaver; the touchscreen of $KIOSK_TOUCH read by one input provider (mtdev).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Display:
    """How the window should appear."""

    windowed: bool = False
    size: tuple[int, int] | None = None
    """Force this size (borderless at 0,0 in kiosk mode) instead of the screen's."""
    max_fps: int = 60


def kivy_home() -> Path:
    """Where Kivy keeps its config and logs for the kiosk (not ~/.kivy)."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "kiosk" / "kivy"


def choose_touch(config) -> None:
    """One input provider for the touchscreen, never two (two give every touch twice): Kivy's mtdev
    on the device $KIOSK_TOUCH picks (it reopens the device after its cable is plugged back; hidinput
    does not), and then no mouse provider, X's pointer being the same touches again."""
    from kiosk.system.touch import touch_choice

    setting = os.environ.get("KIOSK_TOUCH")
    if setting is None:
        return  # a desktop trial: the mouse, as before
    device, _found = touch_choice(setting)
    if device is None or device == "mouse":
        return
    for option in list(config.options("input")):
        config.remove_option("input", option)
    config.set("input", "touchscreen", f"mtdev,{device}")


def prepare(display: Display) -> None:
    """Set Kivy's environment and config: before `import kivy` for it all to apply."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
    if "KIVY_HOME" not in os.environ:
        kivy_home().mkdir(parents=True, exist_ok=True)
        os.environ["KIVY_HOME"] = str(kivy_home())
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    # Spoken cues through SDL_mixer: many short sounds loaded at once, each started in a few
    # milliseconds (the FFmpeg provider opens the audio device per sound, one at a time).
    os.environ.setdefault("KIVY_AUDIO", "sdl2")
    from kivy.config import Config

    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "pause_on_minimize", "0")
    Config.set("input", "mouse", "mouse,multitouch_on_demand")
    Config.set("graphics", "allow_screensaver", "0")  # Kivy's default (1) lets the display blank the screen
    # Kivy's default asks for multisampling (Mesa's software renderer gives 4 samples a pixel): every pixel
    # drawn four times for nothing seen, the kiosk's screens being text and rectangles (with Mesa llvmpipe
    # at 1280x800 the pictures of a whole autopilot session came out byte for byte the same without it,
    # and the p95 frame interval with a video playing fell from 44 to 20 ms).
    Config.set("graphics", "multisamples", "0")
    if not display.windowed:
        choose_touch(Config)
    Config.set("graphics", "maxfps", str(display.max_fps))
    Config.set("graphics", "resizable", "1" if display.windowed else "0")
    if display.windowed:
        width, height = display.size or (1280, 800)
        Config.set("graphics", "fullscreen", "0")
        Config.set("graphics", "borderless", "0")
        Config.set("graphics", "show_cursor", "1")
    else:
        Config.set("graphics", "borderless", "1")
        Config.set("graphics", "show_cursor", "0")
        Config.set("graphics", "position", "custom")
        Config.set("graphics", "left", "0")
        Config.set("graphics", "top", "0")
        if display.size:
            width, height = display.size
            Config.set("graphics", "fullscreen", "0")
        else:
            width, height = 1280, 800
            Config.set("graphics", "fullscreen", "auto")
    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))
