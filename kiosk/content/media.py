"""Media files as the loader sees them: may it be opened at all, does a video decode, and was it baked
from an animation?

A media file is opened only when it is a regular file inside its assets folder
(`file_problem`): a named pipe would hang the reader, a device never ends, and a
link out of the assets folder would play (or quote) a file the clinic never put there.

ffpyplayer (FFmpeg) is imported only when a video is actually probed, so the
core stays light and never pulls in Kivy.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from kiosk.files import NotRegularFile, open_regular

PROBE_TIMEOUT = 3.0
"""Seconds to wait for a video's first picture before calling it undecodable."""
RENDERED_TITLE = "kiosk render-videos: "
"""Title written into every video `kiosk render-videos` bakes, followed by the exercise id."""
_RENDERED = re.compile(re.escape(RENDERED_TITLE).encode() + rb"([a-z][a-z0-9_]*)")
_SCAN_BYTES = 4_000_000


def video_problem(path: Path, timeout: float = PROBE_TIMEOUT) -> str:
    """Why the video at `path` will not play ("" when its first picture decodes)."""
    try:
        from ffpyplayer.player import MediaPlayer
        from ffpyplayer.tools import set_log_callback
    except ImportError:
        return ""  # nothing to decode with here: not the file's fault
    # FFmpeg's own log lines ("[mov,mp4,...] moov atom not found") would go straight to the
    # terminal and break validate's one line per problem: hold them while probing.
    previous = set_log_callback(lambda message, level: None)
    try:
        return _probe(MediaPlayer, path, timeout)
    finally:
        set_log_callback(previous)


def _probe(MediaPlayer, path: Path, timeout: float) -> str:
    errors: list[str] = []

    def callback(selector: str, value) -> None:
        if selector.endswith(":error"):
            errors.append(selector)

    player = MediaPlayer(str(path), callback=callback, ff_opts={"an": True, "sn": True, "paused": False})
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not errors:
            frame, value = player.get_frame()
            if frame is not None:
                return ""
            if value == "eof":
                return "has no picture"
            time.sleep(0.005)
        return "will not decode as a video" if errors else f"no picture after {timeout:g} s: will not decode"
    finally:
        player.close_player()


LINK_OUT, NOT_REGULAR = "a symbolic link out of the assets", "not a regular file"
"""How `file_problem` begins the two problems of a file that is never opened (errors, not warnings)."""


def file_problem(path: Path, assets: Path) -> str:
    """Why the media file at `path` (under `assets`) is not to be opened ("" when it may be): not there,
    a link out of the assets folder, or not a regular file. Nothing of the file is read."""
    try:
        with open_regular(path):  # a pipe or a device is told as such, and never opened
            pass
        if not Path(path).resolve().is_relative_to(Path(assets).resolve()):
            return f"{LINK_OUT} folder"
        return ""
    except FileNotFoundError:
        return "file not found"
    except NotRegularFile as error:
        return f"{NOT_REGULAR} ({error.kind})"
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links
        return f"cannot be read ({getattr(error, 'strerror', None) or error})"


def rendered_for(path: Path) -> str | None:
    """The exercise id a video was baked for by `kiosk render-videos`, or None (e.g. a clinic's own)."""
    try:
        with open_regular(path) as file:
            found = _RENDERED.search(file.read(_SCAN_BYTES))
    except OSError:
        return None
    return found.group(1).decode() if found else None


def audio_problem(path: Path, timeout: float = PROBE_TIMEOUT) -> str:
    """Why the recording at `path` will not play ("" when FFmpeg reads it and finds some sound)."""
    try:
        from ffpyplayer.player import MediaPlayer
    except ImportError:
        return ""
    errors: list[str] = []

    def callback(selector: str, value) -> None:
        if selector.startswith("read:") and selector.endswith(":error"):  # audio:error is the output, not the file
            errors.append(selector)

    player = MediaPlayer(str(path), callback=callback, ff_opts={"vn": True, "sn": True, "paused": True})
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not errors:
            duration = player.get_metadata().get("duration")
            if duration:
                return ""
            time.sleep(0.005)
        return "will not decode as sound"
    finally:
        player.close_player()
