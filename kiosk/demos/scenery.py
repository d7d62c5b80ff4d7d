"""The room around a demonstration: a mat under a lying figure, a chair, a back roll, a wall.

Props are placed once, from where the figure is in its start pose, and stay
still while it moves. The floor itself is drawn across the whole picture by
whoever draws the scene (it is y = 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import body

SEAT_DROP = 0.05
"""From the hip joint down to the seat, through the buttock."""
SEAT_FRONT = 0.12
SEAT_DEPTH = 0.40
BACKREST_HEIGHT = 0.42
CHAIR_RAIL = 0.03
ROLL_RADIUS = 0.045
MAT_MARGIN = 0.08


@dataclass(frozen=True)
class Shape:
    """A prop drawn behind the figure: a rectangle (or, for `roll`, the circle inside it)."""

    kind: str
    x: float
    y: float
    width: float
    height: float


def scene_shapes(points: dict[str, body.Point], span: tuple[float, float], props: tuple[str, ...], ground: str,
                 ground_level: float) -> list[Shape]:
    """Every prop, in drawing order (back to front).

    `points` is the figure in its start pose, `span` the left and right edges of all
    its poses, so that a mat runs under the whole movement.
    """
    shapes: list[Shape] = []
    left, right = span
    if "wall" in props:
        shapes.append(Shape("wall", left - 0.12, 0.0, 0.06, 1.3))
    if ground == "mat":
        shapes.append(Shape("mat", left - MAT_MARGIN, 0.0, right - left + 2 * MAT_MARGIN, ground_level))
    roll = _roll(points) if "roll" in props else None
    if "chair" in props:
        shapes += _chair(points, roll)
    if roll is not None:
        x, y = roll
        shapes.append(Shape("roll", x - ROLL_RADIUS, y - ROLL_RADIUS, 2 * ROLL_RADIUS, 2 * ROLL_RADIUS))
    return shapes


def _roll(points: dict[str, body.Point]) -> body.Point:
    """Behind the small of the back, touching it: a third of the way from the hip to the shoulder."""
    hip, shoulder = points["hip"], points["shoulder"]
    x = hip[0] + (shoulder[0] - hip[0]) * 0.35
    y = hip[1] + (shoulder[1] - hip[1]) * 0.35
    return x - body.RADII["trunk"] - ROLL_RADIUS, y


def _chair(points: dict[str, body.Point], roll: body.Point | None) -> list[Shape]:
    """A plain side-view chair under the hips; its back touches the roll when there is one."""
    hip_x, hip_y = points["hip"]
    seat_y = hip_y - SEAT_DROP
    front = hip_x + SEAT_FRONT
    back = roll[0] - ROLL_RADIUS - CHAIR_RAIL if roll is not None else front - SEAT_DEPTH
    back = min(back, hip_x - body.RADII["thigh"] - 0.02)
    return [
        Shape("chair", back, seat_y - CHAIR_RAIL, front - back, CHAIR_RAIL),
        Shape("chair", back, 0.0, CHAIR_RAIL, seat_y),
        Shape("chair", front - CHAIR_RAIL, 0.0, CHAIR_RAIL, seat_y),
        Shape("chair", back, seat_y, CHAIR_RAIL, BACKREST_HEIGHT),
    ]
