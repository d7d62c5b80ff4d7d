"""The start and end pictures of an exercise for the printed handout, made as the picker's stills are.

The same sources in the same order as the exercise screen: the exercise's video
(unless it was baked from its own animation), else its drawn animation, else
its picture. A video gives a frame near its start and one a third of the way in
(`still_files.decode_video_frame`, as the picker's still); an animation gives the
figure in its start pose and in its first hold (`still_names.representative_pose`,
as the picker's still). Pictures are kept as private PNG files beside the
picker's stills, named after what they show, so a handout after the first is
quick. The figure is drawn on the Kivy thread (OpenGL lives there): call
`figures(exercises)` there first; `pictures(exercise)` is then safe on any thread.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from kiosk.clinical.program import Exercise
from kiosk.content.media import rendered_for
from kiosk.files import open_regular

from .editor.still_files import StillProblem, decode_video_frame, encode_png, kept_still, save_private
from .editor.still_names import animation_key, representative_pose, video_sha256
from .editor.stills import FOLDER

log = logging.getLogger("kiosk.media")

SIZE = (480, 270)
"""Pixels of a picture: 40 x 22.5 mm at about 300 dpi, sharp on paper."""
VIDEO_AT = (0.05, 1 / 3)
"""Where in a video the start and end pictures are taken (fractions of its length)."""

MediaFile = Callable[[Exercise, str], Path | None]


class HandoutPictures:
    """Makes (once) and reads the two pictures of each exercise, under `<data>/stills/`."""

    def __init__(self, data_dir: Path, media_file: MediaFile) -> None:
        self.folder = Path(data_dir) / FOLDER
        self.media_file = media_file
        self._figure = None

    def figures(self, exercises) -> None:
        """Draw the figure pictures still missing (Kivy thread)."""
        for exercise in exercises:
            if self._video(exercise) is None and exercise.animation is not None:
                for which, path in zip(("start", "end"), self._figure_paths(exercise.animation)):
                    if not kept_still(path):  # none yet, or junk (removed)
                        self._keep(path, lambda: self._draw(exercise.animation, which), exercise)

    def pictures(self, exercise: Exercise) -> tuple[bytes | None, bytes | None]:
        """(start, end) PNG bytes; None where there is no picture (any thread)."""
        video = self._video(exercise)
        if video is not None:
            paths = [self.folder / f"handout-video-{video_sha256(video)}-{at:.3f}.png" for at in VIDEO_AT]
            for at, path in zip(VIDEO_AT, paths):
                if not kept_still(path):  # none yet, or junk (removed)
                    self._keep(path, lambda at=at: self._frame(video, at), exercise)
        elif exercise.animation is not None:
            paths = self._figure_paths(exercise.animation)
        else:
            image = self.media_file(exercise, exercise.image) if exercise.image else None
            return (_read(image) if image is not None else None), None
        return _read(paths[0]), _read(paths[1])

    def _video(self, exercise: Exercise) -> Path | None:
        if not exercise.video:
            return None
        video = self.media_file(exercise, exercise.video)
        if video is None or not video.is_file():
            return None
        if exercise.animation is not None and rendered_for(video) == exercise.id:
            return None  # baked from its own animation: the figure is the same picture, sharper
        return video

    def _figure_paths(self, animation) -> tuple[Path, Path]:
        key = animation_key(animation, SIZE)
        return self.folder / f"handout-figure-{key}-start.png", self.folder / f"handout-figure-{key}-end.png"

    def _draw(self, animation, which: str) -> bytes:
        from .render import OffscreenFigure

        if self._figure is None:
            self._figure = OffscreenFigure(animation, SIZE)
        self._figure.view.animation = animation
        pose = animation.poses[animation.start] if which == "start" else representative_pose(animation)
        return encode_png(self._figure.draw(pose), SIZE, "rgba")

    @staticmethod
    def _frame(video: Path, at: float) -> bytes:
        rgb, size = decode_video_frame(video, SIZE, at=at)
        return encode_png(rgb, size, "rgb")

    @staticmethod
    def _keep(path: Path, make, exercise: Exercise) -> None:
        """Make and save one picture; a failure leaves the handout without it, with a line in the log."""
        try:
            save_private(path, make())
        except (OSError, StillProblem) as error:
            log.warning("no handout picture for %s (%s): the handout shows an empty frame", exercise.id, error)


def _read(path: Path) -> bytes | None:
    """A picture's bytes; None when there is none or it is not a regular file (a named pipe would hang)."""
    try:
        with open_regular(path) as file:
            return file.read()
    except OSError:
        return None
