"""The start: the attract screen comes first, and what it does not need waits until it is needed.

Each start is a fresh kiosk process (a module imported once stays imported, so
only a new process can tell what a start loads): it builds the real app
headless, draws its first frame and reports the screen shown, the programs
offered and which of the modules the attract screen does not need were loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SESSION_SCREENS = tuple(f"kiosk.exercise_session.screens.{name}" for name in
                        ("safety", "staff_alert", "check_in", "exercise", "recheck_rest", "end", "summary"))
SESSION_MODULES = ("kiosk.exercise_session.coaching", "kiosk.exercise_session.questions_ahead",
                   "kiosk.exercise_session.timing", "kiosk.speech.schedule", "kiosk.clinical.report",
                   "kiosk.clinical.record", "kivy.core.audio", "kiosk.speech.synthesis", "kiosk.speech.preparation")
NOT_FOR_THE_ATTRACT_SCREEN = ("kiosk.content.loader", "yaml", "babel", "importlib.metadata", "kiosk.app.staff",
                              "kiosk.records.pin", "kiosk.exercise_session.staff_panel", *SESSION_SCREENS,
                              *SESSION_MODULES)
"""The exercise-file loader and Babel (when the cache is good: the language facts are in it), the installed
packages' metadata (when the plugin index is good), the staff screens and the PIN, the staff panel, the
session's screens and what a session reads (what is said when, the record of a session, the sound player,
eSpeak NG's synthesis and its worker):
imported while the attract screen waits, a slice at a time, after its first frame."""
START = """
import json, sys
from kiosk.app.kivy_setup import Display, prepare
prepare(Display(windowed=True, size=(1280, 800), max_fps=0))
from kivy.base import EventLoop
from kiosk.app.shell import KioskApp, ShellOptions
app = KioskApp(ShellOptions(data=sys.argv[1], plugins=["exercise_session"]))
app._run_prepare()
EventLoop.idle()
controller = app.plugins[0].controller
from kiosk.exercise_session.widgets import speaker
print(json.dumps({"screen": controller.current_screen_name, "programs": controller.screens["attract"].program_ids,
                  "loaded": [name for name in sys.argv[2:] if name in sys.modules], "pictures_drawn": speaker.drawn}))
EventLoop.idle()  # the frame after the first: what waited for it (the picture kept, among others)
app.exiting = True
app.stop()
"""


def start(data: Path, *watched: str) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", START, str(data), *watched], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_second_start_shows_the_same_attract_screen_without_the_loader_or_staff_screens(tmp_path):
    first = start(tmp_path / "data", *NOT_FOR_THE_ATTRACT_SCREEN)
    assert first["screen"] == "attract" and first["programs"]
    assert {"kiosk.content.loader", "importlib.metadata"} <= set(first["loaded"])  # nothing cached yet: all read
    assert first["pictures_drawn"] == 1  # the speaker button's picture, drawn
    cache = tmp_path / "data" / "cache"
    assert cache.stat().st_mode & 0o777 == 0o700
    assert {path.name: path.stat().st_mode & 0o777 for path in cache.iterdir()} == {
        "library.json": 0o600, "plugins.json": 0o600, "speaker-on-48x64.rgba": 0o600}
    second = start(tmp_path / "data", *NOT_FOR_THE_ATTRACT_SCREEN)
    assert second == {"screen": "attract", "programs": first["programs"], "loaded": [], "pictures_drawn": 0}


def test_a_clinic_program_saved_between_two_starts_is_offered_at_the_second(tmp_path):
    first = start(tmp_path / "data")
    programs = tmp_path / "data" / "programs"
    programs.mkdir()
    (programs / "clinic_extension.yaml").write_text(
        "programs:\n  - id: clinic_extension\n    name: Our extension programme\n    blocks:\n"
        "      - role: spinal\n        exercises: [prone_lying, press_up]\n")
    assert start(tmp_path / "data")["programs"] == [*first["programs"], "clinic_extension"]


def test_the_kiosk_command_reads_no_exercise_file_code_before_a_command_needs_it():
    """`kiosk run` goes through kiosk.__main__: its command groups must not import the loader on their own."""
    done = subprocess.run([sys.executable, "-c", "import sys, kiosk.__main__; "
                           "print([name for name in ('kiosk.content.loader', 'yaml', 'kivy') if name in sys.modules])"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
