"""The patient's language, by touch on the real screens: chosen on the start screen in its own name,
followed by every word and the voice, and given back to the clinic's language by the idle reset."""

import json
import re
import shutil

import pytest
from babel.messages.pofile import read_po
from kivy.clock import Clock
from kivy.metrics import dp
from kivy.uix.label import Label
from kivy.core.window import Window
from test_journeys import ROOT, hold, labels_text, plugin_of, simulate
from test_look import check_screen

from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.content.script import load_script
from kiosk.language import TEMPLATE, translation


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


def test_with_several_programs_each_is_named_in_the_chosen_language(pilot, tmp_path):
    app = start(pilot, tmp_path, programs=("knee_from_spine", "flexion_progression", "core_only"))
    controller = plugin_of(app).controller
    pilot.tap(language_buttons(controller)["Español"])
    names = {button.text for button in controller.screens["attract"].ids.choices.children}
    assert names == {"¿Mi dolor de rodilla viene de la espalda?", "Ejercicios para inclinarse hacia delante",
                     "Fuerza del tronco y postura"}
    pilot.tap(language_buttons(controller)["English"])
    names = {button.text for button in controller.screens["attract"].ids.choices.children}
    assert "Is my knee pain coming from my back?" in names


def test_a_program_not_complete_in_spanish_is_not_offered_in_spanish(pilot, tmp_path):
    folder = tmp_path / "exercises"
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


# A whole session in Spanish, by touch ---------------------------------------------------------------

ENGLISH_WORDS = re.compile(r"\b(the|your|you|and|of|to|is|in|pain|touch|start|next|back|set|hold|rest|sound|"
                           r"left|right|knee|leg|lie|stand|staff|please|now|seconds?|minutes?)\b", re.IGNORECASE)


def english_sentences(library) -> list[re.Pattern]:
    """Every English sentence the kiosk could show, as a pattern (placeholders match anything): the
    catalogue's msgids that Spanish words differently, and the exercises' own English words."""
    spanish = translation("es")
    sentences = [message.id for message in read_po(TEMPLATE.open("rb"))
                 if message.id and spanish.gettext(message.id) != message.id]
    for exercise in library.exercises.values():
        sentences += [exercise.name, *exercise.instructions.splitlines(), exercise.safety]
    return [re.compile(re.sub(r"\\\{\w*\\\}", ".+?", re.escape(s.strip()))) for s in sentences if s.strip()]


def english_left(texts, patterns) -> list[str]:
    return sorted({text for text in texts
                   if ENGLISH_WORDS.search(text) or any(p.search(text) for p in patterns)})


def play_in_spanish(pilot, app, example: str) -> tuple[dict, dict[str, set[str]]]:
    """The example by touch, the patient choosing Español; every text shown, screen by screen, each frame
    (and, under "layout", any Spanish text too small, off screen or on another button)."""
    from kiosk.exercise_session.autopilot import Autopilot

    script, problems = load_script(ROOT / "examples" / "patients" / example)
    assert script is not None, problems
    plugin = plugin_of(app)
    shown: dict[str, set[str]] = {}
    results = []

    def look(dt):
        if plugin.controller.language != "es":
            return  # the start screen in the clinic's language, before the patient touches Español
        name = plugin.controller.current_screen_name
        shown.setdefault(name, set()).update(shown_texts(plugin.root))
        # Longer words wrap onto more lines: text pushed off screen is what they can break. (Button
        # overlaps are test_look's: caught here mid page-change they would be false alarms.)
        shown.setdefault("layout", set()).update(problem for problem in check_screen(
            plugin.controller.screens[name], Window.size, name) if problem.endswith("off screen"))
        if app.still_there.parent is not None:
            shown.setdefault("still_there", set()).update(shown_texts(app.still_there))

    autopilot = Autopilot(plugin.controller, script, on_done=results.append, language="es")
    looking = Clock.schedule_interval(look, 0)
    autopilot.start()
    pilot.wait_until(lambda: results, f"{example} to be played", 40000)
    pilot.frames(3)
    look(0)
    looking.cancel()
    autopilot.stop()
    return results[0], shown


@pytest.mark.parametrize("example, screens", [
    ("spinal_source_likely-after_recheck.yaml", {"attract", "safety", "check_in", "exercise", "recheck_rest", "end"}),
    ("red_flag_stop-during.yaml", {"attract", "safety", "check_in", "exercise", "staff_alert"}),
], ids=["whole-session", "red-flag-during"])
def test_a_whole_spanish_session_shows_no_english_word_and_says_none(pilot, tmp_path, example, screens):
    speech_log = tmp_path / "speech.jsonl"
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path / "data",
                                            extra={"programs": [load_script(ROOT / "examples" / "patients" /
                                                                            example)[0].program],
                                                   "speech_log": speech_log})))
    plugin = plugin_of(app)
    plugin.root.wait_for_phrases = True  # every phrase made before the session goes on: the log is complete
    result, shown = play_in_spanish(pilot, app, example)
    assert result == simulate(ROOT / "examples" / "patients" / example)  # the same answers, in Spanish
    assert screens <= set(shown)
    assert shown.pop("layout") == set()  # the longer Spanish words still fit the screen
    patterns = english_sentences(plugin.controller.library)
    assert {name: english_left(texts, patterns) for name, texts in shown.items()} == {name: [] for name in shown}
    assert "Su izquierda" in shown["check_in"] and any(text.startswith("Serie 1 de ") for text in shown["exercise"])

    said = [json.loads(line) for line in speech_log.read_text().splitlines()]
    assert said and {entry["lang"] for entry in said} == {"es"}
    assert english_left([entry["text"] for entry in said], patterns) == []

    record = app.records.recent(1)[0]
    assert record.language == "es"
    if "end" in shown:  # the therapist's summary: the clinic's English, and the patient's language named
        hold(pilot, plugin.controller.screens["end"].ids.staff, 2.2)
        summary = labels_text(plugin.controller.screens["summary"])
        assert "patient's language Spanish (es)" in summary and "Outcome: spinal_source_likely" in summary
