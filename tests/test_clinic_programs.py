"""The clinic's programs folder: `programs/` of the data folder, read with the exercise folder.

A clinic program uses the bundled exercises; `kiosk programs`, `simulate` and
`validate` read it; the folder is private to the kiosk's account.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from yaml_files import write

from kiosk.__main__ import main
from kiosk.content import loader
from kiosk.content.library_paths import library_paths, load_with_clinic
from kiosk.records.programs_folder import make_programs_dir, programs_dir

ROOT = Path(__file__).resolve().parent.parent
PATIENT = ROOT / "examples" / "patients" / "spinal_source_likely.yaml"

CLINIC_PROGRAM = """
programs:
  - id: clinic_extension
    name: Our extension programme
    blocks:
      - role: spinal
        exercises: [prone_lying, {id: press_up, sets: 1}, standing_extension]
      - role: strengthening
        exercises: [bridge]
"""


@pytest.fixture
def data(tmp_path) -> Path:
    """A data folder with one clinic program that uses bundled exercises."""
    folder = make_programs_dir(tmp_path / "data")
    write(folder, "clinic_extension.yaml", CLINIC_PROGRAM)
    return tmp_path / "data"


def test_the_folder_is_made_private_in_the_data_folder(tmp_path):
    folder = make_programs_dir(tmp_path / "data")
    assert folder == tmp_path / "data" / "programs" == programs_dir(tmp_path / "data")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700


def test_without_a_clinic_folder_the_bundled_folder_loads_as_before(tmp_path):
    assert library_paths(None, tmp_path / "none") is None
    assert library_paths("exercises", tmp_path / "none") == [Path("exercises")]


def test_clinic_programs_use_the_bundled_exercises(data):
    library = load_with_clinic(None, programs_dir(data))
    assert library.errors == []
    clinic = library.programs["clinic_extension"]
    assert [e.id for e in clinic.blocks[0].exercises] == ["prone_lying", "press_up", "standing_extension"]
    assert clinic.blocks[0].exercises[1].sets == 1
    assert set(loader.load().programs) < set(library.programs)  # the bundled programs are all there too
    assert clinic.source.startswith(str(programs_dir(data) / "clinic_extension.yaml"))


def test_kiosk_programs_and_simulate_read_the_clinic_folder(data, capsys):
    assert main(["programs", "--data", str(data)]) == 0
    assert "clinic_extension: Our extension programme" in capsys.readouterr().out
    assert main(["simulate", "clinic_extension", "--script", str(PATIENT), "--data", str(data), "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    assert [s["exercise"] for s in steps[:3]] == ["prone_lying", "press_up", "standing_extension"]


def test_kiosk_validate_checks_the_clinic_folder_with_the_bundled_one(data, capsys):
    assert main(["validate", "--data", str(data)]) == 0
    capsys.readouterr()
    path = write(programs_dir(data), "clinic_extension.yaml", CLINIC_PROGRAM.replace("sets: 1", "sets: 0"))
    assert main(["validate", "--data", str(data)]) == 1
    assert f"{path}:6: programs[0].blocks[0].exercises[1].sets: must be a whole number from 1 to 10, got 0" \
        in capsys.readouterr().out
