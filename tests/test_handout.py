"""The printed home program: what goes on it, and what the patient reads on it, in English and Spanish.

Sessions are driven through the session machine and recorded in a real SQLite store
(tests/recorded.py); the PDF is made by `kiosk handout` as staff run it (in a
subprocess: it draws the figure pictures in a headless Kivy window) and read back
with poppler's `pdftotext`, `pdfimages` and `pdfinfo`. The choice of exercises is
checked on the same records through `kiosk.handout.choice`, as the kiosk makes it.
A program's `home:` section is checked by `kiosk validate` like the rest of the format.
"""

from __future__ import annotations

import textwrap

import pytest
from handout_files import kiosk_handout, pdf_pages, pdf_picture_files, pdf_pictures, pdf_text
from recorded import record_script, record_session

from kiosk.__main__ import main
from kiosk.clinical.checkin import CheckIn
from kiosk.content import loader
from kiosk.handout.choice import home_exercises
from kiosk.handout.words import HandoutWords
from kiosk.records.store import Records

START = "2026-03-02T18:00:00.000Z"
KNEE_HOME = [  # after the extension progression centralized: the four of it, then core, then posture
    ("prone_lying", "Hold for 3 minutes", "Mantenga durante 3 minutos", 6),
    ("prone_on_elbows", "Hold for 3 minutes", "Mantenga durante 3 minutos", 6),
    ("press_up", "10 times, hold for 2 seconds each time; 2 sets, with a short rest between",
     "10 veces, mantenga 2 segundos cada vez; 2 series, con un breve descanso entre ellas", 6),
    ("standing_extension", "10 times", "10 veces", 6),
    ("abdominal_bracing", "Hold for 10 seconds, 10 times", "Mantenga durante 10 segundos, 10 veces", 1),
    ("bridge", "Hold for 5 seconds, 10 times", "Mantenga durante 5 segundos, 10 veces", 1),
    ("bird_dog", "Hold for 5 seconds, 10 times", "Mantenga durante 5 segundos, 10 veces", 1),
    ("slouch_overcorrect", "10 times, hold for 3 seconds each time", "10 veces, mantenga 3 segundos cada vez", 3),
    ("lumbar_roll", "Hold for 1 minute", "Mantenga durante 1 minuto", 3),
]
HOW_OFTEN = {"en": {6: "6 times a day, about every 2 hours", 1: "once a day", 3: "3 times a day"},
             "es": {6: "6 veces al día, más o menos cada 2 horas", 1: "una vez al día", 3: "3 veces al día"}}
LABELS = {"en": ("How much:", "How often:"), "es": ("Cuánto:", "Cada cuánto:")}


@pytest.fixture(scope="module")
def library():
    return loader.load()


@pytest.fixture(scope="module")
def knee_handouts(tmp_path_factory, library):
    """The handouts of a spinal_source_likely session of knee_from_spine, in English (reference A1) and in
    Spanish, made by `kiosk handout`: {language: PDF path}."""
    base = tmp_path_factory.mktemp("knee-handouts")
    records = Records.open(base / "data").records
    program = library.programs["knee_from_spine"]
    english = record_script(records, program, "spinal_source_likely", START, reference="A1")
    spanish = record_script(records, program, "spinal_source_likely", START, language="es")
    records.close()
    pdfs = {}
    for language, session in (("en", english), ("es", spanish)):
        pdfs[language] = base / f"{language}.pdf"
        done = kiosk_handout(base / "data", str(session), pdfs[language])
        assert done.returncode == 0, done.stderr[-3000:]
    return pdfs


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_page_has_each_exercise_its_dose_and_how_often_in_the_patients_language(knee_handouts, library,
                                                                                    language):
    text = pdf_text(knee_handouts[language])
    how_much, how_often = LABELS[language]
    where = []
    for exercise_id, english, spanish, times in KNEE_HOME:
        name = library.exercises[exercise_id].text(language).name
        block = f"{how_much} {english if language == 'en' else spanish} {how_often} {HOW_OFTEN[language][times]}"
        assert name in text and block in text, (exercise_id, language)
        where.append(text.index(block))
    assert where == sorted(where)  # printed in the order chosen: the direction that helped first


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_page_says_when_to_stop_and_when_to_get_help_at_once(knee_handouts, language):
    text = pdf_text(knee_handouts[language])
    words = HandoutWords(language)
    for line in (words.STOP_TITLE, *words.STOP_RULES, words.EMERGENCY_TITLE, *words.EMERGENCY_SIGNS,
                 words.GOOD_TITLE, words.WEEK_TITLE):
        assert line in text, line
    first_rule = {"en": "• the pain spreads further down your leg", "es": "• el dolor baja más por la pierna"}
    assert first_rule[language] in text


