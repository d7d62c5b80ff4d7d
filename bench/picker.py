"""The program editor's exercise picker: how long it takes to open, against a bare Kivy ModalView.

    python -m bench.picker [--runs N]

Run on its own (it is not part of `python -m bench`): it starts itself again as a
child with the benchmarks' headless environment. The child opens the picker with
the 15 bundled exercises, then with 200 and 1,000 made from them (a third with
their video, a third drawn, a third bare), each time with an empty stills folder,
and measures from construction to the end of the first frame; the baseline is a
ModalView holding one Label, opened the same way in the same run. Prints figures,
never fails on them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.common import ROOT, SIZE, headless_env, median, report, require_headless_env, rounded

LIBRARIES = ("bundled", 200, 1000)
"""The bundled library as it is, then libraries of 200 and 1,000 exercises made from it."""


def library_of(count: int):
    """`count` exercises made from the bundled ones, by thirds: with their video, drawn, bare."""
    from kiosk.content import loader
    from kiosk.content.library import Library

    bundled = loader.load()
    base = list(bundled.exercises.values())
    library = Library()
    for index in range(count):
        exercise = base[index % len(base)]
        made = replace(exercise, id=f"exercise_{index:04d}", name=f"{exercise.name} {index:04d}",
                       video=exercise.video if index % 3 == 0 else None,
                       animation=exercise.animation if index % 3 == 1 else None)
        library.exercises[made.id] = made
        library.media_folders[made.id] = bundled.media_folders[exercise.id]
    return library


def opening_seconds(stepper, make) -> float:
    """Seconds from making the view to the end of its first frame; the view is closed afterwards."""
    started = time.perf_counter()
    view = make()
    view.open(animation=False)
    stepper.step(1)
    seconds = time.perf_counter() - started
    stepper.step(30)  # let the stills of this opening come in before the next one
    view.dismiss(animation=False)
    stepper.step(2)
    return seconds


def child(runs: int) -> None:
    require_headless_env()
    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=SIZE, max_fps=0))
    from kivy.app import App
    from kivy.uix.label import Label
    from kivy.uix.modalview import ModalView
    from kivy.uix.widget import Widget

    from bench.stepping import Stepper
    from kiosk.content import loader
    from kiosk.exercise_session.editor.picker import ExercisePicker

    class Blank(App):
        def build(self):
            return Widget()

    def bare() -> ModalView:
        view = ModalView(size_hint=(0.9, 0.92))
        view.add_widget(Label(text="Add an exercise"))
        return view

    stepper = Stepper(virtual_time=True)
    stepper.start(Blank())
    figures = {}
    for count in LIBRARIES:
        library = loader.load() if count == "bundled" else library_of(count)
        picker, baseline = [], []
        for _ in range(runs):  # picker and baseline alternate, so both see the same load on the machine
            data = Path(tempfile.mkdtemp(prefix="bench-stills-"))
            picker.append(opening_seconds(stepper, lambda: ExercisePicker(library, print, data_dir=data)))
            baseline.append(opening_seconds(stepper, bare))
        figures[f"picker_{count}_s"] = rounded(median(picker))
        figures[f"picker_{count}_first_s"] = rounded(picker[0])
        figures[f"bare_modal_{count}_s"] = rounded(median(baseline))
        print(f"{len(library.exercises)} exercises: {median(picker):.3f} s median of {runs} (first {picker[0]:.3f} s); "
              f"a bare ModalView {median(baseline):.3f} s", file=sys.stderr, flush=True)
    stepper.stop()
    report(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.runs)
        return
    with tempfile.TemporaryDirectory(prefix="bench-picker-") as scratch:
        done = subprocess.run([sys.executable, "-m", "bench.picker", "--child", "--runs", str(options.runs)],
                              cwd=ROOT, env=headless_env(Path(scratch)), stdout=subprocess.PIPE, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH-RESULT ")]
    if done.returncode or not lines:
        sys.exit(f"bench.picker: the child failed (exit {done.returncode})")
    print(json.dumps(json.loads(lines[-1][len("BENCH-RESULT "):]), indent=2))


if __name__ == "__main__":
    main()
