"""Changing programs by touch: copy a bundled one, edit the copy, undo; steppers stay in range; a refused save
keeps the editing."""

import hashlib
from pathlib import Path

from editor_touch import (answer, pick, plugin_of, press, section_of, start_staff, tap_in_editor, tap_in_staff,
                          type_text)

from kiosk.content.program_files import previous_path
from kiosk.exercise_session import program_editing
from kiosk.exercise_session.screens.summary import local_time
from kiosk.records.programs_folder import programs_dir

COPY_ID = "is_my_knee_pain_coming_from_my_back_copy"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_copy_a_bundled_program_change_one_dose_edit_it_and_undo_by_touch(pilot, tmp_path):
    data = tmp_path / "data"
    app = start_staff(pilot, data)
    bundled = plugin_of(app).library.programs["knee_from_spine"]
    bundled_file = Path(bundled.source.rsplit(":", 1)[0])
    bundled_bytes = bundled_file.read_bytes()
    section = section_of(app)
    assert "programs:edit:knee_from_spine" not in section.widgets  # bundled: copy only
    tap_in_staff(pilot, app, section.widgets["programs:copy:knee_from_spine"])
    editor = section.editor
    assert editor.title == f"Copy of {bundled.name} (draft)" and f"Id: {COPY_ID}" in editor.id_line
    press(pilot, editor, "dose:1:0:rest", "plus")  # abdominal bracing rests 5 s between sets in the copy
    tap_in_editor(pilot, editor, "policy:after_no_effect:continue")
    tap_in_editor(pilot, editor, "save")
    saved = programs_dir(data) / f"{COPY_ID}.yaml"
    first = saved.read_bytes()
    assert b"          - {id: abdominal_bracing, rest: 5}\n" in first
    assert b"exercises: [prone_lying, prone_on_elbows, press_up, standing_extension]" in first
    assert b"      after_no_effect: continue\n" in first
    assert bundled_file.read_bytes() == bundled_bytes
    tap_in_editor(pilot, editor, "close")

    section = section_of(app)
    tap_in_staff(pilot, app, section.widgets[f"programs:edit:{COPY_ID}"])
    editor = section.editor
    assert editor.title == "Edit program (draft)" and editor.draft.fixed_id == COPY_ID
    tap_in_editor(pilot, editor, "item:0:0:down")  # prone on elbows before prone lying
    tap_in_editor(pilot, editor, "item:2:1:remove")  # no lumbar roll
    answer(pilot, "go", "Remove Lumbar roll (Sitting with a back roll) from Block 3?")
    tap_in_editor(pilot, editor, "block:2:up")  # posture before strengthening
    tap_in_editor(pilot, editor, "save")
    second = saved.read_bytes()
    program = plugin_of(app).library.programs[COPY_ID]
    assert [[e.id for e in block.exercises] for block in program.blocks] == [
        ["prone_on_elbows", "prone_lying", "press_up", "standing_extension"], ["slouch_overcorrect"],
        ["abdominal_bracing", "bridge", "bird_dog"]]
    assert previous_path(programs_dir(data), COPY_ID).read_bytes() == first
    tap_in_editor(pilot, editor, "close")

    section = section_of(app)
    tap_in_staff(pilot, app, section.widgets[f"programs:undo:{COPY_ID}"])
    answer(pilot, "go", "Undo the last change to")
    assert saved.read_bytes() == first and "Undone" in section_of(app).message.text
    program = plugin_of(app).library.programs[COPY_ID]
    assert [e.id for e in program.blocks[2].exercises] == ["slouch_overcorrect", "lumbar_roll"]
    history = [(c.action, c.sha256_before, c.sha256_after) for c in program_editing.history(app.records)]
    assert history == [("undo", sha(second), sha(first)), ("save", sha(first), sha(second)), ("save", None, sha(first))]
    widgets = section_of(app).widgets
    shown = [w for k, w in widgets.items() if k.startswith("programs:change:") and not k.endswith(":sha256")]
    first_saved = program_editing.history(app.records)[-1].changed_at
    assert [line.text.split(f"{COPY_ID}: ", 1)[1] for line in shown] == [
        f"Undone to the version of {local_time(first_saved)}",
        "Saved: Blocks put in a new order; Block 1: exercises put in a new order; Block 2: removed Lumbar roll",
        "Saved: new program, 3 blocks of 9 exercises, a draft"]
    audit = [widgets[f"programs:change:{change.id}:sha256"] for change in program_editing.history(app.records)]
    assert [line.text for line in audit] == [f"file sha256 {sha(second)[:10]} -> {sha(first)[:10]}",
                                             f"file sha256 {sha(first)[:10]} -> {sha(second)[:10]}",
                                             f"file sha256 none -> {sha(first)[:10]}"]
    assert all(line.font_size < words.font_size for line, words in zip(audit, shown))  # the words first, larger
    assert bundled_file.read_bytes() == bundled_bytes


