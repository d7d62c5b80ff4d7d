"""Still pictures of exercises for the program editor's picker, cached as small private PNG files.

An exercise with a video gets one decoded frame of it, a third of the way in
(past a title card or the start pose, into the movement); one with a drawn
animation gets the figure in its first hold (or halfway through a cycle with no
hold); one with neither gets no still, and the picker shows its initials.

Stills live in `<data>/stills/` (folder 0700, files 0600, as the records are)
under a name made from what they show: the sha256 of the video file's bytes, or
of the animation as written, plus the picture size (`still_names`). A changed
video or animation gets a new still; an unchanged one is never made twice.

Videos are hashed and decoded on one background thread, so opening the picker
never waits for them; the figure is drawn on the Kivy thread (OpenGL lives
there), one new drawing per frame. Results come back on the Kivy thread. A missing
or broken video logs one line on "kiosk.media" and falls back to the animation,
else to no still.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from kivy.clock import Clock

from kiosk.records.private import make_private_folder
from kiosk.records.store import default_data_dir

from ..render import OffscreenFigure
from ..widgets.demo_video import unplayable
from .still_files import StillProblem, decode_video_frame, encode_png, kept_still, save_private
from .still_names import animation_key, representative_pose, video_sha256

log = logging.getLogger("kiosk.media")

SIZE = (240, 135)
"""Pixels of a still: 16:9, sharp at the picker's 160 x 90 dp even on a 1.5x screen."""
FOLDER = "stills"
FRAME_BUDGET = 0.004
"""Seconds of a frame the Kivy thread may spend handing out drawings already cached."""
FIRST_DRAWING_AFTER = 0.1
"""Seconds (Kivy clock) before the first drawing: the list's first frames are drawn without it."""
_BROKEN: dict[str, str] = {}
"""sha256 of a video FFmpeg could not decode -> why: it is not decoded again in this run."""
_REPORTED: set[tuple[str, str]] = set()
"""(video, why) or ("folder", folder) already logged: one line each per run, however often the picker opens."""

_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-stills")
"""One thread for every picker of the run: videos are decoded one at a time, leaving a core to the screen."""

Ready = Callable[[Path | None], None]


class FolderProblem(Exception):
    """The stills folder cannot be written: no still can be kept, whatever the exercise."""


def _log_once(key: tuple[str, str], message: str, *args) -> None:
    if key not in _REPORTED:
        _REPORTED.add(key)
        log.warning(message, *args)


