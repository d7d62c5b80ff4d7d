"""The gettext catalogues of the kiosk's own words: current with the code, Spanish complete, and the
words the patient reads and hears really coming from them. No Kivy."""

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kiosk.clinical.red_flags import RED_FLAGS
from kiosk.clinical.regions import REGION_IDS
from kiosk.language import TEMPLATE, catalogue_file, catalogue_languages, missing_messages, own_name, translated
from kiosk.speech.phrases import ENGLISH, phrase

KEYWORDS = {"N_": None, "RedFlag": (2,)}  # as scripts/catalogs.sh extracts them


def messages_in_code(root) -> set[str]:
    found = extract_from_dir(str(root / "kiosk"), method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {message for _file, _line, message, _comments, _context in found}


def template_messages() -> set[str]:
    with TEMPLATE.open("rb") as pot:
        return {message.id for message in read_po(pot) if message.id}


def test_the_template_holds_exactly_the_words_marked_in_the_code(root):
    in_code = messages_in_code(root)
    assert in_code == template_messages(), "run ./scripts/catalogs.sh and translate the new words"
    # The marks reach every kind of word the patient meets: questions, regions, speech, the idle overlay.
    assert {flag.question for flag in RED_FLAGS} <= in_code
    assert set(ENGLISH.values()) <= in_code
    assert {"left knee", "middle of low back", "Are you still there?", "Sound on"} <= in_code


def test_spanish_ships_complete_with_no_fuzzy_entry():
    assert "es" in catalogue_languages()
    assert missing_messages("es") == ()
    with catalogue_file("es").open("rb") as po:
        catalogue = read_po(po)
    assert not [message.id for message in catalogue if message.id and message.fuzzy]


def test_every_translation_keeps_the_placeholders_of_its_english():
    with catalogue_file("es").open("rb") as po:
        catalogue = read_po(po)
    fields = re.compile(r"\{(\w*)\}")
    wrong = [message.id for message in catalogue
             if message.id and sorted(fields.findall(message.id)) != sorted(fields.findall(message.string))]
    assert wrong == []


def test_a_spoken_phrase_comes_from_the_catalogue_in_the_patients_language():
    said = phrase("time_left.minutes", "es", minutes=3)
    assert (said.lang, said.text) == ("es", "Quedan 3 minutos.")
    assert phrase("count.go", "es").text == "Ya."
    assert phrase("count.go").text == "Go."


def test_a_language_with_no_catalogue_is_said_in_english_and_labelled_english():
    said = phrase("set.end", "fr")
    assert (said.lang, said.text) == ("en", ENGLISH["set.end"])
    assert translated("left knee", "fr") == ("en", "left knee")


def test_the_patient_words_follow_the_chosen_language():
    from kiosk.exercise_session.words import in_language, region_name, say

    spanish = in_language("es")
    assert spanish.YES == "Sí" and spanish.question(RED_FLAGS[5]) == "¿Ha tenido cáncer alguna vez?"
    assert {spanish.REGION_NAMES[region] for region in REGION_IDS}.isdisjoint(in_language("en").REGION_NAMES.values())
    assert say.language == "en" and say.YES == "Yes"
    say.language = "es"
    try:
        assert region_name("knee_left") == "rodilla izquierda" and say.SET_OF.format(set=1, sets=3) == "Serie 1 de 3"
    finally:
        say.language = "en"


@pytest.mark.parametrize("language, name", [("en", "English"), ("es", "Español")])
def test_each_language_is_offered_in_its_own_name(language, name):
    assert own_name(language) == name


def test_a_language_code_babel_does_not_know_is_named_by_its_code_instead_of_failing():
    """The format takes any 2 or 3 letter code in `translations:`; a start screen must never fail on one."""
    assert own_name("qqq") == "qqq"


@pytest.fixture
def unreviewed_spanish(tmp_path, monkeypatch):
    """The shipped catalogues, copied, with two Spanish entries changed and marked fuzzy (unreviewed, as
    `pybabel update` leaves a sentence whose English changed): "Yes" and the spoken "Go."."""
    import shutil

    from babel.messages.pofile import write_po

    import kiosk.language

    locale = tmp_path / "locale"
    shutil.copytree(kiosk.language.LOCALE_DIR, locale)
    po = locale / "es" / "LC_MESSAGES" / "kiosk.po"
    with po.open("rb") as stream:
        catalogue = read_po(stream, locale="es")
    for msgid, unreviewed in (("Yes", "Sí, claro"), (ENGLISH["count.go"], "Vamos.")):
        catalogue[msgid].string = unreviewed
        catalogue[msgid].flags.add("fuzzy")
    with po.open("wb") as stream:
        write_po(stream, catalogue)
    caches = (kiosk.language.read_catalogue, kiosk.language.translation)
    for cache in caches:
        cache.cache_clear()
    monkeypatch.setattr(kiosk.language, "LOCALE_DIR", locale)
    monkeypatch.setattr(kiosk.language, "_known_missing", {})
    yield
    for cache in caches:  # the next test reads the shipped catalogues again
        cache.cache_clear()


def test_an_unreviewed_fuzzy_entry_never_reaches_a_patient_and_the_language_is_not_complete(unreviewed_spanish):
    from kiosk.content import loader
    from kiosk.content.languages import program_languages
    from kiosk.exercise_session.words import in_language

    assert in_language("es").YES == "Yes"  # English, not the unreviewed words
    assert (phrase("count.go", "es").lang, phrase("count.go", "es").text) == ("en", "Go.")  # said in English
    assert phrase("count.start", "es").lang == "es"
    assert sorted(missing_messages("es")) == sorted(["Yes", ENGLISH["count.go"]])
    library = loader.load()
    assert program_languages(library.programs["core_only"]) == ["en"]


@pytest.fixture
def slipped(tmp_path, monkeypatch):
    """The shipped catalogues copied, with two slips in the Spanish: a name the English lacks, a lone brace."""
    import shutil

    import kiosk.language as language

    locale = tmp_path / "locale"
    shutil.copytree(language.LOCALE_DIR, locale)
    po = locale / "es" / "LC_MESSAGES" / "kiosk.po"
    text = po.read_text(encoding="utf-8")
    for right, wrong in (('msgstr "Quedan {minutes} minutos."', 'msgstr "Quedan {minutos} minutos."'),
                         ('msgid "Go."\nmsgstr "Ya."', 'msgid "Go."\nmsgstr "Ya {"')):
        assert right in text
        text = text.replace(right, wrong)
    po.write_text(text, encoding="utf-8")
    monkeypatch.setattr(language, "LOCALE_DIR", locale)
    monkeypatch.setattr(language, "TEMPLATE", locale / "kiosk.pot")
    caches = (language.read_catalogue, language.translation, language.slips)
    for cache in caches:
        cache.cache_clear()
    language._known_missing.clear()
    yield po
    for cache in caches:
        cache.cache_clear()
    language._known_missing.clear()


def test_a_placeholder_slip_is_an_error_of_validate_with_its_file_and_entry(slipped, capsys):
    from kiosk.__main__ import main
    from kiosk.content.folders import bundled_exercises_dir

    assert main(["validate", str(bundled_exercises_dir())]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith(str(slipped)) and ": msgid " in line]
    assert len(lines) == 2, out
    assert lines[0].startswith(f"{slipped}:") and lines[0].endswith(
        ": msgid 'Go.': msgstr: a lone brace: Single '{' encountered in format string; "
        "write {{ or }} for a brace itself")
    assert lines[1].endswith(": msgid '{minutes} minutes to go.': msgstr: {minutos} is not in the English")


def test_a_slipped_translation_is_said_and_shown_in_english_with_one_log_line(slipped, caplog):
    from kiosk.language import translation

    with caplog.at_level("WARNING", logger="kiosk.language"):
        said = phrase("time_left.minutes", "es", minutes=3)
        assert (said.lang, said.text) == ("en", "3 minutes to go.")
        assert phrase("count.go", "es").text == "Go."
        assert translation("es").gettext("{minutes} minutes to go.").format(minutes=3) == "3 minutes to go."
        assert translation("es").gettext("Go.") == "Go."
    assert phrase("count.start", "es").lang == "es"  # the others are Spanish still
    logged = [record.getMessage() for record in caplog.records if record.name == "kiosk.language"]
    assert len(logged) == 2 and all("the English is shown instead" in line for line in logged), logged
