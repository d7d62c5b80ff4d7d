"""Child process: memory over many whole patient sessions in one kiosk process (leaks).

    python -m bench.leak WARM TOTAL [--light] [--videos FOLDER]

The real kiosk (1280x800), on a virtual 60 Hz clock and a high speed, plays
patient scripts from examples/patients/ one after another by touch, with the
kiosk's own autopilot, ending each session as a patient or staff would (Finish
on the end screen; staff restart after a red-flag alert). At the start and
after every session from WARM on, it collects garbage, hands the memory the C
allocator keeps free back to the system (malloc_trim: without it RSS counts freed
memory that glibc holds on to, and swings from run to run), and reads RSS, open
file descriptors, live widgets (by class) and textures. The parent fits the
growth per 100 sessions through the samples after WARM, each compared with the
samples after the same script (bench.measure): the leak figure, steadier than
the difference of two readings. WARM and TOTAL are best whole rotations of the
scripts (multiples of len(SCRIPTS)).

With --light (the quick run), the sessions after WARM all play the lightest
script (LIGHT: a red flag at the first question, then staff restart), so that many
sessions fit in a minute: each still goes through the kiosk's whole life cycle
of a session (start, answers recorded, the end, the reset that rebuilds the
screens), while the warm-up's whole rotation has used every screen once.

With --videos, the exercise folder is a copy of the bundled one whose videos are
replaced by FOLDER/clip.mp4 (not baked from an animation, so the kiosk plays it):
every set then opens and closes a real video decoder.
"""

from __future__ import annotations

import ctypes
import gc
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

from bench.common import ROOT, SIZE, open_fds, report, require_headless_env, status_mb

SPEED = 2000
"""Kiosk seconds per real second: with one 60 Hz frame per step, a 3-minute hold is 6 frames."""
IDLE_ASK_AFTER = 90 * SPEED / 60
"""'Are you still there?' only after 90 frames: the scripts always answer, the autopilot needs a few frames."""
LIGHT = "red_flag_stop-before.yaml"
SCRIPTS = [
    ("spinal_source_likely.yaml", "knee_from_spine"),
    ("knee_tests_recommended.yaml", "knee_from_spine"),
    ("red_flag_stop-before.yaml", "knee_from_spine"),
    ("stopped_worsening.yaml", "knee_from_spine"),
    ("knee_tests_recommended-flexion.yaml", "flexion_progression"),
    ("red_flag_stop-during.yaml", "knee_from_spine"),
]
MAX_FRAMES_PER_SESSION = 20000


