"""An exercise with neither a video nor an animation: the demonstration area is a deliberate card.

A clinic's own exercise file, played by the autopilot through the real kiosk in
English and in Spanish: the card shows the exercise's name, where it starts (in
words) and the dose, every word of it drawn; the instructions stay beside it,
not repeated on the card.
"""

import pytest
from test_journeys import plugin_of, start_kiosk
from whole_text import whole_text_problems
from yaml_files import write

from kiosk.content.script import load_script
from kiosk.exercise_session.autopilot import Autopilot

CLINIC = """
exercises:
  - id: towel_press
    name: Towel press
    instructions: Lie face down with a rolled towel under your belly. Press your hips gently into the mat.
    kind: hold
    reps: 3
    hold: 30
    sets: 2
    position: lying_front
    translations:
      es:
        name: Presión sobre la toalla
        instructions: >
          Túmbese boca abajo con una toalla enrollada bajo el vientre.
          Apriete suavemente las caderas contra la colchoneta.
programs:
  - id: towel_check
    name: Towel check
    translations:
      es:
        name: Prueba con la toalla
    blocks:
      - role: spinal
        exercises: [towel_press]
"""
PATIENT = """
program: towel_check
baseline: {symptoms: [knee_right], intensity: 5}
check_ins:
  - {symptoms: [knee_right], intensity: 5}
  - {symptoms: [knee_right], intensity: 5}
"""
CARD = {"en": ("Towel press", ["Start lying face down on the mat.", "Holds: 3, 30 seconds each", "Sets: 2"]),
        "es": ("Presión sobre la toalla", ["Empiece tumbado boca abajo en la colchoneta.",
                                           "Posturas: 3, de 30 segundos cada una", "Series: 2"])}


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_video_and_no_animation_shows_a_card_with_the_name_the_position_and_the_dose(pilot, tmp_path,
                                                                                        language):
    clinic = tmp_path / "exercises"
    write(clinic, "clinic.yaml", CLINIC)
    script, problems = load_script(write(tmp_path, "patient.yaml", PATIENT))
    assert script is not None, problems
    app = start_kiosk(pilot, programs=["towel_check"], exercises=clinic)
    controller = plugin_of(app).controller
    autopilot = Autopilot(controller, script, on_done=lambda result: None, language=language)
    autopilot.start()
    pilot.wait_until(lambda: controller.current_screen_name == "exercise", "the first set", 20000)
    pilot.frames(3)
    autopilot.stop()
    screen = controller.screens["exercise"]
    demo = screen.ids.demo
    assert demo.showing_placeholder and not demo.showing_animation
    name, lines = CARD[language]
    assert demo.ids.placeholder_title.text == name == screen.exercise_name
    card = demo.ids.placeholder_instructions.text
    for line in lines:
        assert line in card.splitlines(), card
    assert screen.instructions not in card and screen.ids.instructions.text == screen.instructions
    assert not whole_text_problems(screen, f"the card in {language}")
