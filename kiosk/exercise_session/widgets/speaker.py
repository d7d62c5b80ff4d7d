"""The speaker button on every patient screen: speech off or on for this session, in words and a picture.

The picture is drawn (a loudspeaker, with sound waves when on, crossed out when
off), because the kiosk's font has no loudspeaker sign; the words beside it say
the same, so the button never relies on the picture alone. It is drawn once per
state and size into a texture: the button is on every patient screen, and its
lines, redrawn with every frame, cost Mesa's llvmpipe several milliseconds a
frame (more than all the words of a screen), where one small picture costs next
to nothing.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.graphics import ClearBuffers, ClearColor, Color, Fbo, Line, Mesh, Rectangle
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.widget import Widget

from kiosk.app import theme

from kiosk.language import DEFAULT_LANGUAGE, N_, translation

PICTURES_KEPT = 8
"""Pictures kept (a state and a size each): the button has two states and, once laid out, one size."""


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


_pictures: dict[tuple, Fbo] = {}
"""(speaking, width, height) -> the framebuffer its picture was drawn in (its texture is shown)."""


def picture(speaking: bool, width: int, height: int):
    """The loudspeaker drawn on a transparent texture of this size, drawn the first time it is asked for."""
    key = (speaking, width, height)
    fbo = _pictures.pop(key, None)
    if fbo is None:
        fbo = Fbo(size=(width, height))
        with fbo:
            ClearColor(*theme.ON_COLOUR[:3], 0)  # see-through, in the shapes' colour: no dark fringe
            ClearBuffers()
            draw_speaker(speaking, height)
        fbo.draw()
    _pictures[key] = fbo  # the most recently used last
    while len(_pictures) > PICTURES_KEPT:
        del _pictures[next(iter(_pictures))]
    return fbo.texture


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
