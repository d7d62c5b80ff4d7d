"""Child process: frame intervals while a 720p video plays at 1280x800, in the kiosk or in bare Kivy.

    python -m bench.frames kiosk|kiosk-still|bare VIDEO SECONDS [--profile FILE]

kiosk: the real exercise screen (`ExerciseScreen.show`) running a hold set whose
demonstration is VIDEO: countdown, headline and buttons around the video, as a
patient sees it. kiosk-still: the same screen with its timeline stopped once
shown (the countdown and headline never change; the video plays on), to
tell what the per-second label updates cost from what the screen's layout
costs. bare: one `kivy.uix.video.Video` playing the same file, looping.
Both at max_fps 60. Once the first video frame is in and the player has settled,
for SECONDS of wall-clock time it records:

- loop intervals: between consecutive frames of Kivy's loop (a callback scheduled
  every frame); a frame that takes long to update or draw makes its interval long.
  This is the figure the ratio uses: it does not depend on how often content asks
  to be redrawn;
- flip intervals: between drawn frames (Window on_flip);
- video frames shown per second (the core player's on_frame);
- where the main thread's time went while recording: label textures rendered
  (`CoreLabel._render_real`, count and ms) and video frames uploaded (the
  ffpyplayer provider's `_redraw`, count and ms), timed by wrapping both.
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

from bench.common import SIZE, report, require_headless_env, status_mb

SETTLE_SECONDS = 1.0
"""After the first video frame: let the decoder's queue fill and first-time textures be made."""
GIVE_UP_SECONDS = 30


def exercise_root(video: Path, still: bool = False):
    """The kiosk's exercise screen in a ScreenManager, running a long hold set of VIDEO."""
    from kiosk.app import shell  # noqa: F401  (the shell's kv rules: KioskButton)
    from kiosk.app.common import KioskScreenManager
    from kiosk.clinical.plan import PlannedSet
    from kiosk.clinical.program import Exercise, ExerciseKind, Role
    from kiosk.exercise_session.screens.exercise import ExerciseScreen

    exercise = Exercise(
        "bench_hold", "Lying face down on your elbows",
        "Lie on your front on the mat.\nPut your elbows under your shoulders and rest on your forearms.\n"
        "Let your lower back relax.\nStay like this until the timer ends.",
        ExerciseKind.HOLD, reps=10, hold=30, sets=3, safety="Stop and tell staff if the pain spreads.",
        video=video.name)
    screen = ExerciseScreen(name="exercise", assets=video.parent)
    manager = KioskScreenManager()  # as the kiosk's own managers: no clipping stencil
    manager.add_widget(screen)
    screen.show(PlannedSet(0, Role.SPINAL, exercise, 1))
    if still:
        screen._stop_ticking()  # a diagnosis only: the kiosk itself never freezes a running set
    return manager, screen.ids.demo.ids.video


def bare_root(video: Path):
    from kivy.uix.video import Video

    player = Video(source=str(video), state="play", options={"eos": "loop"}, volume=0)
    return player, player


class Timed:
    """Wraps a method of a class to count its calls and add up their wall-clock time while `on`."""

    def __init__(self, owner, name: str) -> None:
        self.calls, self.seconds, self.slowest, self.on = 0, 0.0, 0.0, False
        original = getattr(owner, name)

        @functools.wraps(original)  # Kivy's WeakMethod finds a bound method again by its __name__
        def timed(instance, *args, **kwargs):
            if not self.on:
                return original(instance, *args, **kwargs)
            started = time.perf_counter()
            try:
                return original(instance, *args, **kwargs)
            finally:
                took = time.perf_counter() - started
                self.calls += 1
                self.seconds += took
                self.slowest = max(self.slowest, took)

        setattr(owner, name, timed)

    def figures(self) -> dict:
        return {"calls": self.calls, "ms": round(self.seconds * 1000, 1), "slowest_ms": round(self.slowest * 1000, 1)}


def main(kind: str, video: Path, seconds: float, profile: Path | None) -> None:
    require_headless_env()
    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=SIZE, max_fps=60))
    from kivy.app import App
    from kivy.clock import Clock
    from kivy.core.text import LabelBase
    from kivy.core.video import Video as CoreVideo
    from kivy.core.window import Window

    label_renders = Timed(LabelBase, "_render_real")
    video_uploads = Timed(CoreVideo, "_redraw")
    figures: dict = {"kind": kind}
    loop_times: list[float] = []
    flip_times: list[float] = []
    video_frames: list[float] = []
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()

    class Host(App):
        def build(self):
            if kind == "bare":
                root, self.player = bare_root(video)
            else:
                root, self.player = exercise_root(video, still=kind == "kiosk-still")
            return root

    app = Host()

    def wait_for_video(dt):
        if not app.player.loaded:
            return True
        app.player._video.bind(on_frame=lambda *_: video_frames.append(time.perf_counter()))
        Clock.schedule_once(start_recording, SETTLE_SECONDS)
        return False

    def start_recording(dt):
        figures["rss_playing_mb"] = status_mb("VmRSS")
        Clock.schedule_interval(lambda dt: loop_times.append(time.perf_counter()), 0)
        Window.bind(on_flip=lambda *_: flip_times.append(time.perf_counter()))
        Clock.schedule_once(stop_recording, seconds)
        video_frames.clear()
        label_renders.on = video_uploads.on = True
        if profiler is not None:
            profiler.enable()

    def stop_recording(dt):
        label_renders.on = video_uploads.on = False
        if profiler is not None:
            profiler.disable()
        app.stop()

    def give_up(dt):
        if not loop_times:
            figures["error"] = f"the video did not load within {GIVE_UP_SECONDS} s"
            app.stop()

    Clock.schedule_interval(wait_for_video, 0)
    Clock.schedule_once(give_up, GIVE_UP_SECONDS)
    app.run()
    figures["loop_intervals_ms"] = _intervals_ms(loop_times)
    figures["flip_intervals_ms"] = _intervals_ms(flip_times)
    elapsed = loop_times[-1] - loop_times[0] if len(loop_times) > 1 else 0
    figures["video_fps"] = len(video_frames) / elapsed if elapsed else 0
    figures["peak_rss_mb"] = status_mb("VmHWM")
    figures["recorded_s"] = round(elapsed, 3)
    figures["label_renders"] = label_renders.figures()
    figures["video_uploads"] = video_uploads.figures()
    if profiler is not None:
        _save_profile(profiler, profile)
    report(figures)


def _intervals_ms(times: list[float]) -> list[float]:
    return [round((later - earlier) * 1000, 3) for earlier, later in zip(times, times[1:])]


def _save_profile(profiler, path: Path) -> None:
    """The profile as text, by own time and by cumulative time, for the README's explanations."""
    import io
    import pstats

    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    path.write_text(text.getvalue())


if __name__ == "__main__":
    arguments = sys.argv[1:]
    profile_to = None
    if "--profile" in arguments:
        at = arguments.index("--profile")
        profile_to = Path(arguments[at + 1])
        del arguments[at:at + 2]
    main(arguments[0], Path(arguments[1]).resolve(), float(arguments[2]), profile_to)
