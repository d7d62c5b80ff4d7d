"""Spoken coaching: how long a program's phrases take to make, and how late cues start.

    python -m bench.speech prepare              # in this process, no window
    python -m bench.speech cues VIDEO SECONDS   # child: the real exercise screen, headless

prepare: every phrase of `knee_from_spine` made with eSpeak NG into an empty
cache by the kiosk's background preparation (one worker thread), timed from the
first request to the last file, as when a patient chooses the program.

cues: the exercise screen runs a press-up set (reps with a 2-second hold: a cue
every one to three seconds) with VIDEO playing as its demonstration, on Kivy's
real clock at max_fps 60, at 4 kiosk seconds per real second so that SECONDS of
wall-clock time hold a whole set. For each cue played it records how late it
started against its schedule: the time since its moment when the frame handed it
over (at most about one frame), plus the time the voice took to start the sound.
Reported in frames of 1/60 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench.common import SIZE, percentile, report, require_headless_env, rounded

SPEED = 4.0
FRAME = 1 / 60


def prepare_figures() -> dict:
    """Seconds to make every phrase of knee_from_spine from a cold cache."""
    from kiosk.content import loader
    from kiosk.exercise_session.coaching import program_phrases
    from kiosk.speech.preparation import Preparation
    from kiosk.speech.synthesis import Synthesizer

    phrases = program_phrases(loader.load().programs["knee_from_spine"])
    with tempfile.TemporaryDirectory(prefix="kiosk-speech-bench-") as cache:
        preparation = Preparation(Synthesizer(Path(cache)))
        started = time.perf_counter()
        preparation.prepare(phrases)
        preparation.wait()
        seconds = time.perf_counter() - started
        made = len(list(Path(cache).glob("*.wav")))
        preparation.close()
    return {"phrases": len(phrases), "files": made, "prepare_s": round(seconds, 3), "fault": preparation.fault}


def cue_figures(video: Path, seconds: float) -> dict:
    require_headless_env()
    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=SIZE, max_fps=60))
    from kivy.app import App
    from kivy.clock import Clock
    from kivy.uix.screenmanager import NoTransition, ScreenManager

    from kiosk.app import shell  # noqa: F401  (the shell's kv rules: KioskButton)
    from kiosk.exercise_session.coaching import coached_set
    from kiosk.exercise_session.screens.exercise import ExerciseScreen
    from kiosk.speech.schedule import every_phrase

    late_frames: list[float] = []
    start_ms: list[float] = []
    planned = _press_up(video)
    voice = _timed_voice(video.parent, late_frames, start_ms)
    voice.prepare(every_phrase(coached_set(planned, True)[1]))
    voice.preparation.wait()
    figures: dict = {"cues_planned": len(coached_set(planned, True)[1])}

    class Host(App):
        def build(self):
            self.screen = ExerciseScreen(name="exercise", assets=video.parent)
            self.screen.speed, self.screen.voice = SPEED, voice
            manager = ScreenManager(transition=NoTransition())
            manager.add_widget(self.screen)
            Clock.schedule_once(lambda dt: self.screen.show(planned), 0.5)
            Clock.schedule_once(lambda dt: self.stop(), seconds)
            self.screen.bind(on_set_done=lambda *_: self.stop())
            return manager

    app = Host()
    app.run()
    voice.close()
    figures.update(cues_played=len(late_frames), late_frames_p95=rounded(percentile(late_frames, 0.95)),
                   late_frames_max=rounded(max(late_frames, default=float("nan"))),
                   start_ms_median=rounded(percentile(start_ms, 0.5)), start_ms_p95=rounded(percentile(start_ms, 0.95)),
                   audio_fault=sorted(voice.faults))
    return figures


def _press_up(video: Path):
    from kiosk.clinical.plan import PlannedSet
    from kiosk.clinical.program import Exercise, ExerciseKind, Position, Role

    exercise = Exercise("bench_press_up", "Press-up", "Lie on your front with your hands under your shoulders. "
                        "Push your top half up by straightening your arms.", ExerciseKind.REPS, reps=10, hold=2,
                        sets=2, position=Position.LYING_FRONT, get_ready=8, video=video.name)
    return PlannedSet(0, Role.SPINAL, exercise, 1)


def _timed_voice(assets: Path, late_frames: list[float], start_ms: list[float]):
    """The kiosk's voice, noting for every cue how late it started (frames) and how long starting took (ms)."""
    from kiosk.exercise_session.voice import Voice

    class TimedVoice(Voice):
        def play(self, cue, late: float = 0.0) -> None:
            began = time.perf_counter()
            super().play(cue, late)
            took = time.perf_counter() - began
            start_ms.append(took * 1000)
            late_frames.append((late / self.speed + took) / FRAME)

    return TimedVoice(assets, Path(tempfile.mkdtemp(prefix="kiosk-speech-cues-")), speed=SPEED)


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        report(prepare_figures())
    else:
        report(cue_figures(Path(sys.argv[2]).resolve(), float(sys.argv[3])))
