"""Building what the patient will see next while they are busy with the screen on show.

A touch should only switch screens: building a screen (its kv rules, its
labels' textures, see kiosk.exercise_session.drawn_ahead, the body map's
picture) takes longer than a frame, so it is done ahead, on the main thread,
one small job per frame. The controller says what to prepare and when: every
session screen while the start screen waits, the check-in's words while a set
runs, the next set's words while a check-in is answered. Whatever a job
prepares, the screen's own `show()` would have done the same at the touch: a
job that did not run yet, or a guess that was wrong, costs time, never
correctness.

A reset drops the jobs not run yet (`restart`): they belong to screens that are
being thrown away with the patient.
"""

from __future__ import annotations

import importlib
import logging
from collections import deque
from typing import Callable

from kivy.clock import Clock

from kiosk.clinical.session import State

from .drawn_ahead import WordsDrawn
from .screens import screen_class

log = logging.getLogger("kiosk.exercise_session")

Job = Callable[[], bool]
"""One slice of preparation: returns True while it has more to do (it is then run again next frame)."""


class Screens(dict):
    """Screen name -> screen, built on first use by `build(name)` (by a job, or at the touch that needs it)."""

    def __init__(self, build) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, name: str):
        screen = self[name] = self._build(name)
        return screen


class Preparer:
    """Runs queued jobs one per frame, on Kivy's clock, until none is left."""

    def __init__(self) -> None:
        self._jobs: deque[Job] = deque()
        self._event = None
        self._not_before = 0
        self.slices_run = 0
        """How many slices ran since the kiosk started (the benchmark and the tests read it)."""

    @property
    def busy(self) -> bool:
        """Is anything still waiting to be prepared?"""
        return bool(self._jobs)

    def restart(self, jobs: list[Job]) -> None:
        """Forget what was queued; prepare `jobs` instead."""
        self._jobs.clear()
        self.add(jobs)

    def add(self, jobs: list[Job]) -> None:
        """Prepare `jobs` after what is already queued, from the frame after the next one drawn."""
        self._jobs.extend(jobs)
        # Jobs are added as a screen changes: the frame that draws the new screen is the touch's, keep it light.
        self._not_before = Clock.frames_displayed + 1
        if self._jobs and self._event is None:
            self._event = Clock.schedule_once(self._run, 0)

    def cancel(self) -> None:
        """Stop: nothing more is prepared (the kiosk is closing)."""
        self._jobs.clear()
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def _run(self, _dt: float) -> None:
        """One slice, then the next one in the next frame (so each frame draws and takes touches)."""
        self._event = None
        if not self._jobs:
            return
        if Clock.frames_displayed < self._not_before:
            self._event = Clock.schedule_once(self._run, 0)
            return
        job = self._jobs[0]
        try:
            more = job()
        except Exception:  # a failed preparation must not take the kiosk down: show() will do it at the touch
            log.exception("preparing a screen failed; it will be built when it is shown")
            more = False
        self.slices_run += 1
        if not more and self._jobs and self._jobs[0] is job:
            self._jobs.popleft()
        if self._jobs:
            self._event = Clock.schedule_once(self._run, 0)


# What to prepare, and when ------------------------------------------------------------------

CHECK_IN_STATES = (State.BASELINE, State.CHECK_IN, State.RECHECK)
FIRST_CUES = 2
"""Spoken cues of the next set loaded ahead (its instructions and the count-in's first words)."""
SESSION_SCREENS = ("safety", "check_in", "exercise", "recheck_rest", "end", "staff_alert")
"""The screens a session may show, in the order a patient meets them (the staff's summary is built when
opened)."""


SESSION_MODULES = ("kiosk.exercise_session.coaching", "kiosk.clinical.report")
"""What a session reads that the start screen does not (what is said when; the session's record and
notes): imported after the start screen's first frame, a slice each, so neither that frame nor a touch
waits for them."""


def screens_ahead(controller) -> list[Job]:
    """While the start screen waits: the session's modules imported, every session screen built, laid out
    at its size on show, its words drawn."""
    jobs: list[Job] = [LaidOut(controller.manager)]
    jobs += [lambda name=name: _module_imported(name) for name in SESSION_MODULES]
    for name in SESSION_SCREENS:
        jobs.append(lambda name=name: _imported(name))  # an import, kv file and all, is a slice of its own
        jobs.append(lambda name=name: _build(controller, name))
        if name == "check_in":
            jobs.append(lambda: controller.screens["check_in"].build_next_page())  # a page per frame
        jobs.append(WordsDrawn(lambda name=name: controller.screens[name]))
        if name == "safety":  # laid out by now: the first question rendered at the width it shows at
            jobs.append(lambda: _questions_ahead().question_shown_ahead(controller, 0))
    jobs.append(lambda: _questions_ahead().question_heard_ahead(controller, 0)())  # last: may wait for the speech
    return jobs