def test_steppers_stay_in_the_formats_range_and_a_refused_save_keeps_the_editing(pilot, tmp_path):
    data = tmp_path / "data"
    app = start_staff(pilot, data)
    tap_in_staff(pilot, app, section_of(app).widgets["programs:new"])
    editor = section_of(app).editor
    press(pilot, editor, "policy:mcid", "plus", times=4)  # 2 -> 5, then a touch more
    mcid = editor.widgets["policy:mcid"]
    assert mcid.value == 5 and editor.draft.policy.mcid == 5 and mcid.ids.plus.disabled
    press(pilot, editor, "policy:recheck_after", "minus", times=30)  # 300 s -> 10 s, the floor
    assert editor.draft.policy.recheck_after == 10 and editor.widgets["policy:recheck_after"].ids.minus.disabled
    tap_in_editor(pilot, editor, "add_block")
    tap_in_editor(pilot, editor, "check")  # the engine needs a set to run
    assert editor.message.startswith("Nothing to check yet") and editor.check_text == ""
    tap_in_editor(pilot, editor, "save")  # no name, and a block with no exercise
    assert editor.message.splitlines() == ["Not saved; nothing was written. Please correct:",
                                           "The program needs a name: touch the Name field and type one.",
                                           "Block 1 has no exercises: add one, or remove the block."]
    assert not (programs_dir(data) / "program.yaml").exists()
    assert len(editor.draft.blocks) == 1 and editor.draft.policy.mcid == 5  # nothing of the editing is lost
    tap_in_editor(pilot, editor, "add_block")
    tap_in_editor(pilot, editor, "block:1:role:postural")
    tap_in_editor(pilot, editor, "block:0:down")
    assert [block.role.value for block in editor.draft.blocks] == ["postural", "spinal"]
    tap_in_editor(pilot, editor, "block:0:remove")
    answer(pilot, "go", "Remove Block 1?")
    assert [block.role.value for block in editor.draft.blocks] == ["spinal"]
    pick(pilot, editor, 0, "prone_lying")  # the banner follows: Block 1 has an exercise now
    pilot.frames(2)
    assert editor.message.splitlines()[1:] == ["The program needs a name: touch the Name field and type one."]
    press(pilot, editor, "dose:0:0:sets", "minus")  # already 1: stays, and says so above what is still wrong
    assert editor.message.splitlines() == ["Prone lying (Block 1): 1 set is the fewest allowed",
                                           "Not saved; nothing was written. Please correct:",
                                           "The program needs a name: touch the Name field and type one."]
    press(pilot, editor, "dose:0:0:hold", "minus", times=10)  # a 3-minute hold: 15 s a touch, 5 s under 60 s
    assert editor.draft.blocks[0].items[0].dose == {"sets": 1, "reps": 1, "hold": 40, "rest": 0}
    assert editor.widgets["dose:0:0:sets"].ids.minus.disabled
    tap_in_editor(pilot, editor, "name")
    type_text(pilot, editor, "Knee")
    assert editor.message == "Fixed: touch Save to save it."  # the last problem fixed: the banner clears


