"""Where each body region sits on the body map: its outline on each view, no Kivy.

The map shows two views of one standing figure, side by side: the front of the
body and the back of the body. Each region is an outline cut from the figure
(see `body_outline`), and a touch counts for the region whose outline holds it.

Left and right are the patient's own. Seen from the front, the patient's right
side is on the viewer's left; seen from the back, on the viewer's right. So a
leg's outline depends on the view. The knee, lower leg and foot appear on both
views (the back of the knee counts as the knee, so the back view's leg has no
gap), and touching either view marks the same region. Groin and front of thigh
are on the front view only; buttock, back of thigh and the low back on the back.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.clinical.regions import REGIONS, Side

from . import body_outline as outline
from .body_outline import ABOVE_KNEE, ANKLE, ASPECT, BELOW_KNEE, CREASE, FOLD, SOLE, WAIST, Point

__all__ = ["ASPECT", "BACK", "FRONT", "SHAPES", "SILHOUETTE", "VIEWS", "VIEW_SIDE_LABELS",
           "Shape", "region_at", "views_of"]

FRONT = "front"
BACK = "back"
VIEWS = (FRONT, BACK)


@dataclass(frozen=True)
class Shape:
    """A closed outline in view units (x across, y up, 1 = the view's height)."""

    points: tuple[Point, ...]

    def contains(self, x: float, y: float) -> bool:
        """Whether the point is inside the outline (even-odd rule: count edge crossings)."""
        inside = False
        last = self.points[-1]
        for point in self.points:
            (x1, y1), (x2, y2) = last, point
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
            last = point
        return inside

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """x, y, width, height of the smallest box around the outline."""
        xs = [x for x, _ in self.points]
        ys = [y for _, y in self.points]
        return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)

    @property
    def touch_point(self) -> Point:
        """A point well inside: the centre of the outline's area (the autopilot touches it)."""
        area = cx = cy = 0.0
        last = self.points[-1]
        for point in self.points:
            cross = last[0] * point[1] - point[0] * last[1]
            area += cross
            cx += (last[0] + point[0]) * cross
            cy += (last[1] + point[1]) * cross
            last = point
        return cx / (3 * area), cy / (3 * area)


def _on_viewer_left(view: str, side: Side) -> bool:
    """The patient's right is on the viewer's left from the front; their left, from the back."""
    return (side is Side.RIGHT) == (view == FRONT)


def _leg_regions(view: str) -> dict[str, list[Point]]:
    """area -> its outline for one leg, as (distance from the midline, height) points."""
    regions = {
        "foot": outline.leg_band(SOLE, ANKLE),
        "lower_leg": outline.leg_band(ANKLE, BELOW_KNEE),
        "knee": outline.leg_band(BELOW_KNEE, ABOVE_KNEE),
    }
    if view == FRONT:
        regions["thigh_front"] = outline.below_fold(CREASE, ABOVE_KNEE)
        regions["groin"] = outline.above_fold(CREASE, WAIST)
    else:
        regions["thigh_back"] = outline.below_fold(FOLD, ABOVE_KNEE)
        regions["buttock"] = outline.above_fold(FOLD, WAIST)
    return regions


def _shape(points: list[Point], on_viewer_left: bool) -> Shape:
    return Shape(tuple(outline.to_view(point, on_viewer_left) for point in points))


def _build() -> dict[str, dict[str, Shape]]:
    shapes: dict[str, dict[str, Shape]] = {FRONT: {}, BACK: {}}
    for view in VIEWS:
        for side in (Side.LEFT, Side.RIGHT):
            for area, points in _leg_regions(view).items():
                shapes[view][f"{area}_{side.value}"] = _shape(points, _on_viewer_left(view, side))
    # The low back, on the back view: the patient's left is on the viewer's left.
    shapes[BACK]["back_left"] = _shape(outline.low_back("side"), on_viewer_left=True)
    shapes[BACK]["back_central"] = _shape(outline.low_back("middle"), on_viewer_left=True)
    shapes[BACK]["back_right"] = _shape(outline.low_back("side"), on_viewer_left=False)
    return shapes


SHAPES: dict[str, dict[str, Shape]] = _build()
"""view -> region id -> its outline on that view."""

VIEW_SIDE_LABELS: dict[str, tuple[Side, Side]] = {
    view: ((Side.RIGHT, Side.LEFT) if view == FRONT else (Side.LEFT, Side.RIGHT)) for view in VIEWS
}
"""view -> (the patient's side shown on the viewer's left, on the viewer's right)."""

SILHOUETTE: tuple[Shape, ...] = (
    Shape(tuple(outline.head())),
    Shape(tuple(outline.trunk())),
    Shape(tuple(outline.arm(on_viewer_left=True))),
    Shape(tuple(outline.arm(on_viewer_left=False))),
)
"""The parts of the figure that are drawn but not touched: head, trunk with neck, and the arms."""


def region_at(view: str, x: float, y: float) -> str | None:
    """The region under a point of `view` (view units), or None."""
    for region_id, shape in SHAPES[view].items():
        if shape.contains(x, y):
            return region_id
    return None


def views_of(region_id: str) -> list[str]:
    """The views a region appears on, front first."""
    return [view for view in VIEWS if region_id in SHAPES[view]]


def _check() -> None:
    shown = {region_id for view in VIEWS for region_id in SHAPES[view]}
    missing = set(REGIONS) - shown
    assert not missing, f"regions with no place on the body map: {sorted(missing)}"
    for view in VIEWS:
        for region_id, shape in SHAPES[view].items():
            assert region_at(view, *shape.touch_point) == region_id, f"{region_id}'s touch point is not on it"


_check()
