"""The timeline of one set: rest, get ready, then each movement, hold and relax, in kiosk seconds.

Pure Python (no Kivy, no clock): `set_timeline(planned)` lists the phases with
their durations and words, and `Timeline.at(elapsed)` says which phase is on
and how long it has left. The exercise screen only adds up seconds and shows
what this module answers, so the whole timing is tested without a window.

Every second of a countdown is shown once, from the first to the last, and "0"
never: a phase is over within `SAME_MOMENT` of its end, the very tolerance its
count is rounded with. `SetTime` adds up the frames' steps of the clock and
reads the sum on a grid of whole ticks, so the float bits lost to a large clock
reading (a machine up for weeks) never put a frame a hair short of a second.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from kiosk.clinical.plan import GET_READY_SECONDS, SECONDS_PER_MOVE, PlannedSet
from kiosk.clinical.program import ExerciseKind
from kiosk.speech.schedule import SAME_MOMENT, Span

from .words import say

RELAX_SECONDS = 3
"""The short relax between two holds."""

TICKS_PER_SECOND = 6000
"""How finely `SetTime` reads a set's time: a 60 Hz frame is 100 ticks at speed 1, 6,000 at speed 60."""


class PhaseKind(enum.Enum):
    """What the patient is doing during a phase."""

    REST = "rest"
    GET_READY = "get_ready"
    MOVE = "move"
    HOLD = "hold"
    RELAX = "relax"


@dataclass(frozen=True)
class Phase:
    """One stretch of the set, with the words shown during it."""

    kind: PhaseKind
    seconds: float
    label: str
    """The headline, e.g. "Movement 3 of 10"."""
    detail: str = ""
    """A line under the countdown, e.g. "Hold for 5 seconds"."""
    rep: int = 0
    """Which movement or hold this belongs to (1-based); 0 for rest and get ready."""
    reps: int = 0


@dataclass(frozen=True)
class Moment:
    """Where a set stands at some elapsed time."""

    index: int
    """Index of the current phase; len(phases) once the set is over."""
    phase: Phase | None
    """The current phase; None once the set is over."""
    remaining: float
    """Seconds left in the current phase."""

    @property
    def finished(self) -> bool:
        return self.phase is None

    @property
    def big_text(self) -> str:
        """The large figure: the movement's number while moving, otherwise the countdown."""
        if self.phase is None:
            return ""
        if self.phase.kind is PhaseKind.MOVE:
            return str(self.phase.rep)
        return count_text(self.remaining)


@dataclass(frozen=True)
class Timeline:
    """The phases of one set, in order."""

    phases: tuple[Phase, ...]

    @property
    def total(self) -> float:
        """Seconds from the start of the set (rest included) to its end."""
        return sum(phase.seconds for phase in self.phases)

    def start_of(self, index: int) -> float:
        """Elapsed seconds at which phase `index` begins (the total for the end)."""
        return sum(phase.seconds for phase in self.phases[:index])

    def at(self, elapsed: float) -> Moment:
        """The phase on at `elapsed` seconds, and the seconds it has left."""
        end = 0.0
        for index, phase in enumerate(self.phases):
            end += phase.seconds
            if elapsed < end - SAME_MOMENT:
                return Moment(index, phase, end - max(elapsed, 0.0))
        return Moment(len(self.phases), None, 0.0)

    def end_of_phase(self, elapsed: float) -> float:
        """Elapsed seconds at which the phase on at `elapsed` ends (to skip the rest of it)."""
        return self.start_of(self.at(elapsed).index + 1)

    def exercising(self, elapsed: float) -> tuple[float, float]:
        """Seconds of movements and holds done by `elapsed`, and the seconds planned: the set's time
        without its rest and count-in."""
        waiting = (PhaseKind.REST, PhaseKind.GET_READY)
        first = next((i for i, phase in enumerate(self.phases) if phase.kind not in waiting), len(self.phases))
        begun, planned = self.start_of(first), self.total - self.start_of(first)
        return min(max(elapsed - begun, 0.0), planned), planned

    def spans(self) -> tuple[Span, ...]:
        """The phases as the speech schedule reads them: kind, start, seconds, rep."""
        starts = [self.start_of(index) for index in range(len(self.phases))]
        return tuple(Span(phase.kind.value, start, phase.seconds, phase.rep)
                     for phase, start in zip(self.phases, starts))


