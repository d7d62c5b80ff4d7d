"""The patient's language, by touch on the real screens: chosen on the start screen in its own name,
followed by every word and the voice, and given back to the clinic's language by the idle reset."""

from kivy.metrics import dp
from kivy.uix.label import Label
from test_journeys import plugin_of

from kiosk.app.shell import KioskApp, ShellOptions


def start(pilot, tmp_path, programs=("knee_from_spine",), **options):
    return pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path / "data",
                                             extra={"programs": list(programs)}, **options)))


def shown_texts(widget) -> list[str]:
    """The text of every Label (buttons included) under `widget` that the patient can see."""
    return [child.text for child in widget.walk(restrict=True)
            if isinstance(child, Label) and child.text.strip() and child.opacity > 0 and child.width > 0
            and child.height > 0]


def language_buttons(controller) -> dict:
    row = controller.screens["attract"].ids.languages
    return {button.text: button for button in reversed(row.children)}


def test_the_start_screen_offers_each_language_in_its_own_name_and_spanish_is_followed_to_the_idle_reset(
        pilot, tmp_path):
    app = start(pilot, tmp_path)
    plugin = plugin_of(app)
    controller, speaker = plugin.controller, plugin.root.speaker
    buttons = language_buttons(controller)
    assert list(buttons) == ["English", "Español"]
    assert all(b.get_root_window() is not None and b.height >= dp(48) for b in buttons.values())
    assert buttons["English"].chosen and not buttons["Español"].chosen
    assert "Exercises for your back and knee" in shown_texts(controller.screens["attract"])

    pilot.tap(buttons["Español"])  # one touch
    attract = controller.screens["attract"]
    assert language_buttons(controller)["Español"].chosen
    assert {"Ejercicios para la espalda y la rodilla", "Toque la pantalla para empezar", "Empezar"} <= set(
        shown_texts(attract))
    assert speaker.ids.caption.text == "Con sonido" and plugin.voice.lang == "es"

    pilot.tap(attract.ids.choices.children[0])
    safety = controller.screens["safety"]
    assert controller.current_screen_name == "safety"
    assert {"Primero, unas preguntas de seguridad", "Pregunta 1 de 9", "Sí", "No",
            "¿Tiene dormida u hormigueante la piel entre las piernas o alrededor del trasero?"} <= set(
        shown_texts(safety))

    # The patient walks away: "Are you still there?" in their language, then the clinic's language again.
    pilot.wait_until(lambda: app.still_there.parent is not None, "the idle question", 3000)
    pilot.frames(2)
    assert {"¿Sigue ahí?", "Sigo aquí", "Toque el botón para continuar."} <= set(shown_texts(app.still_there))
    pilot.wait_until(lambda: controller.session is None and app.still_there.parent is None, "the idle reset", 3000)
    pilot.frames(2)
    assert controller.language == "en" and plugin.voice.lang == "en" and speaker.ids.caption.text == "Sound on"
    assert language_buttons(controller)["English"].chosen
    assert "Exercises for your back and knee" in shown_texts(controller.screens["attract"])


def test_a_program_not_complete_in_spanish_is_not_offered_in_spanish(pilot, tmp_path):
    folder = tmp_path / "exercises"
    import shutil

    from test_journeys import ROOT

    shutil.copytree(ROOT / "exercises", folder)
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    extension = folder / "extension.yaml"  # only knee_from_spine uses its exercises
    extension.write_text(extension.read_text().replace("    translations:\n      es:\n", "    translations:\n      fr:\n", 1))
    app = start(pilot, tmp_path, programs=("knee_from_spine", "flexion_progression"), exercises=folder)
    controller = plugin_of(app).controller
    names = lambda: [b.text for b in reversed(controller.screens["attract"].ids.choices.children)]  # noqa: E731
    assert len(names()) == 2
    pilot.tap(language_buttons(controller)["Español"])
    attract = controller.screens["attract"]
    assert attract.program_ids == ["flexion_progression"] and names() == ["Empezar"]  # the only one: one start
    assert list(language_buttons(controller)) == ["English", "Español"]  # French: only one exercise has it
