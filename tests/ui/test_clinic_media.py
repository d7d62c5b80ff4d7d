"""A clinic folder built on the bundled library shows each exercise's own media.

The exercise screen, built by the session controller, looks a bundled exercise's
video up in the bundled assets and a clinic exercise's in the clinic's assets.
"""

from kivy.app import App
from media import write_video
from yaml_files import write

from kiosk.app import shell  # noqa: F401  (loads the shell's kv rules: KioskButton)
from kiosk.clinical.plan import PlannedSet
from kiosk.clinical.program import Role
from kiosk.content import loader
from kiosk.exercise_session.controller import SessionController

CLINIC = """
use_bundled: true
exercises:
  - id: our_reach
    name: Our reach
    instructions: Reach up.
    kind: reps
    reps: 3
    video: videos/our_reach.mp4
"""


class ControllerHost(App):
    def __init__(self, controller) -> None:
        super().__init__()
        self.controller = controller

    def build(self):
        return self.controller.manager


def test_each_exercise_plays_the_video_beside_the_folder_that_defined_it(pilot, tmp_path):
    clinic = tmp_path / "clinic" / "exercises"
    write(clinic, "clinic.yaml", CLINIC)
    (tmp_path / "clinic" / "assets" / "videos").mkdir(parents=True)
    ours = write_video(tmp_path / "clinic" / "assets" / "videos" / "our_reach.mp4", seconds=0.5)
    library = loader.load([clinic])
    controller = SessionController(library, tmp_path / "clinic" / "assets")
    pilot.start(ControllerHost(controller))
    screen = controller.screens["exercise"]
    demo = screen.ids.demo
    try:
        screen.show(PlannedSet(0, Role.SPINAL, library.exercises["our_reach"], 1))
        assert demo.source == str(ours) and not demo.showing_placeholder
        # press_up's bundled video was baked from its animation: the live figure shows instead, and
        # nothing is reported missing (it would be, looked up in the clinic's assets)
        screen.show(PlannedSet(0, Role.SPINAL, library.exercises["press_up"], 1))
        assert demo.showing_animation and "not found" not in demo.problem
    finally:
        demo.stop()
