"""The body map: the front and the back of one standing figure, each region a touch area.

Touching a region marks it with the current mark (pain, or numbness and
tingling); touching it again with the same mark takes the mark off. Either way
the region's name shows beside it for a moment, so the patient sees what the
kiosk understood. Marks never rely on colour alone: pain fills the region solid,
numbness covers it with stripes, and the screen also lists what is marked in
words. The same widget, with `interactive` off, draws the small maps of the
therapist's timeline.

The figure is drawn into a picture (a framebuffer the widget's size) when it
changes, and the screen shows that picture: its outlines, edges and stripes,
redrawn with every frame of the screen, cost Mesa's llvmpipe more than all the
rest of the check-in screen together.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.graphics import ClearBuffers, ClearColor, Color, Fbo, Rectangle
from kivy.metrics import dp, sp
from kivy.properties import BooleanProperty, ListProperty, OptionProperty
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from kiosk.app import theme
from kiosk.clinical.regions import Side

from ..words import region_name, say
from . import body_drawing as draw
from .body_name_tag import NameTag
from .body_shapes import ASPECT, FRONT, SHAPES, SILHOUETTE, VIEW_SIDE_LABELS, VIEWS, region_at

FIGURE = (0.80, 0.82, 0.85, 1)
REGION = (0.90, 0.93, 0.97, 1)
OUTLINE = (0.35, 0.39, 0.45, 1)
PAIN = (0.80, 0.22, 0.16, 1)
NUMB = theme.NUMB
NAME_SECONDS = 2.5
"""How long a touched region's name stays beside it."""


def side_words(side: Side) -> str:
    """"Your left" or "Your right" in the patient's language."""
    return say.YOUR_LEFT if side is Side.LEFT else say.YOUR_RIGHT


