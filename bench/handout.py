"""The printed home program: how long the handout of the longest bundled program takes to make.

    python -m bench.handout [--runs N]

Run on its own (it is not part of `python -m bench`), like bench.picker: it starts
itself again as a child with the benchmarks' headless environment (the figure
pictures are drawn with OpenGL). The child records one centralizing session of each
bundled program in its own SQLite records, the way the tests do (tests/recorded.py:
the session machine, every answer recorded), and takes the program whose handout
holds the most exercises (then the most sets). Through the kiosk's own `Handouts`
it times the first handout (its pictures drawn and saved, then the PDF), the next
ones (pictures read back: what a patient's touch costs after the first) and the PDF
alone; it prints the seconds, the PDF's size and its pages. Nothing here fails on
a figure.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, SIZE, headless_env, median, report, require_headless_env, rounded

START = "2026-03-02T18:00:00.000Z"


def centralizing_session(records, program) -> int:
    """A session of `program` whose first spinal set moves the knee pain up to the thigh, then to the back."""
    sys.path.insert(0, str(ROOT / "tests"))
    from recorded import record_session

    from kiosk.clinical.checkin import CheckIn
    from kiosk.clinical.plan import plan_sets

    knee = CheckIn(pain={"knee_right", "thigh_front_right", "back_right"}, intensity=6)
    thigh = CheckIn(pain={"thigh_front_right", "back_right"}, intensity=5)
    back = CheckIn(pain={"back_right"}, intensity=3)
    answers = [thigh] + [back] * len(plan_sets(program))
    return record_session(records, program, START, baseline=knee, answers=answers, reference="A1")


def longest(records, library):
    """(program, its session's record, the handout's exercises) of the program with the most on its handout."""
    from kiosk.clinical.plan import plan_sets
    from kiosk.handout.choice import home_exercises

    found = []
    for program in library.programs.values():
        record = records.session(centralizing_session(records, program))
        found.append((len(home_exercises(program, record)), len(plan_sets(program)), program.id, program, record))
    *_, program, record = max(found, key=lambda entry: entry[:3])
    return program, record, home_exercises(program, record)


def child(runs: int) -> None:
    require_headless_env()
    import os

    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=SIZE, max_fps=0))
    from kiosk.content import loader
    from kiosk.content.folders import bundled_exercises_dir, default_assets_dir
    from kiosk.exercise_session.handouts import Handouts
    from kiosk.handout.make import handout_bytes
    from kiosk.records.store import Records

    data = Path(os.environ["KIOSK_DATA"])
    library = loader.load()
    records = Records.open(data).records
    program, record, chosen = longest(records, library)
    handouts = Handouts(lambda: library, default_assets_dir(bundled_exercises_dir()), data, records)
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    say(f"{program.id}: {len(chosen)} exercises on its handout ({record.outcome})")

    started = time.perf_counter()
    pdf = handouts.maker(record)()
    first = time.perf_counter() - started
    warm, alone = [], []
    for _ in range(runs):  # the whole handout and the PDF alone alternate, so both see the same machine
        started = time.perf_counter()
        handouts.maker(record)()
        warm.append(time.perf_counter() - started)
        started = time.perf_counter()
        handout_bytes(record, program, "Riverside Physio", handouts.pictures.pictures)
        alone.append(time.perf_counter() - started)
    records.close()
    figures = {"program": program.id, "exercises": len(chosen), "pictures": 2 * len(chosen),
               "first_handout_s": rounded(first), "handout_s": rounded(median(warm)),
               "handout_slowest_s": rounded(max(warm)), "pdf_only_s": rounded(median(alone)),
               "pdf_bytes": len(pdf), "pages": len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)), "runs": runs}
    say(f"first handout (pictures drawn): {first:.3f} s; then {median(warm):.3f} s median of {runs} "
        f"(slowest {max(warm):.3f} s), the PDF alone {median(alone):.3f} s; {len(pdf):,} bytes, "
        f"{figures['pages']} pages, {figures['pictures']} pictures")
    report(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.runs)
        return
    with tempfile.TemporaryDirectory(prefix="bench-handout-") as scratch:
        done = subprocess.run([sys.executable, "-m", "bench.handout", "--child", "--runs", str(options.runs)],
                              cwd=ROOT, env=headless_env(Path(scratch)), stdout=subprocess.PIPE, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH-RESULT ")]
    if done.returncode or not lines:
        sys.exit(f"bench.handout: the child failed (exit {done.returncode})")
    print(json.dumps(json.loads(lines[-1][len("BENCH-RESULT "):]), indent=2))


if __name__ == "__main__":
    main()
