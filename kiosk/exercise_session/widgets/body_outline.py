"""The outline of the standing figure on the body map: plain geometry, no Kivy.

One view of the figure is `ASPECT` wide and 1 high, in the same unit both ways
(y up, soles at 0, top of the head near 1), so shapes keep their proportions on
any screen. The legs are described once, as a profile: for each height, how far
the outer and the inner edge of a leg are from the body's midline. Regions are
slices of that profile between heights, so the thigh, knee, lower leg and foot of
one leg share their edges and join into one continuous leg.

The proportions are a drawing's, not an anatomy atlas's: legs, knees and feet are
drawn thicker than life so that every region stays a comfortable finger target
(48 dp or more) on a 1280x800 screen.
"""

from __future__ import annotations

from bisect import bisect_left
from math import cos, pi, sin

Point = tuple[float, float]

ASPECT = 0.5
"""View width / view height."""
MIDLINE = ASPECT / 2

# Heights where one region of a leg ends and the next begins.
SOLE = 0.0
ANKLE = 0.095
BELOW_KNEE = 0.30
ABOVE_KNEE = 0.39
WAIST = 0.66
"""Top of the groin and buttock regions; bottom of the low back."""
LOW_BACK_TOP = 0.77
LOW_BACK_THIRD = 0.045
"""Half the width of the middle of the low back, either side of the midline."""

# The leg profile: (height, outer edge, inner edge), edges as distances from the midline.
# Above the crotch the inner edge is the midline itself: the two sides of the pelvis meet.
_LEG = (
    (0.000, 0.124, 0.034), (0.006, 0.136, 0.026), (0.020, 0.141, 0.023), (0.045, 0.138, 0.024),
    (0.070, 0.128, 0.028), (0.095, 0.114, 0.032), (0.130, 0.114, 0.030), (0.170, 0.122, 0.026),
    (0.210, 0.127, 0.023), (0.250, 0.126, 0.021), (0.300, 0.120, 0.020), (0.345, 0.124, 0.018),
    (0.390, 0.127, 0.016), (0.430, 0.131, 0.013), (0.470, 0.136, 0.010), (0.510, 0.141, 0.006),
    (0.545, 0.145, 0.000), (0.600, 0.148, 0.000), (0.630, 0.146, 0.000), (0.660, 0.140, 0.000),
)
_HEIGHTS = [row[0] for row in _LEG]

# A fold's first point is on the side of the hip: only its height counts, the leg profile gives the rest.
CREASE = ((0.148, 0.600), (0.110, 0.586), (0.070, 0.570), (0.030, 0.555), (0.000, 0.545))
"""The fold between the front of the thigh and the groin, from the hip to the crotch."""
FOLD = ((0.148, 0.590), (0.120, 0.560), (0.085, 0.547), (0.045, 0.548), (0.000, 0.560))
"""The fold under the buttock, from the side of the hip to the midline."""

# The trunk above the waist, as (height, distance of its side from the midline).
_TRUNK = (
    (0.660, 0.140), (0.700, 0.131), (0.740, 0.133), (0.770, 0.137), (0.810, 0.145),
    (0.840, 0.150), (0.858, 0.138), (0.868, 0.110), (0.873, 0.060), (0.875, 0.030),
)
NECK_TOP = 0.900
HEAD = (MIDLINE, 0.940, 0.056)
"""Centre x, centre y and radius of the head."""

# An arm hanging beside the trunk: outer then inner edge, as (height, distance from the midline).
# Its top starts just inside the shoulder, so arm and trunk join.
_ARM_OUTER = ((0.856, 0.139), (0.848, 0.170), (0.830, 0.196), (0.760, 0.203), (0.680, 0.201),
              (0.600, 0.199), (0.560, 0.196), (0.540, 0.186))
_ARM_INNER = ((0.540, 0.170), (0.560, 0.162), (0.600, 0.160), (0.680, 0.159), (0.760, 0.158),
              (0.800, 0.155), (0.826, 0.146))


