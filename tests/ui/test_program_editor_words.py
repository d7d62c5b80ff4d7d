"""The program editor's words and targets, by touch in the real window: the description field, a dose out of
range refused in the screen's words, the + and − of neighbouring doses apart and clear of the scroll bar, and
the picker's title and names."""

from __future__ import annotations

import pytest
from editor_touch import pick, plugin_of, press, section_of, start_staff, tap_in_editor, tap_in_staff, type_text
from kivy.metrics import dp

from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.content.fields import DOSE_FIELDS
from kiosk.exercise_session import program_editing
from kiosk.exercise_session.editor.draft import BlockDraft, ItemDraft, ProgramDraft, item_for
from kiosk.records.programs_folder import programs_dir

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]
COPY_ID = "is_my_knee_pain_coming_from_my_back_copy"
GAP = dp(8)
"""The least room between the buttons of neighbouring dose numbers (and between any two of them)."""


def test_the_description_is_typed_saved_into_the_file_and_a_copy_keeps_it_to_change(pilot, tmp_path):
    data = tmp_path / "data"
    app = start_staff(pilot, data)
    bundled = plugin_of(app).library.programs["knee_from_spine"]
    section = section_of(app)
    tap_in_staff(pilot, app, section.widgets["programs:copy:knee_from_spine"])
    editor = section.editor
    assert editor.title.startswith("Copy of ") and bundled.description
    assert editor.ids.description.text == bundled.description  # kept, to be changed
    tap_in_editor(pilot, editor, "description")
    assert editor.keyboard.shown and editor.keyboard.target is editor.ids.description
    pilot.tap_at(*editor.keyboard.key_position("clear"))
    type_text(pilot, editor, "Extension only, then the core")
    pilot.tap_at(*editor.keyboard.key_position("enter"))
    assert not editor.keyboard.shown
    tap_in_editor(pilot, editor, "save")
    saved = (programs_dir(data) / f"{COPY_ID}.yaml").read_text(encoding="utf-8")
    assert "    description: >\n      Extension only, then the core\n" in saved
    assert plugin_of(app).library.programs[COPY_ID].description == "Extension only, then the core"
    tap_in_editor(pilot, editor, "close")

    section = section_of(app)
    tap_in_staff(pilot, app, section.widgets[f"programs:edit:{COPY_ID}"])
    editor = section.editor
    assert editor.ids.description.text == "Extension only, then the core"
    tap_in_editor(pilot, editor, "description")
    pilot.tap_at(*editor.keyboard.key_position("clear"))
    pilot.tap_at(*editor.keyboard.key_position("enter"))
    tap_in_editor(pilot, editor, "save")
    assert "description" not in (programs_dir(data) / f"{COPY_ID}.yaml").read_text(encoding="utf-8")
    assert [change.summary for change in program_editing.history(app.records)][0] == "Saved: Description removed"


def test_a_dose_out_of_its_range_is_refused_with_the_exercise_value_unit_and_limit(pilot, tmp_path):
    """A program whose dose is outside the format's range (the editor's steppers never make one: here it comes
    in with the draft) is refused on Save in the screen's words, above and below the range."""
    app = start_staff(pilot, tmp_path / "data")
    library = plugin_of(app).library
    press_up = item_for(library.exercises["press_up"])
    press_up.dose.update(sets=60, rest=700)
    prone = item_for(library.exercises["prone_lying"])
    prone.dose["hold"] = 0
    draft = ProgramDraft("Out of range", blocks=[BlockDraft(items=[ItemDraft("standing_extension", dict(
        item_for(library.exercises["standing_extension"]).dose, sets=0)), press_up]), BlockDraft(items=[prone])])
    editor = section_of(app).open_editor(draft)
    pilot.frames(2)
    tap_in_editor(pilot, editor, "save")
    lines = editor.message.split("\n")
    assert lines[0] == "Not saved; nothing was written. Please correct:"
    assert set(lines[1:]) == {"Standing extension (Block 1): 0 sets is fewer than the 1 allowed",
                              "Press up (Block 1): 60 sets is more than the 10 allowed",
                              "Press up (Block 1): a 700 s rest is longer than the 600 s allowed"}
    press(pilot, editor, "dose:0:0:sets", "plus")  # each stepper shows its nearest bound: a touch sets it
    press(pilot, editor, "dose:0:1:sets", "minus")
    press(pilot, editor, "dose:0:1:rest", "minus")
    assert [(item.dose["sets"], item.dose["rest"]) for item in editor.draft.blocks[0].items][1] == (9, 595)
    tap_in_editor(pilot, editor, "save")  # the loader reports the next block's problem now
    assert editor.message.split("\n")[1:] == ["Prone lying (Block 2): a 0 s hold is shorter than the 1 s allowed"]
    assert not programs_dir(tmp_path / "data").exists() or not list(programs_dir(tmp_path / "data").glob("*.yaml"))


def start_at(pilot, data, size):
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=data)), size=size)
    app.open_staff()
    pilot.frames(3)
    return app


def window_box(widget) -> tuple[float, float, float, float]:
    left, bottom = widget.to_window(widget.x, widget.y)
    return left, bottom, left + widget.width, bottom + widget.height