def trim_malloc() -> None:
    """Give the C allocator's free memory back to the system, so that RSS is what is really in use."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: RSS then includes the allocator's free lists
        pass


def census() -> tuple[dict, Counter]:
    """What the process holds now, after a full garbage collection; and its live widgets by class.

    Classes, not isinstance(): a weak proxy to a widget passes isinstance(proxy, Widget), and
    counting proxies made every widget with a kv id count twice."""
    from kivy.graphics.texture import Texture
    from kivy.uix.widget import Widget

    from kiosk.exercise_session.autopilot import Autopilot

    gc.collect()
    trim_malloc()
    objects = gc.get_objects()
    widgets = Counter(type(o).__name__ for o in objects if Widget in type(o).__mro__)
    return {
        "rss_mb": round(status_mb("VmRSS"), 2),
        "fds": open_fds(),
        "widgets": sum(widgets.values()),
        "textures": sum(1 for o in objects if Texture in type(o).__mro__),
        "autopilots": sum(1 for o in objects if type(o) is Autopilot),
        "gc_objects": len(objects),
    }, widgets


def exercises_with_videos(clip: Path, into: Path) -> Path:
    """A copy of the bundled exercise folder whose every video is `clip`; returns its exercises folder."""
    from kiosk.content import loader

    bundled = loader.bundled_exercises_dir()
    exercises = into / "exercises"
    shutil.copytree(bundled, exercises, dirs_exist_ok=True)
    videos = into / "assets" / "videos"
    videos.mkdir(parents=True, exist_ok=True)
    for video in (loader.default_assets_dir(bundled) / "videos").glob("*.mp4"):
        shutil.copyfile(clip, videos / video.name)
    return exercises


class Sessions:
    """Plays one script after another through the kiosk's screens."""

    def __init__(self, stepper, app) -> None:
        from kiosk.content.script import load_script

        self.stepper, self.app = stepper, app
        self.controller = next(p for p in app.plugins if p.id == "exercise_session").controller
        self.scripts = []
        for name, program in SCRIPTS:
            script, problems = load_script(ROOT / "examples" / "patients" / name)
            if script is None:
                raise RuntimeError(f"{name}: {problems}")
            self.scripts.append((name, script))
        self.played = 0
        self.outcomes: dict[str, int] = {}

    def play_one(self, light: bool = False) -> None:
        from kiosk.app import touch
        from kiosk.exercise_session.autopilot import Autopilot

        name, script = next(each for each in self.scripts if each[0] == LIGHT) if light else \
            self.scripts[self.played % len(self.scripts)]
        results: list[dict] = []
        autopilot = Autopilot(self.controller, script, on_done=results.append)
        autopilot.start()
        self.stepper.run_until(lambda: results, f"{name} to be played", MAX_FRAMES_PER_SESSION)
        autopilot.stop()
        # The autopilot binds itself to the controller and never lets go: unbind, so that what is
        # measured is the kiosk, not 200 autopilots kept alive by the benchmark.
        self.controller.unbind(on_session_ended=autopilot._ended)
        outcome = results[0].get("outcome", results[0].get("error", "?"))
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        if self.controller.current_screen_name == "end":
            touch.tap(self.controller.screens["end"].ids.finish)  # the patient touches Finish
        else:
            self.app.restart()  # a red-flag alert: staff end the session from the staff screen
        self.stepper.run_until(lambda: self.controller.current_screen_name == "attract"
                               and self.controller.session is None, "the attract screen", 600)
        self.stepper.step(2)
        self.played += 1


def main(warm: int, total: int, clip: Path | None, light: bool = False) -> None:
    require_headless_env()
    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=SIZE, max_fps=0))
    from bench.stepping import Stepper
    from kiosk.app.shell import KioskApp, ShellOptions

    exercises = exercises_with_videos(clip, clip.parent / "leak-exercises") if clip else None
    stepper = Stepper(virtual_time=True)
    app = KioskApp(ShellOptions(exercises=exercises, speed=SPEED, idle_ask_after=IDLE_ASK_AFTER,
                                plugins=["exercise_session"],
                                extra={"programs": sorted({program for _, program in SCRIPTS})}))
    stepper.start(app)
    sessions = Sessions(stepper, app)
    samples = [{"sessions": 0, **census()[0]}]
    classes_at_warm = Counter()
    started = time.perf_counter()
    while sessions.played < total:
        sessions.play_one(light=light and sessions.played >= warm)
        if sessions.played >= warm:
            figures, classes = census()
            samples.append({"sessions": sessions.played, **figures})
            classes_at_warm = classes if sessions.played == warm else classes_at_warm
    seconds = time.perf_counter() - started
    stepper.stop()
    grown = {name: count for name, count in (classes - classes_at_warm).most_common(10)}
    report({"warm": warm, "total": total, "scripts": 1 if light else len(SCRIPTS), "light": light,
            "videos": clip is not None, "samples": samples,
            "widgets_grown_by_class": grown, "outcomes": sessions.outcomes, "seconds": round(seconds, 2),
            "frames": stepper.frames, "peak_rss_mb": status_mb("VmHWM")})


if __name__ == "__main__":
    arguments = sys.argv[1:]
    video = None
    if "--videos" in arguments:
        at = arguments.index("--videos")
        video = Path(arguments[at + 1]).resolve() / "clip.mp4"
        del arguments[at:at + 2]
    light = "--light" in arguments
    arguments = [argument for argument in arguments if argument != "--light"]
    main(int(arguments[0]), int(arguments[1]), video, light)
