"""The demonstration area: an exercise's video, looping and silent, its drawn animation, or its written steps.

In that order of preference: a video that cannot be played never stops a
session: the area shows the exercise's animation (`FigureView`) when it has
one, else its name and instructions, and the problem is logged once on the
"kiosk.media" logger for staff. Problems are caught up front (no path,
missing, unreadable or empty file, no video provider) and while loading:

- Kivy's ffpyplayer provider ignores the player's error callback; the reason
  ("<file>: Invalid data found when processing input") only reaches Kivy's log,
  from a decoder thread. `DECODER_ERRORS`, a handler on the "kivy" logger
  (kiosk.exercise_session.widgets.video_faults), hands such lines to the
  DemoVideo playing that file, on the main thread.
- Anything else (no first frame within `load_timeout` seconds) is caught by a
  timer: the provider would otherwise wait for a picture for ever.

`stop()` unloads the video: the decoder's threads end and its textures go.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kivy.clock import Clock
from kivy.graphics import Rectangle
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.video import Video

from .figure import FigureView  # noqa: F401  (registers the widget the .kv uses)
from .text_at_top import TextAtTop  # noqa: F401  (the same)
from .video_faults import DECODER_ERRORS, unplayable  # noqa: F401  (unplayable: also the editor's stills')

Builder.load_file(str(Path(__file__).with_suffix(".kv")))
log = logging.getLogger("kiosk.media")

LOAD_TIMEOUT = 5.0
"""Seconds (Kivy clock time) to wait for a video's first frame before showing the written steps."""


class LoopingVideo(Video):
    """Kivy's Video, looping and silent, that never tries to open its video file as a picture."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("options", {"eos": "loop"})
        kwargs.setdefault("volume", 0)
        super().__init__(**kwargs)
        self.fbind("loaded", self._fit_decoder)
        self.fbind("size", self._fit_decoder)

    def texture_update(self, *largs) -> None:
        """Nothing to do: Image's version would load the video file as a picture, and log an error."""

    def _fit_decoder(self, *args) -> None:
        """Have the decoder scale its pictures down to the size they are shown at.

        Kivy's ffpyplayer provider uploads every picture as three planes and turns
        them into RGB in an Fbo: with no GPU, a 1280x720 clip shown 600 px wide cost
        the drawing thread four times the pixels it shows. The decoder's own thread
        scales instead (never up); the picture on screen keeps its place and size.
        """
        player = getattr(self._video, "_ffplayer", None)
        if not self.loaded or player is None:
            return
        source_width, source_height = player.get_metadata().get("src_vid_size") or (0, 0)
        if not (source_width and source_height):
            return
        scale = min(self.width / source_width, self.height / source_height)
        # Even sizes: the provider cuts the two colour planes at half the width and height.
        width, height = (2 * round(source_width * scale / 2), 2 * round(source_height * scale / 2))
        if scale >= 1:
            player.set_size(0, 0)  # the source's own size
        elif width >= 2 and height >= 2:
            player.set_size(width, height)


