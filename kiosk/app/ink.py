"""Centred text drawn over the width of its words, not over the whole box it may wrap in.

A Label given a width to wrap in (`text_size: self.width, None`) renders a
texture as wide as that box: "No" on a button 560 px wide is a 544 px texture,
a short question across the screen a 1184 px one. The renderer pays for every
pixel a texture covers, transparent or not (with Mesa's llvmpipe, about 10 ns a
pixel on every frame the screen is redrawn). For centred text the picture is the
same when only the part of the texture that holds the lines is drawn: a region of
the same texture (nothing rendered twice), centred where the whole one was.
"""

from __future__ import annotations

from kivy.uix.button import Button
from kivy.uix.label import Label
from kivy.uix.togglebutton import ToggleButton

SPARE = 1
"""Pixels kept either side of the widest line: Kivy rounds each line's place to whole pixels."""


def ink_columns(core) -> tuple[int, int] | None:
    """The first and last+1 texture columns a centred core label's lines can touch, or None to keep it whole.

    Follows Kivy's own placement of centred lines (`LabelBase.render_lines`)."""
    options = core.options
    width = core.texture.width if core.texture is not None else 0
    lines = getattr(core, "_cached_lines", None)
    if options.get("halign") != "center" or core.text_size[0] is None or not lines or not width:
        return None
    left_pad, right_pad = options["padding"][0], options["padding"][2]
    starts, ends = [], []
    for line in lines:
        x = min(int(width - line.w), max(int(left_pad), int((width - line.w + left_pad - right_pad) / 2.0)))
        starts.append(x)
        ends.append(x + line.w)
    # The same margin both sides, so the region's centre is the texture's: drawn centred, every
    # column lands on the pixel it had in the whole texture.
    margin = int(min(min(starts), width - max(ends))) - SPARE
    return None if margin <= 0 else (margin, width - margin)


def trimmed(core):
    """The texture of a rendered core label, cut to the columns its centred lines use (or whole)."""
    columns = ink_columns(core)
    texture = core.texture
    if columns is None:
        return texture
    first, last = columns
    return texture.get_region(first, 0, last - first, texture.height)


class InkTrimmed:
    """Mixed into a Label (or Button): centred wrapped text keeps only the columns its lines use.

    The widget's `texture` becomes that region of the rendered texture and
    `texture_size` its size, so Kivy's own rule draws it centred, where the
    whole texture's lines were drawn."""

    def texture_update(self, *largs) -> None:
        if self.texture is None and self.text_size[0] is not None and self.text_size[0] < 1:
            # Not laid out yet (a box of no width, before its layout gives it one): no line fits, so
            # wrapping every letter onto a line of its own would be work thrown away a moment later.
            return
        super().texture_update(*largs)
        if self.texture is None or self.markup:
            return
        texture = trimmed(self._label)
        if texture is not self.texture:
            self.texture = texture
            self.texture_size = list(texture.size)


class InkLabel(InkTrimmed, Label):
    """A Label whose centred wrapped text is drawn over its words only (other alignments: as a Label)."""


class InkButton(InkTrimmed, Button):
    """A Button whose centred words are drawn over their own width only."""


class InkToggleButton(InkTrimmed, ToggleButton):
    """A ToggleButton whose centred words are drawn over their own width only."""
