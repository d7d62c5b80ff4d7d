"""The body map: front and back of a figure, each region a large touch area.

Touching a region marks it with the current mark (pain, or numbness and
tingling); touching it again with the same mark takes the mark off. Marks never
rely on colour alone: pain fills the region solid, numbness covers it with
stripes, and the screen also lists what is marked in words. The same widget,
with `interactive` off, draws the small maps of the therapist's timeline.
"""

from __future__ import annotations

from kivy.graphics import Color, Ellipse, Line, RoundedRectangle
from kivy.metrics import dp, sp
from kivy.properties import BooleanProperty, ListProperty, OptionProperty
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk.app import theme
from kiosk.clinical.regions import Side

from .. import words
from .body_shapes import ASPECT, FRONT, HEAD, SHAPES, SILHOUETTE, VIEW_SIDE_LABELS, VIEWS, Box, region_at

FIGURE = (0.80, 0.82, 0.85, 1)
REGION = (0.90, 0.93, 0.97, 1)
OUTLINE = (0.35, 0.39, 0.45, 1)
PAIN = (0.80, 0.22, 0.16, 1)
NUMB = theme.NUMB

SIDE_WORDS = {Side.LEFT: words.YOUR_LEFT, Side.RIGHT: words.YOUR_RIGHT}
VIEW_WORDS = {FRONT: words.FRONT_VIEW, "back": words.BACK_VIEW}


class BodyMap(Widget):
    """Front and back views side by side; `pain` and `numbness` hold the marked region ids."""

    pain = ListProperty([])
    numbness = ListProperty([])
    mode = OptionProperty("pain", options=("pain", "numbness"))
    """Which mark a touch puts on."""
    interactive = BooleanProperty(True)
    labelled = BooleanProperty(True)
    """Show the view names and "Your left" / "Your right" (off for the small maps)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._labels: list[Label] = []
        self.bind(pos=self._redraw, size=self._redraw, pain=self._redraw, numbness=self._redraw,
                  labelled=self._redraw)
        self._redraw()

    # Geometry ---------------------------------------------------------------------------

    @property
    def label_height(self) -> float:
        return dp(40) if self.labelled else 0

    def view_rect(self, view: str) -> tuple[float, float, float, float]:
        """Where a view's box is drawn, in the widget's coordinates: x, y, width, height."""
        gap = dp(16) if self.labelled else dp(4)
        top_band = self.label_height  # view name above the figure
        bottom_band = self.label_height  # "Your right" / "Your left" below it
        free_w = max(1.0, (self.width - gap) / 2)
        free_h = max(1.0, self.height - top_band - bottom_band)
        height = min(free_h, free_w / ASPECT)
        width = height * ASPECT
        total = 2 * width + gap
        x0 = self.x + (self.width - total) / 2
        y = self.y + bottom_band + (free_h - height) / 2
        index = VIEWS.index(view)
        return x0 + index * (width + gap), y, width, height

    def _to_widget(self, view: str, box: Box) -> tuple[float, float, float, float]:
        x, y, w, h = self.view_rect(view)
        return x + box.x * w, y + box.y * h, box.w * w, box.h * h

    def region_at(self, x: float, y: float) -> str | None:
        """The region under a point in the widget's coordinates, or None."""
        for view in VIEWS:
            vx, vy, vw, vh = self.view_rect(view)
            if vx <= x <= vx + vw and vy <= y <= vy + vh:
                return region_at(view, (x - vx) / vw, (y - vy) / vh)
        return None

    def region_rects(self, region_id: str) -> list[tuple[float, float, float, float]]:
        """Every place the region is drawn, in window coordinates: x, y, width, height."""
        rects = []
        for view in VIEWS:
            box = SHAPES[view].get(region_id)
            if box is not None:
                x, y, w, h = self._to_widget(view, box)
                wx, wy = self.to_window(x, y)
                rects.append((wx, wy, w, h))
        return rects

    def region_window_point(self, region_id: str) -> tuple[float, float]:
        """Where a finger would touch the region (its first view), in window coordinates."""
        x, y, w, h = self.region_rects(region_id)[0]
        return x + w / 2, y + h / 2

    # Marks ------------------------------------------------------------------------------

    def toggle(self, region_id: str) -> None:
        """Put the current mark on the region, or take it off."""
        marks = self.pain if self.mode == "pain" else self.numbness
        if region_id in marks:
            marks.remove(region_id)
        else:
            marks.append(region_id)

    def set_marks(self, pain, numbness) -> None:
        self.pain = sorted(pain)
        self.numbness = sorted(numbness)

    def on_touch_down(self, touch) -> bool:
        if not self.interactive or not self.collide_point(*touch.pos):
            return super().on_touch_down(touch)
        region = self.region_at(*touch.pos)
        if region is not None:
            self.toggle(region)
        return True

    # Drawing ----------------------------------------------------------------------------

    def _redraw(self, *_) -> None:
        self.canvas.clear()
        for label in self._labels:
            self.remove_widget(label)
        self._labels = []
        pain, numb = set(self.pain), set(self.numbness)
        line_width = dp(1.5) if self.labelled else 1
        with self.canvas:
            for view in VIEWS:
                x, y, w, h = self.view_rect(view)
                Color(*FIGURE)
                cx, cy, r = HEAD
                Ellipse(pos=(x + cx * w - r * h, y + cy * h - r * h), size=(2 * r * h, 2 * r * h))
                for part in SILHOUETTE:
                    RoundedRectangle(pos=(x + part.x * w, y + part.y * h), size=(part.w * w, part.h * h),
                                     radius=[dp(8)])
                for region_id, box in SHAPES[view].items():
                    rx, ry, rw, rh = self._to_widget(view, box)
                    Color(*(PAIN if region_id in pain else REGION))
                    RoundedRectangle(pos=(rx, ry), size=(rw, rh), radius=[dp(6)])
                    if region_id in numb:
                        self._stripes(rx, ry, rw, rh)
                    Color(*OUTLINE)
                    Line(rounded_rectangle=(rx, ry, rw, rh, dp(6)), width=line_width)
        if self.labelled:
            for view in VIEWS:
                self._label_view(view)

    def _stripes(self, x: float, y: float, w: float, h: float) -> None:
        """Diagonal stripes over a region: the numbness mark."""
        Color(*NUMB)
        step = dp(10)
        offset = -h
        while offset < w:
            x1, y1 = x + max(offset, 0), y + max(-offset, 0)
            length = min(w - max(offset, 0), h - max(-offset, 0))
            if length > 0:
                Line(points=[x1, y1, x1 + length, y1 + length], width=dp(2.5))
            offset += step

    def _label_view(self, view: str) -> None:
        x, y, w, h = self.view_rect(view)
        band = self.label_height
        self._add_label(VIEW_WORDS[view], (x, y + h), (w, band), bold=True)
        viewer_left, viewer_right = VIEW_SIDE_LABELS[view]
        half = w / 2
        self._add_label(SIDE_WORDS[viewer_left], (x, y - band), (half, band))
        self._add_label(SIDE_WORDS[viewer_right], (x + half, y - band), (half, band))

    def _add_label(self, text: str, pos, size, bold: bool = False) -> None:
        label = Label(text=text, pos=pos, size=size, font_size=sp(24), bold=bold, color=theme.INK,
                      halign="center", valign="middle", shorten=True, shorten_from="right")
        label.text_size = size
        self._labels.append(label)
        self.add_widget(label)
