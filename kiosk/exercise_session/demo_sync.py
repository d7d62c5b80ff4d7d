"""Keep the drawn figure in step with the set's countdown (pure Python, no Kivy).

The set's timeline (`timing.set_timeline`) says what the patient does when;
the animation (`kiosk.demos.animation`) says how each repetition moves. Here the
two meet, phase by phase:

- rest, and get ready for a reps exercise: the start pose;
- get ready for a hold exercise: the figure moves into the first hold as the
  count-in ends ("get in position");
- a movement (3 s): the moves into this repetition, fitted to the phase;
- a hold: the repetition's hold pose, for as long as the countdown runs;
- the relax between two holds: out of one hold and into the next.

An animation with no hold (e.g. breathing while lying face down) plays one
cycle per movement, and loops at its own pace through holds.
"""

from __future__ import annotations

from kiosk.clinical.program import ExerciseKind
from kiosk.demos.animation import Animation, Pose

from .timing import PhaseKind, Timeline


def pose_at(animation: Animation, timeline: Timeline, elapsed: float, kind: ExerciseKind) -> Pose:
    """The figure's pose `elapsed` kiosk seconds into the set that `timeline` describes."""
    moment = timeline.at(elapsed)
    start = animation.poses[animation.start]
    if moment.finished:
        last = timeline.phases[-1] if timeline.phases else None
        return animation.hold_pose(last.rep) if last is not None and last.kind is PhaseKind.HOLD else start
    phase = moment.phase
    into = phase.seconds - moment.remaining  # seconds since the phase began
    if phase.kind is PhaseKind.REST:
        return start
    if animation.holds == 0:
        return _no_holds(animation, phase.kind, phase.seconds, into)
    if phase.kind is PhaseKind.GET_READY:
        if kind is not ExerciseKind.HOLD:
            return start
        track = animation.into_rep(1)
        return track.pose_at(into - (phase.seconds - min(track.total, phase.seconds)))
    if phase.kind is PhaseKind.HOLD:
        return animation.hold_pose(phase.rep)
    rep = phase.rep if phase.kind is PhaseKind.MOVE else phase.rep + 1  # a relax leads into the next hold
    return animation.into_rep(rep).stretched(phase.seconds).pose_at(into)


def _no_holds(animation: Animation, kind: PhaseKind, seconds: float, into: float) -> Pose:
    """A cycle without holds: one cycle per movement; looping at its pace while holding or relaxing."""
    cycle = animation.loop(0)
    if kind is PhaseKind.GET_READY:
        return cycle.first
    if kind is PhaseKind.MOVE:
        return cycle.stretched(seconds).pose_at(into)
    return cycle.looped(into)
