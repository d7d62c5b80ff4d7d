"""The program writer: YAML like the README's, round trips, atomic saves, undo, and new ids.

Real files in a real clinic folder, read back by the real loader.
"""

from __future__ import annotations

import hashlib
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.clinical.program import AfterNoEffect, Block, Policy, Program, Role
from kiosk.content import loader
from kiosk.content.library_paths import load_with_clinic
from kiosk.content.program_files import (ProgramRefused, previous_path, program_id_for, program_path, program_shape,
                                         save_program, undo_last_change)
from kiosk.content.program_yaml import program_yaml
from kiosk.records.programs_folder import make_programs_dir

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = loader.load()
EXERCISES = BUNDLED.exercises


def dosed(exercise_id: str, **dose) -> object:
    return replace(EXERCISES[exercise_id], **dose)


def two_block_program(program_id: str = "clinic_knee", **press_up_dose) -> Program:
    """Two blocks from four bundled exercises, two of them with this program's own dose."""
    return Program(program_id, "Our knee programme", (
        Block(Role.SPINAL, (EXERCISES["prone_lying"], dosed("press_up", sets=3, reps=12, **press_up_dose)),
              "Extension"),
        Block(Role.STRENGTHENING, (dosed("bridge", rest=45), EXERCISES["bird_dog"])),
    ), Policy(3, 120, AfterNoEffect.CONTINUE), "For knee pain that may come from L3.")


@pytest.fixture
def folder(tmp_path) -> Path:
    return make_programs_dir(tmp_path / "data")


@pytest.fixture(scope="module")
def exercises_only(tmp_path_factory) -> Path:
    """The bundled exercise files without the bundled programs, so any id may be read back."""
    folder = tmp_path_factory.mktemp("exercises")
    for path in (ROOT / "exercises").glob("*.yaml"):
        if path.name != "programs.yaml":
            shutil.copy(path, folder)
    return folder


def read_back(text: str, exercises_only: Path, folder: Path) -> Program:
    path = folder / "program.yaml"
    path.write_text(text, encoding="utf-8")
    library = loader.load([exercises_only, path])
    assert library.errors == []
    [program] = library.programs.values()
    return program


def test_the_file_reads_like_the_readme_examples():
    text = program_yaml(two_block_program(), EXERCISES)
    assert text.startswith("# Written by the kiosk's program editor; you may edit it by hand.\n")
    assert "\nprograms:\n  - id: clinic_knee\n    name: Our knee programme\n" in text
    assert "    policy:\n      mcid: 3\n      recheck_after: 120\n      after_no_effect: continue\n" in text
    assert ("      - role: spinal\n        name: Extension\n        exercises:\n          - prone_lying\n"
            "          - {id: press_up, sets: 3, reps: 12}\n") in text
    spinal = Block(Role.SPINAL, (EXERCISES["prone_lying"], EXERCISES["press_up"]))
    plain = replace(two_block_program(), blocks=(spinal,))
    assert "        exercises: [prone_lying, press_up]\n" in program_yaml(plain, EXERCISES)


@pytest.mark.parametrize("program_id", sorted(BUNDLED.programs))
def test_every_bundled_program_round_trips(program_id, exercises_only, tmp_path):
    program = BUNDLED.programs[program_id]
    assert program_shape(read_back(program_yaml(program, EXERCISES), exercises_only, tmp_path)) == \
        program_shape(program)


ONE_LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).map(str.strip) \
    .filter(bool)
NOTES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x85\u2028\u2029"),
                max_size=300).map(str.strip)
EXERCISE_IDS = sorted(i for i, e in EXERCISES.items() if e.kind.value == "reps")
EXERCISE = st.builds(lambda i, sets, reps, hold, rest: dosed(i, sets=sets, reps=reps, hold=hold, rest=rest),
                     st.sampled_from(EXERCISE_IDS), st.integers(1, 10), st.integers(1, 50), st.integers(0, 600),
                     st.integers(0, 600))
BLOCK = st.builds(Block, st.sampled_from(list(Role)), st.lists(EXERCISE, min_size=1, max_size=4).map(tuple),
                  st.one_of(st.just(""), ONE_LINE))
PROGRAMS = st.builds(Program, st.just("generated"), ONE_LINE, st.lists(BLOCK, min_size=1, max_size=3).map(tuple),
                     st.builds(Policy, st.integers(1, 5), st.integers(10, 900), st.sampled_from(list(AfterNoEffect))),
                     NOTES, names=st.dictionaries(st.sampled_from(["es", "fr", "pt_BR"]), ONE_LINE, max_size=2))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(program=PROGRAMS)
def test_any_program_the_editor_can_make_round_trips(program, exercises_only, tmp_path):
    text = program_yaml(program, EXERCISES)
    assert program_shape(read_back(text, exercises_only, tmp_path)) == program_shape(program)


def test_notes_with_a_control_character_that_yaml_refuses_raw_round_trip(exercises_only, tmp_path):
    """Found by the test above: a DEL after a line break was written raw, and the file would not load."""
    program = replace(two_block_program(), description="0\n\x7f", names={"es": "Revisión"})
    text = program_yaml(program, EXERCISES)
    assert "\x7f" not in text
    assert program_shape(read_back(text, exercises_only, tmp_path)) == program_shape(program)


