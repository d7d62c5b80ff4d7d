"""The exercise screen: the demonstration beside the words, and one set's timeline counting down.

The timeline itself (rest, get ready, movements, holds) is worked out by
`kiosk.exercise_session.timing`; this screen adds up kiosk seconds (real
seconds x `speed`) on Kivy's clock (`timing.SetTime`) and shows the phase that is on. "Stop: my
pain is worse" is on screen, and works, in every phase, paused or not.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, StringProperty

from kiosk.clinical.plan import PlannedSet
from kiosk.content import media
from kiosk.speech.schedule import due

from ..words import say
from ..coaching import coached_set
from ..demo_sync import pose_at
from ..timing import PhaseKind, SetTime, Timeline, duration_words
from ..widgets.demo_video import DemoVideo  # noqa: F401  (registers the widget the .kv uses)
from ..widgets.steady_text import GlyphText, SteadyButton, SteadyLabel  # noqa: F401  (the same)
from ..widgets.text_at_top import TextAtTop  # noqa: F401  (the same)
from .base import SessionScreen

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

IDLE = "idle"
"""The phase when no set is running: before the first show(), and once a set is done."""


def card_words(exercise) -> str:
    """The demonstration card's words under the name, where nothing moves: the starting position (when
    known) and the dose. The instructions stay beside it."""
    lines = [say.STARTS_IN[exercise.position.value]] if exercise.position is not None else []
    if exercise.kind.value == "hold":
        lines.append(say.DOSE_HOLDS.format(reps=exercise.reps, seconds=duration_words(exercise.hold)))
    else:
        lines.append(say.DOSE_REPS.format(reps=exercise.reps))
    lines.append(say.DOSE_SETS.format(sets=exercise.sets))
    return "\n".join(lines)


class ExerciseScreen(SessionScreen):
    """Runs one set of one exercise and says when it is over, or when the patient's pain got worse."""

    __events__ = ("on_set_done",)
    exercise_name = StringProperty("")
    """The exercise's name."""
    instructions = StringProperty("")
    """How to do the exercise, in plain words."""
    safety = StringProperty("")
    """The exercise's safety cue, as shown ("" when it has none)."""
    set_text = StringProperty("")
    """Which set this is, e.g. "Set 2 of 3"."""
    phase = StringProperty(IDLE)
    """The kind of phase on ("rest", "get_ready", "move", "hold", "relax"), or "idle"."""
    headline = StringProperty("")
    """What the patient is doing now, e.g. "Movement 3 of 10"."""
    detail = StringProperty("")
    """A line under the countdown, e.g. "Hold for 5 seconds"."""
    big_text = StringProperty("")
    """The large figure: the countdown, or the movement's number."""
    elapsed = NumericProperty(0.0)
    """Kiosk seconds since the set (with its rest) began."""
    paused = BooleanProperty(False)
    """True while the patient has paused the set."""

    def __init__(self, assets: Path, media_file=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.assets = Path(assets)
        self.media_file = media_file or (lambda exercise, relative: self.assets / relative)
        """(exercise, path as written) -> the file: a bundled exercise keeps the bundled assets."""
        self._timeline: Timeline | None = None  # the set running; None before show() and once it is done
        self._exercise = None
        self._ticking = None
        self._time = SetTime()
        self.voice = None
        """The kiosk's voice (`kiosk.exercise_session.voice.Voice`), or None for a silent kiosk."""
        self._cues = ()
        self._said_until = -1.0  # set seconds up to which cues have been handed to the voice
        self._phase_shown = -1  # index of the phase whose words are on screen
        self._ahead = None  # (planned set, coaching, its timeline and cues, its video): by show_words()
        self._start_now = self.ids.start_now_slot.children[0]  # held: out of the window only weak ids would
        self._done_set = self.ids.done_set_slot.children[0]
        self.set_seconds: tuple[float, float] | None = None
        """The last set's seconds of movements done and planned (`Timeline.exercising`), once it is over."""

    def on_set_done(self, pain_worse: bool) -> None:
        """The set is over: run to its end or finished by the patient (False), or their pain is worse (True)."""

    def on_phase(self, instance, phase: str) -> None:
        """"Start now" is in the window only in the rest between sets (and idle, so its words are drawn
        ahead with the screen's): elsewhere nothing of it is drawn. Putting it back draws no words again."""
        waiting = phase in (PhaseKind.REST.value, PhaseKind.GET_READY.value)
        for button, slot, wanted in ((self._start_now, self.ids.start_now_slot, phase in (PhaseKind.REST.value, IDLE)),
                                     (self._done_set, self.ids.done_set_slot, not waiting)):
            if wanted != (button.parent is not None):
                (slot.add_widget if wanted else slot.remove_widget)(button)

    # What the controller and the buttons call ---------------------------------------

    def show(self, planned: PlannedSet) -> None:
        """Start `planned` from its beginning; nothing of the previous set is kept."""
        self._stop_ticking()
        exercise = planned.exercise
        if self._ahead is None or self._ahead[:2] != (planned, (self._coaching(), say.language)):  # not ahead
            self.show_words(planned)
        (self._timeline, self._cues), video = self._ahead[2:]
        text = exercise.text(say.language)
        self.elapsed, self.paused, self.awaiting_patient = 0.0, False, False
        self._time = SetTime()
        self._said_until = -1.0
        self._phase_shown = -1
        self._exercise = exercise
        self.ids.demo.play(video, text.name, card_words(exercise), exercise.animation, exercise.hold)
        self._speak()
        self._show_moment()
        if self._timeline is not None:
            self._ticking = Clock.schedule_interval(self._tick, 0)

    def show_words(self, planned: PlannedSet):
        """The set's name, instructions, safety cue and number (also filled ahead, off screen); its text.
        Kept for `show()`: the set's timeline and cues, and its video (choosing it reads the file)."""
        text = planned.exercise.text(say.language)
        self.exercise_name, self.instructions = text.name, text.instructions
        self.safety = say.TAKE_CARE.format(safety=text.safety) if text.safety else ""
        self.set_text = say.SET_OF.format(set=planned.set_number, sets=planned.sets)
        coaching = self._coaching()
        coached = coached_set(planned, *coaching)
        self._ahead = (planned, (coaching, say.language), coached, self._video_of(planned.exercise))
        first = coached[0].at(0.0)  # the set's first moment laid out now: the instructions fitted to their room
        if first.phase is not None:
            self.phase, self.headline, self.detail = first.phase.kind.value, first.phase.label, first.phase.detail
            self.big_text = first.big_text
        # The words of the set's first two phases (the count-in, the first rep or hold) rendered too: filled
        # ahead, the touch that starts the set then renders no text.
        for phase in coached[0].phases[:2]:
            self.ids.headline.prepare(phase.label)
            self.ids.detail.prepare(phase.detail)
        return text

    def _coaching(self) -> tuple:
        """How the set is coached, as the kiosk's voice is set now: `coached_set`'s arguments after the set."""
        speaking = self.voice is not None and self.voice.on
        return (True, self.voice.lang, self.voice.rate) if speaking else (False,)

    def _video_of(self, exercise):
        """The exercise's video, unless it was baked from the exercise's own animation: then the live
        figure shows the same picture, sharper and in step with the dose."""
        if not exercise.video:
            return None
        video = self.media_file(exercise, exercise.video)
        if exercise.animation is not None and media.rendered_for(video) == exercise.id:
            return None
        return video

    def toggle_pause(self) -> None:
        """The Pause / Carry on button."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    def pause(self) -> None:
        """Freeze the timeline and the video until the patient carries on."""
        if self._timeline is None or self.paused:
            return
        self._stop_ticking()
        self.paused, self.awaiting_patient = True, True
        self.ids.demo.playing = False

    def resume(self) -> None:
        """Carry on after a pause, from where the set stood."""
        if self._timeline is None or not self.paused:
            return
        self.paused, self.awaiting_patient = False, False
        self.ids.demo.playing = True
        self._ticking = Clock.schedule_interval(self._tick, 0)

    def start_now(self) -> None:
        """Skip what is left of the rest between sets (and carry on if paused)."""
        if self.phase != PhaseKind.REST.value:
            return
        self.elapsed = self._timeline.end_of_phase(self.elapsed)
        self._time = SetTime(self.elapsed)
        self._said_until = self.elapsed - 1e-6  # the rest's cues are skipped with it; the call comes now
        self._speak()
        self._show_moment()
        self.resume()

    def finish_set(self) -> None:
        """The patient says they have finished this set (offered only once its movements have begun)."""
        if self.phase in (PhaseKind.REST.value, PhaseKind.GET_READY.value):
            return
        self._hush()
        self._finish(pain_worse=False)

    def report_pain_worse(self) -> None:
        """The patient's pain is worse: stop the set at once."""
        self._hush()
        self._finish(pain_worse=True)

    def _hush(self) -> None:
        """The patient ended the set at the screen: what was being said is cut, so the next question
        comes at once (at the set's natural end, "well done" is said first)."""
        if self.voice is not None:
            self.voice.silence()

    def on_leave(self, *args) -> None:
        """Leaving the screen ends the set quietly: no timer left running, the video unloaded."""
        self._end()

    def on_manager(self, instance, manager) -> None:
        """Taken out of its ScreenManager (a session reset rebuilds the screens): end as on leaving."""
        if manager is None:
            self._end()

    # The timeline ---------------------------------------------------------------------

    def _tick(self, dt: float) -> None:
        self.elapsed = self._time.advance(dt * self.speed)
        self._speak()
        self._show_moment()

    def _speak(self) -> None:
        """Hand the voice every cue whose moment came since the last frame (none while paused:
        the timer, and so the set's time, stands still)."""
        if self.voice is not None:
            for cue in due(self._cues, self._said_until, self.elapsed):
                self.voice.play(cue, self.elapsed - cue.at)
        self._said_until = self.elapsed

    def _show_moment(self) -> None:
        moment = self._timeline.at(self.elapsed)
        if moment.finished:
            self._finish(pain_worse=False)
            return
        phase = moment.phase
        self.phase, self.headline, self.detail = phase.kind.value, phase.label, phase.detail
        self.big_text = moment.big_text
        if moment.index != self._phase_shown:
            self._phase_shown = moment.index
            Clock.schedule_once(self._prepare_next_phase)  # on the next frame, not on the one that changed
        if self.ids.demo.showing_animation:
            exercise = self._exercise
            self.ids.demo.follow(pose_at(exercise.animation, self._timeline, self.elapsed, exercise.kind))

    def _prepare_next_phase(self, dt: float) -> None:
        """Render the next phase's words now, so the moment it begins only swaps them in."""
        timeline = self._timeline
        if timeline is not None and self._phase_shown + 1 < len(timeline.phases):
            coming = timeline.phases[self._phase_shown + 1]
            self.ids.headline.prepare(coming.label)
            self.ids.detail.prepare(coming.detail)

    def _finish(self, pain_worse: bool) -> None:
        if self._timeline is None:
            return  # no set running: nothing to report, and never twice for one set
        self.set_seconds = self._timeline.exercising(self.elapsed)
        self._end()
        self.dispatch("on_set_done", pain_worse)

    def _end(self) -> None:
        """No set running any more: the timer stopped, the video unloaded (in the next frame: unloading waits
        for the decoder's thread, up to 17 ms, and "my pain is worse" shows the check-in first)."""
        self._timeline = None
        self._stop_ticking()
        self.ids.demo.playing = False
        Clock.schedule_once(self._unload_unless_playing)
        self.phase, self.paused, self.awaiting_patient = IDLE, False, True

    def _unload_unless_playing(self, dt: float) -> None:
        if self._timeline is None:  # a set started since then stopped the old video itself
            self.ids.demo.stop()

    def _stop_ticking(self) -> None:
        if self._ticking is not None:
            self._ticking.cancel()
            self._ticking = None
