"""A program's state (issue 25): `offered: false` marks a draft, kept and checked but never offered to patients.

The state is in the program's own file, so a draft stays a draft wherever the file goes (the clinic server
mirrors the file as it is). The loader reads it, the writer writes it back, and the kiosk leaves a draft out
of the programs it offers."""

from dataclasses import replace

from yaml_files import GOOD_PROGRAM, one_program, write

from kiosk.content import loader
from kiosk.content.program_files import save_program
from kiosk.content.program_yaml import program_yaml
from kiosk.exercise_session.editor.draft import draft_of
from kiosk.exercise_session.offered import offerable


def test_a_draft_loads_is_written_back_as_a_draft_and_is_never_offered(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    write(folder, "a.yaml", one_program(*GOOD_PROGRAM[:1], "    offered: false", *GOOD_PROGRAM[1:]))
    library = loader.load([folder])
    assert not library.errors, library.errors
    draft = library.programs["knee_from_spine"]
    assert draft.offered is False and offerable(library.programs) == []
    assert "    offered: false\n" in program_yaml(draft, library.exercises)
    assert draft_of(draft, keep_id=True).to_program(library.exercises, []).offered is False  # an edit keeps it


def test_an_offered_program_says_nothing_and_offering_a_draft_is_a_checked_save(tmp_path):
    library = loader.load()
    offered = library.programs["knee_from_spine"]
    assert offered.offered and "offered" not in program_yaml(offered, library.exercises)
    assert "knee_from_spine" in offerable(library.programs)
    clinic = tmp_path / "programs"
    clinic.mkdir()
    draft = replace(offered, id="knee_plan", name="Knee plan", offered=False)
    save_program(draft, library, clinic)
    mixed = loader.load([loader.bundled_exercises_dir(), clinic])
    assert mixed.programs["knee_plan"].offered is False and "knee_plan" not in offerable(mixed.programs)
    save_program(replace(draft, offered=True), library, clinic)  # "Offer to patients"
    assert "knee_plan" in offerable(loader.load([loader.bundled_exercises_dir(), clinic]).programs)


def test_a_value_that_is_not_true_or_false_is_refused_with_its_line(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    write(folder, "a.yaml", one_program(*GOOD_PROGRAM[:1], "    offered: later", *GOOD_PROGRAM[1:]))
    [problem] = loader.load([folder]).errors
    assert problem.line == 10 and "offered" in str(problem), problem
