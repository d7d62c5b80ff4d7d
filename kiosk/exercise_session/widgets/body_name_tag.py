"""The name of a touched body-map region, shown beside it for a moment."""

from __future__ import annotations

from kivy.graphics import Color, RoundedRectangle
from kivy.metrics import dp, sp
from kivy.uix.label import Label

from kiosk.app import theme

EDGE = (0.35, 0.39, 0.45, 1)


class NameTag(Label):
    """A touched region's name, on a white card with a dark edge so it reads over the figure."""

    def __init__(self, **kwargs) -> None:
        super().__init__(font_size=sp(24), bold=True, color=theme.INK, opacity=0,
                         size_hint=(None, None), padding=(dp(12), dp(6)), **kwargs)
        with self.canvas.before:
            Color(*EDGE)  # a dark card, with a white one just inside it: a 2 dp edge
            self._edge = RoundedRectangle(radius=[dp(8)])
            Color(*theme.PANEL)
            self._card = RoundedRectangle(radius=[dp(7)])
        self.bind(pos=self._draw_card, size=self._draw_card, texture_size=self._fit)

    def _fit(self, *_) -> None:
        self.size = self.texture_size

    def _draw_card(self, *_) -> None:
        edge = dp(2)
        self._edge.pos, self._edge.size = self.pos, self.size
        self._card.pos = (self.x + edge, self.y + edge)
        self._card.size = (max(0, self.width - 2 * edge), max(0, self.height - 2 * edge))
