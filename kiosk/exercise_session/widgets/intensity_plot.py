"""A plot of pain intensity (0-10) over the check-ins of a session, for the therapist.

Each point is one check-in (baseline first) and carries its number under the
axis, matching the numbered rows of the summary's table, so the plot never
relies on colour: red responses are also drawn as hollow squares.
"""

from __future__ import annotations

from kivy.graphics import Color, Ellipse, Line, Rectangle
from kivy.metrics import dp, sp
from kivy.properties import ListProperty
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk.app import theme
from kiosk.clinical.checkin import MAX_INTENSITY

GRID = (0.85, 0.86, 0.88, 1)


class IntensityPlot(Widget):
    """`points` is a list of (label, intensity, is_red): label goes under the axis."""

    points = ListProperty([])

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._labels: list[Label] = []
        self.bind(pos=self._redraw, size=self._redraw, points=self._redraw)

    def plot_area(self) -> tuple[float, float, float, float]:
        left, bottom = dp(48), dp(36)
        return self.x + left, self.y + bottom, max(1.0, self.width - left - dp(16)), \
            max(1.0, self.height - bottom - dp(12))

    def point_position(self, index: int) -> tuple[float, float]:
        """Where point `index` is drawn, in the widget's coordinates."""
        x, y, w, h = self.plot_area()
        count = max(1, len(self.points) - 1)
        intensity = self.points[index][1]
        return x + w * index / count if len(self.points) > 1 else x + w / 2, y + h * intensity / MAX_INTENSITY

    def _redraw(self, *_) -> None:
        self.canvas.clear()
        for label in self._labels:
            self.remove_widget(label)
        self._labels = []
        x, y, w, h = self.plot_area()
        with self.canvas:
            Color(*theme.PANEL)
            Rectangle(pos=self.pos, size=self.size)
            for value in range(0, MAX_INTENSITY + 1, 2):
                gy = y + h * value / MAX_INTENSITY
                Color(*GRID)
                Line(points=[x, gy, x + w, gy], width=1)
            Color(*theme.INK)
            Line(points=[x, y + h, x, y, x + w, y], width=dp(1.2))
            if self.points:
                line = []
                for index in range(len(self.points)):
                    line.extend(self.point_position(index))
                Color(*theme.PRIMARY)
                if len(line) >= 4:
                    Line(points=line, width=dp(2))
                size = dp(12)
                for index, (_label, _value, is_red) in enumerate(self.points):
                    px, py = self.point_position(index)
                    if is_red:
                        Color(*theme.STOP)
                        Line(rectangle=(px - size / 2, py - size / 2, size, size), width=dp(2))
                    else:
                        Color(*theme.PRIMARY)
                        Ellipse(pos=(px - size / 2, py - size / 2), size=(size, size))
        for value in range(0, MAX_INTENSITY + 1, 2):
            self._label(str(value), (self.x, y + h * value / MAX_INTENSITY - dp(12)), (dp(40), dp(24)), "right")
        for index, (label, _value, _red) in enumerate(self.points):
            px, _ = self.point_position(index)
            self._label(label, (px - dp(30), self.y), (dp(60), dp(30)), "center")

    def _label(self, text: str, pos, size, halign: str) -> None:
        label = Label(text=text, pos=pos, size=size, font_size=sp(16), color=theme.MUTED_INK,
                      halign=halign, valign="middle")
        label.text_size = size
        self._labels.append(label)
        self.add_widget(label)