class SetTime:
    """Kiosk seconds into a set, added up from the clock's steps between frames (times the speed).

    The sum is read to the nearest tick: what a clock reading of a million seconds loses (a few
    billionths of a second a frame) is gone, and at most 1/12,000 s is lost, never adding up."""

    def __init__(self, seconds: float = 0.0) -> None:
        self._sum = seconds

    @property
    def seconds(self) -> float:
        return round(self._sum * TICKS_PER_SECOND) / TICKS_PER_SECOND

    def advance(self, step: float) -> float:
        """Add `step` kiosk seconds; the set's time now."""
        self._sum += step
        return self.seconds


def set_timeline(planned: PlannedSet, get_ready: float = GET_READY_SECONDS) -> Timeline:
    """Every phase of `planned`: its rest, the count-in, then its movements or holds."""
    exercise = planned.exercise
    phases: list[Phase] = []
    if planned.rest_before > 0:
        phases.append(Phase(PhaseKind.REST, planned.rest_before, say.REST_BETWEEN, say.REST_HINT))
    if get_ready > 0:
        phases.append(Phase(PhaseKind.GET_READY, get_ready, say.GET_READY, say.GET_IN_POSITION))
    if exercise.kind is ExerciseKind.HOLD and exercise.hold > 0:
        phases += _holds(exercise.reps, exercise.hold)
    else:
        phases += _movements(exercise.reps, exercise.hold)
    return Timeline(tuple(phases))


def _movements(reps: int, hold: int) -> list[Phase]:
    """Each repetition: time to move, then its hold if it has one."""
    phases = []
    for rep in range(1, reps + 1):
        label = say.REP_OF.format(rep=rep, reps=reps)
        phases.append(Phase(PhaseKind.MOVE, SECONDS_PER_MOVE, label, say.MOVE_SLOWLY, rep, reps))
        if hold > 0:
            detail = say.HOLD_FOR.format(seconds=duration_words(hold))
            phases.append(Phase(PhaseKind.HOLD, hold, label, detail, rep, reps))
    return phases


def _holds(reps: int, hold: int) -> list[Phase]:
    """Each hold of a position, with a short relax between two holds."""
    phases = []
    detail = say.HOLD_FOR.format(seconds=duration_words(hold))
    for rep in range(1, reps + 1):
        if rep > 1:
            phases.append(Phase(PhaseKind.RELAX, RELAX_SECONDS, say.RELAX, say.RELAX_NEXT, rep - 1, reps))
        phases.append(Phase(PhaseKind.HOLD, hold, say.HOLD_OF.format(rep=rep, reps=reps), detail, rep, reps))
    return phases


def count_text(seconds: float) -> str:
    """A countdown as a patient reads it: whole seconds up, "5"; a minute or more, "4:00"."""
    whole = max(0, math.ceil(seconds - SAME_MOMENT))
    if whole < 60:
        return str(whole)
    return f"{whole // 60}:{whole % 60:02d}"


def duration_words(seconds: int) -> str:
    """A duration in words: "1 second", "30 seconds", "4 minutes", "1 minute 30 seconds"."""
    minutes, rest = divmod(int(seconds), 60)
    parts = []
    if minutes:
        parts.append(say.MINUTE if minutes == 1 else say.MINUTES.format(count=minutes))
    if rest or not minutes:
        parts.append(say.SECOND if rest == 1 else say.SECONDS.format(count=rest))
    return " ".join(parts)
