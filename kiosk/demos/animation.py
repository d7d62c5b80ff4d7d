"""An exercise's demonstration as data: named poses, one repetition of moves, the room around it.

A therapist writes one cycle in the exercise file (`animation:`): the pose it
starts in, then moves to named poses, each over some seconds. A move marked
`hold: true` stays in its pose for the exercise's own hold seconds, and each
such hold is one repetition (bird dog holds once per side, so its cycle is two
repetitions); a cycle with no hold is one repetition. The cycle ends where it
started, so it repeats smoothly for every repetition of the dose.

Pure Python: `Track.pose_at(t)` gives the joint angles at any moment and
`Animation.place` the figure's points (`kiosk.demos.body`), so animations are
checked and tested without a screen; the kiosk and `kiosk render-videos` draw them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import body, scenery
from .scenery import Shape

EASES = {
    "smooth": lambda f: f * f * (3 - 2 * f),
    "steady": lambda f: f,
    "speed_up": lambda f: f * f,
    "slow_down": lambda f: 1 - (1 - f) * (1 - f),
}
"""How a move goes: smooth (slow start and end), steady, speed_up (slow start), slow_down (slow end)."""
GROUNDS = ("floor", "mat")
PROPS = ("chair", "roll", "wall")
VIEWS = ("side", "front")
MAT_THICKNESS = 0.025
LOOP_HOLD_MAX = 10.0
"""Longest hold in a looping demonstration (a video): a 3-minute hold would be a still picture."""
SAMPLES_PER_SECOND = 12
"""How finely a cycle is sampled to find the room it needs on screen."""

Pose = dict[str, float]


@dataclass(frozen=True)
class Move:
    """Move to pose `to` over `seconds`; with `hold`, stay there for the exercise's hold."""

    to: str
    seconds: float
    ease: str = "smooth"
    hold: bool = False


@dataclass(frozen=True)
class Step:
    """One stretch of a track: from one pose to another (the same pose for a stay)."""

    start: float
    seconds: float
    before: Pose
    after: Pose
    ease: str = "steady"


@dataclass(frozen=True)
class Track:
    """Poses over time: steps one after another, starting from `first`."""

    first: Pose
    steps: tuple[Step, ...] = ()

    @property
    def total(self) -> float:
        return self.steps[-1].start + self.steps[-1].seconds if self.steps else 0.0

    @property
    def last(self) -> Pose:
        return self.steps[-1].after if self.steps else self.first

    def pose_at(self, seconds: float) -> Pose:
        """The pose at `seconds` from the start (held at either end outside the track)."""
        for step in self.steps:
            if seconds < step.start + step.seconds:
                fraction = max(0.0, (seconds - step.start) / step.seconds) if step.seconds > 0 else 1.0
                return body.blend(step.before, step.after, EASES[step.ease](fraction))
        return self.last

    def looped(self, seconds: float) -> Pose:
        """The pose at `seconds` with the track playing over and over."""
        return self.pose_at(seconds % self.total) if self.total > 0 else self.first

    def stretched(self, seconds: float) -> "Track":
        """The same moves, taking `seconds` in all."""
        if self.total <= 0:
            return self
        factor = seconds / self.total
        return Track(self.first, tuple(Step(s.start * factor, s.seconds * factor, s.before, s.after, s.ease)
                                       for s in self.steps))

    def then(self, other: "Track") -> "Track":
        """This track followed by `other`."""
        shift = self.total
        return Track(self.first, self.steps + tuple(Step(s.start + shift, s.seconds, s.before, s.after, s.ease)
                                                    for s in other.steps))


