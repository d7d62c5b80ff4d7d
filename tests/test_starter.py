"""`kiosk new DIR`: a commented starter clinic folder that validates and runs as it is.

And `kiosk simulate` saying, when a script runs out, what the session was asking
for and how many check-ins the program asks for.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kiosk.__main__ import main
from kiosk.clinical.program import ExerciseKind, Role
from kiosk.content import loader
from kiosk.content.fields import POLICY

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_starter_validates_with_no_problem_at_all(capsys, tmp_path):
    folder = tmp_path / "clinic"
    code, out, _ = run(capsys, "new", str(folder))
    assert code == 0
    assert out.splitlines()[0] == (f"kiosk new: wrote {folder}/exercises/clinic.yaml, "
                                   f"{folder}/patients/clinic_knee_check.yaml and the empty folder "
                                   f"{folder}/assets/videos")
    assert f"kiosk validate {folder}/exercises" in out
    code, out, err = run(capsys, "validate", str(folder / "exercises"))
    assert (code, out) == (0, "")
    assert err.endswith("; 0 errors, 0 warnings\n")


def test_the_starter_shows_each_kind_every_role_every_policy_field_and_spanish(capsys, tmp_path):
    folder = tmp_path / "clinic"
    assert main(["new", str(folder)]) == 0
    library = loader.load([folder / "exercises"])
    bundled = loader.load(None)
    own = {key: e for key, e in library.exercises.items() if key not in bundled.exercises}
    assert {e.kind for e in own.values()} == set(ExerciseKind)
    assert all("es" in e.translations for e in own.values())
    program = library.programs["clinic_knee_check"]
    assert {block.role for block in program.blocks} == set(Role)
    used = {e.id for block in program.blocks for e in block.exercises}
    assert used & set(own) and used & set(bundled.exercises)  # its own exercises and bundled ones
    written = yaml.safe_load((folder / "exercises" / "clinic.yaml").read_text(encoding="utf-8"))
    assert set(written["programs"][0]["policy"]) == set(POLICY.by_name)
    assert written["use_bundled"] is True


def test_the_starter_script_plays_its_program_to_the_end(capsys, tmp_path):
    folder = tmp_path / "clinic"
    assert main(["new", str(folder)]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "simulate", "clinic_knee_check", "--exercises", str(folder / "exercises"),
                         "--script", str(folder / "patients" / "clinic_knee_check.yaml"), "--json")
    assert code == 0 and err == ""
    assert '"outcome": "spinal_source_likely"' in out


def test_new_never_writes_into_a_folder_that_holds_something(capsys, tmp_path):
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "notes.txt").write_text("ours")
    code, out, err = run(capsys, "new", str(folder))
    assert (code, out) == (2, "")
    assert err == (f"kiosk new: {folder} already exists and is not an empty folder; expected a new folder "
                   "(nothing was written, so nothing of yours is overwritten)\n")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_simulate_says_what_a_script_that_ran_out_was_asked_and_how_many_check_ins_the_program_wants(capsys):
    script = ROOT / "examples" / "patients" / "incomplete.yaml"
    code, _, err = run(capsys, "simulate", "knee_from_spine", "--script", str(script))
    assert code == 0
    assert err == ("kiosk simulate: the script ran out after its 2 check-ins: the session then asked for the "
                   "check-in after press_up set 1 of 2, so the patient is taken to have left (outcome incomplete). "
                   "To go on, add answers: program 'knee_from_spine' asks for a check-in after each of its 10 sets "
                   "(8 more from here), plus one after each rest before a recheck, unless its outcome comes "
                   "sooner\n")


def test_a_script_that_runs_out_waiting_for_a_recheck_says_so(capsys, tmp_path):
    script = tmp_path / "s.yaml"
    script.write_text("baseline: {symptoms: [knee_right], intensity: 5}\n"
                      "check_ins:\n  - {symptoms: [knee_right, lower_leg_right], intensity: 6}\n")
    code, _, err = run(capsys, "simulate", "knee_from_spine", "--script", str(script))
    assert code == 0
    assert ("then asked for the recheck after the rest that followed prone_lying set 1 of 1, so the patient is "
            "taken to have left") in err
