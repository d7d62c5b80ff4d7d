"""The exercise-file loader on good files: what it builds, from which files, in which order."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from yaml_files import DATA, GOOD_PROGRAM, one_exercise, one_program, write

from kiosk.clinical import program as model
from kiosk.clinical.program import AfterNoEffect, Exercise, ExerciseKind, Policy, Position, Role
from kiosk.content import loader
from kiosk.content.fields import EXERCISE, POLICY
from kiosk.content.loader import Problem, Severity


@pytest.fixture
def sample(monkeypatch) -> loader.Library:
    """The realistic sample folder tests/data/exercises, loaded as `exercises`."""
    monkeypatch.chdir(DATA)
    return loader.load(["exercises"])


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path("exercises")


def test_sample_folder_loads_without_problems(sample):
    assert sample.problems == []
    assert sample.files == [Path("exercises/back.yaml"), Path("exercises/core.yaml"),
                            Path("exercises/special_tests.yaml")]
    assert list(sample.exercises) == ["prone_lying", "prone_on_elbows", "press_up", "standing_extension",
                                      "abdominal_bracing", "bridge", "slouch_overcorrect"]
    assert list(sample.programs) == ["knee_from_spine"]
    assert list(sample.special_tests) == ["lachman", "faber", "prone_knee_bend"]


def test_exercise_is_built_with_its_dose_and_source(sample):
    press_up = sample.exercises["press_up"]
    assert press_up == Exercise("press_up", "Press-up", press_up.instructions, ExerciseKind.REPS, reps=10, hold=2,
                                sets=2, rest=30, safety="Stop if the pain spreads further down your leg.",
                                source="exercises/back.yaml:27", position=Position.LYING_FRONT)
    assert press_up.instructions.startswith("Lie on your front with your hands under your shoulders.\nStraighten")
    assert not press_up.instructions.endswith("\n")


def test_left_out_fields_take_their_defaults(sample):
    lying = sample.exercises["prone_lying"]
    assert (lying.kind, lying.reps, lying.hold, lying.sets, lying.rest) == (ExerciseKind.HOLD, 1, 180, 1, 0)
    standing = sample.exercises["standing_extension"]
    assert (standing.hold, standing.rest, standing.safety, standing.video, standing.image) == (0, 0, "", None, None)


def test_defaults_in_fields_match_the_dataclasses():
    assert Policy(**{**POLICY.defaults(), "after_no_effect": AfterNoEffect(POLICY.defaults()["after_no_effect"])}) \
        == Policy()
    assert EXERCISE.defaults()["rest"] == Exercise.__dataclass_fields__["rest"].default


def test_translations_give_the_words_in_each_language(sample):
    lying = sample.exercises["prone_lying"]
    assert lying.text("es").name == "Boca abajo"
    assert lying.text("es").safety == "Pare y avise si el dolor baja más por la pierna."
    assert lying.text("fr").name == "Lying face down"


def test_program_is_built_from_exercises_of_other_files(sample):
    program = sample.programs["knee_from_spine"]
    assert [block.role for block in program.blocks] == [Role.SPINAL, Role.STRENGTHENING, Role.POSTURAL]
    assert program.blocks[0].name == "Back extension"
    assert program.blocks[0].exercises[2] is sample.exercises["press_up"]
    assert program.policy == Policy(mcid=2, recheck_after=300, after_no_effect=AfterNoEffect.END)
    assert program.description.startswith("Extension progression for knee pain")
    assert program.source == "exercises/core.yaml:27"
    assert program.source_sha256 == hashlib.sha256((DATA / "exercises/core.yaml").read_bytes()).hexdigest()


def test_policy_values_and_default_policy(folder):
    write(folder, "a.yaml", one_program("    policy: {mcid: 3, recheck_after: 120, after_no_effect: continue}",
                                        *GOOD_PROGRAM, "  - id: plain", *GOOD_PROGRAM))
    library = loader.load([folder])
    assert library.programs["knee_from_spine"].policy == Policy(3, 120, AfterNoEffect.CONTINUE)
    assert library.programs["plain"].policy == Policy()


def test_special_tests_are_built(sample):
    lachman = sample.special_tests["lachman"]
    assert (lachman.name, lachman.group, lachman.target) == ("Lachman test", model.TestGroup.KNEE, "ACL")
    assert lachman.source == "exercises/special_tests.yaml:3"


@pytest.mark.parametrize("content", [b"", b"# only a comment\n\n# and another\n", b"---\n", b"\xef\xbb\xbf# BOM\n"],
                         ids=["empty", "comments-only", "lone-document-marker", "bom-and-comment"])
def test_empty_files_are_valid(folder, content):
    write(folder, "a.yaml", content)
    library = loader.load([folder])
    assert library.problems == [] and library.files == [folder / "a.yaml"]


def test_utf8_bom_is_fine(folder):
    write(folder, "a.yaml", b"\xef\xbb\xbf" + one_exercise(name="Flexión", position="standing").encode())
    library = loader.load([folder])
    assert library.problems == [] and library.exercises["press_up"].name == "Flexión"


def test_folder_reads_yaml_and_yml_files_sorted_by_name_not_recursively(folder):
    write(folder, "b.yaml", one_exercise(id="bridge", position="standing"))
    write(folder, "a.yaml", one_exercise(id="abdominal_bracing", position="standing"))
    write(folder, ".#a.yaml", "not: [valid")
    write(folder, "notes.txt", "not: [valid")
    write(folder / "old", "c.yaml", one_exercise(id="curl_up", position="standing"))
    write(folder, "d.yml", one_exercise(id="dead_bug", position="standing"))
    write(folder, "E.YML", one_exercise(id="side_plank", position="standing"))
    library = loader.load([folder])
    assert library.files == [folder / "E.YML", folder / "a.yaml", folder / "b.yaml", folder / "d.yml"]
    assert list(library.exercises) == ["side_plank", "abdominal_bracing", "bridge", "dead_bug"]
    assert library.problems == []


def test_a_yml_file_reads_the_same_alone_as_in_its_folder(folder):
    """`kiosk validate x.yml` and a folder run must agree on what a .yml file holds."""
    path = write(folder, "posture.yml", one_exercise(id="lumbar_roll"))
    alone, in_folder = loader.load([path]), loader.load([folder])
    assert list(alone.exercises) == list(in_folder.exercises) == ["lumbar_roll"]


def test_files_and_folders_can_be_mixed_and_a_file_is_read_once(folder, tmp_path):
    write(folder, "a.yaml", one_exercise())
    extra = write(tmp_path / "more", "extra.yaml", one_exercise(id="bridge"))
    library = loader.load([folder, extra, folder / "a.yaml"])
    assert library.files == [folder / "a.yaml", extra]
    assert list(library.exercises) == ["press_up", "bridge"]


def test_good_file_next_to_bad_ones_still_loads(folder):
    write(folder, "a.yaml", "exercises:\n  - id: x\n   name: broken indentation\n")
    write(folder, "b.yaml", one_program(*GOOD_PROGRAM))
    write(folder, "c.yaml", "exercises: !!python/object/apply:os.system [echo]\n")
    write(folder, "d.yaml", b"name: caf\xe9\n")
    library = loader.load([folder])
    assert list(library.exercises) == ["press_up"] and list(library.programs) == ["knee_from_spine"]
    assert [(problem.path, problem.line) for problem in library.errors] == [
        ("exercises/a.yaml", 3), ("exercises/c.yaml", 1), ("exercises/d.yaml", 1)]


def test_bad_exercise_is_dropped_and_the_rest_of_its_file_loads(folder):
    text = one_exercise(id="bad", reps="ten") + one_exercise()[len("exercises:\n"):] + "\n".join([
        "programs:",                                                  # line 12
        "  - id: uses_bad", *GOOD_PROGRAM[:-1], "        exercises: [press_up, bad]",
        "  - id: uses_good", *GOOD_PROGRAM]) + "\n"
    write(folder, "a.yaml", text)
    library = loader.load([folder])
    assert list(library.exercises) == ["press_up"] and list(library.programs) == ["uses_good"]
    assert [str(problem).split(":")[1] for problem in library.errors] == ["6", "17"]


def test_problems_come_in_line_order_whatever_the_section_order(folder):
    write(folder, "a.yaml", "programs:\n  - id: p\n    name: P\n    blocks: [{role: spinal, exercises: [nope]}]\n"
                            + one_exercise(reps="ten"))
    lines = [problem.line for problem in loader.load([folder]).problems]
    assert lines == sorted(lines) and len(lines) == 2


def test_existing_media_loads_quietly_and_missing_media_is_a_warning(folder, tmp_path):
    write(tmp_path / "assets" / "videos", "press_up.mp4", b"")
    write(folder, "a.yaml", one_exercise(video="videos/./press_up.mp4", image="images/press_up.png", position="standing"))
    library = loader.load([folder])
    assert [str(problem) for problem in library.problems] == [
        "exercises/a.yaml:8: exercises[0].image: warning: file not found: assets/images/press_up.png"]
    assert library.errors == []
    assert (library.exercises["press_up"].video, library.exercises["press_up"].image) == \
        ("videos/press_up.mp4", "images/press_up.png")


def test_assets_folder_can_be_given(folder, tmp_path):
    write(tmp_path / "media" / "videos", "press_up.mp4", b"")
    write(folder, "a.yaml", one_exercise(video="videos/press_up.mp4", position="standing"))
    assert loader.load([folder], assets=Path("media")).problems == []
    assert len(loader.load([folder]).problems) == 1


def test_default_folders(root):
    assert loader.bundled_exercises_dir() == root / "exercises"
    assert loader.default_assets_dir(root / "exercises") == root / "assets"
    assert loader.default_assets_dir(Path("clinic/exercises")) == Path("clinic/assets")


def test_bundled_folder_loads_without_errors(root, monkeypatch):
    monkeypatch.chdir(root)
    library = loader.load()
    assert library.errors == [], "\n".join(map(str, library.errors))
    assert all(not str(problem).startswith("/") for problem in library.problems)


@pytest.mark.parametrize("problem, shown", [
    (Problem("exercises/back.yaml", 14, "exercises[2].reps", 'must be a whole number from 1 to 50, got "ten"'),
     'exercises/back.yaml:14: exercises[2].reps: must be a whole number from 1 to 50, got "ten"'),
    (Problem("exercises/a.yaml", 9, "exercises[0].video", "file not found: assets/videos/x.mp4", Severity.WARNING),
     "exercises/a.yaml:9: exercises[0].video: warning: file not found: assets/videos/x.mp4"),
    (Problem("exercises/gone.yaml", 0, "file", "can't be read: Permission denied"),
     "exercises/gone.yaml: file: can't be read: Permission denied"),
], ids=["error", "warning", "whole-file"])
def test_problem_prints_as_path_line_where_message(problem, shown):
    assert str(problem) == shown


def test_errors_leave_out_warnings():
    warning = Problem("a.yaml", 1, "file", "w", Severity.WARNING)
    error = Problem("a.yaml", 2, "file", "e")
    assert loader.Library(problems=[warning, error]).errors == [error]


def test_a_program_dropped_for_one_error_still_has_its_unknown_references_reported(tmp_path):
    (tmp_path / "p.yaml").write_text(
        "exercises:\n"
        "  - {id: press_up, name: Press-up, instructions: Push up., kind: reps, reps: 10}\n"
        "programs:\n"
        "  - id: broken\n"
        "    name: Broken\n"
        "    policy: {mcid: 9}\n"
        "    blocks:\n"
        "      - role: spinal\n"
        "        exercises: [press_up, prone_lyng]\n")
    library = loader.load([tmp_path])
    printed = [str(p) for p in library.errors]
    assert any(":6: programs[0].policy.mcid: must be a whole number from 1 to 5" in p for p in printed), printed
    assert any(":9: programs[0].blocks[0].exercises[1]: unknown exercise 'prone_lyng'" in p for p in printed), printed
    assert library.programs == {} and library.problems_of_program("broken") == library.errors


def test_an_exercise_with_errors_still_has_its_missing_video_reported(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "p.yaml").write_text(
        "exercises:\n"
        "  - {id: press_up, name: Press-up, instructions: Push up., kind: reps, reps: 99,\n"
        "     video: videos/press_up.mp4}\n"
        "  - {id: bridge, name: Bridge, instructions: Lift., kind: reps, reps: 99, video: ../outside.mp4}\n")
    library = loader.load([folder])
    printed = [str(p) for p in library.problems]
    assert any(":3: exercises[0].video: warning: file not found" in p for p in printed), printed
    assert not any("exercises[1].video: warning" in p for p in printed), printed  # its path is an error already
    assert any("exercises[1].video:" in p and "warning" not in p for p in printed), printed
