"""The pixel work behind the picker's stills: one frame of a video, PNG bytes, a private file.

Kept apart from `stills` (which decides what to make, when and where) so that
each piece can be read, and tested, on its own. Nothing here touches OpenGL, so
it runs on a worker thread.
"""

from __future__ import annotations

import os
import stat
import time
from io import BytesIO
from pathlib import Path

from ffpyplayer.pic import SWScale
from ffpyplayer.player import MediaPlayer
from kivy.core.image.img_sdl2 import ImageLoaderSDL2

from kiosk.files import new_partial
from kiosk.records.private import FILE_MODE, make_private_folder

DECODE_TIMEOUT = 5.0
"""Seconds of real time a video may take to give its frame before it counts as broken."""
POLL = 0.005
"""How often the worker thread asks the decoder for news (FFmpeg decodes on threads of its own)."""


class StillProblem(Exception):
    """Why no still could be made of a video, in words for the log."""


def decode_video_frame(video: Path, box: tuple[int, int], at: float) -> tuple[bytes, tuple[int, int]]:
    """The frame of `video` at fraction `at` of its length, as RGB rows scaled to fit in `box`, and its size."""
    if not Path(video).is_file():
        raise StillProblem("file not found")
    errors: list[str] = []
    player = MediaPlayer(str(video), callback=lambda selector, value: _note_error(errors, selector),
                         ff_opts={"an": True, "sn": True, "paused": True, "out_fmt": "rgb24"})
    try:
        deadline = time.monotonic() + DECODE_TIMEOUT
        duration = _wait_for(lambda: player.get_metadata().get("duration"), deadline, errors)
        target = duration * at
        player.seek(target, relative=False, accurate=True)
        player.set_pause(False)
        image = _wait_for(lambda: _frame_from(player, target), deadline, errors)
    finally:
        player.close_player()
    return _fit(image, box)


def _note_error(errors: list[str], selector: str) -> None:
    if selector.endswith(":error"):
        errors.append(selector)


def _wait_for(get, deadline: float, errors: list[str]):
    """Poll the decoder until `get()` gives something; a decoder error or the deadline is a StillProblem."""
    while time.monotonic() < deadline:
        if errors:
            raise StillProblem("will not decode as a video")
        found = get()
        if found:
            return found
        time.sleep(POLL)  # the worker thread only; the screen never waits on this
    raise StillProblem(f"no picture after {DECODE_TIMEOUT:g} s: will not decode as a video")


def _frame_from(player, target: float):
    """The first frame at or after `target` seconds (frames before it, left over from the seek, are skipped)."""
    frame, value = player.get_frame()
    if value == "eof" and frame is None:
        raise StillProblem("has no picture")
    if frame is None:
        return None
    image, pts = frame
    return image if pts >= target - 0.1 else None


def _fit(image, box: tuple[int, int]) -> tuple[bytes, tuple[int, int]]:
    """Scale `image` to the largest size inside `box` that keeps its shape."""
    width, height = image.get_size()
    scale = min(box[0] / width, box[1] / height)
    size = (max(2, round(width * scale)), max(2, round(height * scale)))
    scaled = SWScale(width, height, image.get_pixel_format(), size[0], size[1], "rgb24").scale(image)
    rows, stride = bytes(scaled.to_bytearray()[0]), scaled.get_linesizes()[0]
    row = size[0] * 3
    return b"".join(rows[y * stride:y * stride + row] for y in range(size[1])), size


def encode_png(pixels: bytes, size: tuple[int, int], pixel_format: str) -> bytes:
    """PNG bytes of `pixels` (rows from the top, "rgb" or "rgba"), by SDL_image as Kivy saves pictures."""
    out = BytesIO()
    ImageLoaderSDL2.save(out, size[0], size[1], pixel_format, pixels, False, "png")
    return out.getvalue()


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"
"""The last chunk of every whole PNG file (its type and its fixed checksum)."""


def kept_still(path: Path) -> bool:
    """Is the still at `path` a whole PNG file of ours? A named pipe, a link, an empty, cut or junk file is
    not (and is removed so it is made again). Never waits on a pipe: opened non-blocking, checked on the
    opened descriptor."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    except OSError:
        whole = False
    else:
        with os.fdopen(handle, "rb") as file:
            size = os.fstat(handle).st_size
            whole = stat.S_ISREG(os.fstat(handle).st_mode) and size > len(PNG_SIGNATURE) + len(PNG_END)
            if whole:
                head = file.read(len(PNG_SIGNATURE))
                file.seek(size - len(PNG_END))
                whole = head == PNG_SIGNATURE and file.read() == PNG_END
    if not whole:
        try:
            path.unlink()
        except OSError:
            pass
    return whole


def save_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` at 0600 in a 0700 folder; written aside, then renamed, so no half still is seen."""
    make_private_folder(path.parent)
    handle, aside = new_partial(path)  # an unpredictable name, O_EXCL, O_NOFOLLOW
    aside = Path(aside)
    try:
        with os.fdopen(handle, "wb") as file:
            os.fchmod(file.fileno(), FILE_MODE)  # the umask may have taken bits away: say the mode exactly
            file.write(data)
    except BaseException:
        aside.unlink(missing_ok=True)
        raise
    os.replace(aside, path)
