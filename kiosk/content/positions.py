"""An exercise's starting position when the file does not say: read from its animation's start pose.

The figure's angles tell it well enough for the count-in (floor or not matters
most): lying with the lower back level is face down or on the back by which way
the trunk points, thighs bent forward under a level back is kneeling (bird dog),
a figure seen from the front lies on its side (side plank), and thighs forward
under an upright back is sitting. Without an animation nothing tells: the
position is unknown (None), and the kiosk says no position rather than a wrong one.
"""

from __future__ import annotations

from kiosk.clinical.program import Position


def infer_position(animation) -> Position | None:
    """The position an animation starts in (None, unknown, when there is no animation)."""
    if animation is None:
        return None
    pose = animation.poses[animation.start]
    trunk, hip = pose["trunk"] % 360, pose["near_hip"]
    if animation.view == "front":
        return Position.SIDE_LYING
    if trunk <= 45 or trunk >= 315:
        return Position.KNEELING if hip >= 60 else Position.LYING_FRONT
    if 135 <= trunk <= 225:
        return Position.LYING_BACK
    return Position.SITTING if hip >= 60 or "chair" in animation.props else Position.STANDING
