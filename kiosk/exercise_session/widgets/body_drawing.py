"""Drawing the body map's outlines on a Kivy canvas: filled shapes, their edges, stripes.

Shapes arrive in view units (see `body_shapes`) with a place and a scale. Kivy's
Tesselator cuts each outline into triangles once (outlines never change), and
the numbness stripes are clipped to the region's own outline with a stencil, so
they never spill onto a neighbour.
"""

from __future__ import annotations

from functools import lru_cache

from kivy.graphics import Color, Line, Mesh, StencilPop, StencilPush, StencilUnUse, StencilUse
from kivy.graphics.tesselator import TYPE_POLYGONS, WINDING_ODD, Tesselator

Point = tuple[float, float]


@lru_cache(maxsize=None)
def _triangles(points: tuple[Point, ...]) -> tuple[tuple[tuple[float, ...], tuple[int, ...]], ...]:
    """The outline cut into fans of triangles, in view units: (vertices x, y, u, v; indices)."""
    tesselator = Tesselator()
    tesselator.add_contour([coordinate for point in points for coordinate in point])
    if not tesselator.tesselate(WINDING_ODD, TYPE_POLYGONS):
        raise ValueError(f"an outline of the body map cannot be filled: {points[:3]}...")
    return tuple((tuple(vertices), tuple(indices)) for vertices, indices in tesselator.meshes)


class Placement:
    """Where a view is drawn: its bottom-left corner in the widget, and pixels per view unit."""

    def __init__(self, x: float, y: float, scale: float) -> None:
        self.x, self.y, self.scale = x, y, scale

    def point(self, point: Point) -> Point:
        return self.x + point[0] * self.scale, self.y + point[1] * self.scale

    def flat(self, points: tuple[Point, ...]) -> list[float]:
        return [coordinate for point in points for coordinate in self.point(point)]


def fill(points: tuple[Point, ...], place: Placement) -> None:
    """Fill an outline with the current colour."""
    for vertices, indices in _triangles(points):
        placed = list(vertices)
        for i in range(0, len(placed), 4):
            placed[i], placed[i + 1] = place.point((vertices[i], vertices[i + 1]))
        Mesh(vertices=placed, indices=list(indices), mode="triangle_fan")


def edge(points: tuple[Point, ...], place: Placement, width: float) -> None:
    """Draw an outline's edge with the current colour."""
    Line(points=place.flat(points), close=True, width=width, joint="round")


def stripes(points: tuple[Point, ...], place: Placement, colour, step: float, width: float) -> None:
    """Diagonal stripes inside an outline only: the numbness mark."""
    StencilPush()
    fill(points, place)
    StencilUse()
    Color(*colour)
    xs = [place.point(p)[0] for p in points]
    ys = [place.point(p)[1] for p in points]
    left, bottom, right, top = min(xs), min(ys), max(xs), max(ys)
    offset = left - (top - bottom)
    while offset < right:
        Line(points=[offset, bottom, offset + (top - bottom), top], width=width)
        offset += step
    StencilUnUse()
    fill(points, place)
    StencilPop()

