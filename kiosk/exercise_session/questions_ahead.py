"""The safety questions, ahead: the next one's words rendered and its spoken form loaded while the patient
reads the one on show (jobs for `kiosk.exercise_session.preparing`, one slice each)."""

from __future__ import annotations

from typing import Callable

from kivy.clock import Clock

from kiosk.clinical.red_flags import RED_FLAGS
from kiosk.speech.schedule import Cue

from .coaching import safety_question


def question_shown_ahead(controller, index: int) -> bool:
    """The words of safety question `index` (0-based) rendered, if there is one."""
    if index < len(RED_FLAGS):
        controller.screens["safety"].prepare(RED_FLAGS[index], index + 1, len(RED_FLAGS))
    return False


def question_heard_ahead(controller, index: int) -> Callable[[], bool]:
    """A job: the spoken safety question `index` (0-based) loaded, so the touch that shows it does not
    wait for the decoder to open its file (about 15 ms). While its speech is still being made (a cold
    cache), it is loaded on the frame after it is made, and the other jobs go on meanwhile."""

    def load() -> bool:
        voice = controller.voice
        if index >= len(RED_FLAGS) or voice is None or not voice.on or voice.faults:
            return False
        phrase = safety_question(RED_FLAGS[index], voice.lang)
        if voice.preparation.ready(phrase) is None:
            if not voice.preparation.fault:  # the worker's thread says when: load it on the Kivy thread
                voice.preparation.when_made(phrase, lambda: Clock.schedule_once(lambda _dt: load(), 0))
            return False
        voice.load_ahead([Cue(0.0, phrase)])
        return False
    return load