def view_words(view: str) -> str:
    return say.FRONT_VIEW if view == FRONT else say.BACK_VIEW


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
        self._labels: dict[str, Label] = {}
        self.name_tag = NameTag()
        """The touched region's name; empty and hidden when no name is showing."""
        self._hide_event = None
        self._fbo: Fbo | None = None
        self._fbo_kind: tuple = ()
        with self.canvas.before:  # under the children (names and labels), which live in self.canvas
            Color(1, 1, 1, 1)
            self._picture = Rectangle()
        self._draw_later = Clock.create_trigger(self._draw, 0)
        self.bind(size=self._redraw, pain=self._redraw, numbness=self._redraw, labelled=self._redraw)
        self.bind(pos=self._place)
        self._redraw()

    # Geometry ---------------------------------------------------------------------------

    @property
    def label_height(self) -> float:
        return dp(40) if self.labelled else 0

    def view_rect(self, view: str) -> tuple[float, float, float, float]:
        """Where a view is drawn, in the widget's coordinates: x, y, width, height."""
        gap = dp(16) if self.labelled else dp(4)
        band = self.label_height  # the view's name above the figure, the sides below it
        free_w = max(1.0, (self.width - gap) / 2)
        free_h = max(1.0, self.height - 2 * band)
        height = min(free_h, free_w / ASPECT)
        width = height * ASPECT
        x0 = self.x + (self.width - (2 * width + gap)) / 2
        y = self.y + band + (free_h - height) / 2
        return x0 + VIEWS.index(view) * (width + gap), y, width, height

    def _placement(self, view: str) -> draw.Placement:
        x, y, _, height = self.view_rect(view)
        return draw.Placement(x, y, height)

    def region_at(self, x: float, y: float) -> str | None:
        """The region under a point in the widget's coordinates, or None."""
        view = self._view_at(x, y)
        if view is None:
            return None
        vx, vy, _, height = self.view_rect(view)
        return region_at(view, (x - vx) / height, (y - vy) / height)

    def _view_at(self, x: float, y: float) -> str | None:
        for view in VIEWS:
            vx, vy, vw, vh = self.view_rect(view)
            if vx <= x <= vx + vw and vy <= y <= vy + vh:
                return view
        return None

    def region_rects(self, region_id: str) -> list[tuple[float, float, float, float]]:
        """The box around each place the region is drawn, in window coordinates: x, y, width, height."""
        return [self._window_box(view, region_id) for view in VIEWS if region_id in SHAPES[view]]

    def _window_box(self, view: str, region_id: str) -> tuple[float, float, float, float]:
        place = self._placement(view)
        x, y, w, h = SHAPES[view][region_id].bounds
        wx, wy = self.to_window(*place.point((x, y)))
        return wx, wy, w * place.scale, h * place.scale

    def region_window_point(self, region_id: str, view: str | None = None) -> tuple[float, float]:
        """Where a finger would touch the region (on its first view unless told), in window coordinates."""
        view = view or next(v for v in VIEWS if region_id in SHAPES[v])
        place = self._placement(view)
        return self.to_window(*place.point(SHAPES[view][region_id].touch_point))

    def region_outline(self, view: str, region_id: str) -> list[tuple[float, float]]:
        """The region's outline on a view, in window coordinates."""
        place = self._placement(view)
        return [self.to_window(*place.point(point)) for point in SHAPES[view][region_id].points]

    # Marks ------------------------------------------------------------------------------

    def toggle(self, region_id: str) -> None:
        """Put the current mark on the region, or take it off."""
        marks = self.pain if self.mode == "pain" else self.numbness
        if region_id in marks:
            marks.remove(region_id)
        else:
            marks.append(region_id)

    def set_marks(self, pain, numbness) -> None:
        self.hide_name()
        self.pain = sorted(pain)
        self.numbness = sorted(numbness)

    def on_touch_down(self, touch) -> bool:
        if not self.interactive or not self.collide_point(*touch.pos):
            return super().on_touch_down(touch)
        region = self.region_at(*touch.pos)
        if region is not None:
            self.toggle(region)
            self.show_name(self._view_at(*touch.pos), region)
        return True

    # The touched region's name ------------------------------------------------------------

    def show_name(self, view: str, region_id: str) -> None:
        """Show the region's name beside it on `view`, for NAME_SECONDS."""
        tag = self.name_tag
        tag.text = region_name(region_id)
        tag.texture_update()
        tag.size = tag.texture_size
        tag.pos = self._beside(view, region_id, tag.size)
        tag.opacity = 1
        if tag.parent is None:
            self.add_widget(tag)
        if self._hide_event is not None:
            self._hide_event.cancel()
        self._hide_event = Clock.schedule_once(lambda _dt: self.hide_name(), NAME_SECONDS)

    def hide_name(self) -> None:
        self.name_tag.opacity = 0
        self.name_tag.text = ""
        if self._hide_event is not None:
            self._hide_event.cancel()
            self._hide_event = None

    def _beside(self, view: str, region_id: str, size) -> tuple[float, float]:
        """Beside the region, towards the outside of the figure when there is room, inside the map."""
        place = self._placement(view)
        x, y, w, h = SHAPES[view][region_id].bounds
        left, bottom = place.point((x, y))
        right, top = place.point((x + w, y + h))
        gap = dp(8)
        room_left = left - gap - size[0] >= self.x
        room_right = right + gap + size[0] <= self.right
        if (left + right) / 2 < place.point((ASPECT / 2, 0))[0]:  # the outside is to the left
            go_left = room_left or not room_right
        else:
            go_left = room_left and not room_right
        tag_x = left - gap - size[0] if go_left else right + gap
        tag_x = min(max(tag_x, self.x), self.right - size[0])
        tag_y = min(max((bottom + top - size[1]) / 2, self.y), self.top - size[1])
        return tag_x, tag_y

    # Drawing ----------------------------------------------------------------------------

    def _redraw(self, *_) -> None:
        """Draw now on screen (a touch's mark shows in its own frame); off screen (a map built ahead, or
        a summary's small maps being made), once in the next frame, however many changes came before."""
        if self.get_root_window() is None:
            self._draw_later()
        else:
            self._draw()

    def _figure_box(self) -> tuple[int, int, int, int]:
        """The whole pixels both views are drawn on, in the widget's coordinates: x, y, width, height."""
        boxes = [self.view_rect(view) for view in VIEWS]
        left, bottom = min(x for x, _, _, _ in boxes), min(y for _, y, _, _ in boxes)
        right, top = max(x + w for x, _, w, _ in boxes), max(y + h for _, y, _, h in boxes)
        x, y = int(left - self.x) - 2, int(bottom - self.y) - 2  # room for the edge lines' width
        return x, y, max(1, int(right - self.x) + 3 - x), max(1, int(top - self.y) + 3 - y)

    def _draw(self, *_) -> None:
        """Draw the figure with its marks into the picture, then show it."""
        x, y, width, height = self._figure_box()
        kind = (width, height, bool(self.numbness))  # stripes are kept inside their region by a stencil
        if self._fbo is None or self._fbo_kind != kind:
            self._fbo, self._fbo_kind = Fbo(size=(width, height), with_stencilbuffer=kind[2]), kind
        self._fbo.clear()
        with self._fbo:
            ClearColor(*FIGURE[:3], 0)  # see-through, in the figure's colour: no dark fringe at its edge
            ClearBuffers()
            self._draw_figure(-x, -y)
        self._fbo.draw()
        self._picture.texture, self._picture.size = self._fbo.texture, (width, height)
        self._place()

    def _draw_figure(self, left: float, bottom: float) -> None:
        """The two views in the current canvas, with the widget's bottom-left corner at left, bottom."""
        pain, numb = set(self.pain), set(self.numbness)
        line_width = dp(1.5) if self.labelled else 1
        for view in VIEWS:
            x, y, _, height = self.view_rect(view)
            place = draw.Placement(x - self.x + left, y - self.y + bottom, height)
            for part in SILHOUETTE:
                Color(*FIGURE)
                draw.fill(part.points, place)
                Color(*OUTLINE)
                draw.edge(part.points, place, line_width)
            for region_id, shape in SHAPES[view].items():
                Color(*(PAIN if region_id in pain else REGION))
                draw.fill(shape.points, place)
                if region_id in numb:
                    draw.stripes(shape.points, place, NUMB, step=dp(10) if self.labelled else 4,
                                 width=dp(2.5) if self.labelled else 1)
                Color(*OUTLINE)
                draw.edge(shape.points, place, line_width)

    def _place(self, *_) -> None:
        """The picture on whole pixels at the widget's corner; the names and side labels with it."""
        x, y, _, _ = self._figure_box()
        self._picture.pos = (int(self.x) + x, int(self.y) + y)
        self._place_labels()

    def _place_labels(self) -> None:
        if not self.labelled:
            for label in self._labels.values():
                self.remove_widget(label)
            self._labels = {}
            return
        band = self.label_height
        for view in VIEWS:
            x, y, w, h = self.view_rect(view)
            viewer_left, viewer_right = VIEW_SIDE_LABELS[view]
            self._label(f"{view}-name", view_words(view), (x, y + h), (w, band), bold=True)
            self._label(f"{view}-left", side_words(viewer_left), (x, y - band), (w / 2, band))
            self._label(f"{view}-right", side_words(viewer_right), (x + w / 2, y - band), (w / 2, band))

    def _label(self, key: str, text: str, pos, size, bold: bool = False) -> None:
        label = self._labels.get(key)
        if label is None:
            label = Label(text=text, font_size=sp(24), bold=bold, color=theme.INK, halign="center",
                          valign="middle", shorten=True, shorten_from="right")
            self._labels[key] = label
            self.add_widget(label, index=len(self.children))  # under the name tag
        label.pos, label.size, label.text_size = pos, size, size
