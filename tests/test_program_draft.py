"""The editor's draft of a program (no Kivy): ids from names, copies, order, and the program it becomes."""

from kiosk.clinical.program import ExerciseKind, Role
from kiosk.content import loader
from kiosk.content.program_files import program_shape
from kiosk.exercise_session.editor.draft import (BlockDraft, ProgramDraft, dose_bounds, dose_step, draft_of, item_for,
                                                 move)


def test_a_new_programs_id_follows_its_name_and_stays_unique_until_fixed():
    library = loader.load()
    draft = ProgramDraft(name="Knee from spine")
    assert draft.program_id(["other"]) == "knee_from_spine"
    assert draft.program_id(library.programs) == "knee_from_spine_2"  # the bundled one has that id
    draft.fixed_id = "knee_from_spine_2"
    draft.name = "Something else entirely"
    assert draft.program_id(library.programs) == "knee_from_spine_2"


def test_an_edit_keeps_the_program_and_a_copy_is_new_and_drops_the_translated_names():
    library = loader.load()
    bundled = library.programs["knee_from_spine"]
    edited = draft_of(bundled, keep_id=True)
    assert program_shape(edited.to_program(library.exercises, [])) == program_shape(bundled)
    copy = draft_of(bundled, keep_id=False)
    assert copy.fixed_id is None and copy.names == {} and copy.name == f"{bundled.name} (copy)"
    assert copy.program_id(library.programs) == "is_my_knee_pain_coming_from_my_back_copy"


def test_the_dose_goes_into_the_program_and_blocks_move():
    library = loader.load()
    press_up = item_for(library.exercises["press_up"])
    press_up.dose["sets"] = 4
    draft = ProgramDraft("Two blocks", blocks=[BlockDraft(Role.SPINAL, "", [press_up]),
                                               BlockDraft(Role.POSTURAL, "Posture", [])])
    assert move(draft.blocks, 0, +1) and not move(draft.blocks, 1, +1) and not move(draft.blocks, 0, -1)
    program = draft.to_program(library.exercises, library.programs)
    assert [block.role for block in program.blocks] == [Role.POSTURAL, Role.SPINAL]
    assert program.blocks[1].exercises[0].sets == 4 and library.exercises["press_up"].sets != 4


def test_steppers_get_the_formats_ranges_and_a_hold_exercise_holds_at_least_a_second():
    assert (dose_bounds("sets", ExerciseKind.REPS).low, dose_bounds("sets", ExerciseKind.REPS).high) == (1, 10)
    assert dose_bounds("hold", ExerciseKind.REPS).low == 0 and dose_bounds("hold", ExerciseKind.HOLD).low == 1
    assert dose_bounds("rest", ExerciseKind.REPS).high == 600 and dose_bounds("rest", ExerciseKind.REPS).step == 5


def test_a_long_hold_moves_by_more_than_a_second_a_touch():
    assert [dose_step("hold", seconds) for seconds in (2, 9, 10, 59, 60, 180)] == [1, 1, 5, 5, 15, 15]
    assert dose_step("rest", 180) == 5 and dose_step("sets", 3) == 1
