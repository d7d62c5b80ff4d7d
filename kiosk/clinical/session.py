"""One patient's session as a table-driven state machine.

The touchscreen and `kiosk simulate` drive the same machine with the same events:
screening, baseline check-in, then for each planned set: the set, a check-in,
the response and a decision. A red response means a rest, then a recheck
against the check-in before the red set. The rules are in docs/clinical-model.md.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from .checkin import CheckIn
from .ending import Ending, ending_for
from .engine import LIGHT, Decision, Light, Outcome, Response, classify, is_new_weakness
from .plan import PlannedSet, plan_sets
from .program import AfterNoEffect, Program, Role
from .red_flags import RED_FLAG_IDS
from .spinal import judge_spinal_progression

NEW_WEAKNESS = "new_weakness"
"""Red-flag id recorded when leg weakness appears during the session."""


class State(enum.Enum):
    """Where the session is: which question or activity is on screen."""

    SCREENING = "screening"
    BASELINE = "baseline"
    EXERCISE = "exercise"
    CHECK_IN = "check_in"
    RESTING = "resting"
    RECHECK = "recheck"
    ENDED = "ended"


class Event(enum.Enum):
    """What can happen to a session."""

    SCREEN_PASSED = "screen_passed"
    RED_FLAG = "red_flag"
    CHECK_IN = "check_in"
    SET_DONE = "set_done"
    REST_DONE = "rest_done"
    LEAVE = "leave"


class InvalidTransition(RuntimeError):
    """An event that the session cannot take in its current state."""


_ACTIVE = tuple(state for state in State if state is not State.ENDED)

TRANSITIONS: dict[tuple[State, Event], tuple[str, frozenset[State]]] = {
    (State.SCREENING, Event.SCREEN_PASSED): ("_on_screen_passed", frozenset({State.BASELINE})),
    (State.BASELINE, Event.CHECK_IN): ("_on_baseline", frozenset({State.EXERCISE})),
    (State.EXERCISE, Event.SET_DONE): ("_on_set_done", frozenset({State.CHECK_IN})),
    (State.CHECK_IN, Event.CHECK_IN): (
        "_on_set_check_in", frozenset({State.EXERCISE, State.RESTING, State.ENDED})),
    (State.RESTING, Event.REST_DONE): ("_on_rest_done", frozenset({State.RECHECK})),
    (State.RECHECK, Event.CHECK_IN): ("_on_recheck", frozenset({State.EXERCISE, State.ENDED})),
    **{(state, Event.RED_FLAG): ("_on_red_flag", frozenset({State.ENDED})) for state in _ACTIVE},
    **{(state, Event.LEAVE): ("_on_leave", frozenset({State.ENDED})) for state in _ACTIVE},
}
"""(state, event) -> (handler, the states the handler may move to)."""


@dataclass(frozen=True)
class Step:
    """One answered check-in after the baseline: a set's, or a recheck's."""

    kind: str
    """"set" or "recheck"."""
    planned: PlannedSet
    reference: CheckIn
    check_in: CheckIn
    response: Response
    decision: Decision
    stopped_early: bool = False
    """The patient pressed "my pain is worse" during the set."""
    exercised_seconds: int | None = None
    """Seconds of the set's movements and holds the patient did (rest and count-in left out, pauses
    too); None where no screen timed it (`kiosk simulate`, a recheck)."""
    planned_seconds: int | None = None
    """Seconds of movements and holds the set had planned; more than `exercised_seconds`: ended early."""

    @property
    def ended_early(self) -> bool:
        """The set ended before its time: the patient finished it, or their pain was worse."""
        return self.exercised_seconds is not None and self.exercised_seconds < (self.planned_seconds or 0)

    @property
    def light(self) -> Light:
        return LIGHT[self.response]


class Session:
    """A patient's way through one program; drive it with the event methods."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.plan: tuple[PlannedSet, ...] = plan_sets(program)
        self.state = State.SCREENING
        self.outcome: Outcome | None = None
        self.red_flag: str | None = None
        self.baseline: CheckIn | None = None
        self.reference: CheckIn | None = None
        """The latest check-in: what the next set is compared with."""
        self.steps: list[Step] = []
        self._index = 0
        self._before_red: CheckIn | None = None
        self._pain_worse = False
        self.left_because: str | None = None
        """Why an incomplete session was left (see `leave`)."""
        self._set_seconds: tuple[int | None, int | None] = (None, None)

    # The events ---------------------------------------------------------------

    def pass_screening(self) -> None:
        """Every red-flag question was answered no."""
        self._fire(Event.SCREEN_PASSED)

    def report_red_flag(self, flag_id: str) -> None:
        """A red flag was reported, before or during the session: it ends now."""
        if flag_id not in RED_FLAG_IDS and flag_id != NEW_WEAKNESS:
            raise ValueError(f"unknown red flag {flag_id!r}")
        self._fire(Event.RED_FLAG, flag_id)

    def check_in(self, check_in: CheckIn) -> Step | None:
        """Answer the question on screen: the baseline, a set's check-in or a recheck."""
        return self._fire(Event.CHECK_IN, check_in)

    def finish_set(self, pain_worse: bool = False, exercised: float | None = None,
                   planned: float | None = None) -> None:
        """The current set is over, or the patient pressed "my pain is worse"; `exercised` of `planned`
        seconds of movement were done (as timed by the screen)."""
        self._fire(Event.SET_DONE, pain_worse, exercised, planned)

    def finish_rest(self) -> None:
        """The rest before a recheck is over."""
        self._fire(Event.REST_DONE)

    def leave(self, because: str | None = None) -> None:
        """The session stops before its outcome: `because` "staff", "patient_left", "timeout" or "stop"
        (kiosk.clinical.ending.LEFT_BECAUSE)."""
        self._fire(Event.LEAVE, because)

    # What the screens read ----------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.state is State.ENDED

    @property
    def ending(self) -> Ending | None:
        """How the session ended (None while it runs): kiosk.clinical.ending."""
        return ending_for(self.outcome, self.left_because) if self.ended else None

    @property
    def current(self) -> PlannedSet | None:
        """The set being done, or about to be done or rechecked."""
        return None if self.ended else self.plan[self._index]

    @property
    def recheck_after(self) -> int:
        """Seconds of rest before a recheck."""
        return self.program.policy.recheck_after

    def can(self, event: Event) -> bool:
        """Whether `event` is possible now."""
        return (self.state, event) in TRANSITIONS

    # The machine ----------------------------------------------------------------

    def _fire(self, event: Event, *args):
        entry = TRANSITIONS.get((self.state, event))
        if entry is None:
            raise InvalidTransition(f"can't {event.value} from {self.state.value}")
        handler, targets = entry
        result = getattr(self, handler)(*args)
        assert self.state in targets, f"{handler} moved to {self.state.value}"
        return result

    def _end(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.state = State.ENDED

    def _on_screen_passed(self) -> None:
        self.state = State.BASELINE

    def _on_red_flag(self, flag_id: str) -> None:
        self.red_flag = flag_id
        self._end(Outcome.RED_FLAG_STOP)

    def _on_leave(self, because: str | None = None) -> None:
        self.left_because = because
        self._end(Outcome.INCOMPLETE)

    def _on_baseline(self, check_in: CheckIn) -> None:
        self.baseline = self.reference = check_in
        self.state = State.EXERCISE

    def _on_set_done(self, pain_worse: bool, exercised: float | None, planned: float | None) -> None:
        self._pain_worse = pain_worse
        self._set_seconds = (None if exercised is None else int(exercised), None if planned is None else round(planned))
        self.state = State.CHECK_IN

    def _on_set_check_in(self, check_in: CheckIn) -> Step:
        return self._answer("set", self.reference, check_in)

    def _on_rest_done(self) -> None:
        self.state = State.RECHECK

    def _on_recheck(self, check_in: CheckIn) -> Step:
        return self._answer("recheck", self._before_red, check_in)

    def _answer(self, kind: str, reference: CheckIn, check_in: CheckIn) -> Step:
        """Classify a check-in against `reference`, record it, then decide."""
        previous, self.reference = self.reference, check_in
        response = classify(reference, check_in, self.program.policy.mcid)
        timed = self._set_seconds if kind == "set" else (None, None)
        step = Step(kind, self.current, reference, check_in, response, Decision.STOP,
                    kind == "set" and self._pain_worse, *timed)
        # Recorded before deciding: the decision after the last spinal set weighs it.
        self.steps.append(step)
        if is_new_weakness(previous, check_in):
            self.red_flag = NEW_WEAKNESS
            self._end(Outcome.RED_FLAG_STOP)
            decision = Decision.STOP
        elif LIGHT[response] is not Light.RED:
            decision = self._advance()
        elif kind == "recheck":
            self._end(Outcome.STOPPED_WORSENING)
            decision = Decision.STOP
        else:
            self._before_red = reference
            self.state = State.RESTING
            decision = Decision.RECHECK
        self.steps[-1] = step = replace(step, decision=decision)
        return step

    def _advance(self) -> Decision:
        """Move past the current set: to the next one, or to the end."""
        done = self.plan[self._index]
        if done.role is Role.SPINAL and done.is_last_spinal:
            outcome = self._spinal_outcome()
            if outcome is Outcome.KNEE_TESTS_RECOMMENDED and not self._go_on_after_no_effect:
                self._end(outcome)
                return Decision.STOP
        if self._index + 1 >= len(self.plan):
            self._end(self._final_outcome())
            return Decision.STOP
        self._index += 1
        self.state = State.EXERCISE
        following = self.plan[self._index]
        return Decision.CONTINUE if following.exercise is done.exercise and following.block == done.block \
            else Decision.PROGRESS

    @property
    def _go_on_after_no_effect(self) -> bool:
        return self.program.policy.after_no_effect is AfterNoEffect.CONTINUE

    def _spinal_outcome(self) -> Outcome:
        spinal_steps = [step for step in self.steps if step.planned.role is Role.SPINAL]
        return judge_spinal_progression(self.baseline, spinal_steps)

    def _final_outcome(self) -> Outcome:
        return self._spinal_outcome()
