"""Text that changes while a set runs, shown without stalling the video.

Why a plain Label stutters: when its text changes, Kivy renders the new text
into the texture already on screen. Rendering the text takes well under a
millisecond, but the graphics driver must first finish drawing every frame
that still reads that texture (with Mesa's llvmpipe, the whole previous frame
is waited for: measured 40-140 ms for the countdown while a video plays).
Text drawn into a new texture costs nothing of the kind.

- `GlyphText` is a Label that shows a short text (the countdown: digits and
  ':') as one small texture per character, each rendered once per font, size
  and weight for the whole process, white, tinted by the Label's colour, and
  then only placed: a new second (or the paused colour) renders no text.
- `SteadyLabel` (and `SteadyButton`) is a Label that renders each new text
  into a new texture and keeps the last few, so text that comes back (a
  headline, "Paused") is only swapped in; `prepare(text)` renders a text
  before it is needed.
"""

from __future__ import annotations

from kivy.core.text import Label as CoreLabel
from kivy.graphics import Rectangle
from kivy.lang import Builder
from kivy.properties import ListProperty
from kivy.uix.button import Button
from kivy.uix.label import Label

from kiosk.app.ink import InkTrimmed, trimmed

COUNTDOWN_CHARACTERS = "0123456789:"
"""What a countdown is made of: rendered as soon as a GlyphText knows its font."""
TEXTURES_KEPT = 12
"""Texts a SteadyLabel keeps rendered: every headline and line a set shows in a row."""

Builder.load_string("""
# A patient button (kiosk/app/common.kv) whose words may change without a render at the touch.
<SteadyKioskButton@SteadyButton+KioskButton>

<-GlyphText>:
    # Not a Label's one texture: the tint of the white glyphs, then one Rectangle each (added in Python).
    canvas:
        Color:
            rgba: self.disabled_color if self.disabled else self.color
""")

_glyphs: dict[tuple, object] = {}
"""(font name, font size, bold, character) -> its texture, white on transparent; drawn in any colour."""


def glyph(character: str, font_name: str, font_size: float, bold: bool):
    """The texture of one character, rendered the first time it is asked for."""
    key = (font_name, font_size, bold, character)
    texture = _glyphs.get(key)
    if texture is None:
        core = CoreLabel(text=character, font_name=font_name, font_size=font_size, bold=bold)
        core.refresh()
        texture = core.texture
        texture.bind()  # render it now, not in the middle of a later frame
        _glyphs[key] = texture
    return texture


class GlyphText(Label):
    """A Label whose text is composed from per-character textures: a new text renders nothing.

    Font, size, weight, colour and centring are a Label's (without text_size); its
    `texture` stays None, and `texture_size` is the composed line's size."""

    glyphs = ListProperty([])
    """The characters placed, in order, with their textures: [(character, texture), ...]."""

    def __init__(self, **kwargs) -> None:
        self._rectangles: list[Rectangle] = []
        super().__init__(**kwargs)
        self.fbind("pos", self._place)
        self.fbind("size", self._place)
        for name in ("font_name", "font_size", "bold"):
            self.fbind(name, self._prepare)
        self._prepare()

    def _prepare(self, *args) -> None:
        """Render the countdown's characters in this font now, so no tick ever has to."""
        for character in COUNTDOWN_CHARACTERS:
            glyph(character, self.font_name, self.font_size, self.bold)

    def texture_update(self, *largs) -> None:
        """Pick the textures of the text's characters (rendering only characters never seen before)."""
        self.glyphs = [(character, glyph(character, self.font_name, self.font_size, self.bold))
                       for character in self.text]
        self.texture_size = [sum(texture.width for _, texture in self.glyphs),
                             max((texture.height for _, texture in self.glyphs), default=0)]
        for rectangle in self._rectangles[len(self.glyphs):]:
            self.canvas.remove(rectangle)
        del self._rectangles[len(self.glyphs):]
        while len(self._rectangles) < len(self.glyphs):
            self._rectangles.append(Rectangle())
            self.canvas.add(self._rectangles[-1])
        for rectangle, (_, texture) in zip(self._rectangles, self.glyphs):
            rectangle.texture, rectangle.size = texture, texture.size
        self._place()

    def _place(self, *args) -> None:
        """Side by side, the whole line centred in the widget on whole pixels (as a Label draws)."""
        width, height = self.texture_size
        x = int(self.center_x - width / 2)
        y = int(self.center_y - height / 2)
        for rectangle in self._rectangles:
            rectangle.pos = (x, y)
            x += rectangle.size[0]


class SteadyTextures:
    """Mixed into a Label (or a Button): never render over the texture on screen; keep the last few texts."""

    def __init__(self, **kwargs) -> None:
        self._kept: dict[tuple, tuple] = {}  # before Label's __init__, which may render already
        super().__init__(**kwargs)

    def _key(self, text: str) -> tuple:
        """Everything the rendered texture depends on: the text and the Label's render options."""
        options = self._label.options
        return (text, repr(self._label.usersize), tuple((name, repr(options[name])) for name in sorted(options)
                                                         if name != "text"))

    def texture_update(self, *largs) -> None:
        if self.markup or not self.text:
            super().texture_update(*largs)
            return
        key = self._key(self.text)
        kept = self._kept.pop(key, None)
        if kept is None:
            self._label.texture = None  # a new texture: the old one may still be read by a frame being drawn
            super().texture_update(*largs)
            if self.texture is None:
                return
            self.texture.bind()  # render now, while the Label's own core label holds this text
            kept = (self.texture, self.is_shortened)
        else:
            self.texture, self.is_shortened = kept
            self.texture_size = list(kept[0].size)
        self._keep(key, kept)

    def prepare(self, text: str) -> None:
        """Render `text` as this label would show it, ahead of the moment it is shown."""
        if self.markup or not text or self._key(text) in self._kept:
            return
        core = CoreLabel(**{**self._label.options, "text": text})
        core.usersize = self._label.usersize
        core.refresh()
        if core.texture is core.texture_1px:
            return
        core.texture.bind()
        self._keep(self._key(text), (trimmed(core), core.is_shortened))

    def _keep(self, key: tuple, kept: tuple) -> None:
        self._kept[key] = kept
        while len(self._kept) > TEXTURES_KEPT:
            del self._kept[next(iter(self._kept))]  # the least recently shown


class SteadyLabel(SteadyTextures, InkTrimmed, Label):
    """A Label whose text may change during a set."""


class SteadyButton(SteadyTextures, InkTrimmed, Button):
    """A Button whose text may change during a set (Pause / Carry on)."""
