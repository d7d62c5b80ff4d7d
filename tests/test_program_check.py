""""Check this program": every example patient through an unsaved program, as `kiosk simulate` runs it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kiosk.__main__ import main
from kiosk.clinical.engine import Outcome
from kiosk.clinical.plan import estimated_seconds
from kiosk.content import loader
from kiosk.content.program_check import check_program, example_patients_dir, load_example_patients

LIBRARY = loader.load()
PATIENTS, PROBLEMS = load_example_patients()


def with_press_up(program, **dose):
    """The program with press-up's dose changed in its spinal block, never saved anywhere."""
    spinal = program.blocks[0]
    exercises = tuple(replace(e, **dose) if e.id == "press_up" else e for e in spinal.exercises)
    return replace(program, id="edited", blocks=(replace(spinal, exercises=exercises), *program.blocks[1:]))


def test_every_example_patient_is_read():
    assert PROBLEMS == []
    assert sorted(PATIENTS) == sorted(p.stem for p in example_patients_dir().glob("*.yaml"))
    assert len(PATIENTS) >= 10


@pytest.mark.parametrize("program_id", ["knee_from_spine", "core_only"])
def test_each_outcome_is_the_one_kiosk_simulate_gives(program_id, capsys):
    check = check_program(LIBRARY.programs[program_id], PATIENTS)
    assert [r.patient for r in check.results] == list(PATIENTS)
    for result in check.results:
        script = example_patients_dir() / f"{result.patient}.yaml"
        assert main(["simulate", program_id, "--script", str(script), "--json"]) == 0
        simulated = json.loads(capsys.readouterr().out)
        assert result.outcome.value == simulated["outcome"], result.patient
        assert result.sets_done == sum(1 for step in simulated["steps"] if step["kind"] == "set")


def test_the_patients_written_for_a_program_end_as_their_names_say():
    check = check_program(LIBRARY.programs["knee_from_spine"], PATIENTS)
    written_for_it = [r for r in check.results if r.written_for == "knee_from_spine"]
    assert len(written_for_it) >= 5
    for result in written_for_it:
        assert result.outcome.value == result.patient.split("-")[0], result.patient
        assert not result.ran_out or result.outcome is Outcome.INCOMPLETE


def test_an_unsaved_change_of_dose_changes_the_outcomes_and_the_duration():
    bundled = LIBRARY.programs["knee_from_spine"]
    edited = with_press_up(bundled, sets=5, rest=60)
    before, after = check_program(bundled, PATIENTS), check_program(edited, PATIENTS)
    assert after.estimated_seconds == estimated_seconds(edited) > before.estimated_seconds
    assert after.planned_sets == before.planned_sets + 3
    by_name = {r.patient: r for r in after.results}
    # The centralizing patient's answers were written for 2 sets of press-ups: with 5, they end sooner.
    assert by_name["spinal_source_likely"].ran_out and by_name["spinal_source_likely"].outcome is Outcome.INCOMPLETE
    assert by_name["red_flag_stop-before"].outcome is Outcome.RED_FLAG_STOP  # a red flag always stops


def test_a_script_that_does_not_load_is_reported_and_the_rest_are_checked(tmp_path):
    for path in list(example_patients_dir().glob("*.yaml"))[:2]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "broken.yaml").write_text("baseline: {symptoms: [knee_middle], intensity: 4}\n", encoding="utf-8")
    scripts, problems = load_example_patients(tmp_path)
    assert len(scripts) == 2 and "broken" not in scripts
    assert str(problems[0]).startswith(f"{tmp_path / 'broken.yaml'}:1: baseline.symptoms[0]:")
    assert len(check_program(LIBRARY.programs["core_only"], scripts).results) == 2


def test_the_check_passes_when_every_fitting_patient_ends_as_named_and_fails_otherwise():
    """Offer to patients needs a passing check: scripts that fit the program's sets are judged, the others
    (written for other sets) are left out; a spinal block made strengthening fails the centralizing patient."""
    bundled = LIBRARY.programs["knee_from_spine"]
    check = check_program(bundled, PATIENTS)
    assert check.works and 0 < len(check.fitting) < len(check.results)
    assert all(r.unused_answers == 0 for r in check.fitting)
    spinal, *rest = bundled.blocks
    wrong = replace(bundled, blocks=(replace(spinal, role=rest[0].role), *rest))
    failed = check_program(wrong, PATIENTS)
    assert not failed.works
    assert {r.patient for r in failed.fitting if not r.as_expected} >= {"spinal_source_likely"}
    assert not check_program(bundled, {}).works  # no example patient at all: nothing says it works
