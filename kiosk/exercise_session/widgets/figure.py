"""The live demonstration: an exercise's animation drawn with Kivy's canvas, at any size.

A `FigureView` draws one pose of an `Animation` (`kiosk.demos.animation`): thick
rounded limbs, a clear head, the floor, a mat, a chair or a roll. The whole
cycle is fitted into the widget once, so the picture never jumps or rescales
while the figure moves. Either the widget plays the cycle over and over on its
own (`play_loop`), or its owner sets `pose` every frame (`follow`), as the
exercise screen does to keep the figure in step with the set's countdown.
The same drawing is baked into videos by `kiosk render-videos` (an Fbo).
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.graphics import Color, Ellipse, InstructionGroup, Line, Rectangle
from kivy.properties import ListProperty, NumericProperty, ObjectProperty
from kivy.uix.widget import Widget

from kiosk.demos import body
from kiosk.demos.animation import Animation

BACKGROUND = (1, 1, 1, 1)
NEAR = (0.09, 0.36, 0.60, 1)
"""The limbs nearer the viewer, the trunk and the head: the kiosk's blue."""
FAR = (0.52, 0.66, 0.80, 1)
"""The limbs further away: lighter, so near and far never mix up (bird dog, dead bug)."""
FLOOR = (0.90, 0.89, 0.86, 1)
FLOOR_LINE = (0.62, 0.60, 0.56, 1)
PROPS = {"mat": (0.38, 0.66, 0.56, 1), "chair": (0.55, 0.40, 0.27, 1), "roll": (0.93, 0.56, 0.18, 1),
         "wall": (0.80, 0.80, 0.78, 1)}
MARGIN = 0.08
"""Room around the figure, in figure units (a standing adult is about 1 tall)."""
TRUNK_SAMPLES = 9


ROOMS: dict[int, tuple[Animation, float, tuple]] = {}
"""id(animation) -> (animation, hold, its room): worked out once (tens of ms, every pose of a cycle),
ahead of the set by kiosk.exercise_session.preparing. By identity: animations compare without their poses."""


def room_of(animation: Animation, hold: float) -> tuple[float, float, float, float]:
    """`animation.frame(hold)`, the room the demonstration needs, remembered for the last few animations."""
    known = ROOMS.get(id(animation))
    if known is not None and known[0] is animation and known[1] == hold:
        return known[2]
    room = animation.frame(hold)
    ROOMS[id(animation)] = (animation, hold, room)
    while len(ROOMS) > 16:  # a program has a few exercises; a reloaded library makes new animations
        del ROOMS[next(iter(ROOMS))]
    return room


