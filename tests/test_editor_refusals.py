"""A refused save in the editor's words (issue 25): the loader's problems said as the screen names things."""

from kiosk.content import loader
from kiosk.content.program_files import ProgramRefused, save_program
from kiosk.exercise_session.editor.draft import BlockDraft, ProgramDraft, item_for
from kiosk.exercise_session.editor.refusals import draft_problems, refusal_lines, still_there

LIBRARY = loader.load()


def refused(draft: ProgramDraft, folder) -> list[str]:
    try:
        save_program(draft.to_program(LIBRARY.exercises, []), LIBRARY, folder)
    except ProgramRefused as refusal:
        return refusal_lines(refusal.problems, draft)
    raise AssertionError("the save was not refused")


def test_a_dose_a_hand_put_out_of_range_is_named_by_block_and_exercise_without_path_or_field_path(tmp_path):
    press_up = item_for(LIBRARY.exercises["press_up"])
    press_up.dose["sets"] = 60
    draft = ProgramDraft("Knee", blocks=[BlockDraft(items=[item_for(LIBRARY.exercises["prone_lying"])]),
                                         BlockDraft(items=[item_for(LIBRARY.exercises["bridge"]), press_up])])
    [line] = refused(draft, tmp_path)
    assert line == "Press up (Block 2): 60 sets is more than the 10 allowed", line
    assert str(tmp_path) not in line and "programs[" not in line and "blocks[" not in line


def test_what_the_draft_shows_is_said_once_and_leaves_when_fixed(tmp_path):
    draft = ProgramDraft("", blocks=[BlockDraft(items=[item_for(LIBRARY.exercises["press_up"])]), BlockDraft()])
    lines = refused(draft, tmp_path)
    assert lines == ["The program needs a name: touch the Name field and type one.",
                     "Block 2 has no exercises: add one, or remove the block."]
    seen = draft_problems(draft)
    draft.name = "Knee"
    assert still_there(lines, seen, draft) == lines[1:]
    del draft.blocks[1]
    assert still_there(lines, seen, draft) == []
    assert refused(ProgramDraft("Knee"), tmp_path) == ["The program has no blocks: touch Add a block, then add an "
                                                       "exercise to it."]
