"""The `kiosk` command end to end: validate, simulate, schema and programs, as a therapist runs them.

Most cases call `kiosk.__main__.main` in-process (fast); one runs the real
command in a subprocess, so exit codes and streams are checked for real.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema.validators import validator_for
from yaml_files import write

from kiosk.__main__ import main
from kiosk.content import loader
from kiosk.content.folders import shown

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_FILES = sorted((ROOT / "exercises").glob("*.yaml"))
PROBLEM_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<where>[^:]+): (?P<what>.+)$")

GOOD_FILE = """
exercises:
  - id: prone_lying
    name: Lying face down
    instructions: Lie on your front and relax.
    kind: hold
    hold: 180
    position: lying_front
programs:
  - id: good_program
    name: Good program
    blocks:
      - role: spinal
        exercises: [prone_lying]
"""

BROKEN_FILE = """
exercises:
  - id: press_up
    name: Press-up
    instructions: Push up.
    kind: reps
    reps: 10
    sets: 2
    safty: Stop if it hurts.
programs:
  - id: broken_program
    name: Broken program
    blocks:
      - role: spinal
        exercises: [prone_lying, prone_lyng]
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one in-process `kiosk` run."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def broken(tmp_path, monkeypatch) -> Path:
    """A folder with one good file and one with a typo'd key and a bad reference."""
    monkeypatch.chdir(tmp_path)
    folder = Path("exercises")
    write(folder, "a_good.yaml", GOOD_FILE)
    write(folder, "b_broken.yaml", BROKEN_FILE)
    return folder


@pytest.fixture
def script(tmp_path) -> Path:
    """A patient whose knee pain spreads into the lower leg and stays there."""
    return write(tmp_path, "patient.yaml", """
        baseline: {symptoms: [knee_right, thigh_front_right], intensity: 5}
        check_ins:
          - {symptoms: [knee_right, lower_leg_right], intensity: 6}
          - {symptoms: [knee_right, lower_leg_right], intensity: 6}
    """)


def assert_no_traceback(*streams: str) -> None:
    for stream in streams:
        assert "Traceback" not in stream


# validate ------------------------------------------------------------------------------------


