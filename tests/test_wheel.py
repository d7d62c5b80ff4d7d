"""The wheel is the whole kiosk: installed alone in a bare venv, it has its exercises and runs.

Everything runs from an empty folder, with the checkout out of reach (no `exercises/` beside
the working folder, the venv made with Debian's python3), so only what the wheel carries counts.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from kiosk import __version__
from tests.wheels import bare_venv, build_wheel

pytestmark = pytest.mark.appliance


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    return bare_venv(folder / "venv", build_wheel(folder))


def kiosk(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["KIOSK_DATA"] = str(cwd / "data")
    return subprocess.run([str(bin_dir / "kiosk"), *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_installed_wheel_lists_the_bundled_programs_and_validates(installed, tmp_path):
    listed = kiosk(installed, tmp_path, "programs")
    assert listed.returncode == 0, listed.stderr
    assert [line.split(":")[0] for line in listed.stdout.splitlines() if line and not line[0].isspace()] == [
        "knee_from_spine", "flexion_progression", "core_only"]
    checked = kiosk(installed, tmp_path, "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "6 files, 15 exercises, 3 programs, 19 special tests; 0 errors" in checked.stderr
    assert kiosk(installed, tmp_path, "--version").stdout.strip() == f"kiosk {__version__}"


def test_the_installed_wheel_runs_an_autopilot_session_with_its_own_files(installed, tmp_path):
    where = subprocess.run([str(installed / "python"), "-c", "from kiosk.content.program_check import "
                            "example_patients_dir as d; from kiosk.content.folders import bundled_exercises_dir "
                            "as e; print(d()); print(e())"], cwd=tmp_path, capture_output=True, text=True, check=True)
    patients, exercises = map(Path, where.stdout.split())
    assert installed.parent in patients.parents and installed.parent in exercises.parents
    assert (exercises.parent / "assets" / "videos" / "press_up.mp4").is_file()
    ran = kiosk(installed, tmp_path, "run", "--autopilot", str(patients / "spinal_source_likely.yaml"),
                "--program", "knee_from_spine")
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-2000:]
    assert json.loads(ran.stdout)["outcome"] == "spinal_source_likely"
