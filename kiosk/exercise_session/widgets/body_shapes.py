"""Where each body region sits on the body map: plain geometry, no Kivy.

The map shows two views of a standing figure, side by side: the front of the
body and the back of the body. Each view is a box 1 wide and 1 high (y up,
feet at 0); `ASPECT` is the view's width over its height on screen.

Left and right are the patient's own. Seen from the front, the patient's right
side is on the viewer's left; seen from the back, on the viewer's right. So a
leg's box depends on the view. The knee is on the front view (front and sides
of the knee); the lower leg and the foot appear on both views, and touching
either marks the same region.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.clinical.regions import REGIONS, Side

ASPECT = 0.62
"""View width / view height."""


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in view units: x, y from the bottom-left, width, height."""

    x: float
    y: float
    w: float
    h: float

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    def overlaps(self, other: "Box") -> bool:
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)


FRONT = "front"
BACK = "back"
VIEWS = (FRONT, BACK)

# Heights of the bands of the figure (bottom, top), feet at 0.
_BANDS = {
    "foot": (0.0, 0.096),
    "lower_leg": (0.10, 0.27),
    "knee": (0.275, 0.372),
    "thigh": (0.377, 0.535),
    "hip": (0.54, 0.638),
    "back": (0.643, 0.77),
}

# Horizontal extent of the leg seen on the viewer's left and right, and of the torso.
_VIEWER_LEFT_LEG = (0.27, 0.48)
_VIEWER_RIGHT_LEG = (0.52, 0.73)
_TORSO = (0.24, 0.76)


def _leg_x(view: str, side: Side) -> tuple[float, float]:
    """The patient's `side` leg is on the viewer's left from the front when it is their right."""
    on_viewer_left = (side is Side.RIGHT) == (view == FRONT)
    return _VIEWER_LEFT_LEG if on_viewer_left else _VIEWER_RIGHT_LEG


def _box(x: tuple[float, float], band: str) -> Box:
    bottom, top = _BANDS[band]
    return Box(x[0], bottom, x[1] - x[0], top - bottom)


def _build() -> dict[str, dict[str, Box]]:
    shapes: dict[str, dict[str, Box]] = {FRONT: {}, BACK: {}}
    for side in (Side.LEFT, Side.RIGHT):
        s = side.value
        for view in VIEWS:
            leg = _leg_x(view, side)
            shapes[view][f"foot_{s}"] = _box(leg, "foot")
            shapes[view][f"lower_leg_{s}"] = _box(leg, "lower_leg")
        front_leg, back_leg = _leg_x(FRONT, side), _leg_x(BACK, side)
        shapes[FRONT][f"knee_{s}"] = _box(front_leg, "knee")
        shapes[FRONT][f"thigh_front_{s}"] = _box(front_leg, "thigh")
        shapes[FRONT][f"groin_{s}"] = _box(front_leg, "hip")
        shapes[BACK][f"thigh_back_{s}"] = _box(back_leg, "thigh")
        shapes[BACK][f"buttock_{s}"] = _box(back_leg, "hip")
    # The low back, on the back view: the patient's left is on the viewer's left.
    left, right = _TORSO
    third = (right - left) / 3
    shapes[BACK]["back_left"] = _box((left, left + third), "back")
    shapes[BACK]["back_central"] = _box((left + third, right - third), "back")
    shapes[BACK]["back_right"] = _box((right - third, right), "back")
    return shapes


SHAPES: dict[str, dict[str, Box]] = _build()
"""view -> region id -> its box on that view."""

VIEW_SIDE_LABELS: dict[str, tuple[Side, Side]] = {
    view: ((Side.RIGHT, Side.LEFT) if view == FRONT else (Side.LEFT, Side.RIGHT)) for view in VIEWS
}
"""view -> (the patient's side shown on the viewer's left, on the viewer's right)."""

# The figure's outline (not touchable): head, neck, upper body and arms, in view units.
HEAD = (0.5, 0.895, 0.07)
"""Centre x, centre y and radius of the head."""
SILHOUETTE: tuple[Box, ...] = (
    Box(0.455, 0.80, 0.09, 0.03),   # neck
    Box(0.24, 0.635, 0.52, 0.18),   # chest and belly (front) / upper back (back)
    Box(0.12, 0.50, 0.11, 0.31),    # arm on the viewer's left
    Box(0.77, 0.50, 0.11, 0.31),    # arm on the viewer's right
    Box(0.25, 0.55, 0.50, 0.09),    # pelvis
)


def region_at(view: str, x: float, y: float) -> str | None:
    """The region under a point of `view` (view units), or None."""
    for region_id, box in SHAPES[view].items():
        if box.contains(x, y):
            return region_id
    return None


def views_of(region_id: str) -> list[str]:
    """The views a region appears on, front first."""
    return [view for view in VIEWS if region_id in SHAPES[view]]


def _check() -> None:
    shown = {region_id for view in VIEWS for region_id in SHAPES[view]}
    missing = set(REGIONS) - shown
    assert not missing, f"regions with no place on the body map: {sorted(missing)}"


_check()
