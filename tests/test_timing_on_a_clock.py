"""A set's countdown read from a clock's frames, as the exercise screen reads it, at any uptime.

The screen adds up the clock's steps between frames (`SetTime`) and shows what
`Timeline.at` answers. Here the clock is what a machine's monotonic clock would
read: a float near its uptime (5 minutes to a year), frames 1/60 s apart with
jitter and stalls, or exactly 1/60 s apart at 60 kiosk seconds a frame as the
UI tests step it. Every second of every phase must be shown once, in order, and
"0" never.
"""

import random
from itertools import groupby

from hypothesis import given, settings
from hypothesis import strategies as st
from uptimes import UPTIMES

from kiosk.clinical.plan import SECONDS_PER_MOVE, PlannedSet
from kiosk.clinical.program import Exercise, ExerciseKind, Role
from kiosk.exercise_session.timing import PhaseKind, SetTime, Timeline, count_text, set_timeline

ORIGINS = UPTIMES + (31_557_600.0, 1_200_000.0, 1.0, 12.0, 700.0)
"""The UI tests' uptimes, a year, and some at which a replay of the old clock lost a second."""


def a_set(kind: str, reps: int, hold: int, rest: int) -> Timeline:
    exercise = Exercise("prone", "Lying face down", "Lie on your front.", ExerciseKind(kind), reps=reps,
                        hold=hold, sets=2, rest=rest)
    return set_timeline(PlannedSet(0, Role.SPINAL, exercise, 2 if rest else 1))


def every_second(timeline: Timeline) -> list[tuple[int, str]]:
    """What a patient should see, phase by phase: each second of a countdown, the number of a movement."""
    return [(index, str(phase.rep) if phase.kind is PhaseKind.MOVE else count_text(second))
            for index, phase in enumerate(timeline.phases)
            for second in (range(int(phase.seconds), 0, -1) if phase.kind is not PhaseKind.MOVE else [0])]


def shown(timeline: Timeline, readings, speed: float) -> list[tuple[int, str]]:
    """The phase and figure on screen at each frame of the clock `readings`, until the set is over."""
    time, out = SetTime(), [(0, timeline.at(0).big_text)]
    for before, now in zip(readings, readings[1:]):
        moment = timeline.at(time.advance((now - before) * speed))
        if moment.finished:
            return out
        out.append((moment.index, moment.big_text))
    raise AssertionError("the clock stopped before the set ended")


def real_frames(origin: float, seconds: float, seed: int, jitter: float, stalls: float):
    """A monotonic clock's readings near `origin`: 60 Hz frames, each up to `jitter` s late or early,
    and now and then one that stalls up to half a second."""
    rng, since_boot, readings = random.Random(seed), 0.0, [origin]
    while since_boot < seconds + 1:
        step = 1 / 60 + rng.uniform(-jitter, jitter)
        since_boot += rng.uniform(0.1, 0.5) if rng.random() < stalls else step
        readings.append(origin + since_boot)  # rounded to the float nearest, as the machine's clock is
    return readings


sets = st.builds(a_set, st.sampled_from(["reps", "hold"]), st.integers(1, 3), st.integers(0, 65),
                 st.sampled_from([0, 7, 30]))


@settings(max_examples=60, deadline=None)
@given(sets, st.one_of(st.sampled_from(ORIGINS), st.floats(1.0, 1e8)), st.integers(0, 2**32),
       st.floats(0.0, 0.008), st.floats(0.0, 0.02))
def test_on_real_frames_every_second_is_shown_once_in_order_and_never_0(timeline, origin, seed, jitter, stalls):
    readings = real_frames(origin, timeline.total, seed, jitter, stalls)
    seen = shown(timeline, readings, speed=1)
    assert [key for key, _ in groupby(seen)] == every_second(timeline)


@settings(max_examples=40, deadline=None)
@given(sets, st.one_of(st.sampled_from(ORIGINS), st.floats(1.0, 1e8)))
def test_at_a_kiosk_second_a_frame_each_frame_shows_the_next_second(timeline, origin):
    """As the UI tests step it: the clock reads origin + frames / 60, and each frame is one kiosk second."""
    readings = [origin + frame / 60 for frame in range(int(timeline.total) + 2)]
    per_frame = [(index, text) for index, text in every_second(timeline)
                 for _ in range(SECONDS_PER_MOVE if timeline.phases[index].kind is PhaseKind.MOVE else 1)]
    assert shown(timeline, readings, speed=60) == per_frame