def test_validate_bundled_folder_is_clean(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run(capsys, "validate")
    assert (code, out) == (0, "")
    assert err.startswith("kiosk validate: 6 files, 15 exercises, 3 programs, 19 special tests; ")
    assert err.rstrip().endswith("0 errors, 0 warnings")


def test_validate_broken_folder_lists_path_line_problems(capsys, broken):
    code, out, err = run(capsys, "validate", str(broken))
    assert code == 1
    lines = out.splitlines()
    assert all(PROBLEM_LINE.match(line) for line in lines[:2]), out
    assert lines == [
        "exercises/b_broken.yaml:8: exercises[0].safty: unknown field, did you mean 'safety'?",
        "exercises/b_broken.yaml:14: programs[0].blocks[0].exercises[1]: unknown exercise 'prone_lyng' "
        "(did you mean 'prone_lying'?); expected the id of an exercise defined in the folder",
        "exercises: special_tests: warning: no special-test catalogue in this folder: a summary that recommends "
        "knee tests will list no knee, hip or nerve tests; expected a special_tests: section in one file, or "
        "`use_bundled: true` to use the bundled catalogue",
    ]
    assert "2 errors, 1 warning" in err
    assert_no_traceback(out, err)


def test_programs_still_lists_the_good_file_next_to_a_broken_one(capsys, broken):
    code, out, err = run(capsys, "programs", "--exercises", str(broken))
    assert code == 0
    assert out.splitlines()[0] == "good_program: Good program"
    assert "broken_program" not in out
    assert "prone_lyng" in err


def test_validate_missing_path(capsys, tmp_path):
    code, out, _ = run(capsys, "validate", str(tmp_path / "nowhere"))
    assert code == 1
    assert "no such file or folder" in out


def test_real_command_validates_a_broken_folder(broken):
    done = subprocess.run([sys.executable, "-m", "kiosk", "validate", str(broken)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    # the folder has no special-test catalogue: one warning about the folder itself, with no line number
    assert lines[-1].startswith(f"{broken}: special_tests: warning: no special-test catalogue in this folder")
    assert [PROBLEM_LINE.match(line)["path"] for line in lines[:-1]] == ["exercises/b_broken.yaml"] * 2
    assert_no_traceback(done.stdout, done.stderr)


# simulate ------------------------------------------------------------------------------------


def test_simulate_json_has_the_exact_contract_shape(capsys, script):
    code, out, err = run(capsys, "simulate", "knee_from_spine", "--script", str(script), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "program": "knee_from_spine",
        "outcome": "stopped_worsening",
        "steps": [
            {"kind": "set", "exercise": "prone_lying", "set": 1, "response": "peripheralizing",
             "decision": "recheck"},
            {"kind": "recheck", "exercise": "prone_lying", "set": 1, "response": "peripheralizing",
             "decision": "stop"},
        ],
    }


def test_simulate_json_types_for_a_whole_session(capsys):
    path = ROOT / "examples" / "patients" / "spinal_source_likely.yaml"
    _, out, _ = run(capsys, "simulate", "knee_from_spine", "--script", str(path), "--json")
    result = json.loads(out)
    assert list(result) == ["program", "outcome", "steps"]
    for step in result["steps"]:
        assert list(step) == ["kind", "exercise", "set", "response", "decision"]
        assert step["kind"] in ("set", "recheck") and isinstance(step["set"], int)
    assert [step["exercise"] for step in result["steps"]][:5] == \
        ["prone_lying", "prone_on_elbows", "press_up", "press_up", "standing_extension"]


def test_simulate_text_is_readable(capsys):
    path = ROOT / "examples" / "patients" / "spinal_source_likely.yaml"
    code, out, _ = run(capsys, "simulate", "knee_from_spine", "--script", str(path))
    assert code == 0
    assert out.startswith("Program: knee_from_spine (Is my knee pain coming from my back?)\n")
    assert "Outcome: spinal_source_likely: " in out
    for block in loader.load().programs["knee_from_spine"].blocks:
        for exercise in block.exercises:
            assert exercise.name in out
    assert "{" not in out


def test_simulate_unknown_program_is_a_clear_message(capsys, script):
    code, out, err = run(capsys, "simulate", "knee_from_spin", "--script", str(script))
    assert (code, out) == (2, "")
    bundled = shown(loader.bundled_exercises_dir(), bundled=True)
    assert err == (f"kiosk simulate: program 'knee_from_spin' is not in the exercise folder {bundled} (the bundled "
                   "one); valid programs there: knee_from_spine, flexion_progression, core_only; for a program of "
                   "your own folder, add --exercises DIR\n")


def test_simulate_program_not_in_the_given_folder_names_that_folder(capsys, broken, script):
    code, out, err = run(capsys, "simulate", "knee_from_spine", "--script", str(script), "--exercises", str(broken))
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (f"kiosk simulate: program 'knee_from_spine' is not in the exercise folder "
                                    f"{broken}; valid programs there: good_program")


def test_simulate_program_with_problems_says_why(capsys, broken, script):
    code, _, err = run(capsys, "simulate", "broken_program", "--script", str(script),
                       "--exercises", str(broken))
    assert code == 2
    assert "prone_lyng" in err and "'broken_program' has problems" in err
    assert_no_traceback(err)


@pytest.mark.parametrize("text, words", [
    ("baseline: {symptoms: [knee_right], intensity: ten}\n",
     "patient.yaml:1: baseline.intensity: must be a whole number from 0 to 10"),
    ("baseline: {symptoms: [kne_right], intensity: 5}\n", "baseline.symptoms[0]: must be"),
    ("check_ins: []\n", "patient.yaml:1: baseline: missing"),
    ("baseline: [oops\n", "patient.yaml:1: yaml: the '[' opened on this line is not closed"),
], ids=["intensity-word", "unknown-region", "no-baseline", "bad-yaml"])
def test_simulate_bad_script_is_a_clear_message(capsys, tmp_path, text, words):
    path = write(tmp_path, "patient.yaml", text)
    code, out, err = run(capsys, "simulate", "knee_from_spine", "--script", str(path))
    assert (code, out) == (2, "")
    assert words in err
    assert all(PROBLEM_LINE.match(line) for line in err.splitlines()), err
    assert_no_traceback(err)


def test_simulate_missing_script_is_a_clear_message(capsys, tmp_path):
    code, out, err = run(capsys, "simulate", "knee_from_spine", "--script", str(tmp_path / "nobody.yaml"))
    assert (code, out) == (2, "")
    assert "nobody.yaml" in err
    assert_no_traceback(err)


def test_simulate_text_names_the_rest_before_a_recheck(capsys, tmp_path):
    folder = tmp_path / "clinic"
    write(folder, "a.yaml", "use_bundled: true\nprograms:\n  - id: short_rest\n    name: Short rest\n"
          "    policy: {recheck_after: 120}\n    blocks:\n      - role: spinal\n        exercises: [prone_lying]\n")
    path = ROOT / "examples" / "patients" / "stopped_worsening.yaml"
    code, out, _ = run(capsys, "simulate", "short_rest", "--script", str(path), "--exercises", str(folder))
    assert code == 0
    lines = out.splitlines()
    assert lines[4] == "     -> peripheralizing (red), decision: recheck (rest 120 s, then ask again)"
    assert lines[5].startswith("  2. Lying face down (spinal), recheck after 120 s rest: ")


def test_simulate_says_when_check_ins_are_left_over(capsys, script):
    path = write(script.parent, "long.yaml", script.read_text() + "  - {symptoms: [knee_right], intensity: 5}\n")
    code, _, err = run(capsys, "simulate", "knee_from_spine", "--script", str(path))
    assert code == 0
    assert "1 scripted check-ins unused" in err


# schema and programs -------------------------------------------------------------------------


def test_schema_is_a_valid_schema_that_accepts_every_bundled_file(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    validator_class = validator_for(schema)
    assert validator_class.META_SCHEMA["$id"].rstrip("#") == schema["$schema"].rstrip("#")
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    assert len(BUNDLED_FILES) >= 6
    for path in BUNDLED_FILES:
        errors = [error.message for error in validator.iter_errors(yaml.safe_load(path.read_text("utf-8")))]
        assert errors == [], path.name


def test_schema_rejects_what_the_loader_rejects(capsys):
    _, out, _ = run(capsys, "schema")
    validator = validator_for(json.loads(out))(json.loads(out))
    assert not validator.is_valid(yaml.safe_load(BROKEN_FILE))


def test_programs_lists_the_three_bundled_programs(capsys):
    code, out, err = run(capsys, "programs")
    assert (code, err) == (0, "")
    headers = [line for line in out.splitlines() if not line.startswith(" ")]
    assert headers == [
        "knee_from_spine: Is my knee pain coming from my back?",
        "flexion_progression: Bending forward exercises",
        "core_only: Core strength and posture",
    ]
    assert "    spinal (Extension progression): prone_lying, prone_on_elbows, press_up, standing_extension" in out
    minutes = [int(m) for m in re.findall(r"about (\d+) min", out)]
    assert len(minutes) == 3 and all(5 <= m <= 30 for m in minutes)


def test_simulate_notes_a_script_written_for_another_program(capsys):
    script = ROOT / "examples" / "patients" / "no_distal_symptoms-core_only.yaml"
    code, out, err = run(capsys, "simulate", "knee_from_spine", "--script", str(script), "--json")
    assert code == 0 and json.loads(out)["program"] == "knee_from_spine"
    assert "written for program 'core_only'; running it on 'knee_from_spine'" in err
