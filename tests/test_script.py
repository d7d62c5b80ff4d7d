"""Patient scripts for `kiosk simulate`: what they hold, and PATH:LINE problems when they are wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from yaml_files import DATA, write

from kiosk.clinical.checkin import CheckIn
from kiosk.content.script import PatientScript, ScriptAnswer, load_script

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "examples" / "patients").glob("*.yaml")) + sorted((DATA / "patients").glob("*.yaml"))


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path("patients")


def test_sample_script_is_read():
    script, problems = load_script(DATA / "patients" / "centralizes.yaml")
    assert problems == []
    assert script == PatientScript(
        red_flags=(),
        baseline=CheckIn(frozenset({"knee_right", "thigh_front_right"}), intensity=6),
        check_ins=(
            ScriptAnswer(CheckIn(frozenset({"thigh_front_right"}), intensity=5)),
            ScriptAnswer(CheckIn(frozenset({"knee_right"}), frozenset({"lower_leg_right"}), 6, weakness=False)),
            ScriptAnswer(CheckIn(), red_flag="bladder_bowel_change"),
        ),
        program="knee_from_spine",
        description="Knee pain that centralizes with press-ups",
    )


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_example_script_is_valid(path):
    script, problems = load_script(path)
    assert [str(problem) for problem in problems] == [] and script is not None


def test_defaults_and_red_flags(folder):
    path = write(folder, "s.yaml", "red_flags: [saddle_numbness, night_pain]\nbaseline: {}\n")
    script, problems = load_script(path)
    assert problems == []
    assert script == PatientScript(("saddle_numbness", "night_pain"), CheckIn(), ())
    assert script.program is None and script.description == ""


def test_answer_may_report_a_red_flag_along_with_a_check_in(folder):
    path = write(folder, "s.yaml", "baseline: {symptoms: [knee_left], intensity: 4}\n"
                                   "check_ins:\n  - {symptoms: [knee_left], intensity: 4, weakness: yes,"
                                   " red_flag: progressive_weakness}\n")
    script, _ = load_script(path)
    assert script.check_ins == (ScriptAnswer(CheckIn(frozenset({"knee_left"}), intensity=4, weakness=True),
                                             "progressive_weakness"),)


BAD = [
    pytest.param("red_flags: []\n", "1: baseline", "missing; expected a mapping of the check-in's fields (symptoms, "
                 "numbness, intensity, weakness)", id="missing-baseline"),
    pytest.param("baseline: {symptoms: [knee_rigth], intensity: 3}\n", "1: baseline.symptoms[0]",
                 "must be a known body region id, got \"knee_rigth\" (did you mean 'knee_right'?)", id="region-typo"),
    pytest.param("baseline: {numbness: [elbow], intensity: 3}\n", "1: baseline.numbness[0]",
                 'got "elbow"; known: back_central, back_left, back_right', id="region-unknown"),
    pytest.param("baseline: {symptoms: [knee_right]}\n", "1: baseline.intensity", "missing (required when symptoms "
                 "is not empty); expected a whole number from 0 to 10", id="intensity-missing"),
    pytest.param("baseline:\n  symptoms: [knee_right]\n  intensity: 11\n", "3: baseline.intensity",
                 "must be a whole number from 0 to 10, got 11", id="intensity-11"),
    pytest.param("baseline:\n  intensity: 3\n  intensity: 4\n", "3: baseline.intensity", "is set twice in one "
                 "mapping (first on line 2)", id="duplicate-key"),
    pytest.param("baseline: {weakness: maybe}\n", "1: baseline.weakness", 'must be true or false, got "maybe"',
                 id="weakness-not-bool"),
    pytest.param("baseline: {sypmtoms: []}\n", "1: baseline.sypmtoms", "unknown field, did you mean 'symptoms'?",
                 id="field-typo"),
    pytest.param("baseline: {red_flag: night_pain}\n", "1: baseline.red_flag", "unknown field; expected one of: "
                 "symptoms, numbness, intensity, weakness", id="red-flag-in-baseline"),
    pytest.param("red_flags: saddle_numbness\nbaseline: {}\n", "1: red_flags", 'must be a list of red flag ids, got '
                 '"saddle_numbness"; write it as [saddle_numbness]', id="red-flags-not-a-list"),
    pytest.param("red_flags: [sadle_numbness]\nbaseline: {}\n", "1: red_flags[0]", "must be a known red flag id, got "
                 "\"sadle_numbness\" (did you mean 'saddle_numbness'?)", id="red-flag-typo"),
    pytest.param("baseline: {}\ncheck_ins:\n  - {}\n  - {red_flag: fever}\n", "4: check_ins[1].red_flag",
                 "must be a known red flag id", id="answer-red-flag-unknown"),
    pytest.param("baseline: {}\ncheck_ins:\n  - knee_right\n", "3: check_ins[0]", "must be a mapping of the "
                 "check-in's fields", id="answer-not-a-mapping"),
    pytest.param("baseline: {}\ncheck_ins: {symptoms: []}\n", "2: check_ins", "must be a list of check-ins, got a "
                 "mapping", id="check-ins-not-a-list"),
    pytest.param("program: Knee From Spine\nbaseline: {}\n", "1: program", "(did you mean 'knee_from_spine'?)",
                 id="program-id"),
    pytest.param("baseline: {}\nnotes: x\n", "2: notes", "unknown field; expected one of: program, description",
                 id="unknown-top-level"),
    pytest.param("- baseline: {}\n", "1: file", "must be a mapping of the patient script's fields (program, "
                 "description, red_flags, baseline, check_ins), got a list", id="top-level-list"),
    pytest.param("", "1: file", "is empty; expected a patient script with at least baseline:", id="empty"),
    pytest.param("baseline: {intensity: 3\n", "1: yaml", "the '{' opened on this line is not closed; expected a "
                 "'}' after the last item, on the same line", id="syntax"),
    pytest.param("baseline: &b {}\ncheck_ins: [*b]\n", "2: yaml", "aliases (*b) are not allowed", id="alias"),
    pytest.param("baseline: !!python/object/apply:os.system [ls]\n", "1: yaml", "the tag "
                 "!!python/object/apply:os.system is not allowed", id="python-tag"),
    pytest.param(b"description: caf\xe9\nbaseline: {}\n", "1: file", "is not UTF-8 text", id="latin-1"),
]


@pytest.mark.parametrize("text, spot, words", BAD)
def test_bad_script_gives_no_script_and_path_line_problems(folder, text, spot, words):
    path = write(folder, "s.yaml", text)
    script, problems = load_script(path)
    shown = [str(problem) for problem in problems]
    assert script is None
    assert any(line.startswith(f"patients/s.yaml:{spot}: ") and words in line for line in shown), "\n".join(shown)
    assert [problem.line for problem in problems] == sorted(problem.line for problem in problems)


def test_missing_script_file(folder):
    script, problems = load_script(folder / "nope.yaml")
    assert script is None
    assert [str(problem) for problem in problems] == [
        "patients/nope.yaml: file: can't be read: No such file or directory"]


def test_unexpected_exception_becomes_a_problem(folder, monkeypatch):
    from kiosk.content import script as module

    def broken(path, shown):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(module, "read_yaml", broken)
    script, problems = load_script(write(folder, "s.yaml", "baseline: {}\n"))
    assert script is None
    assert [str(problem) for problem in problems] == [
        "patients/s.yaml:1: file: could not be loaded (RuntimeError: disk on fire); expected a valid patient "
        "script: please report this"]
