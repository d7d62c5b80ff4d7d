"""Building a program by touch on the staff screen: two blocks, four exercises with this program's doses,
checked, saved as a draft (not on the start screen), offered after its check; the start screen offers it, `kiosk validate` passes it and the real kiosk runs a session on it."""

import json
import os
import subprocess
import sys

from editor_touch import pick, plugin_of, press, section_of, start_staff, tap_in_editor, tap_in_staff, type_text
from yaml_files import write

from kiosk.__main__ import main
from kiosk.clinical.plan import estimated_seconds
from kiosk.content.program_check import load_example_patients
from kiosk.records.programs_folder import programs_dir

SAVED = """\
# Written by the kiosk's program editor; you may edit it by hand.
# After editing, run `kiosk validate` to check it. The format is described in the
# README ("Writing exercise files"); the kiosk keeps the previous version beside
# this file as knee_plan.yaml.previous.
programs:
  - id: knee_plan
    name: Knee plan
    policy:
      mcid: 3
      recheck_after: 300
      after_no_effect: end
    blocks:
      - role: spinal
        exercises:
          - {id: press_up, sets: 3, reps: 12}
          - standing_extension
      - role: strengthening
        name: core
        exercises:
          - {id: bridge, hold: 8}
          - {id: dead_bug, rest: 10}
"""

PATIENT = """\
program: knee_plan
description: Knee pain that centralizes over the three sets of press-ups, then the core block.
baseline: {symptoms: [knee_right, thigh_front_right, back_right], intensity: 6}
check_ins:
  - {symptoms: [thigh_front_right, back_right], intensity: 5}
  - {symptoms: [back_right], intensity: 4}
  - {symptoms: [back_central], intensity: 3}
  - {symptoms: [back_central], intensity: 3}
  - {symptoms: [back_central], intensity: 2}
  - {symptoms: [back_central], intensity: 2}
"""


def build_by_touch(pilot, editor) -> None:
    tap_in_editor(pilot, editor, "name")
    type_text(pilot, editor, "Knee planx")
    pilot.tap_at(*editor.keyboard.key_position("backspace"))
    assert editor.draft.name == "Knee plan" and "Id: knee_plan" in editor.id_line
    pilot.tap_at(*editor.keyboard.key_position("enter"))
    assert not editor.keyboard.shown
    press(pilot, editor, "policy:mcid", "plus")
    tap_in_editor(pilot, editor, "add_block")
    pick(pilot, editor, 0, "press_up")
    pick(pilot, editor, 0, "standing_extension")
    press(pilot, editor, "dose:0:0:sets", "plus")
    press(pilot, editor, "dose:0:0:reps", "plus", times=2)
    tap_in_editor(pilot, editor, "add_block")
    tap_in_editor(pilot, editor, "block:1:role:strengthening")
    tap_in_editor(pilot, editor, "block:1:name")
    type_text(pilot, editor, "core")
    pick(pilot, editor, 1, "dead_bug")
    pick(pilot, editor, 1, "bridge")
    tap_in_editor(pilot, editor, "item:1:1:up")  # bridge first
    press(pilot, editor, "dose:1:0:hold", "plus", times=3)
    press(pilot, editor, "dose:1:1:rest", "plus", times=2)


def test_a_program_built_by_touch_is_checked_saved_as_a_draft_offered_valid_and_runs(pilot, tmp_path, capsys):
    data = tmp_path / "data"
    app = start_staff(pilot, data)
    tap_in_staff(pilot, app, section_of(app).widgets["programs:new"])
    editor = section_of(app).editor
    build_by_touch(pilot, editor)
    tap_in_editor(pilot, editor, "offer")  # before any check: refused, nothing written
    assert editor.message.startswith("Not offered yet: first touch Check this program")
    assert not (programs_dir(data) / "knee_plan.yaml").exists()

    tap_in_editor(pilot, editor, "block:1:add")  # the picker says where the exercise goes, its group first
    pilot.frames(10)
    assert editor.picker.ids.heading.text.startswith("Add to Block 2 (strengthening): ")
    assert editor.picker.ids.listing.data[0]["text"].startswith("Strengthening: core (")
    pilot.tap(editor.picker.ids.cancel)
    pilot.frames(2)
    tap_in_editor(pilot, editor, "check")
    patients, _ = load_example_patients()
    lines = editor.check_text.splitlines()  # the details, at the top of the editing under the one-line answer
    fitting, left_out = lines[1:-1], lines[-1]
    assert left_out.startswith("Left out: ") and "written for other sets" in left_out
    named = [name for name in patients if any(line.startswith(f"{name}: ") for line in fitting)]
    assert len(named) == len(fitting) > 0 and all(name in left_out for name in patients if name not in named)
    assert not any("_" in line.split(": ", 1)[1] for line in fitting)  # outcomes in words, not codes
    assert editor.message.startswith("Works: ") and "\n" not in editor.message and editor.offer_ready
    tops = [editor.ids[key].to_window(0, editor.ids[key].top)[1] for key in ("message", "check_result", "name")]
    assert tops[0] > tops[1] > tops[2] and tops[1] > editor.height / 2  # answer, details under it, then the rest
    tap_in_editor(pilot, editor, "save")
    saved = programs_dir(data) / "knee_plan.yaml"
    draft_text = SAVED.replace("    policy:", "    offered: false\n    policy:")
    assert saved.read_text() == draft_text, editor.message
    assert editor.message.startswith("Saved as a draft to") and "Edit program (draft)" == editor.title
    program = plugin_of(app).library.programs["knee_plan"]
    assert lines[0].startswith(f"Estimated duration when every set is done: {estimated_seconds(program) // 60} min")
    assert "knee_plan" not in plugin_of(app).controller.screens["attract"].program_ids  # a draft: not offered

    press(pilot, editor, "dose:1:0:hold", "plus")  # a change after the check takes the offer back
    assert not editor.offer_ready
    tap_in_editor(pilot, editor, "offer")
    assert editor.message.startswith("Not offered yet") and saved.read_text() == draft_text
    press(pilot, editor, "dose:1:0:hold", "minus")  # as checked again
    assert editor.offer_ready
    tap_in_editor(pilot, editor, "offer")
    assert saved.read_text() == SAVED, editor.message  # offered: the line is gone
    assert editor.message.startswith("Offered to patients") and editor.title == "Edit program"
    assert editor.ids.offer.disabled and editor.ids.offer.text == "Offered to patients"

    tap_in_editor(pilot, editor, "close")
    assert editor.parent is None
    assert section_of(app).widgets["programs:edit:knee_plan"] is not None  # now a clinic program, editable
    pilot.tap(app.manager.get_screen("staff").ids.back)
    attract = plugin_of(app).controller.screens["attract"]
    assert "knee_plan" in attract.program_ids and len(attract.ids.choices.children) == len(attract.program_ids)

    assert main(["validate", "--data", str(data)]) == 0
    script = write(tmp_path, "patient.yaml", PATIENT)
    assert main(["simulate", "knee_plan", "--script", str(script), "--data", str(data), "--json"]) == 0
    printed = capsys.readouterr().out  # a new program has no Spanish name yet: one warning line comes first
    assert "warning: Español (es)" in printed
    simulated = json.loads(printed[printed.index("\n{") + 1:])
    assert simulated["outcome"] == "spinal_source_likely"
    pilot.stop()
    env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy", KIVY_HOME=str(tmp_path / "kivy"))
    done = subprocess.run([sys.executable, "-m", "kiosk", "run", "--autopilot", str(script), "--program", "knee_plan",
                           "--data", str(data)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout) == simulated
