"""A clinic's face-down exercise with its own video and no `position`: never introduced with "Stand up".

Through the real kiosk, speaking (eSpeak NG, its speech log), played by the
autopilot: the video is shown, the kiosk says "Get into the starting position
shown." and nothing of standing, in English and in Spanish; the exercise as read
allows the floor's get-ready time.
"""

import json

import pytest
from media import write_video
from test_journeys import plugin_of
from yaml_files import write

from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.clinical.plan import FLOOR_GET_READY_SECONDS, get_ready_seconds
from kiosk.content import loader
from kiosk.content.script import load_script
from kiosk.exercise_session.autopilot import Autopilot

CLINIC = """
exercises:
  - id: towel_lying
    name: Lying on a towel
    instructions: Lie face down with a rolled towel under your belly. Let your back relax.
    kind: hold
    reps: 1
    hold: 20
    video: videos/towel_lying.mp4
    translations:
      es:
        name: Tumbado sobre una toalla
        instructions: Túmbese boca abajo con una toalla enrollada bajo el vientre. Relaje la espalda.
programs:
  - id: towel_check
    name: Towel check
    translations:
      es:
        name: Prueba con la toalla
    blocks:
      - role: spinal
        exercises: [towel_lying]
"""
PATIENT = """
program: towel_check
baseline: {symptoms: [knee_right], intensity: 5}
check_ins:
  - {symptoms: [knee_right], intensity: 5}
"""


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_face_down_exercise_with_a_video_and_no_position_is_never_introduced_standing(pilot, tmp_path, language):
    clinic = tmp_path / "clinic"
    write(clinic / "exercises", "towel.yaml", CLINIC)
    (clinic / "assets" / "videos").mkdir(parents=True)
    write_video(clinic / "assets" / "videos" / "towel_lying.mp4")
    script, _ = load_script(write(tmp_path, "patient.yaml", PATIENT))
    log = tmp_path / "speech.jsonl"
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path / "data",
                                            exercises=clinic / "exercises",
                                            extra={"programs": ["towel_check"], "speech_log": log})))
    plugin = plugin_of(app)
    plugin.root.wait_for_phrases = True  # as the autopilot's process does: every phrase made before it is due
    controller = plugin.controller
    results, seen = [], []
    autopilot = Autopilot(controller, script, on_done=results.append, language=language)
    autopilot.start()  # kept: the clock holds its steps weakly
    exercise = controller.screens["exercise"]
    pilot.wait_until(lambda: controller.current_screen_name == "exercise", "the set", 20000)
    pilot.frames(2)
    seen.append((exercise.ids.demo.showing_placeholder, exercise.ids.demo.showing_animation))
    pilot.wait_until(lambda: results, "the session's end", 20000)
    autopilot.stop()
    assert results[0]["steps"][0]["exercise"] == "towel_lying"
    assert seen == [(False, False)]  # its own video, not the written steps
    towel_lying = loader.load([clinic / "exercises"]).exercises["towel_lying"]  # as the kiosk read it
    assert towel_lying.position is None and get_ready_seconds(towel_lying) == FLOOR_GET_READY_SECONDS
    said = [json.loads(line) for line in log.read_text().splitlines()]
    ids = [entry["phrase"] for entry in said]
    assert "exercise.towel_lying" in ids and "position.unknown" in ids, ids
    assert not [entry for entry in said if entry["phrase"].startswith("position.") and entry["phrase"] !=
                "position.unknown"]
    assert {entry["lang"] for entry in said} == {language}
    standing = "Stand up" if language == "en" else "Póngase de pie"
    assert not [entry["text"] for entry in said if standing in entry["text"]]