@dataclass(frozen=True)
class Animation:
    """The cycle of one exercise's demonstration, with its room: ground and props."""

    poses: dict[str, Pose] = field(compare=False)
    """Every named pose, complete (all angles of `body.ANGLES`)."""
    start: str
    moves: tuple[Move, ...]
    ground: str = "floor"
    props: tuple[str, ...] = ()
    anchor: str = "hip"
    view: str = "side"

    @property
    def holds(self) -> int:
        """How many holds one cycle has (each is one repetition of the dose)."""
        return sum(1 for move in self.moves if move.hold)

    @property
    def reps_per_cycle(self) -> int:
        return max(1, self.holds)

    @property
    def ground_level(self) -> float:
        """The height the figure rests on: the floor, or the top of the mat."""
        return MAT_THICKNESS if self.ground == "mat" else 0.0

    def place(self, pose: Pose) -> dict[str, body.Point]:
        """The figure's points in the room for `pose`."""
        return body.place(pose, self.anchor, self.ground_level)

    def legs(self) -> list[Track]:
        """The cycle cut at its holds: start to first hold, hold to hold ..., last hold back to the start."""
        legs, moves = [], []
        before = self.poses[self.start]
        for move in self.moves:
            moves.append(move)
            if move.hold:
                legs.append(self._track(before, moves))
                before, moves = self.poses[move.to], []
        legs.append(self._track(before, moves))
        return legs

    def into_rep(self, rep: int) -> Track:
        """The moves into repetition `rep` (1-based): from the previous hold, or from the start."""
        legs = self.legs()
        if self.holds == 0:
            return legs[0]
        index = (rep - 1) % self.holds
        if rep > 1 and index == 0:
            return legs[-1].then(legs[0])
        return legs[index]

    def hold_pose(self, rep: int) -> Pose:
        """Where repetition `rep` holds (the start pose when the cycle has no hold)."""
        holds = [move.to for move in self.moves if move.hold]
        return self.poses[holds[(rep - 1) % len(holds)]] if holds else self.poses[self.start]

    def loop(self, hold: float) -> Track:
        """One whole cycle at its written pace, each hold lasting `hold` seconds (at most LOOP_HOLD_MAX)."""
        stay = min(max(hold, 0.0), LOOP_HOLD_MAX)
        steps: list[Step] = []
        now, before = 0.0, self.poses[self.start]
        for move in self.moves:
            after = self.poses[move.to]
            steps.append(Step(now, move.seconds, before, after, move.ease))
            now += move.seconds
            if move.hold and stay > 0:
                steps.append(Step(now, stay, after, after))
                now += stay
            before = after
        return Track(self.poses[self.start], tuple(steps))

    def _track(self, before: Pose, moves: list[Move]) -> Track:
        steps, now = [], 0.0
        first = before
        for move in moves:
            after = self.poses[move.to]
            steps.append(Step(now, move.seconds, before, after, move.ease))
            now, before = now + move.seconds, after
        return Track(first, tuple(steps))

    def frame(self, hold: float = 0.0) -> tuple[float, float, float, float]:
        """The room the demonstration needs (left, bottom, right, top): the figure all through a cycle,
        its props and the ground, so that the picture never moves or rescales while it plays."""
        track = self.loop(min(hold, 0.5))
        count = max(2, int(track.total * SAMPLES_PER_SECOND) + 1)
        boxes = [body.extent(self.place(track.pose_at(track.total * i / (count - 1)))) for i in range(count)]
        boxes += [body.extent(self.place(pose)) for pose in self.poses.values()]
        boxes += [(s.x, s.y, s.x + s.width, s.y + s.height) for s in self.scene()]
        return (min(b[0] for b in boxes), min(min(b[1] for b in boxes), 0.0),
                max(b[2] for b in boxes), max(b[3] for b in boxes))

    def scene(self) -> list[Shape]:
        """The props around the figure, placed from the start pose (they never move)."""
        boxes = [body.extent(self.place(pose)) for pose in self.poses.values()]
        span = (min(b[0] for b in boxes), max(b[2] for b in boxes))
        return scenery.scene_shapes(self.place(self.poses[self.start]), span, self.props, self.ground,
                                    self.ground_level)
