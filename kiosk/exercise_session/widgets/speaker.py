"""The speaker button on every patient screen: speech off or on for this session, in words and a picture.

The picture is drawn (a loudspeaker, with sound waves when on, crossed out when
off), because the kiosk's font has no loudspeaker sign; the words beside it say
the same, so the button never relies on the picture alone. It is drawn once per
state and size into a texture: the button is on every patient screen, and its
lines, redrawn with every frame, cost Mesa's llvmpipe several milliseconds a
frame (more than all the words of a screen), where one small picture costs next
to nothing.

The pictures drawn are kept in the kiosk's cache folder (`keep_pictures_in`), so
a start shows the one it kept instead of drawing it: drawing means a framebuffer
of its own and the renderer's first shapes, about 7 ms before the start screen's
first frame on llvmpipe, where reading 12 KB costs a fraction of one. A kept
picture is used only when it was drawn by this same drawing at this size (its
file begins with the hash of this module, the colour, the screen density and the
size it was drawn with); anything else, or a file that can't be read or is cut
short, and it is drawn again (and kept anew).
"""

from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path

from kivy.clock import Clock
from kivy.graphics import ClearBuffers, ClearColor, Color, Fbo, Line, Mesh, Rectangle
from kivy.graphics.texture import Texture
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from kiosk.app import theme
from kiosk.files import write_whole
from kiosk.language import DEFAULT_LANGUAGE, N_, translation

log = logging.getLogger("kiosk.speaker")

PICTURES_KEPT = 8
"""Pictures kept (a state and a size each): the button has two states and, once laid out, one size."""
HEADER = b"kiosk speaker picture 1\n"
"""The first line of a kept picture's file (then its stamp line, then its pixels, RGBA from the bottom row)."""


def draw_speaker(speaking: bool, height: float) -> None:
    """The loudspeaker's shapes, in the current canvas, for a box of `height` whose left edge is x = 0."""
    middle = height / 2
    Color(*theme.ON_COLOUR)
    Rectangle(pos=(dp(4), middle - dp(7)), size=(dp(9), dp(14)))  # the box
    Mesh(mode="triangle_fan", indices=[0, 1, 2, 3],  # its cone
         vertices=[dp(13), middle - dp(7), 0, 0, dp(24), middle - dp(16), 0, 0,
                   dp(24), middle + dp(16), 0, 0, dp(13), middle + dp(7), 0, 0])
    if speaking:  # sound waves
        Line(width=dp(2), circle=(dp(24), middle, dp(9), 50, 130))
        Line(width=dp(2), circle=(dp(24), middle, dp(17), 50, 130))
    else:  # crossed out
        Line(width=dp(2.5), points=[dp(30), middle - dp(9), dp(46), middle + dp(9)])
        Line(width=dp(2.5), points=[dp(30), middle + dp(9), dp(46), middle - dp(9)])


_pictures: dict[tuple, object] = {}
"""(speaking, width, height) -> its texture, or the framebuffer it was drawn in (which holds the texture)."""
_kept_in: Path | None = None
drawn = 0
"""Pictures drawn (not read from a kept file) since the kiosk started: the tests read it."""


def keep_pictures_in(folder: Path | None) -> None:
    """Keep the pictures drawn in `folder` (the kiosk's cache folder), for the next start; None: don't."""
    global _kept_in
    _kept_in = Path(folder) if folder is not None else None


def picture(speaking: bool, width: int, height: int):
    """The loudspeaker on a transparent texture of this size: kept from an earlier start, or drawn now."""
    global drawn
    key = (speaking, width, height)
    shown = _pictures.pop(key, None)
    if shown is None:
        shown = _read_kept(speaking, width, height)
    if shown is None:
        shown = Fbo(size=(width, height))
        with shown:
            ClearColor(*theme.ON_COLOUR[:3], 0)  # see-through, in the shapes' colour: no dark fringe
            ClearBuffers()
            draw_speaker(speaking, height)
        shown.draw()
        drawn += 1
        if _kept_in is not None:  # read back on a later frame, not in the one that shows it
            Clock.schedule_once(lambda _dt, fbo=shown, folder=_kept_in: _keep(fbo, folder, speaking), 0)
    _pictures[key] = shown  # the most recently used last
    while len(_pictures) > PICTURES_KEPT:
        del _pictures[next(iter(_pictures))]
    return shown.texture if isinstance(shown, Fbo) else shown


def _kept_file(folder: Path, speaking: bool, width: int, height: int) -> Path:
    return folder / f"speaker-{'on' if speaking else 'off'}-{width}x{height}.rgba"


@functools.lru_cache(maxsize=None)
def _drawing() -> str:
    """This module's hash: any change to the drawing (or to anything else here) draws the pictures anew."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _stamp(width: int, height: int) -> bytes:
    """What a kept picture must have been drawn with: this drawing, its colour, the density, the size."""
    return f"{_drawing()} {theme.ON_COLOUR} {dp(1)} {width}x{height}\n".encode()


def _read_kept(speaking: bool, width: int, height: int) -> Texture | None:
    if _kept_in is None:
        return None
    path = _kept_file(_kept_in, speaking, width, height)
    try:
        data = path.read_bytes()
    except OSError:  # not kept yet (or unreadable): drawn again
        return None
    expected = HEADER + _stamp(width, height)
    start = len(expected)
    if data[:start] != expected or len(data) - start != width * height * 4:
        return None  # another drawing, size or density, or a partial file: drawn again (and kept anew)
    texture = Texture.create(size=(width, height), colorfmt="rgba")
    texture.blit_buffer(data[start:], colorfmt="rgba", bufferfmt="ubyte")
    return texture


def _keep(fbo: Fbo, folder: Path, speaking: bool) -> None:
    width, height = (int(v) for v in fbo.size)
    try:
        write_whole(_kept_file(folder, speaking, width, height), HEADER + _stamp(width, height) + fbo.pixels)
    except OSError as error:  # a cache: the picture is drawn again at the next start
        log.warning("speaker picture not kept (%s)", error)


class SpeakerIcon(Widget):
    """The loudspeaker picture, on whole pixels at the widget's left, its height."""

    speaking = BooleanProperty(True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        with self.canvas:
            Color(1, 1, 1, 1)
            self._shown = Rectangle()
        # Drawn once just before the next frame, at the size the layout has settled on by then (the
        # layout passes through other sizes first: a picture for each would be thrown away).
        self._draw_soon = Clock.create_trigger(self._draw, -1)
        self.fbind("speaking", self._draw_soon)
        self.fbind("size", self._draw_soon)
        self.fbind("pos", self._place)
        self._draw_soon()

    def _draw(self, *args) -> None:
        texture = picture(self.speaking, max(1, int(self.width)), max(1, int(self.height)))
        self._shown.texture, self._shown.size = texture, texture.size
        self._place()

    def _place(self, *args) -> None:
        self._shown.pos = (int(self.x), int(self.y))


Builder.load_file(str(Path(__file__).with_suffix(".kv")))

SOUND_ON = N_("Sound on")
SOUND_OFF = N_("Sound off")


class SpeakerButton(ButtonBehavior, BoxLayout):
    """Shows whether the kiosk speaks; a touch turns it off or on (the app binds `on_release`)."""

    speaking = BooleanProperty(True)
    """True while the kiosk reads aloud."""
    language = StringProperty(DEFAULT_LANGUAGE)
    """The patient's language, for the words on the button."""

    def caption(self, speaking: bool, language: str) -> str:
        return translation(language).gettext(SOUND_ON if speaking else SOUND_OFF)
