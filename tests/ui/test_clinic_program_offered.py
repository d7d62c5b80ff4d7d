"""A clinic program in the data folder's programs/ is offered on the start screen like a bundled one."""

from test_journeys import plugin_of
from yaml_files import write

from kiosk.app.shell import KioskApp, ShellOptions
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
