"""A 720p H.264 test clip with motion all over the picture, so the decoder does real work.

Diagonal colour bands scroll across the whole frame and a dark square crosses
it; written with ffpyplayer's MediaWriter (libx264, yuv420p), like the clinic's
videos. A few seconds long; the players loop it.
"""

from __future__ import annotations

import os
from pathlib import Path

from ffpyplayer.pic import Image
from ffpyplayer.writer import MediaWriter

CLIP_SIZE = (1280, 720)
CLIP_FPS = 30
CLIP_SECONDS = 4
BAND = 64
"""Pixels per colour band of the scrolling pattern."""
NOISE = (192, 108)
"""Size of the noise patch in the top right corner."""


def _palette_row(width: int) -> bytes:
    """Two screen widths of soft colour bands, so any window of `width` pixels can be cut from it."""
    pixels = bytearray()
    for x in range(width * 2):
        step = (x // BAND) % 6
        shade = (x % BAND) * 2
        red, green, blue = [(200, 90 + shade, 60), (60, 170, 90 + shade), (70 + shade, 110, 200),
                            (220, 200, 80 + shade), (120 + shade, 60, 160), (40, 150 + shade // 2, 170)][step]
        pixels += bytes((red, green, blue))
    return bytes(pixels)


def _frame(row: bytes, width: int, height: int, index: int, count: int) -> bytes:
    """One RGB24 frame: the bands shifted by the frame number and the line (diagonals), plus a square."""
    lines = []
    for y in range(height):
        offset = ((index * 12 + y // 2) % (width)) * 3
        lines.append(row[offset:offset + width * 3])
    pixels = bytearray(b"".join(lines))
    side = height // 4
    left = (width - side) * index // max(1, count - 1)
    top = (height - side) // 2
    dark = bytes((25, 25, 35)) * side
    for y in range(top, top + side):
        start = (y * width + left) * 3
        pixels[start:start + side * 3] = dark
    # A patch of fresh noise every frame: detail no motion vector predicts, as in filmed video.
    noise_left, noise_top = width - NOISE[0] - 40, 40
    for y in range(noise_top, noise_top + NOISE[1]):
        start = (y * width + noise_left) * 3
        pixels[start:start + NOISE[0] * 3] = os.urandom(NOISE[0] * 3)
    return bytes(pixels)


def write_clip(path: Path, size: tuple[int, int] = CLIP_SIZE, fps: int = CLIP_FPS,
               seconds: float = CLIP_SECONDS) -> Path:
    """Write the test clip to `path` (overwriting it); return `path`."""
    width, height = size
    count = round(seconds * fps)
    row = _palette_row(width)
    writer = MediaWriter(str(path), [{
        "pix_fmt_in": "rgb24", "width_in": width, "height_in": height,
        "codec": "libx264", "pix_fmt_out": "yuv420p", "frame_rate": (fps, 1),
    }], overwrite=True)
    try:
        for index in range(count):
            picture = Image(plane_buffers=[_frame(row, width, height, index, count)], pix_fmt="rgb24", size=size)
            writer.write_frame(img=picture, pts=index / fps, stream=0)
    finally:
        writer.close()
    return path
