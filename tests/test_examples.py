"""The bundled content: exercise folder, programs, special tests, and the example patients.

Every file in examples/patients is named after the outcome it must reach
(`<outcome>[-detail].yaml`); `kiosk simulate` must agree with the name.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.__main__ import main
from kiosk.clinical import program as model
from kiosk.clinical.engine import Outcome
from kiosk.clinical.program import ExerciseKind, Role
from kiosk.content import loader
from kiosk.content.script import load_script

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "patients").glob("*.yaml"))
DURING_SESSION = "red_flag_stop-during"
"""The one example that reports a red flag mid-session; the others answer every check-in."""

SPECIAL_TESTS = {
    model.TestGroup.KNEE: ["lachman", "anterior_drawer", "pivot_shift", "posterior_drawer", "sag_sign",
                     "valgus_stress", "varus_stress", "mcmurray", "thessaly", "joint_line_tenderness",
                     "patellar_grind", "patellar_apprehension", "lateral_step_down"],
    model.TestGroup.HIP: ["faber", "fadir", "log_roll", "hip_scour", "hip_internal_rotation"],
    model.TestGroup.NERVE: ["prone_knee_bend"],
}
"""Every knee, hip and nerve test the kiosk may recommend to the therapist, by group."""

EXTENSION = ["prone_lying", "prone_on_elbows", "press_up", "standing_extension"]
FLEXION = ["flexion_lying", "flexion_sitting", "flexion_standing"]
CORE = ["abdominal_bracing", "bridge", "bird_dog", "dead_bug", "side_plank", "curl_up"]
POSTURAL = ["slouch_overcorrect", "lumbar_roll"]

PATIENT_JARGON = re.compile(r"\b(diagnos|discs?\b|derangement|nerve|roots?\b|sciatica|acl\b|menisc|stenosis|"
                            r"centrali[sz]|periphera|lumbar|cauda|spine|spinal)", re.IGNORECASE)
"""Words that don't belong in patient text: a diagnosis, or clinical terms older patients won't know."""


@pytest.fixture(scope="module")
def library() -> loader.Library:
    return loader.load()


def expected_outcome(path: Path) -> str:
    return path.stem.split("-")[0]


def example_id(path: Path) -> str:
    return path.stem


def test_there_are_examples():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("path", EXAMPLES, ids=example_id)
def test_example_reaches_the_outcome_in_its_name(path, capsys):
    script, problems = load_script(path)
    assert problems == [] and script is not None
    assert main(["simulate", script.program, "--script", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["outcome"] == expected_outcome(path)
    if expected_outcome(path) == "incomplete":  # the patient walks away: simulate says where the script ran out
        assert err.startswith("kiosk simulate: the script ran out after its ") and err.count("\n") == 1
    else:
        assert err == "", "the script should end exactly when the session does (no unused check-ins)"


def test_every_outcome_has_an_example():
    named = {expected_outcome(path) for path in EXAMPLES}
    assert {outcome.value for outcome in Outcome} <= named
    assert named <= {outcome.value for outcome in Outcome}, "a file name's prefix must be an outcome"


def test_red_flags_are_shown_before_during_and_by_new_weakness():
    scripts = {path.stem: load_script(path)[0] for path in EXAMPLES if path.stem.startswith("red_flag_stop")}
    assert any(script.red_flags for script in scripts.values())
    assert any(answer.red_flag for script in scripts.values() for answer in script.check_ins)
    assert any(answer.check_in.weakness for script in scripts.values() for answer in script.check_ins)


@pytest.mark.parametrize("path", EXAMPLES, ids=example_id)
def test_example_can_be_played_by_touch(path):
    """The autopilot plays examples on the real screens: pain above 0 needs a region on the body map."""
    script, _ = load_script(path)
    for check_in in [script.baseline] + [answer.check_in for answer in script.check_ins]:
        assert not check_in.intensity or check_in.regions
    reports_red_flag = any(answer.red_flag for answer in script.check_ins)
    assert reports_red_flag == (path.stem == DURING_SESSION)


INSTALLED = Path(sys.executable).parent / "kiosk"


@pytest.mark.parametrize("command", [
    pytest.param([sys.executable, "-m", "kiosk"], id="python-m-kiosk"),
    pytest.param([str(INSTALLED)], id="kiosk-script"),  # scripts/setup.sh installs it: never skipped
])
def test_real_command_simulates_an_example(command):
    path = ROOT / "examples" / "patients" / "spinal_source_likely.yaml"
    command = command + ["simulate", "knee_from_spine", "--script", str(path), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcome"] == "spinal_source_likely"


# The bundled exercise folder ------------------------------------------------------------------


def test_bundled_folder_has_no_problems_not_even_warnings(library):
    assert [str(problem) for problem in library.problems] == []
    assert sorted(library.programs) == ["core_only", "flexion_progression", "knee_from_spine"]


@pytest.mark.parametrize("program_id, spinal", [
    ("knee_from_spine", EXTENSION),
    ("flexion_progression", FLEXION),
    ("core_only", []),
])
def test_programs_have_their_spinal_progression_then_core_then_posture(library, program_id, spinal):
    program = library.programs[program_id]
    roles = [block.role for block in program.blocks]
    assert roles == sorted(roles, key=list(Role).index), "spinal blocks first, then strengthening, then postural"
    found = [exercise.id for block in program.blocks if block.role is Role.SPINAL for exercise in block.exercises]
    assert found == spinal
    assert all(exercise_id in library.exercises for exercise_id in found)
    assert {Role.STRENGTHENING, Role.POSTURAL} <= set(roles)
    assert program.description


def test_knee_from_spine_is_the_one_the_domain_describes(library):
    program = library.programs["knee_from_spine"]
    assert program.name == "Is my knee pain coming from my back?"
    assert [[exercise.id for exercise in block.exercises] for block in program.blocks] == [
        EXTENSION, ["abdominal_bracing", "bridge", "bird_dog"], POSTURAL]
    assert (program.policy.mcid, program.policy.recheck_after, program.policy.after_no_effect.value) == \
        (2, 300, "end")


def test_every_exercise_is_bundled(library):
    assert set(EXTENSION + FLEXION + CORE + POSTURAL) <= set(library.exercises)


@pytest.mark.parametrize("exercise_id, kind, reps, hold, sets", [
    ("prone_lying", ExerciseKind.HOLD, 1, 180, 1),
    ("prone_on_elbows", ExerciseKind.HOLD, 1, 180, 1),
    ("press_up", ExerciseKind.REPS, 10, 2, 2),
    ("standing_extension", ExerciseKind.REPS, 10, 0, 1),
    ("abdominal_bracing", ExerciseKind.HOLD, 10, 10, 1),
    ("bridge", ExerciseKind.HOLD, 10, 5, 1),
    ("curl_up", ExerciseKind.HOLD, 5, 10, 1),
])
def test_doses_follow_the_domain(library, exercise_id, kind, reps, hold, sets):
    exercise = library.exercises[exercise_id]
    assert (exercise.kind, exercise.reps, exercise.hold, exercise.sets) == (kind, reps, hold, sets)


def test_side_plank_holds_10_to_30_seconds_on_each_side(library):
    side_plank = library.exercises["side_plank"]
    assert 10 <= side_plank.hold <= 30 and side_plank.reps % 2 == 0


def test_every_exercise_has_a_safety_cue_and_its_demonstration(library):
    for exercise in library.exercises.values():
        assert exercise.safety, exercise.id
        assert exercise.animation is not None and exercise.video == f"videos/{exercise.id}.mp4", exercise.id
        assert exercise.image is None, exercise.id


def test_extension_exercises_are_in_spanish(library):
    for exercise_id in EXTENSION:
        spanish = library.exercises[exercise_id].text("es")
        assert spanish.name and spanish.instructions and spanish.safety
        assert spanish.name != library.exercises[exercise_id].name


def test_patient_text_has_no_diagnosis_or_jargon(library):
    for exercise in library.exercises.values():
        words = " ".join([exercise.name, exercise.instructions, exercise.safety])
        assert PATIENT_JARGON.findall(words) == [], exercise.id


def test_special_test_catalogue_covers_every_test_of_the_domain(library):
    by_group = {group: sorted(test.id for test in library.special_tests.values() if test.group is group)
                for group in model.TestGroup}
    assert by_group == {group: sorted(ids) for group, ids in SPECIAL_TESTS.items()}
    for test in library.special_tests.values():
        assert test.target and test.how and test.positive