class Stills:
    """Makes and caches stills under `data_dir` (default: the kiosk's data folder)."""

    def __init__(self, data_dir: Path | None = None) -> None:
        self.folder = Path(data_dir if data_dir is not None else default_data_dir()) / FOLDER
        self._waiting: set[Future] = set()
        self._drawings: list[tuple[object, Ready]] = []
        self._drawing = None
        self._busy = 0
        self._lock = threading.Lock()
        self._settled = threading.Event()
        self._settled.set()

    def request(self, video: Path | None, animation, ready: Ready) -> None:
        """Make the still of an exercise (its video file, else its animation) and call `ready(path)` on
        the Kivy thread (a frame or so later for a cached one), `ready(None)` when there is none."""
        if video is not None:
            self._begin()
            future = _WORKER.submit(self._from_video, Path(video), animation, ready)
            with self._lock:
                self._waiting.add(future)
            future.add_done_callback(self._forget)
        elif animation is not None:
            self._draw_later(animation, ready)
        else:
            ready(None)

    def settled(self, timeout: float) -> bool:
        """Wait up to `timeout` s for the background work asked so far; True when none is left."""
        return self._settled.wait(timeout)

    def close(self) -> None:
        """Drop the work not started yet (the picker was closed); `ready` is not called for it."""
        with self._lock:
            waiting = list(self._waiting)
        for future in waiting:
            if future.cancel():
                self._end()
        self._drawings.clear()
        if self._drawing is not None:
            self._drawing.cancel()
            self._drawing = None

    # The video, on the worker thread ---------------------------------------------------------

    def _from_video(self, video: Path, animation, ready: Ready) -> None:
        try:
            path = self._video_still(video)
        except FolderProblem as problem:
            path, animation = None, None  # a drawing could not be kept either
            _log_once(("folder", str(self.folder)), "%s: the picker shows the exercises' initials", problem)
        except Exception as error:  # any file or decoder trouble: the picker carries on without this still
            path = None
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            _log_once((str(video), reason), "no still picture from demonstration video %s (%s): showing %s instead",
                      video, reason, "the drawn figure" if animation is not None else "the exercise's initials")
        try:
            if path is not None or animation is None:
                Clock.schedule_once(lambda dt: ready(path))
            else:
                Clock.schedule_once(lambda dt: self._draw_later(animation, ready))
        finally:
            self._end()  # after the answer is on its way, so `settled` means "all answers are coming"

    def _video_still(self, video: Path) -> Path:
        reason = unplayable(video)  # missing, not a file, empty, unreadable: in the exercise screen's words
        if reason:
            raise StillProblem(reason)
        sha256 = video_sha256(video)
        if sha256 in _BROKEN:  # known not to decode: say so without asking FFmpeg (and its log) again
            raise StillProblem(_BROKEN[sha256])
        path = self.folder / f"video-{sha256}-{SIZE[0]}x{SIZE[1]}.png"
        if not kept_still(path):  # none yet, or a junk one (removed): made now
            try:
                rgb, size = decode_video_frame(video, SIZE, at=1 / 3)
            except StillProblem as problem:
                _BROKEN[sha256] = str(problem)
                raise
            self._save(path, encode_png(rgb, size, "rgb"))
        return path

    # The animation, on the Kivy thread ----------------------------------------------------

    def _draw_later(self, animation, ready: Ready) -> None:
        self._drawings.append((animation, ready))
        if self._drawing is None:
            self._drawing = Clock.schedule_once(self._start_drawing, FIRST_DRAWING_AFTER)

    def _start_drawing(self, dt: float) -> None:
        self._drawing = Clock.schedule_interval(self._draw_next, 0)

    def _draw_next(self, dt: float) -> bool | None:
        """Hand out cached drawings for up to FRAME_BUDGET s and draw at most one new one a frame,
        so that a long list never holds up the screen."""
        started = time.perf_counter()
        while self._drawings and time.perf_counter() - started < FRAME_BUDGET:
            animation, ready = self._drawings.pop(0)
            path = self.folder / f"figure-{animation_key(animation, SIZE)}.png"
            if kept_still(path):
                ready(path)
                continue
            try:
                self._save(path, encode_png(self._draw(animation), SIZE, "rgba"))
            except FolderProblem as problem:
                _log_once(("folder", str(self.folder)), "%s: the picker shows the exercises' initials", problem)
                path = None
            ready(path)
            break
        if not self._drawings:
            self._drawing = None
            return False
        return None

    def _draw(self, animation) -> bytes:
        figure = _offscreen_figure()
        figure.view.animation = animation
        return figure.draw(representative_pose(animation))

    def _save(self, path: Path, png: bytes) -> None:
        try:
            make_private_folder(self.folder.parent)  # the data folder itself, if this is its first file
            save_private(path, png)
        except OSError as error:
            raise FolderProblem(f"no still pictures can be kept in {self.folder} "
                                f"({error.strerror or error})") from error

    # Bookkeeping for `settled` ----------------------------------------------------------------

    def _begin(self) -> None:
        with self._lock:
            self._busy += 1
            self._settled.clear()

    def _forget(self, future: Future) -> None:
        with self._lock:
            self._waiting.discard(future)

    def _end(self) -> None:
        with self._lock:
            self._busy -= 1
            if self._busy == 0:
                self._settled.set()


@functools.cache
def _offscreen_figure() -> OffscreenFigure:
    """The offscreen figure (an Fbo) every still is drawn with, made at the first drawing of the run."""
    return OffscreenFigure(None, SIZE)
