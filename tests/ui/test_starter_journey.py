"""From `kiosk new` to a clinic program on the real screens, as a colleague follows the README.

Real processes, one after another: `kiosk new`, `kiosk validate`, `kiosk simulate
--json`, then `kiosk run --autopilot` plays the starter's patient script by touch
through the starter's program (which uses bundled exercises) and prints the same
result as simulate.
"""

import json
import os
import subprocess
import sys


def kiosk(*argv: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *argv], capture_output=True, text=True, env=env,
                          timeout=300)


def test_from_kiosk_new_to_the_autopilot(tmp_path):
    env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy", KIVY_HOME=str(tmp_path / "kivy"),
               KIOSK_DATA=str(tmp_path / "data"))
    folder = tmp_path / "clinic"
    exercises, script = folder / "exercises", folder / "patients" / "clinic_knee_check.yaml"
    assert kiosk("new", str(folder), env=env).returncode == 0
    validated = kiosk("validate", str(exercises), env=env)
    assert validated.returncode == 0 and validated.stdout == "", validated.stdout
    simulated = kiosk("simulate", "clinic_knee_check", "--exercises", str(exercises), "--script", str(script),
                      "--json", env=env)
    assert simulated.returncode == 0, simulated.stderr
    played = kiosk("run", "--autopilot", str(script), "--program", "clinic_knee_check", "--exercises",
                   str(exercises), "--screenshots", str(folder / "shots"), env=env)
    assert played.returncode == 0, played.stderr[-3000:]
    assert json.loads(played.stdout) == json.loads(simulated.stdout)
    assert json.loads(played.stdout)["outcome"] == "spinal_source_likely"
    pictures = [p.stem.split("-", 1)[1] for p in sorted((folder / "shots").glob("*.png"))]
    assert pictures.count("exercise") == 8  # one per set of the starter program
