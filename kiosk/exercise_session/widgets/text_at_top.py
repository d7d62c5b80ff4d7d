"""A Label whose text hangs from its top, in a texture only as tall as the text.

A Kivy Label given `text_size: self.size` and `valign: "top"` renders a texture
as large as the whole widget, mostly transparent below the text, and the
graphics driver blends every pixel of it on every frame: with Mesa's llvmpipe
the exercise screen's instructions column cost 604x281 pixels for a few lines.
`TextAtTop` wraps the text at the widget's width only (`text_size` is
`(width, None)`), so the texture is the text's own height, and draws it from
the widget's top, as the top-aligned Label did. Of text taller than the
widget only the whole lines that fit are drawn, as the Label drew them, never
anything over what lies below.
"""

from __future__ import annotations

from kivy.graphics import Rectangle
from kivy.lang import Builder
from kivy.uix.label import Label

Builder.load_string("""
<-TextAtTop>:
    # Not a Label's centred Rectangle: one Rectangle hung from the top (added and placed in Python).
    text_size: self.width, None
    canvas:
        Color:
            rgba: 1, 1, 1, 1
""")


class TextAtTop(Label):
    """Wrapped text at the top of the widget, drawn from a texture the size of the text."""

    def __init__(self, **kwargs) -> None:
        self.drawn = Rectangle()
        """What is drawn: the text's texture, hung from the top and cut at the bottom edge."""
        super().__init__(**kwargs)
        self.canvas.add(self.drawn)
        for name in ("texture", "pos", "size"):
            self.fbind(name, self._place)
        self._place()

    def _place(self, *args) -> None:
        texture = self.texture
        if texture is None or not self.text:
            self.drawn.texture, self.drawn.size = None, (0, 0)
            return
        width, height = texture.size
        shown = height if height <= self.height else self._whole_lines_in(self.height)
        # The texture's top row stays at the top; its bottom is moved up when only part of it fits.
        u0, v_bottom, u1, _, u2, v_top, u3, _ = texture.tex_coords
        cut = v_top + (v_bottom - v_top) * (shown / height if height else 0)
        self.drawn.texture = texture
        self.drawn.tex_coords = (u0, cut, u1, cut, u2, v_top, u3, v_top)
        self.drawn.size = (width, shown)
        self.drawn.pos = (int(self.center_x - width / 2), int(self.top) - shown)  # across: as a Label

    def _whole_lines_in(self, room: float) -> int:
        """The height of the lines that fit in `room`, from the top: a line that does not fit whole is
        left out, as a Label leaves it out."""
        bottom = 0.0
        for line in self._label._cached_lines:  # the laid-out lines of the text on show
            if bottom + line.h * self.line_height > room:
                break
            bottom += line.h * self.line_height
        return int(bottom)
