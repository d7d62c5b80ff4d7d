"""Look and feel: every patient screen at the clinic's screen sizes, and the autopilot's screenshots.

At 1280x800, 1920x1080 and portrait 1080x1920 every screen a patient passes keeps
its buttons at least 48 dp and apart, its text at least 24 sp, and all of it on
screen. The autopilot, run as a real process, saves a PNG of every screen; each
must show something (not one flat colour).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from kivy.core.image import Image as CoreImage
from kivy.core.window import Window
from kivy.metrics import dp, sp
from kivy.uix.button import Button
from kivy.uix.label import Label
from test_journeys import ROOT, plugin_of, simulate, start_kiosk
from whole_text import shown

from kiosk.content.script import load_script
from kiosk.exercise_session.autopilot import Autopilot

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]
JOURNEY = ROOT / "examples" / "patients" / "spinal_source_likely-after_recheck.yaml"
STAFF_ONLY = {"staff"}  # the end screen's small "For staff: hold" button


def check_screen(screen, size, where: str) -> list[str]:
    problems = []
    buttons = []
    staff = {id(screen.ids[name].__self__) for name in STAFF_ONLY if name in screen.ids}
    # The screen's own area: the window less the speaker bar above it (text under the bar is hidden).
    area = screen.manager or screen
    left, bottom = area.to_window(area.x, area.y)
    right, top = min(left + area.width, size[0]), min(bottom + area.height, size[1])
    for widget in screen.walk(restrict=True):
        if id(widget) in staff or not shown(widget):
            continue
        if isinstance(widget, Label) and widget.text.strip():
            x, y = widget.to_window(widget.x, widget.y)
            if widget.font_size < sp(24) - 0.5:
                problems.append(f"{where}: {widget.text[:30]!r} is {widget.font_size / sp(1):.0f} sp")
            if x < left - 1 or y < bottom - 1 or x + widget.width > right + 1 or y + widget.height > top + 1:
                problems.append(f"{where}: {widget.text[:30]!r} is off screen (or under the speaker bar)")
            if isinstance(widget, Button) and not widget.disabled:
                if widget.width < dp(48) or widget.height < dp(48):
                    problems.append(f"{where}: button {widget.text[:30]!r} is {widget.width:.0f}x{widget.height:.0f}")
                buttons.append((x, y, widget.width, widget.height, widget.text[:30]))
    for i, a in enumerate(buttons):
        for b in buttons[i + 1:]:
            if not (a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]):
                problems.append(f"{where}: buttons {a[4]!r} and {b[4]!r} overlap")
    return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_patient_screen_is_large_clear_and_on_screen(pilot, size):
    script, _ = load_script(JOURNEY)
    app = start_kiosk(pilot, programs=[script.program])
    Window.size = size
    pilot.frames(3)
    controller = plugin_of(app).controller
    results, seen, problems = [], set(), []
    autopilot = Autopilot(controller, script, on_done=results.append)
    autopilot.start()
    last = None
    for _ in range(20000):
        if results:
            break
        pilot.frames(1)
        name = controller.current_screen_name
        screen = controller.screens[name]
        view = (name, getattr(screen, "page", ""))
        if view != last:
            last = view
            pilot.frames(1)  # let the layout settle before measuring
            seen.add(view)
            problems += check_screen(screen, size, f"{view} at {size}")
    autopilot.stop()
    pilot.frames(2)
    end = controller.screens[controller.current_screen_name]
    problems += check_screen(end, size, f"end at {size}")
    Window.size = (1280, 800)
    assert results and results[0]["outcome"] == "spinal_source_likely"
    assert {v[0] for v in seen} >= {"attract", "safety", "check_in", "exercise", "recheck_rest"}
    assert {v[1] for v in seen if v[0] == "check_in"} == {"where", "how_strong", "weakness"}
    assert not problems, "\n".join(sorted(set(problems)))


def colours(path: Path) -> tuple[int, float]:
    """(distinct colours in a sample, share of pixels not of the most common colour)."""
    image = CoreImage.load(str(path), keep_data=True)
    data = image.image._data[0]
    pixels = data.data
    step = 4 if data.fmt in ("rgba", "bgra") else 3
    sample = [bytes(pixels[i:i + step]) for i in range(0, len(pixels), step * 97)]
    counts = {}
    for pixel in sample:
        counts[pixel] = counts.get(pixel, 0) + 1
    return len(counts), 1 - max(counts.values()) / len(sample)


def test_the_autopilot_process_saves_a_picture_of_every_screen_and_agrees_with_simulate(tmp_path):
    shots = tmp_path / "shots"
    # Its own data folder, so the run is the same whatever ran before it.
    env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy", KIVY_HOME=str(tmp_path / "kivy"),
               KIOSK_DATA=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "kiosk", "run", "--autopilot", str(JOURNEY),
                           "--program", "knee_from_spine", "--screenshots", str(shots)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout) == simulate(JOURNEY)
    pictures = sorted(shots.glob("*.png"))
    names = {p.stem.split("-", 1)[1] for p in pictures}
    for expected in ("attract", "safety-saddle_numbness", "check_in-where", "check_in-how_strong",
                     "check_in-weakness", "exercise", "recheck_rest", "end-end", "summary-1", "summary-2"):
        assert expected in names, f"no screenshot of {expected}: {sorted(names)}"
    for picture in pictures:
        distinct, busy = colours(picture)
        assert distinct >= 3 and busy > 0.01, f"{picture.name} looks blank ({distinct} colours, {busy:.1%})"