def test_undoing_a_first_save_removes_the_program_and_a_second_undo_brings_it_back(pilot, tmp_path):
    data = tmp_path / "data"
    app = start_staff(pilot, data)
    tap_in_staff(pilot, app, section_of(app).widgets["programs:copy:core_only"])
    editor = section_of(app).editor
    tap_in_editor(pilot, editor, "save")
    program_id = editor.draft.fixed_id
    saved = programs_dir(data) / f"{program_id}.yaml"
    first = saved.read_bytes()
    tap_in_editor(pilot, editor, "close")
    tap_in_staff(pilot, app, section_of(app).widgets[f"programs:undo:{program_id}"])
    assert saved.exists(), "undo asks before it removes"
    answer(pilot, "keep", "which was saved only once. Remove it?")
    assert saved.exists() and program_id in plugin_of(app).library.programs
    tap_in_staff(pilot, app, section_of(app).widgets[f"programs:undo:{program_id}"])
    answer(pilot, "go", "which was saved only once. Remove it?")
    assert not saved.exists() and program_id not in plugin_of(app).library.programs
    assert "removed" in section_of(app).message.text
    tap_in_staff(pilot, app, section_of(app).widgets[f"programs:undo:{program_id}"])  # still listed: undo again
    answer(pilot, "go", "Undo brings")
    assert saved.read_bytes() == first and program_id in plugin_of(app).library.programs


def test_a_new_program_never_takes_the_id_of_a_file_in_the_clinics_folder(pilot, tmp_path):
    """A hand-edited file that does not load is not a program, but its file must not be written over."""
    data = tmp_path / "data"
    broken = programs_dir(data) / "knee_plan.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("programs:\n  - id: knee_plan\n    name: [not, a, name]\n", encoding="utf-8")
    app = start_staff(pilot, data)
    tap_in_staff(pilot, app, section_of(app).widgets["programs:copy:core_only"])
    editor = section_of(app).editor
    editor.ids.name.text = "Knee plan"  # what the keyboard types is tested in test_program_editor
    assert "Id: knee_plan_2 " in editor.id_line
    tap_in_editor(pilot, editor, "save")
    assert (programs_dir(data) / "knee_plan_2.yaml").is_file() and "[not, a, name]" in broken.read_text()


def test_an_undo_to_a_version_that_no_longer_loads_is_refused_in_the_screens_words(pilot, tmp_path):
    """The earlier version names an exercise the kiosk no longer has: nothing changes, and the refusal names
    the block and the exercise's place, not the file, its line or the loader's field path."""
    data = tmp_path / "data"
    app = start_staff(pilot, data)
    tap_in_staff(pilot, app, section_of(app).widgets["programs:copy:core_only"])
    editor = section_of(app).editor
    tap_in_editor(pilot, editor, "save")
    tap_in_editor(pilot, editor, "save")  # a second save: the first is now the version an undo goes back to
    program_id = editor.draft.fixed_id
    tap_in_editor(pilot, editor, "close")
    folder = programs_dir(data)
    earlier = previous_path(folder, program_id)
    earlier.write_text(earlier.read_text(encoding="utf-8").replace("abdominal_bracing, bridge,", "abdominal_bracing, gone_exercise,"), encoding="utf-8")
    now = (folder / f"{program_id}.yaml").read_bytes()
    tap_in_staff(pilot, app, section_of(app).widgets[f"programs:undo:{program_id}"])
    answer(pilot, "go", "Undo the last change")
    said = section_of(app).message.text
    assert said.startswith("Not undone: the version before cannot be used now. Block 1, exercise "), said
    assert "gone_exercise" in said and str(folder) not in said and "programs[" not in said and ".yaml" not in said
    assert (folder / f"{program_id}.yaml").read_bytes() == now
