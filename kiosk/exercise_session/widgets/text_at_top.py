"""A Label whose text hangs from its top, in a texture only as tall as the text; long text shrinks, then scrolls.

A Kivy Label given `text_size: self.size` and `valign: "top"` renders a texture
as large as the whole widget, mostly transparent below the text, and the
graphics driver blends every pixel of it on every frame: with Mesa's llvmpipe
the exercise screen's instructions column cost 604x281 pixels for a few lines.
`TextAtTop` wraps the text at the widget's width only (`text_size` is
`(width, None)`), so the texture is the text's own height, and draws it from
the widget's top, as the top-aligned Label did.

Text taller than the widget is never cut: given a `floor_font_size`, the text
is set from `largest_font_size` down to that floor (in steps of 2 sp) until it
fits; still too tall at the floor, it scrolls under a finger, and an arrow at
the bottom edge (and at the top once scrolled) shows that there is more. A touch
on the arrow turns a page. Without a floor, the whole lines that fit are drawn,
as a Label draws them, never anything over what lies below.
"""

from __future__ import annotations

from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, Rectangle, Triangle
from kivy.lang import Builder
from kivy.metrics import dp, sp
from kivy.properties import BooleanProperty, NumericProperty
from kivy.uix.label import Label

Builder.load_string("""
<-TextAtTop>:
    # Not a Label's centred Rectangle: one Rectangle hung from the top (added and placed in Python).
    text_size: self.width, None
    canvas:
        Color:
            rgba: 1, 1, 1, 1
""")

CUE_COLOUR = (0.09, 0.36, 0.60, 1)
"""The scroll cue's colour: the kiosk's primary blue (kiosk.app.theme.PRIMARY; the theme is the app's)."""


class TextAtTop(Label):
    """Wrapped text at the top of the widget, drawn from a texture the size of the text."""

    largest_font_size = NumericProperty(0)
    """The size the text is set in when it fits (0: `font_size` as given, never changed)."""
    floor_font_size = NumericProperty(0)
    """The smallest size long text shrinks to before it scrolls (0: no shrinking, no scrolling)."""
    scrolls = BooleanProperty(False)
    """True when the text is taller than the widget even at the floor: it scrolls, with a cue."""
    offset = NumericProperty(0)
    """How far the text is scrolled up, in pixels (0: its top line at the widget's top)."""

    def __init__(self, **kwargs) -> None:
        self.drawn = Rectangle()
        """What is drawn: the text's texture, hung from the top and cut at the bottom edge."""
        self._cue_colour = Color(*CUE_COLOUR)
        self.cues = (Triangle(points=[0] * 6), Triangle(points=[0] * 6))
        """The arrows showing more text below (first) and above (second); of no size when there is none."""
        super().__init__(**kwargs)
        self.canvas.add(self.drawn)
        self.canvas.add(self._cue_colour)
        for cue in self.cues:
            self.canvas.add(cue)
        for name in ("texture", "pos", "size", "offset"):
            self.fbind(name, self._place)
        for name in ("text", "width", "height", "largest_font_size", "floor_font_size"):
            self.fbind(name, self._fit)
        self._place()

    def _fit(self, *args) -> None:
        """The largest size from `largest_font_size` down to the floor at which the whole text fits."""
        if not (self.largest_font_size and self.floor_font_size) or self.width <= 1:
            return
        size = self.largest_font_size
        while size > self.floor_font_size and self._height_at(size) > self.height:
            size = max(self.floor_font_size, size - sp(2))
        self.offset = 0
        self.font_size = size
        self.scrolls = self._height_at(size) > self.height

    def _height_at(self, font_size: float) -> float:
        """The wrapped text's height at `font_size`: laid out, not drawn."""
        label = CoreLabel(text=self.text, font_size=font_size, font_name=self.font_name, bold=self.bold,
                          text_size=(self.width, None), halign=self.halign, line_height=self.line_height)
        label.resolve_font_name()
        return label.render()[1]

    def _place(self, *args) -> None:
        texture = self.texture
        if texture is None or not self.text:
            self.drawn.texture, self.drawn.size = None, (0, 0)
            self._cue(False, False)
            return
        width, height = texture.size
        scrolling = self.scrolls and height > self.height
        top = min(self.offset, max(0.0, height - self.height)) if scrolling else 0.0
        if scrolling:
            shown = min(self.height, height - top)
        else:
            shown = height if height <= self.height else self._whole_lines_in(self.height)
        # The texture's rows from `top` down to `top + shown` are drawn, hung from the widget's top.
        u0, v_bottom, u1, _, u2, v_top, u3, _ = texture.tex_coords
        at = lambda pixels: v_top + (v_bottom - v_top) * (pixels / height if height else 0)  # noqa: E731
        self.drawn.texture = texture
        self.drawn.tex_coords = (u0, at(top + shown), u1, at(top + shown), u2, at(top), u3, at(top))
        self.drawn.size = (width, shown)
        self.drawn.pos = (int(self.center_x - width / 2), int(self.top) - int(shown))  # across: as a Label
        self._cue(scrolling and top + shown < height - 1, scrolling and top > 0)

    def _cue(self, more_below: bool, more_above: bool) -> None:
        """Arrows at the right-hand edge: pointing down at the bottom, up at the top."""
        half, right = dp(18), self.right - dp(4)
        below, above = self.cues
        below.points = ([right - 2 * half, self.y + half * 1.4, right, self.y + half * 1.4, right - half, self.y]
                        if more_below else [0] * 6)
        above.points = ([right - 2 * half, self.top - half * 1.4, right, self.top - half * 1.4, right - half,
                         self.top] if more_above else [0] * 6)

    @property
    def more_below(self) -> bool:
        """Is there text below the bottom edge (the down arrow is shown)?"""
        return any(self.cues[0].points)

    def on_touch_down(self, touch) -> bool:
        if not (self.scrolls and self.collide_point(*touch.pos)):
            return super().on_touch_down(touch)
        touch.grab(self)
        touch.ud[self] = touch.y  # where it began: a touch that does not move turns a page
        return True

    def on_touch_move(self, touch) -> bool:
        if touch.grab_current is not self:
            return super().on_touch_move(touch)
        self.scroll_by(touch.dy)
        return True

    def on_touch_up(self, touch) -> bool:
        if touch.grab_current is not self:
            return super().on_touch_up(touch)
        touch.ungrab(self)
        if abs(touch.y - touch.ud.get(self, touch.y)) < dp(8):  # a tap: the page below, or above at the top
            self.scroll_by(self.height * 0.8 if touch.y < self.center_y else -self.height * 0.8)
        return True

    def scroll_by(self, pixels: float) -> None:
        """Scroll the text up by `pixels` (down when negative), within its ends."""
        height = self.texture.size[1] if self.texture is not None else 0
        self.offset = min(max(0.0, self.offset + pixels), max(0.0, height - self.height))

    def _whole_lines_in(self, room: float) -> int:
        """The height of the lines that fit in `room`, from the top: a line that does not fit whole is
        left out, as a Label leaves it out."""
        bottom = 0.0
        for line in self._label._cached_lines:  # the laid-out lines of the text on show
            if bottom + line.h * self.line_height > room:
                break
            bottom += line.h * self.line_height
        return int(bottom)