def test_a_new_program_is_saved_private_and_loads_with_the_bundled_library(folder):
    change = save_program(two_block_program(), BUNDLED, folder)
    path = program_path(folder, "clinic_knee")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (change.action, change.program_id, change.sha256_before) == ("save", "clinic_knee", None)
    assert change.sha256_after == hashlib.sha256(path.read_bytes()).hexdigest()
    assert previous_path(folder, "clinic_knee").read_bytes() == b""  # it did not exist before
    library = load_with_clinic(None, folder)
    assert library.errors == [] and program_shape(library.programs["clinic_knee"]) == \
        program_shape(two_block_program())
    assert library.programs["clinic_knee"].source_sha256 == change.sha256_after
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_edit_then_undo_then_undo_again(folder):
    first = save_program(two_block_program(), BUNDLED, folder)
    first_bytes = program_path(folder, "clinic_knee").read_bytes()
    second = save_program(two_block_program(hold=5), BUNDLED, folder)
    assert second.sha256_before == first.sha256_after != second.sha256_after
    undone = undo_last_change(folder, "clinic_knee")
    assert program_path(folder, "clinic_knee").read_bytes() == first_bytes
    assert (undone.action, undone.sha256_before, undone.sha256_after) == ("undo", second.sha256_after,
                                                                          first.sha256_after)
    redone = undo_last_change(folder, "clinic_knee")  # the undone version was kept: undo again redoes
    assert redone.sha256_after == second.sha256_after


def test_undo_of_a_new_program_removes_it_and_a_second_undo_brings_it_back(folder):
    saved = save_program(two_block_program(), BUNDLED, folder)
    assert undo_last_change(folder, "clinic_knee").sha256_after is None
    assert "clinic_knee" not in load_with_clinic(None, folder).programs
    assert undo_last_change(folder, "clinic_knee").sha256_after == saved.sha256_after
    assert "clinic_knee" in load_with_clinic(None, folder).programs


def test_undo_with_nothing_saved_is_refused(folder):
    with pytest.raises(ProgramRefused, match="no previous version"):
        undo_last_change(folder, "clinic_knee")


def test_an_invalid_program_is_refused_with_the_loaders_messages_and_nothing_changes(folder):
    save_program(two_block_program(), BUNDLED, folder)
    before = program_path(folder, "clinic_knee").read_bytes()
    ghost = replace(EXERCISES["bridge"], id="no_such_exercise")
    broken = replace(two_block_program(), blocks=(Block(Role.SPINAL, (ghost,)),))
    with pytest.raises(ProgramRefused) as refused:
        save_program(broken, BUNDLED, folder)
    [problem] = refused.value.problems
    assert str(problem).startswith(f"{program_path(folder, 'clinic_knee')}:")
    assert "unknown exercise 'no_such_exercise'" in str(problem)
    assert program_path(folder, "clinic_knee").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["clinic_knee.yaml", "clinic_knee.yaml.previous"]


def test_a_bundled_program_id_is_refused_and_the_bundled_files_are_never_rewritten(folder):
    bundled = {p: p.read_bytes() for p in (ROOT / "exercises").glob("*.yaml")}
    copy = BUNDLED.programs["knee_from_spine"]
    with pytest.raises(ProgramRefused, match="duplicate id 'knee_from_spine'"):
        save_program(copy, BUNDLED, folder)
    new_id = program_id_for(copy.name, load_with_clinic(None, folder).programs)
    first = copy.blocks[0]
    changed = replace(copy, id=new_id, blocks=(replace(first, exercises=(
        first.exercises[0], replace(first.exercises[1], sets=1), *first.exercises[2:])), *copy.blocks[1:]))
    save_program(changed, BUNDLED, folder)
    library = load_with_clinic(None, folder)
    assert library.programs[new_id].blocks[0].exercises[1].sets == 1
    assert library.programs["knee_from_spine"].blocks[0].exercises[1].sets == copy.blocks[0].exercises[1].sets
    assert {p: p.read_bytes() for p in (ROOT / "exercises").glob("*.yaml")} == bundled
    with pytest.raises(ValueError, match="never rewritten"):
        save_program(changed, BUNDLED, ROOT / "exercises")


@pytest.mark.parametrize("name, taken, expected", [
    ("Is my knee pain coming from my back?", (), "is_my_knee_pain_coming_from_my_back"),
    ("Rodilla: extensión", (), "rodilla_extension"),
    ("Rodilla: extensión", ("rodilla_extension",), "rodilla_extension_2"),
    ("Rodilla: extensión", ("rodilla_extension", "rodilla_extension_2"), "rodilla_extension_3"),
    ("3 weeks on", (), "program_3_weeks_on"),
    ("???", (), "program"),
    ("x" * 100, ("x" * 64,), "x" * 62 + "_2"),
], ids=["question", "accents", "taken", "taken-twice", "digit-first", "no-letters", "too-long"])
def test_the_id_comes_from_the_name(name, taken, expected):
    assert program_id_for(name, taken) == expected