class FigureView(Widget):
    """Draws an animation's figure in `pose`, scaled to fit the widget."""

    animation = ObjectProperty(None, allownone=True)
    """The Animation shown, or None (nothing drawn but the background)."""
    pose = ObjectProperty(None, allownone=True)
    """The joint angles drawn now; None draws the animation's start pose."""
    hold = NumericProperty(0)
    """Seconds each hold lasts when the widget plays the cycle on its own."""
    seconds = NumericProperty(0.0)
    """Where the widget's own loop stands, in seconds."""
    background = ListProperty(BACKGROUND)
    """The colour behind the figure."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._frame = None  # the room the cycle needs, (left, bottom, right, top)
        self._loop_track = None
        self._ticking = None
        self._scene = InstructionGroup()
        self._figure = InstructionGroup()
        self.canvas.add(self._scene)
        self.canvas.add(self._figure)
        self.bind(pos=self._redraw_all, size=self._redraw_all, background=self._redraw_all)

    def play_loop(self, animation: Animation, hold: float = 0.0) -> None:
        """Play `animation`'s cycle over and over at its written pace, holds lasting `hold` seconds."""
        self.stop()
        # hold first: setting the animation works out its room for the hold then set (prepared ahead for it)
        self.hold, self.seconds, self.animation = hold, 0.0, animation
        self._loop_track = animation.loop(hold)
        self.pose = self._loop_track.first
        self._ticking = Clock.schedule_interval(self._advance, 0)

    def follow(self, pose: dict[str, float]) -> None:
        """Draw `pose` now; the widget's own loop stops (its owner keeps time)."""
        self._stop_ticking()
        self.pose = pose

    def stop(self) -> None:
        """Stop the widget's own loop; the figure stays where it is."""
        self._stop_ticking()

    def resume(self) -> None:
        """Carry on with the widget's own loop from where it stopped (nothing if it never played)."""
        if self._loop_track is not None and self._ticking is None:
            self._ticking = Clock.schedule_interval(self._advance, 0)

    def clear(self) -> None:
        """Show nothing: no animation, no loop."""
        self.stop()
        self._loop_track = None
        self.animation, self.pose = None, None

    def on_animation(self, instance, animation) -> None:
        self._frame = room_of(animation, self.hold) if animation is not None else None
        self._redraw_all()

    def on_pose(self, instance, pose) -> None:
        self._draw_figure()

    def _advance(self, dt: float) -> None:
        self.seconds += dt
        self.pose = self._loop_track.looped(self.seconds)

    def _stop_ticking(self) -> None:
        if self._ticking is not None:
            self._ticking.cancel()
            self._ticking = None

    # Drawing ---------------------------------------------------------------------------

    def to_widget_space(self, x: float, y: float) -> tuple[float, float]:
        """A point in figure units -> window coordinates inside this widget."""
        scale, origin_x, origin_y = self._transform()
        return origin_x + x * scale, origin_y + y * scale

    def _transform(self) -> tuple[float, float, float]:
        left, bottom, right, top = self._frame or (-0.5, 0.0, 0.5, 1.0)
        left, bottom, right, top = left - MARGIN, bottom - MARGIN, right + MARGIN, top + MARGIN
        width, height = max(self.width, 1), max(self.height, 1)
        scale = min(width / (right - left), height / (top - bottom))
        origin_x = self.x + (width - (right - left) * scale) / 2 - left * scale
        origin_y = self.y + (height - (top - bottom) * scale) / 2 - bottom * scale
        return scale, origin_x, origin_y

    def _redraw_all(self, *args) -> None:
        self._draw_scene()
        self._draw_figure()

    def _draw_scene(self) -> None:
        group = self._scene
        group.clear()
        group.add(Color(*self.background))
        if self.animation is None:
            group.add(Rectangle(pos=self.pos, size=self.size))
            return
        scale, _, floor_y = self._transform()
        floor = max(0.0, floor_y - self.y)
        # The background only above the floor: the opaque floor covers the rest, and every pixel drawn
        # twice costs the renderer again (with llvmpipe, about 1.5 ms a frame for this one).
        above = min(floor, self.height)
        group.add(Rectangle(pos=(self.x, self.y + above), size=(self.width, self.height - above)))
        group.add(Color(*FLOOR))
        group.add(Rectangle(pos=self.pos, size=(self.width, floor)))
        group.add(Color(*FLOOR_LINE))
        group.add(Line(points=[self.x, floor_y, self.right, floor_y], width=max(1.0, scale * 0.004)))
        for shape in self.animation.scene():
            group.add(Color(*PROPS[shape.kind]))
            x, y = self.to_widget_space(shape.x, shape.y)
            size = (shape.width * scale, shape.height * scale)
            group.add(Ellipse(pos=(x, y), size=size) if shape.kind == "roll" else Rectangle(pos=(x, y), size=size))

    def _draw_figure(self) -> None:
        group = self._figure
        group.clear()
        if self.animation is None:
            return
        pose = self.pose or self.animation.poses[self.animation.start]
        points = {name: self.to_widget_space(*point) for name, point in self.animation.place(pose).items()}
        scale = self._transform()[0]
        for side, name, start, end, radius in body.segments(points):
            if name == "trunk":
                continue
            if side == "near" and name == "thigh":
                self._draw_trunk(points, scale)
            group.add(Color(*(FAR if side == "far" else NEAR)))
            group.add(Line(points=[*start, *end], width=radius * scale, cap="round", joint="round"))

    def _draw_trunk(self, points: dict, scale: float) -> None:
        """The trunk as one smooth curve from hip through waist to shoulder, then the head."""
        group = self._figure
        (hx, hy), (wx, wy), (sx, sy) = points["hip"], points["waist"], points["shoulder"]
        control = (2 * wx - (hx + sx) / 2, 2 * wy - (hy + sy) / 2)  # the curve passes through the waist
        curve = []
        for i in range(TRUNK_SAMPLES):
            t = i / (TRUNK_SAMPLES - 1)
            curve += [(1 - t) ** 2 * hx + 2 * (1 - t) * t * control[0] + t * t * sx,
                      (1 - t) ** 2 * hy + 2 * (1 - t) * t * control[1] + t * t * sy]
        group.add(Color(*NEAR))
        group.add(Line(points=curve, width=body.RADII["trunk"] * scale, cap="round", joint="round"))
        radius = body.HEAD_RADIUS * scale
        (x, y), (nx, ny) = points["head"], points["nose"]
        group.add(Line(points=[sx, sy, x, y], width=body.RADII["forearm"] * scale, cap="round"))
        group.add(Ellipse(pos=(x - radius, y - radius), size=(2 * radius, 2 * radius)))
        if self.animation.view == "front":
            return  # seen from the front, the face points at the viewer
        nose = radius * 0.32
        group.add(Ellipse(pos=(nx - nose, ny - nose), size=(2 * nose, 2 * nose)))
