"""Loading and validating a big exercise folder: 1,000 exercises and 100 programs.

The folder is generated: ten files of 100 exercises (every field in use, half
of them with a Spanish translation, each pointing at one of ten video files
that exist) and a programs file of 100 programs of three blocks. `kiosk.content
.loader.load` reads and checks it all (media paths included, no video probing,
as the kiosk does at start); the figure is the median of several loads. For
scale, the same files parsed by plain `yaml.load` (libyaml when present) are
timed too: that is reading alone, without any checking.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from bench.common import median

EXERCISE_FILES = 10
PER_FILE = 100
PROGRAMS = 100
VIDEOS = 10


def _exercise(number: int) -> str:
    hold = number % 2 == 0
    dose = ("    kind: hold\n    reps: 5\n    hold: 20\n" if hold else "    kind: reps\n    reps: 10\n    hold: 2\n")
    lines = (f"  - id: exercise_{number:04d}\n"
             f"    name: Exercise number {number}\n"
             "    instructions: |\n"
             "      Lie on your front on the mat.\n"
             "      Put your hands under your shoulders.\n"
             "      Push your top half up slowly and let your hips stay down.\n"
             "      Come back down slowly.\n"
             f"{dose}"
             f"    sets: {1 + number % 3}\n"
             f"    rest: {30 * (number % 3)}\n"
             "    safety: Stop and tell staff if the pain spreads further down your leg.\n"
             f"    video: videos/demo_{number % VIDEOS:02d}.mp4\n")
    if number % 2:
        lines += ("    translations:\n"
                  "      es:\n"
                  f"        name: Ejercicio número {number}\n"
                  "        instructions: Túmbese boca abajo y empuje despacio con los brazos.\n"
                  "        safety: Pare y avise al personal si el dolor baja por la pierna.\n")
    return lines


def _program(number: int, exercises: int) -> str:
    def ids(offset: int, count: int) -> str:
        return ", ".join(f"exercise_{(number * 7 + offset + i) % exercises:04d}" for i in range(count))

    return (f"  - id: program_{number:03d}\n"
            f"    name: Program number {number}\n"
            "    description: A generated program for the load benchmark.\n"
            "    policy:\n"
            "      mcid: 2\n"
            "      recheck_after: 300\n"
            "      after_no_effect: end\n"
            "    blocks:\n"
            "      - role: spinal\n"
            "        name: Extension progression\n"
            f"        exercises: [{ids(0, 4)}]\n"
            "      - role: strengthening\n"
            f"        exercises: [{ids(100, 3)}]\n"
            "      - role: postural\n"
            f"        exercises: [{ids(200, 2)}]\n")


def generate(folder: Path) -> Path:
    """Write the exercise folder (and its assets/videos) under `folder`; return the exercises folder."""
    exercises = folder / "exercises"
    videos = folder / "assets" / "videos"
    exercises.mkdir(parents=True, exist_ok=True)
    videos.mkdir(parents=True, exist_ok=True)
    for index in range(VIDEOS):
        (videos / f"demo_{index:02d}.mp4").write_bytes(b"\0" * 1024)  # exists; never opened without probing
    total = EXERCISE_FILES * PER_FILE
    for file in range(EXERCISE_FILES):
        numbers = range(file * PER_FILE, (file + 1) * PER_FILE)
        text = f"# Generated: exercises {numbers[0]} to {numbers[-1]}.\nexercises:\n"
        (exercises / f"exercises_{file:02d}.yaml").write_text(text + "\n".join(map(_exercise, numbers)))
    programs = "\n".join(_program(number, total) for number in range(PROGRAMS))
    (exercises / "programs.yaml").write_text("programs:\n" + programs)
    return exercises


def run(scratch: Path, repeats: int) -> dict:
    """Generate the folder, load it `repeats` times; the figures, with the library's counts as a check."""
    from kiosk.content import loader

    folder = generate(scratch / "load-1000")
    times = []
    library = None
    for _ in range(repeats):
        started = time.perf_counter()
        library = loader.load([folder])
        times.append(time.perf_counter() - started)
    parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parse_times = []
    for _ in range(repeats):
        started = time.perf_counter()
        for path in sorted(folder.glob("*.yaml")):
            yaml.load(path.read_text(), Loader=parser)
        parse_times.append(time.perf_counter() - started)
    return {
        "load_s": median(times), "load_runs_s": [round(t, 4) for t in times],
        "yaml_parse_only_s": median(parse_times), "yaml_parser": parser.__name__,
        "exercises": len(library.exercises), "programs": len(library.programs),
        "problems": [str(problem) for problem in library.problems[:5]], "problem_count": len(library.problems),
    }