def apart(one, other) -> float:
    """How far apart two boxes are: the larger of the horizontal and vertical gaps (negative: they overlap)."""
    return max(other[0] - one[2], one[0] - other[2], other[1] - one[3], one[1] - other[3])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_plus_of_one_dose_is_clearly_apart_from_the_next_minus_and_clear_of_the_scroll_bar(pilot, tmp_path,
                                                                                               size):
    app = start_at(pilot, tmp_path / "data", size)
    tap_in_staff(pilot, app, section_of(app).widgets["programs:new"])
    editor = section_of(app).editor
    tap_in_editor(pilot, editor, "add_block")
    pick(pilot, editor, 0, "press_up")
    pick(pilot, editor, 0, "prone_lying")
    scroll = editor.ids.scroll
    bar_left = scroll.to_window(scroll.right - scroll.bar_width - scroll.bar_margin, scroll.y)[0]
    gaps, lefts = [], []
    for position in (0, 1):
        steppers = [editor.widgets[f"dose:0:{position}:{name}"] for name in DOSE_FIELDS]
        scroll.scroll_to(steppers[0], padding=40, animate=False)
        pilot.frames(2)
        buttons = [stepper.ids[side] for stepper in steppers for side in ("minus", "plus")]
        boxes = [window_box(button) for button in buttons]
        for button, box in zip(buttons, boxes):
            assert button.width >= dp(48) and button.height >= dp(48), (size, button.size)
            assert box[2] <= bar_left - GAP, f"a button reaches under the scroll bar at {size}: {box} {bar_left}"
            assert box[0] >= 0
        for one, other in zip(steppers, steppers[1:]):  # this number's + and the next one's −
            gaps.append(apart(window_box(one.ids.plus), window_box(other.ids.minus)))
        assert min(apart(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]) >= GAP
        lefts.append(bar_left - max(box[2] for box in boxes))
    assert min(gaps) >= GAP, (size, gaps)
    print(f"\n{size[0]}x{size[1]}: + to next − {min(gaps) / dp(1):.0f} dp at least; last + {min(lefts) / dp(1):.0f} "
          "dp left of the scroll bar")


def test_the_picker_says_which_block_it_adds_to_and_names_each_exercise_both_ways_by_role(pilot, tmp_path):
    app = start_staff(pilot, tmp_path / "data")
    tap_in_staff(pilot, app, section_of(app).widgets["programs:new"])
    editor = section_of(app).editor
    tap_in_editor(pilot, editor, "add_block")
    tap_in_editor(pilot, editor, "block:0:role:postural")
    tap_in_editor(pilot, editor, "add_block")  # Block 2, spinal
    tap_in_editor(pilot, editor, "block:1:add")
    pilot.frames(10)
    picker = editor.picker
    assert picker.ids.heading.text.startswith("Add to Block 2 (spinal): ")
    headings = [item["text"] for item in picker.ids.listing.data if item["viewclass"] == "PickerGroup"]
    assert headings[0].startswith("Spinal") and any(h.startswith("Postural") for h in headings)
    row = picker.rows["dead_bug"]
    assert row.name == "Dead bug (Lying arm and leg lower)"
    pilot.tap(picker.rows["press_up"], frames=20)
    assert [item.exercise_id for item in editor.draft.blocks[1].items] == ["press_up"]
    tap_in_editor(pilot, editor, "block:0:add")
    pilot.frames(10)
    assert editor.picker.ids.heading.text.startswith("Add to Block 1 (postural): ")
    first = next(item["text"] for item in editor.picker.ids.listing.data if item["viewclass"] == "PickerGroup")
    assert first.startswith("Postural")
    editor.picker.cancel()


def test_a_plus_or_minus_touched_at_its_bound_says_the_limit(pilot, tmp_path):
    app = start_staff(pilot, tmp_path / "data")
    tap_in_staff(pilot, app, section_of(app).widgets["programs:new"])
    editor = section_of(app).editor
    tap_in_editor(pilot, editor, "add_block")
    pick(pilot, editor, 0, "press_up")
    sets = editor.widgets["dose:0:0:sets"]
    press(pilot, editor, "dose:0:0:sets", "plus", times=int(sets.high - sets.value))
    assert sets.ids.plus.disabled and editor.message == ""
    press(pilot, editor, "dose:0:0:sets", "plus")
    assert (sets.value, editor.message) == (10, "Press up (Block 1): 10 sets is the most allowed")
    rest = editor.widgets["dose:0:0:rest"]
    press(pilot, editor, "dose:0:0:rest", "minus", times=int(rest.value // rest.step) + 1)
    assert (rest.value, editor.message) == (0, "Press up (Block 1): a 0 s rest is the shortest allowed")
    press(pilot, editor, "policy:mcid", "plus", times=4)  # 2 -> 5, then a touch more
    assert editor.message == "MCID: 5 points is the most allowed"
    press(pilot, editor, "dose:0:0:sets", "minus")  # a number that moves says nothing new
    assert editor.draft.blocks[0].items[0].dose["sets"] == 9
