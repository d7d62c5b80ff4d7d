"""Kill -9 a process at random moments of program saves: the folder always loads, old or new.

A real child process (tests/program_save_loop.py) saves and undoes one clinic
program in a tight loop; it prints `saved <sha256>` after each change and a
`step` line before each file it opens, renames or removes. The test kills it
right after a randomly chosen one of those lines (half the time one that names
the program file itself), while it goes on with the next, then reads the folder
as the kiosk would: no error, and the program file
is exactly one of the two versions the child writes.
"""

import hashlib
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.content import loader
from kiosk.content.library_paths import load_with_clinic
from kiosk.content.program_files import program_path
from kiosk.content.program_yaml import program_yaml
from kiosk.records.programs_folder import make_programs_dir
from program_save_loop import versions

ROOT = Path(__file__).resolve().parent.parent
KILLS = 30


def saves_then_kill(folder: Path, count: int, on_the_file: bool) -> list[str]:
    """Start the saving child and kill it at once after `count` of its lines (`on_the_file`: after
    `count` steps on the program file itself, where a save that is not atomic would be caught
    mid-write); the shas of the saves it reported."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, str(ROOT / "tests" / "program_save_loop.py"), str(folder)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    lines, counted = [], 0
    for line in child.stdout:
        lines.append(line.split())
        counted += not on_the_file or lines[-1][-1] == "crash_test.yaml"
        if counted >= count:
            break
    child.send_signal(signal.SIGKILL)  # at once: the child has already gone on to its next step
    child.wait(timeout=30)
    error = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert counted == count, error
    return [words[1] for words in lines if words[0] == "saved"]


def test_a_kill_during_saves_leaves_the_old_or_the_new_file(tmp_path):
    library = loader.load()
    expected = {hashlib.sha256(program_yaml(p, library.exercises).encode()).hexdigest(): p.name
                for p in versions(library)}
    folder = make_programs_dir(tmp_path / "data")
    rng = random.Random(20261130)
    for _ in range(KILLS):
        on_the_file = rng.random() < 0.5
        reported = saves_then_kill(folder, rng.randint(2, 12) if on_the_file else rng.randint(10, 120), on_the_file)
        assert set(reported) <= set(expected) | {"None"}
        loaded = load_with_clinic(None, folder)
        assert loaded.errors == []
        # Every run saves before it is killed, and an undo never goes back past the first save.
        assert hashlib.sha256(program_path(folder, "crash_test").read_bytes()).hexdigest() in expected
        assert loaded.programs["crash_test"].name in expected.values()
