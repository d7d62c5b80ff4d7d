"""Real media files for tests: small H.264 videos drawn frame by frame, and broken ones.

The videos are written with ffpyplayer's MediaWriter (libx264, yuv420p), the same
codec and pixel format the clinic's videos use, so a test plays what the kiosk plays.
Each frame has a coloured square at a different place, so frames differ.
`decoder_parked` tells when Kivy's decoder of a playing video holds still on a pause.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ffpyplayer.pic import Image
from ffpyplayer.writer import MediaWriter

BACKGROUND = (240, 240, 232)
SQUARE = (22, 92, 153)
SECOND_SQUARE = (181, 33, 33)


def _frame(width: int, height: int, index: int, count: int) -> bytes:
    """An RGB24 frame: a light background, a blue square moving right, a red one moving down."""
    pixels = bytearray(bytes(BACKGROUND) * (width * height))
    side = max(8, min(width, height) // 4)
    blue_x = (width - side) * index // max(1, count - 1)
    red_y = (height - side) * index // max(1, count - 1)
    for left, top, colour in ((blue_x, (height - side) // 2, SQUARE), ((width - side) // 2, red_y, SECOND_SQUARE)):
        row = bytes(colour) * side
        for y in range(top, top + side):
            start = (y * width + left) * 3
            pixels[start:start + side * 3] = row
    return bytes(pixels)


def write_video(path: Path, size: tuple[int, int] = (320, 240), seconds: float = 2, fps: int = 15) -> Path:
    """Write a real H.264 (libx264, yuv420p) video of moving squares to `path`; return `path`."""
    width, height = size
    count = max(1, round(seconds * fps))
    writer = MediaWriter(str(path), [{
        "pix_fmt_in": "rgb24", "width_in": width, "height_in": height,
        "codec": "libx264", "pix_fmt_out": "yuv420p", "frame_rate": (fps, 1),
    }], overwrite=True)
    try:
        for index in range(count):
            image = Image(plane_buffers=[_frame(width, height, index, count)], pix_fmt="rgb24", size=size)
            writer.write_frame(img=image, pts=index / fps, stream=0)
    finally:
        writer.close()
    return path


def write_zero_byte(path: Path) -> Path:
    """An empty file with a video's name."""
    path.write_bytes(b"")
    return path


def write_truncated(path: Path, source: Path, keep: int = 1024) -> Path:
    """The first `keep` bytes of a real video, as a copy cut short in transfer would be."""
    path.write_bytes(source.read_bytes()[:keep])
    return path


def write_not_a_video(path: Path) -> Path:
    """A text file given a video's name."""
    path.write_text("These are the notes for the bridge exercise, not a video.\n" * 20)
    return path


def decoder_parked(video) -> bool:
    """The decoder thread of `video` (a kivy.uix.video.Video) was answered 'paused' by ffpyplayer and is
    blocked waiting to be woken, with no timeout and no wake-up pending: it will do nothing more until
    the Kivy thread (the only one that wakes it, so not during this check) asks it to.

    Kivy's provider announces nothing of this, and the decoder is not to be mocked: it is read from the
    thread's own stack (`_next_frame_run` -> `_wait_for_wakeup(None)` -> `Queue.get` -> `Condition.wait`)."""
    provider = video._video
    if provider is None or provider._thread is None or not provider._wakeup_queue.empty():
        return False
    frame, chain = sys._current_frames().get(provider._thread.ident), []
    while frame is not None and len(chain) < 4:
        chain.append(frame)
        frame = frame.f_back
    return [f.f_code.co_name for f in chain] == ["wait", "get", "_wait_for_wakeup", "_next_frame_run"] and (
        chain[2].f_locals.get("timeout", 0) is None and chain[3].f_locals.get("val") == "paused")
