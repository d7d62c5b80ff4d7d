"""A clinic program in the data folder's programs/ is offered on the start screen like a bundled one,
and the real kiosk process runs a session on one saved as the program editor saves it."""

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from test_journeys import plugin_of
from yaml_files import write

from kiosk.__main__ import main
from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.content import loader
from kiosk.content.program_files import program_id_for
from kiosk.exercise_session import program_editing
from kiosk.records.programs_folder import make_programs_dir

CLINIC_PROGRAM = """
programs:
  - id: clinic_extension
    name: Our extension programme
    blocks:
      - role: spinal
        exercises: [prone_lying, {id: press_up, sets: 1}]
"""


def test_the_start_screen_offers_the_clinic_program(pilot, tmp_path):
    write(make_programs_dir(tmp_path / "data"), "clinic_extension.yaml", CLINIC_PROGRAM)
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path / "data")))
    pilot.frames(3)
    controller = plugin_of(app).controller
    attract = controller.screens["attract"]
    assert controller.current_screen_name == "attract"
    assert "clinic_extension" in attract.program_ids
    assert {"knee_from_spine", "clinic_extension"} <= set(attract.program_ids)
    assert len(attract.ids.choices.children) == len(attract.program_ids)


def test_a_draft_never_reaches_the_start_screen_even_when_staff_chose_it(pilot, tmp_path):
    """A draft (`offered: false`), as the clinic server mirrors it into the folder, is not offered, even
    where the kiosk's saved choice of programs names it (or names nothing else)."""
    from kiosk.records.store import Records

    write(make_programs_dir(tmp_path / "data"), "clinic_extension.yaml",
          CLINIC_PROGRAM.replace("    blocks:", "    offered: false\n    blocks:"))
    records = Records.open(tmp_path / "data").records
    records.set_setting("active_programs", json.dumps(["clinic_extension"]))
    records.close()
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path / "data")))
    pilot.frames(3)
    plugin = plugin_of(app)
    attract = plugin.controller.screens["attract"]
    assert "clinic_extension" in plugin.library.programs and "clinic_extension" not in attract.program_ids
    assert "knee_from_spine" in attract.program_ids
    assert len(attract.ids.choices.children) == len(attract.program_ids)
    plugin.set_programs(["clinic_extension", "core_only"])  # what the staff toggles and a server round call
    pilot.frames(3)
    assert plugin.controller.program_ids == ["core_only"]


def test_the_autopilot_completes_a_session_on_a_saved_clinic_program(tmp_path, capsys):
    """Copy a bundled program, change one dose, save it as the editor will; the real kiosk runs it."""
    data = tmp_path / "data"
    script = Path(__file__).resolve().parents[2] / "examples" / "patients" / "spinal_source_likely.yaml"
    library = loader.load()
    bundled = library.programs["knee_from_spine"]
    core = bundled.blocks[1]
    slower = replace(core, exercises=(replace(core.exercises[0], rest=45), *core.exercises[1:]))
    copy = replace(bundled, id=program_id_for("Knee from spine, our way", library.programs),
                   name="Knee from spine, our way", blocks=(bundled.blocks[0], slower, *bundled.blocks[2:]))
    program_editing.save(None, copy, library, data)
    assert main(["validate", "--data", str(data)]) == 0
    assert main(["simulate", copy.id, "--script", str(script), "--data", str(data), "--json"]) == 0
    simulated = json.loads(capsys.readouterr().out)
    env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy", KIVY_HOME=str(tmp_path / "kivy"))
    done = subprocess.run([sys.executable, "-m", "kiosk", "run", "--autopilot", str(script), "--program", copy.id,
                           "--data", str(data)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout) == simulated
    assert simulated["outcome"] == "spinal_source_likely" and simulated["program"] == "knee_from_spine_our_way"
