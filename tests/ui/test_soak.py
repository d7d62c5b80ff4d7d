"""A clinic day in one process: session after session, nothing grows.

Example patients (every outcome) come one after another through the real kiosk,
played by touch at high speed, as on a busy day: finished sessions are closed
with Finish, red-flag alerts are cleared by staff, walk-aways time out. After a
warm-up, the process's memory, open files, widgets and textures must stay flat.
"""

import gc
import os
from pathlib import Path

from kivy.graphics.texture import Texture
from kivy.uix.widget import Widget

from pilot import virtual_time
from test_journeys import plugin_of, play

from kiosk.app.shell import KioskApp, ShellOptions

ROOT = Path(__file__).resolve().parents[2]
DAY = ["spinal_source_likely", "knee_tests_recommended", "red_flag_stop-before", "no_distal_symptoms",
       "stopped_worsening", "incomplete", "spinal_source_likely-after_recheck", "red_flag_stop-new_weakness",
       "no_distal_symptoms-core_only", "knee_tests_recommended-flexion"]
WARM_UP = 10
SESSIONS = 16
SPEED = 1000
CLINIC_DAY_SECONDS = 8 * 3600
SCREENS = ("attract", "safety", "staff_alert", "check_in", "exercise", "recheck_rest", "end", "summary")


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


def count(objects, kind) -> int:
    found = 0
    for thing in objects:
        try:
            found += isinstance(thing, kind)
        except ReferenceError:  # a weak proxy whose object is gone
            pass
    return found


def census(controller) -> dict:
    for name in SCREENS:  # screens are built on first use: count with all of them built
        controller.screens[name]
    gc.collect()
    objects = gc.get_objects()
    return {"rss_mb": rss_mb(), "open_files": len(os.listdir("/proc/self/fd")),
            "widgets": count(objects, Widget), "textures": count(objects, Texture)}


def test_a_whole_day_of_sessions_leaves_nothing_behind(pilot, tmp_path):
    app = pilot.start(KioskApp(ShellOptions(speed=SPEED, plugins=["exercise_session"], data=tmp_path)))
    controller = plugin_of(app).controller
    clock_start = virtual_time.now
    outcomes = []
    samples = []
    for number in range(SESSIONS):
        name = DAY[number % len(DAY)]
        result = play(pilot, app, ROOT / "examples" / "patients" / f"{name}.yaml")
        outcomes.append(result["outcome"])
        screen = controller.current_screen_name
        if screen == "end":
            pilot.tap(controller.screens["end"].ids.finish)
        elif screen == "staff_alert":
            app.restart()
        pilot.wait_until(lambda: controller.current_screen_name == "attract", "back to the start", 4000)
        if number + 1 >= WARM_UP - 2:
            pilot.frames(3)  # let callbacks still queued on the clock run, so what is gone can be freed
            samples.append(census(controller))
    pilot_time = (virtual_time.now - clock_start) * SPEED
    assert pilot_time >= CLINIC_DAY_SECONDS, f"only {pilot_time / 3600:.1f} kiosk hours simulated"
    assert {name.split("-")[0] for name in DAY} == set(outcomes)  # every outcome came up during the day
    assert len(app.records.recent(1000)) == SESSIONS
    print(f"soak: {SESSIONS} sessions, {pilot_time / 3600:.1f} kiosk hours; {samples}")
    # Objects not yet collected make single samples jitter; a leak shows as the latest samples
    # all standing above every sample taken just after the warm-up.
    first, last = samples[:3], samples[-3:]
    for key in ("open_files", "widgets", "textures"):
        assert min(s[key] for s in last) <= max(s[key] for s in first), (key, first, last)
    assert min(s["rss_mb"] for s in last) - max(s["rss_mb"] for s in first) < 15, (first, last)