def test_the_spanish_page_is_all_spanish_with_its_accents_intact(knee_handouts, library):
    text = pdf_text(knee_handouts["es"])
    for spanish in ("Sus ejercicios en casa", "como le enseñó su terapeuta", "Deje los ejercicios y llámenos si:",
                    "Cada cuánto: 6 veces al día, más o menos cada 2 horas", "Posición inicial", "Página 1 de"):
        assert spanish in text
    english = HandoutWords("en")
    for line in (english.TITLE, english.STOP_TITLE, *english.STOP_RULES, *english.EMERGENCY_SIGNS, "How much"):
        assert line not in text
    for exercise_id, *_ in KNEE_HOME:
        exercise = library.exercises[exercise_id]
        assert exercise.text("es").name != exercise.text("en").name and exercise.text("en").name not in text


def test_the_reference_staff_gave_is_on_the_page_and_no_other(knee_handouts):
    assert "For: A1" in pdf_text(knee_handouts["en"])
    assert "Para:" not in pdf_text(knee_handouts["es"])  # no reference given: no line for one


@pytest.mark.parametrize("language", ["en", "es"])
def test_two_pictures_for_each_exercise_on_one_or_two_pages(knee_handouts, language, tmp_path):
    pdf = knee_handouts[language]
    pictures = pdf_pictures(pdf)
    assert len(pictures) == 2 * len(KNEE_HOME)
    assert {(p["width"], p["height"], p["color"]) for p in pictures} == {(480, 270, "rgb")}
    assert 1 <= pdf_pages(pdf) <= 2 and {p["page"] for p in pictures} <= {1, 2}
    drawn = pdf_picture_files(pdf, tmp_path / "pictures")
    starts, ends = drawn[0::2], drawn[1::2]
    assert all(start != end for start, end in zip(starts, ends))  # the start and the end position differ


def recorded(records: Records, session_id: int):
    return records.session(session_id)


def test_by_default_the_direction_that_centralized_then_core_then_posture(tmp_path, library):
    records = Records.open(tmp_path / "data").records
    program = library.programs["knee_from_spine"]
    record = recorded(records, record_script(records, program, "spinal_source_likely", START))
    assert record.outcome == "spinal_source_likely"
    assert [(e.exercise.id, e.times_a_day) for e in home_exercises(program, record)] == \
        [(exercise_id, times) for exercise_id, _, _, times in KNEE_HOME]


def test_only_the_spinal_direction_that_helped_goes_home(tmp_path, library):
    """Extension had no effect, then flexion centralized: flexion goes home, extension does not."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "programs.yaml").write_text(textwrap.dedent("""\
        use_bundled: true
        programs:
          - id: both_directions
            name: Both directions
            blocks:
              - {role: spinal, name: Extension, exercises: [prone_lying]}
              - {role: spinal, name: Flexion, exercises: [flexion_lying, flexion_sitting]}
              - {role: strengthening, exercises: [bridge]}
              - {role: postural, exercises: [lumbar_roll]}
        """), encoding="utf-8")
    program = loader.load([str(folder)]).programs["both_directions"]
    knee = CheckIn(pain={"knee_right", "thigh_front_right", "back_right"}, intensity=6)
    thigh, back = CheckIn(pain={"thigh_front_right", "back_right"}, intensity=5), CheckIn(pain={"back_right"},
                                                                                          intensity=3)
    records = Records.open(tmp_path / "data").records
    session = record_session(records, program, START, baseline=knee, answers=[knee, thigh, back, back, back])
    record = recorded(records, session)
    assert record.outcome == "spinal_source_likely"
    assert [(e.exercise.id, e.times_a_day) for e in home_exercises(program, record)] == \
        [("flexion_lying", 6), ("flexion_sitting", 6), ("bridge", 1), ("lumbar_roll", 3)]


@pytest.mark.parametrize("script", ["no_distal_symptoms", "knee_tests_recommended"])
def test_without_a_centralizing_direction_only_core_and_posture_go_home(tmp_path, library, script):
    records = Records.open(tmp_path / "data").records
    program = library.programs["knee_from_spine"]
    record = recorded(records, record_script(records, program, script, START))
    assert record.outcome == script
    assert [(e.exercise.id, e.times_a_day) for e in home_exercises(program, record)] == \
        [(exercise_id, times) for exercise_id, _, _, times in KNEE_HOME if times != 6]