class DemoVideo(FloatLayout):
    """Shows an exercise's demonstration video, or its name and instructions when there is none."""

    source = StringProperty("")
    """The video file being played (absolute path), or "" when none is."""
    title = StringProperty("")
    """The exercise's name, shown when there is no video."""
    instructions = StringProperty("")
    """The exercise's instructions, shown when there is no video."""
    playing = BooleanProperty(True)
    """False pauses the video; True carries on."""
    showing_placeholder = BooleanProperty(False)
    """True when the written steps are shown instead of a video (set by the widget, not by callers)."""
    showing_animation = BooleanProperty(False)
    """True when the drawn animation is shown instead of a video (set by the widget, not by callers)."""
    problem = StringProperty("")
    """Why the video is not shown ("" when it is, or when nothing was asked for)."""
    load_timeout = NumericProperty(LOAD_TIMEOUT)
    """Seconds to wait for the first frame before giving up on a video."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._timeout = None
        self._animation = None  # the exercise's animation, shown when the video can't be
        self._hold = 0.0
        DECODER_ERRORS.players.add(self)

    def on_kv_post(self, base_widget) -> None:
        """The rules applied (the video is there): the panel follows the area and the video's picture."""
        self._panel = [Rectangle(size=(0, 0)) for _ in range(4)]  # below, above, left and right of the picture
        for rectangle in self._panel:
            self.canvas.before.add(rectangle)  # after the rule's Color
        for name in ("pos", "size", "showing_animation"):
            self.fbind(name, self._place_panel)
        for name in ("pos", "size", "norm_image_size"):
            self.ids.video.fbind(name, self._place_panel)
        self._place_panel()

    # What callers use --------------------------------------------------------------

    def play(self, path: str | os.PathLike | None, title: str = "", instructions: str = "", animation=None,
             hold: float = 0.0) -> None:
        """Play `path` from the start, looping; if it can't be played, draw `animation` (an
        `kiosk.demos.animation.Animation`, its holds lasting `hold` s) or show `title` and `instructions`."""
        self.stop()
        self.title, self.instructions, self.playing = title, instructions, True
        self._animation, self._hold = animation, hold
        if not path:
            self._show_placeholder(None, "no video given for this exercise", logging.INFO)
            return
        reason = unplayable(Path(path))
        if reason:
            self._show_placeholder(path, reason)
            return
        self.source = os.path.abspath(path)  # as Kivy names it to the decoder, and so in its errors
        video = self.ids.video
        video.state = "play"
        video.source = self.source
        self._watch_loading()

    def stop(self) -> None:
        """Unload the video: its decoder threads end and its textures are released."""
        self._cancel_timeout()
        video = self.ids.video
        video.unload()
        video.source = ""
        video.texture = None
        self.source = ""
        self.ids.figure.clear()
        self.showing_placeholder, self.showing_animation, self.problem = False, False, ""

    def follow(self, pose: dict[str, float]) -> None:
        """Draw the animation in `pose` (its owner keeps time); nothing happens unless it is shown."""
        if self.showing_animation:
            self.ids.figure.follow(pose)

    def on_playing(self, instance, playing: bool) -> None:
        """Pause or resume the video or the animation; while paused, a video still loading is not timed."""
        if self.showing_animation:
            self.ids.figure.resume() if playing else self.ids.figure.stop()
        if not self.source:
            return
        self.ids.video.state = "play" if playing else "pause"
        if self.ids.video.loaded:
            return
        if playing:
            self._watch_loading()
        else:
            self._cancel_timeout()

    def video_loaded(self, loaded: bool) -> None:
        """The video's first frame arrived (or it was unloaded)."""
        if loaded:
            self._cancel_timeout()

    def decoder_error(self, message: str) -> None:
        """A decoder error "<file>: <reason>": show the written steps if it is about our video."""
        prefix = f"{self.source}: "
        if self.source and message.startswith(prefix) and not self.ids.video.loaded:
            self._show_placeholder(self.source, message[len(prefix):])

    # Inside ----------------------------------------------------------------------------

    def _place_panel(self, *args) -> None:
        """The panel colour only where nothing is drawn over it: around the video's picture (a video still
        loading covers the whole area with its empty picture), behind the written steps, and nowhere
        under the drawn animation, whose background covers the area. Every pixel drawn twice costs
        the renderer again, on every frame of the video."""
        x, y, width, height = *self.pos, *self.size
        if self.showing_animation:
            left, bottom, across, up = x, y, width, height
        else:  # where the video draws its picture (its own rule's sums: the same edges)
            video = self.ids.video
            across, up = video.norm_image_size
            left, bottom = video.center_x - across / 2., video.center_y - up / 2.
        parts = ((x, y, width, bottom - y), (x, bottom + up, width, y + height - (bottom + up)),
                 (x, bottom, left - x, up), (left + across, bottom, x + width - (left + across), up))
        for rectangle, (part_x, part_y, part_width, part_height) in zip(self._panel, parts):
            rectangle.pos, rectangle.size = (part_x, part_y), (max(0.0, part_width), max(0.0, part_height))

    def _watch_loading(self) -> None:
        self._cancel_timeout()
        self._timeout = Clock.schedule_once(self._load_timed_out, self.load_timeout)

    def _cancel_timeout(self) -> None:
        if self._timeout is not None:
            self._timeout.cancel()
            self._timeout = None

    def _load_timed_out(self, dt: float) -> None:
        self._timeout = None
        if self.source and not self.ids.video.loaded:
            self._show_placeholder(self.source, f"no picture after {self.load_timeout:g} s: "
                                                "not a video this kiosk can play")

    def _show_placeholder(self, path, reason: str, level: int = logging.WARNING) -> None:
        """Drop the video and show the animation, or the written steps; say why, once."""
        self.stop()
        self.problem = reason
        if self._animation is not None:
            self.showing_animation = True
            self.ids.figure.play_loop(self._animation, self._hold)
            if not self.playing:
                self.ids.figure.stop()
        else:
            self.showing_placeholder = True
        instead = "the drawn animation" if self.showing_animation else "the written steps"
        log.log(level, "demonstration video %s for %r not shown (%s): showing %s instead",
                path, self.title, reason, instead)