def _questions_ahead():
    """The safety questions' jobs: their module (with the spoken coaching it reads) is imported by the
    first job that needs it, after the start screen's first frame, not while the start screen is built."""
    from . import questions_ahead

    return questions_ahead


class LaidOut:
    """A job that waits (a frame at a time, at most MAX_FRAMES) for the screen manager to have its size on
    screen: a screen sized before that would be laid out again in the frame of the touch."""

    MAX_FRAMES = 60

    def __init__(self, manager) -> None:
        self.manager, self.frames = manager, 0

    def __call__(self) -> bool:
        self.frames += 1
        waiting = self.manager.get_root_window() is None or list(self.manager.size) == [100, 100]  # Kivy's default
        return waiting and self.frames < self.MAX_FRAMES


def _module_imported(name: str) -> bool:
    importlib.import_module(name)
    return False


def _imported(name: str) -> bool:
    screen_class(name)
    return False


def _build(controller, name: str) -> bool:
    screen = controller.screens[name]  # built on first use
    screen.size = controller.manager.size  # laid out (and its words rendered) at the size it will show at
    return False


def words_ahead(controller, shown: str) -> list[Job]:
    """`shown` just came on screen: the words of the screen most likely next, filled in off screen."""
    session = controller.session
    if session is None or session.ended:
        return []
    # The check-in as filled in, its words drawn off screen (the body map draws its own picture).
    check_in_words = WordsDrawn(lambda: controller.screens["check_in"])
    if shown == "safety":  # whatever the answer, the next question (a yes leaves it unused)
        questions = _questions_ahead()
        jobs: list[Job] = [lambda: questions.question_shown_ahead(controller, controller.question_asked + 1)]
        if session.state is State.SCREENING and controller.question_asked == 0:  # the baseline check-in
            jobs += [lambda: _fill_check_in(controller, session, "baseline"), check_in_words]
        return jobs + [questions.question_heard_ahead(controller, controller.question_asked + 1)]
    if shown == "exercise":  # the set ends in the check-in, from the same reference, whatever the patient does
        return [lambda: _fill_check_in(controller, session, "after_set"), check_in_words]
    if shown == "recheck_rest":
        return [lambda: _fill_check_in(controller, session, "recheck"), check_in_words]
    if shown == "check_in":
        planned = next_set(session)
        if planned is not None:
            return [lambda: _fill_exercise(controller, session, planned),
                    WordsDrawn(lambda: controller.screens["exercise"]),
                    lambda: _demonstration_ahead(planned)] + [
                lambda cue=cue: _sound_ahead(controller, session, planned, cue) for cue in range(FIRST_CUES)]
    return []


def next_set(session):
    """The set that comes after this check-in if the session goes on (a guess: it may stop or rest)."""
    if session.state is State.BASELINE:
        return session.current
    plan, current = session.plan, session.current
    following = plan.index(current) + 1 if current in plan else len(plan)
    return plan[following] if following < len(plan) else None


def _fill_check_in(controller, session, mode: str) -> bool:
    # Only for the patient it was meant for (never into the screens of the next one), and only before
    # their check-in was asked: once asked, its own show() filled it, and the patient may be changing it.
    if controller.session is session and session.state in (State.SCREENING, State.EXERCISE, State.RESTING):
        controller.screens["check_in"].fill(mode, session.reference)
    return False


def _demonstration_ahead(planned) -> bool:
    """The drawn demonstration's room (every pose of its cycle), worked out before the set shows it."""
    from .widgets.figure import room_of  # imported by the exercise screen, which is built by now

    exercise = planned.exercise
    if exercise.animation is not None:
        room_of(exercise.animation, exercise.hold)
    return False


def _sound_ahead(controller, session, planned, number: int) -> bool:
    """The set's spoken cue `number`, loaded. The decoder opens a file in one piece: a slice of one
    sound, on a screen that stands still while the patient answers, instead of at the touch."""
    from .coaching import coached_set  # the same

    voice = controller.voice
    if controller.session is session and voice is not None and voice.on:
        _timeline, cues = coached_set(planned, True, voice.lang, voice.rate)
        voice.load_ahead(cues[number:number + 1])
    return False


def _fill_exercise(controller, session, planned) -> bool:
    if controller.session is session and session.state in CHECK_IN_STATES:  # before the set shows itself
        controller.screens["exercise"].show_words(planned)
    return False
