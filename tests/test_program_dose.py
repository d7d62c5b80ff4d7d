"""A program's own dose for an exercise: `{id: press_up, sets: 3, reps: 12, hold: 2, rest: 30}`.

Through the loader, the JSON Schema, `kiosk validate` messages, `kiosk programs`,
`kiosk simulate` and the plan's durations, on the bundled exercises.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from yaml_files import write

from kiosk.__main__ import main
from kiosk.clinical.plan import estimated_seconds, plan_sets, set_seconds
from kiosk.content import loader
from kiosk.content.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
PATIENT = ROOT / "examples" / "patients" / "spinal_source_likely.yaml"

PROGRAM = """
programs:
  - id: dosed
    name: Extension with this program's doses
    blocks:
      - role: spinal
        exercises:
          - prone_lying
          - {id: press_up, sets: 3, reps: 12, hold: 2, rest: 30}
          - id: standing_extension
            sets: 2
"""
"""Line 7 is press_up's mapping; lines 9-10 standing_extension's."""


@pytest.fixture
def folder(tmp_path) -> Path:
    """The bundled exercises without their programs, and the program above."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    for path in (ROOT / "exercises").glob("*.yaml"):
        if path.name != "programs.yaml":
            shutil.copy(path, folder)
    write(folder, "zz_dosed.yaml", PROGRAM)
    return folder


def dosed_file(folder: Path, *items: str) -> Path:
    """A program file whose spinal block lists `items` (raw YAML, one per line, from line 7)."""
    lines = ["programs:", "  - id: dosed", "    name: Dosed", "    blocks:", "      - role: spinal",
             "        exercises:", *(f"          - {item}" for item in items)]
    return write(folder, "zz_dosed.yaml", "\n".join(lines) + "\n")


def test_the_program_gets_its_own_dose_and_the_library_keeps_the_exercises(folder):
    library = loader.load([folder])
    assert library.errors == []
    prone, press_up, standing = library.programs["dosed"].blocks[0].exercises
    assert (press_up.sets, press_up.reps, press_up.hold, press_up.rest) == (3, 12, 2, 30)
    assert standing.sets == 2 and standing.reps == library.exercises["standing_extension"].reps
    assert prone == library.exercises["prone_lying"]
    assert library.exercises["press_up"].sets == 2  # the exercise itself is unchanged


def test_plan_and_duration_follow_the_program_dose(folder):
    library = loader.load([folder])
    program = library.programs["dosed"]
    press_up_sets = [p for p in plan_sets(program) if p.exercise.id == "press_up"]
    assert [p.set_number for p in press_up_sets] == [1, 2, 3]
    assert [p.rest_before for p in press_up_sets] == [0, 30, 30]
    assert set_seconds(press_up_sets[0].exercise) == 12 * (2 + 3)
    dosed_file(folder, "prone_lying", "press_up", "standing_extension")
    plain = loader.load([folder]).programs["dosed"]
    assert estimated_seconds(program) != estimated_seconds(plain)


@pytest.mark.parametrize("item, where, message", [
    ("{id: press_up, sets: 11}", "exercises[0].sets", 'must be a whole number from 1 to 10, got 11'),
    ("{id: press_up, reps: ten}", "exercises[0].reps", 'must be a whole number from 1 to 50, got "ten"'),
    ("{id: press_up, rest: '30'}", "exercises[0].rest", "remove the quotes to make it a number"),
    ("{id: press_up, hold: -1}", "exercises[0].hold", "must be a whole number from 0 to 600, got -1"),
    ("{id: prone_lying, hold: 0}", "exercises[0].hold", "from 1 to 600 for 'prone_lying', a hold exercise"),
    ("{id: press_up, set: 3}", "exercises[0].set", "unknown field, did you mean 'sets'?"),
    ("{sets: 3}", "exercises[0].id", "missing; expected a lower_snake_case id"),
    ("{id: press_upp, sets: 3}", "exercises[0]", "unknown exercise 'press_upp' (did you mean 'press_up'?)"),
    ("[press_up]", "exercises[0]",
     "or a mapping of the program dose's fields (id, sets, reps, hold, rest), got a list"),
], ids=["sets-11", "reps-word", "rest-quoted", "hold-negative", "hold-zero-on-hold-kind", "typo-key", "no-id",
        "unknown-id", "list"])
def test_bad_dose_is_reported_at_its_line_and_drops_the_program(folder, capsys, item, where, message):
    path = dosed_file(folder, item)
    code = main(["validate", str(folder)])
    out = capsys.readouterr().out
    assert code == 1
    wanted = f"{path}:7: programs[0].blocks[0].{where}: "
    line = next(line for line in out.splitlines() if line.startswith(wanted))
    assert message in line
    assert "dosed" not in loader.load([folder]).programs


def test_the_schema_accepts_ids_and_doses_and_rejects_bad_doses(folder):
    validator = Draft202012Validator(json_schema())
    assert list(validator.iter_errors(yaml.safe_load(PROGRAM))) == []
    for bad in ("{id: press_up, sets: 0}", "{id: press_up, pace: 2}", "{sets: 2}", "[press_up]"):
        text = dosed_file(folder, bad).read_text()
        assert list(validator.iter_errors(yaml.safe_load(text))), bad


def test_kiosk_programs_shows_the_program_dose(folder, capsys):
    assert main(["programs", "--exercises", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "spinal: prone_lying, press_up (this program: 3 sets x 12, hold 2 s, rest 30 s), " \
           "standing_extension (this program: 2 sets x 10, hold 0 s, rest 0 s)" in out


def test_simulate_runs_the_sets_the_program_asks_for(folder, capsys):
    dosed_file(folder, "{id: prone_lying, sets: 1}", "{id: press_up, sets: 4}")
    assert main(["simulate", "dosed", "--script", str(PATIENT), "--exercises", str(folder), "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)["steps"]
    assert [(step["exercise"], step["set"]) for step in steps] == [
        ("prone_lying", 1), ("press_up", 1), ("press_up", 2), ("press_up", 3), ("press_up", 4)]


def test_the_records_keep_the_set_count_of_the_program_dose(folder, tmp_path):
    from kiosk.clinical.session import Session
    from kiosk.content.script import load_script
    from kiosk.records.store import Records

    dosed_file(folder, "{id: press_up, sets: 3}")
    program = loader.load([folder]).programs["dosed"]
    script, _ = load_script(PATIENT)
    records = Records.open(tmp_path / "data").records
    session, session_id = Session(program), records.start_session(program)
    session.pass_screening()
    session.check_in(script.baseline)
    for answer in script.check_ins[:3]:
        session.finish_set()
        step = session.check_in(answer.check_in)
        records.record_check_in(session_id, step.kind, step.check_in, step)
        if session.state.name == "RESTING":
            session.finish_rest()
    stored = records.session(session_id).check_ins
    assert [(c.exercise_id, c.set_number, c.sets) for c in stored] == [("press_up", n, 3) for n in (1, 2, 3)]


def test_a_dose_with_a_bad_value_and_an_unknown_id_gets_both_problems_in_one_run(folder, capsys):
    path = dosed_file(folder, "{id: press_upp, sets: 11}")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:7: programs[0].blocks[0].exercises[0].sets: must be a whole number from 1 to 10, got 11" in out
    assert f"{path}:7: programs[0].blocks[0].exercises[0]: unknown exercise 'press_upp' (did you mean " \
           "'press_up'?)" in out
