"""Bake animations into video files (and pictures) that any video player can show.

The figure is drawn exactly as on the kiosk (`FigureView`), offscreen into a
Kivy Fbo, one frame at a time at a fixed frame rate, and the frames are encoded
as H.264 (libx264, yuv420p) MP4 with ffpyplayer's MediaWriter. Flat colours and
a still background compress very well, so a video is a few tens of kilobytes.
A video is one cycle of the exercise (holds as long as the dose's, at most
`LOOP_HOLD_MAX` seconds), made to be played looping. Its title says it was
baked for the exercise (`kiosk.content.media.RENDERED_TITLE`). Needs a Kivy
window (headless works).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ffpyplayer.pic import Image
from ffpyplayer.writer import MediaWriter
from kivy.core.window import Window  # noqa: F401  (an Fbo draws in the window's OpenGL context)
from kivy.graphics import Fbo

from kiosk.clinical.program import Exercise
from kiosk.content.media import RENDERED_TITLE
from kiosk.demos.animation import Animation

from .widgets.figure import FigureView

SIZE = (640, 360)
FPS = 24
ENCODER_OPTIONS = {"crf": "30", "preset": "slow", "tune": "animation"}
"""libx264: constant quality that keeps the figure's edges clean; still frames cost next to nothing."""


@dataclass(frozen=True)
class Rendered:
    """One baked video: where, how many frames, how long, how big."""

    path: Path
    frames: int
    seconds: float
    bytes: int


class OffscreenFigure:
    """A FigureView drawn into an Fbo of `size`, read back as RGBA rows from the top."""

    def __init__(self, animation: Animation, size: tuple[int, int], hold: float = 0.0) -> None:
        self.size = size
        self.fbo = Fbo(size=size)
        self.view = FigureView(size=size, pos=(0, 0))
        self.view.hold = hold
        self.view.animation = animation
        self.fbo.add(self.view.canvas)

    def draw(self, pose: dict[str, float]) -> bytes:
        """The picture of `pose`, RGBA, top row first."""
        self.view.pose = pose
        self.fbo.draw()
        pixels = self.fbo.pixels
        row = self.size[0] * 4
        return b"".join(pixels[start:start + row] for start in range(len(pixels) - row, -1, -row))

    def save_png(self, pose: dict[str, float], path: Path) -> None:
        """Save the picture of `pose` as a PNG."""
        self.view.pose = pose
        self.fbo.draw()
        self.fbo.texture.save(str(path), flipped=True)


def frame_count(animation: Animation, hold: float, fps: int = FPS) -> int:
    """How many frames one cycle takes at `fps`."""
    return max(1, math.ceil(animation.loop(hold).total * fps - 1e-6))


def render_video(exercise: Exercise, path: Path, size: tuple[int, int] = SIZE, fps: int = FPS) -> Rendered:
    """Bake one cycle of `exercise`'s animation into an H.264 MP4 at `path`."""
    animation = exercise.animation
    track = animation.loop(exercise.hold)
    frames = frame_count(animation, exercise.hold, fps)
    figure = OffscreenFigure(animation, size, exercise.hold)
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    writer = MediaWriter(str(path), [{
        "pix_fmt_in": "rgba", "width_in": width, "height_in": height,
        "codec": "libx264", "pix_fmt_out": "yuv420p", "frame_rate": (fps, 1),
    }], lib_opts=ENCODER_OPTIONS, metadata={"title": RENDERED_TITLE + exercise.id}, overwrite=True)
    try:
        for index in range(frames):
            picture = Image(plane_buffers=[figure.draw(track.pose_at(index / fps))], pix_fmt="rgba", size=size)
            writer.write_frame(img=picture, pts=index / fps, stream=0)
    finally:
        writer.close()
    return Rendered(path, frames, frames / fps, path.stat().st_size)


def render_all(exercises: list[Exercise], out: Path, size: tuple[int, int] = SIZE,
               report=lambda line: None) -> list[Rendered]:
    """Bake every exercise into `out`/<id>.mp4, reporting one line per video."""
    import time

    done = []
    for exercise in exercises:
        started = time.monotonic()
        rendered = render_video(exercise, out / f"{exercise.id}.mp4", size)
        report(f"{rendered.path}: {rendered.frames} frames, {rendered.seconds:.1f} s, "
               f"{rendered.bytes / 1000:.0f} kB, rendered in {time.monotonic() - started:.1f} s")
        done.append(rendered)
    return done
