"""The demonstration figure: a simple human body seen from the side, and where a pose puts it.

A pose is a set of joint angles in degrees (the clinic's own words: hip flexion,
knee flexion ...). `place(pose)` turns it into points in figure units, where a
standing adult is about 1 tall: the figure rests its lowest point on the ground
(y = `ground`), and the animation's anchor joint stays at x = 0.

Angle conventions (the figure faces right when it stands):
- `trunk` is the lower back's direction in the room: 90 upright, 0 lying face
  down with the head to the right, 180 lying on the back with the head to the left.
- `spine` bends the upper back on the lower back: + flexion (forward), - extension.
- `neck` bends the head the same way: + chin to chest, - looking up.
- `hip`, `shoulder`: + flexion (limb forward and up), - extension (behind the body).
- `knee`, `elbow`: 0 straight, + bent.
- `ankle`: 0 foot at a right angle to the shin, + toes up, - toes pointed.
Each side joint is written for both limbs at once (`hip: 90`), or for one:
`near_hip` (the limb nearer the viewer, drawn in front) and `far_hip`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Joint:
    """A joint a pose may set: its range in degrees and what the angle means."""

    name: str
    minimum: float
    maximum: float
    neutral: float
    meaning: str


JOINTS = (
    Joint("trunk", -90, 270, 90, "direction of the lower back in the room: 90 upright, 0 lying face down "
          "with the head to the right, 180 lying on the back with the head to the left"),
    Joint("spine", -60, 100, 0, "upper back on lower back: + bends forward (flexion), - bends back (extension)"),
    Joint("neck", -60, 70, 0, "head on upper back: + chin towards the chest, - looking up"),
    Joint("hip", -45, 150, 0, "+ thigh forward and up (flexion), - thigh behind the body (extension)"),
    Joint("knee", 0, 160, 0, "0 straight, + bent"),
    Joint("ankle", -90, 40, 0, "0 foot at a right angle to the shin, + toes up, - toes pointed"),
    Joint("shoulder", -90, 200, 0, "+ arm forward and up (flexion; 180 overhead), - arm behind the body"),
    Joint("elbow", 0, 160, 0, "0 straight, + bent"),
)
SIDED = ("hip", "knee", "ankle", "shoulder", "elbow")
"""Joints a pose may set for both limbs (`hip`) or for one (`near_hip`, `far_hip`)."""
SIDES = ("near", "far")
BY_NAME = {joint.name: joint for joint in JOINTS}
ANGLES = ("trunk", "spine", "neck") + tuple(f"{side}_{name}" for side in SIDES for name in SIDED)
"""The angles of a complete pose."""
NEUTRAL = {name: BY_NAME[name.split("_", 1)[-1] if name.startswith(SIDES) else name].neutral for name in ANGLES}
"""Standing upright, arms by the sides: every angle a pose leaves out."""

LENGTHS = {"pelvis": 0.12, "chest": 0.21, "neck": 0.10, "upper_arm": 0.15, "forearm": 0.15,
           "thigh": 0.245, "shin": 0.245, "foot": 0.10}
"""Segment lengths in figure units (a standing adult is about 1 tall)."""
RADII = {"trunk": 0.06, "upper_arm": 0.03, "forearm": 0.026, "thigh": 0.042, "shin": 0.03, "foot": 0.03}
"""Half the thickness of each drawn segment."""
HEAD_RADIUS = 0.07
LIMBS = {"leg": (("thigh", "hip", "knee"), ("shin", "knee", "ankle"), ("foot", "ankle", "toe")),
         "arm": (("upper_arm", "shoulder", "elbow"), ("forearm", "elbow", "hand"))}
"""Each limb as (segment, from point, to point); points are prefixed near_ or far_ except hip and shoulder."""
ANCHORS = ("hip", "knee", "foot", "hand", "shoulder", "head")
"""Points an animation can keep still: hip, or the near knee, foot (ankle), hand, shoulder, head."""
_ANCHOR_POINTS = {"hip": "hip", "knee": "near_knee", "foot": "near_ankle", "hand": "near_hand",
                  "shoulder": "shoulder", "head": "head"}


def complete(angles: dict[str, float], base: dict[str, float] | None = None) -> dict[str, float]:
    """A full pose: `base` (or neutral), then the both-sides joints, then the one-side ones."""
    pose = dict(base if base is not None else NEUTRAL)
    for name, value in angles.items():
        if name in SIDED:
            for side in SIDES:
                pose[f"{side}_{name}"] = value
    pose.update((name, value) for name, value in angles.items() if name not in SIDED)
    return pose


def _toward(start: Point, degrees: float, length: float) -> Point:
    radians = math.radians(degrees)
    return start[0] + length * math.cos(radians), start[1] + length * math.sin(radians)


def joint_points(pose: dict[str, float]) -> dict[str, Point]:
    """Every point of the figure with the hip at (0, 0); `pose` has every angle of ANGLES."""
    hip = (0.0, 0.0)
    upper = pose["trunk"] - pose["spine"]
    points = {"hip": hip, "waist": _toward(hip, pose["trunk"], LENGTHS["pelvis"])}
    points["shoulder"] = _toward(points["waist"], upper, LENGTHS["chest"])
    head_direction = upper - pose["neck"]
    points["head"] = _toward(points["shoulder"], head_direction, LENGTHS["neck"])
    points["nose"] = _toward(points["head"], head_direction - 90, HEAD_RADIUS)
    for side in SIDES:
        thigh = pose["trunk"] + 180 + pose[f"{side}_hip"]
        knee = _toward(hip, thigh, LENGTHS["thigh"])
        shin = thigh - pose[f"{side}_knee"]
        ankle = _toward(knee, shin, LENGTHS["shin"])
        points[f"{side}_knee"], points[f"{side}_ankle"] = knee, ankle
        points[f"{side}_toe"] = _toward(ankle, shin + 90 + pose[f"{side}_ankle"], LENGTHS["foot"])
        arm = upper + 180 + pose[f"{side}_shoulder"]
        elbow = _toward(points["shoulder"], arm, LENGTHS["upper_arm"])
        points[f"{side}_elbow"] = elbow
        points[f"{side}_hand"] = _toward(elbow, arm + pose[f"{side}_elbow"], LENGTHS["forearm"])
    return points


def segments(points: dict[str, Point]) -> list[tuple[str, str, Point, Point, float]]:
    """The drawn segments far to near: (side, name, start, end, radius); side is far, body or near."""
    drawn = []
    for side in ("far", "near"):
        if side == "near":
            drawn.append(("body", "trunk", points["hip"], points["waist"], RADII["trunk"]))
            drawn.append(("body", "trunk", points["waist"], points["shoulder"], RADII["trunk"]))
        for limb in ("leg", "arm"):
            for name, start, end in LIMBS[limb]:
                drawn.append((side, name, points[_sided(side, start)], points[_sided(side, end)], RADII[name]))
    return drawn


def _sided(side: str, point: str) -> str:
    return point if point in ("hip", "shoulder") else f"{side}_{point}"


def lowest(points: dict[str, Point]) -> float:
    """The lowest y the figure's outline reaches (limbs have thickness, the head a radius)."""
    low = points["head"][1] - HEAD_RADIUS
    for _, _, start, end, radius in segments(points):
        low = min(low, start[1] - radius, end[1] - radius)
    return low


def place(pose: dict[str, float], anchor: str = "hip", ground: float = 0.0) -> dict[str, Point]:
    """The figure's points in the room: its lowest point on `ground`, its `anchor` point at x = 0."""
    points = joint_points(pose)
    dx = -points[_ANCHOR_POINTS[anchor]][0]
    dy = ground - lowest(points)
    return {name: (x + dx, y + dy) for name, (x, y) in points.items()}


def extent(points: dict[str, Point]) -> tuple[float, float, float, float]:
    """The box (left, bottom, right, top) the drawn figure covers."""
    head = points["head"]
    box = [head[0] - HEAD_RADIUS, head[1] - HEAD_RADIUS, head[0] + HEAD_RADIUS, head[1] + HEAD_RADIUS]
    for _, _, start, end, radius in segments(points):
        for x, y in (start, end):
            box = [min(box[0], x - radius), min(box[1], y - radius), max(box[2], x + radius), max(box[3], y + radius)]
    return box[0], box[1], box[2], box[3]


def blend(start: dict[str, float], end: dict[str, float], fraction: float) -> dict[str, float]:
    """The pose `fraction` of the way from `start` to `end`, angle by angle."""
    return {name: start[name] + (end[name] - start[name]) * fraction for name in ANGLES}