def _edge_at(y: float, column: int) -> float:
    """The leg profile's edge (1 outer, 2 inner) at height y, straight between the given heights."""
    index = bisect_left(_HEIGHTS, y)
    if index < len(_LEG) and _LEG[index][0] == y:
        return _LEG[index][column]
    low, high = _LEG[index - 1], _LEG[index]
    share = (y - low[0]) / (high[0] - low[0])
    return low[column] + share * (high[column] - low[column])


def _edge(y0: float, y1: float, column: int) -> list[Point]:
    """The edge from y0 up to y1 as (distance from the midline, height) points."""
    inside = [(row[column], row[0]) for row in _LEG if y0 < row[0] < y1]
    return [(_edge_at(y0, column), y0), *inside, (_edge_at(y1, column), y1)]


def leg_band(bottom: float, top: float) -> list[Point]:
    """A slice of one leg between two heights: outer edge up, inner edge down."""
    return _edge(bottom, top, 1) + list(reversed(_edge(bottom, top, 2)))


def below_fold(fold: tuple[Point, ...], bottom: float) -> list[Point]:
    """The top of the thigh, from `bottom` up to a fold that runs from the hip to the crotch."""
    hip_y, crotch_y = fold[0][1], fold[-1][1]
    return _edge(bottom, hip_y, 1) + list(fold[1:-1]) + list(reversed(_edge(bottom, crotch_y, 2)))


def above_fold(fold: tuple[Point, ...], top: float) -> list[Point]:
    """The hip above a fold up to `top`, between the side of the hip and the midline."""
    hip_y = fold[0][1]
    return list(reversed(fold[1:])) + _edge(hip_y, top, 1) + [(0.0, top)]


def low_back(part: str) -> list[Point]:
    """One of the three parts of the low back ("side" or "middle"), on the viewer's left."""
    side = [(_trunk_at(y), y) for y in _trunk_heights(WAIST, LOW_BACK_TOP)]
    if part == "middle":
        return [(LOW_BACK_THIRD, WAIST), (LOW_BACK_THIRD, LOW_BACK_TOP),
                (-LOW_BACK_THIRD, LOW_BACK_TOP), (-LOW_BACK_THIRD, WAIST)]
    return side + [(LOW_BACK_THIRD, LOW_BACK_TOP), (LOW_BACK_THIRD, WAIST)]


def _trunk_heights(y0: float, y1: float) -> list[float]:
    return [y0] + [y for y, _ in _TRUNK if y0 < y < y1] + [y1]


def _trunk_at(y: float) -> float:
    for (ya, a), (yb, b) in zip(_TRUNK, _TRUNK[1:]):
        if ya <= y <= yb:
            return a + (y - ya) / (yb - ya) * (b - a)
    raise ValueError(f"height {y} is outside the trunk")


def trunk() -> list[Point]:
    """The trunk from the waist to the base of the neck, both sides, in absolute x."""
    right = [(MIDLINE + offset, y) for y, offset in _TRUNK]
    left = [(MIDLINE - offset, y) for y, offset in reversed(_TRUNK)]
    neck = [(MIDLINE - 0.026, NECK_TOP), (MIDLINE + 0.026, NECK_TOP)]
    return right + [neck[1], neck[0]] + left


def arm(on_viewer_left: bool) -> list[Point]:
    """One arm hanging beside the trunk, in absolute x."""
    points = [*_ARM_OUTER, *_ARM_INNER]
    return [to_view((offset, y), on_viewer_left) for y, offset in points]


def to_view(point: Point, on_viewer_left: bool) -> Point:
    """From (distance from the midline, height) to view units on one side of the figure."""
    offset, y = point
    return (MIDLINE - offset if on_viewer_left else MIDLINE + offset), y


def head(segments: int = 48) -> list[Point]:
    """The head as a circle of points, in absolute x."""
    x, y, radius = HEAD
    return [(x + radius * cos(2 * pi * k / segments), y + radius * sin(2 * pi * k / segments))
            for k in range(segments)]
