"""Which languages a program is offered in, and `kiosk validate`'s warnings per language. No Kivy."""

import shutil

import pytest
from babel.messages.pofile import read_po

from kiosk.__main__ import main
from kiosk.content import loader
from kiosk.content.languages import language_gaps, program_languages

from test_cli import PROBLEM_LINE, ROOT


@pytest.fixture
def half_french(tmp_path):
    """The bundled folder where prone_lying (only in knee_from_spine) is in French instead of Spanish."""
    folder = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", folder)
    extension = folder / "extension.yaml"
    text = extension.read_text()
    extension.write_text(text.replace("    translations:\n      es:\n", "    translations:\n      fr:\n", 1))
    return folder


def test_every_bundled_program_is_offered_in_english_and_spanish():
    library = loader.load([str(ROOT / "exercises")])
    assert {program: program_languages(library.programs[program]) for program in library.programs} == {
        "knee_from_spine": ["en", "es"], "flexion_progression": ["en", "es"], "core_only": ["en", "es"]}


def test_a_program_with_one_exercise_untranslated_is_not_offered_in_that_language(half_french):
    library = loader.load([str(half_french)])
    assert {program: program_languages(library.programs[program]) for program in library.programs} == {
        "knee_from_spine": ["en"], "flexion_progression": ["en", "es"], "core_only": ["en", "es"]}
    gaps = [str(problem) for problem in language_gaps(library.programs["knee_from_spine"], "es")]
    assert gaps == [f"{half_french / 'extension.yaml'}:4: exercises[prone_lying]: warning: Español (es): "
                    "no translations.es (name, instructions, safety); a program with this exercise is not "
                    "offered in Español (es) until it is translated"]


def test_a_program_whose_name_is_not_translated_is_not_offered_in_that_language(tmp_path):
    folder = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", folder)
    programs = folder / "programs.yaml"
    programs.write_text(programs.read_text().replace(
        '    translations:\n      es:\n        name: "¿Mi dolor de rodilla viene de la espalda?"\n', "", 1))
    library = loader.load([str(folder)])
    assert program_languages(library.programs["knee_from_spine"]) == ["en"]
    assert program_languages(library.programs["core_only"]) == ["en", "es"]
    assert library.programs["core_only"].name_in("es") == "Fuerza del tronco y postura"
    assert library.programs["knee_from_spine"].name_in("es") == "Is my knee pain coming from my back?"
    gaps = [str(problem) for problem in language_gaps(library.programs["knee_from_spine"], "es")]
    assert gaps == [f"{programs}:3: programs[knee_from_spine]: warning: Español (es): no translations.es.name; "
                    "the program is not offered in Español (es) until it is translated"]


def test_validate_warns_language_by_language_with_path_and_line(capsys, half_french):
    code = main(["validate", str(half_french)])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if "(es):" in line or "(fr):" in line]  # not the copy's media
    whole_file = [line for line in lines if not PROBLEM_LINE.match(line)]  # PATH: where: (no line)
    assert code == 0 and len(whole_file) == 1 and whole_file[0].startswith(str(ROOT / "kiosk/language")), out
    spanish = [line for line in lines if "Español (es)" in line]
    french = [line for line in lines if "Français (fr)" in line]
    assert len(spanish) == 1 and "extension.yaml:4: exercises[prone_lying]" in spanish[0]
    assert lines == spanish + french  # grouped by language, Spanish (the default's next) first
    # French: the kiosk's own words have no catalogue, the three programs' names and every other exercise lack it.
    with (ROOT / "kiosk/language/locale/kiosk.pot").open("rb") as template:
        sentences = sum(1 for message in read_po(template) if message.id)  # every one: none is in French
    assert french[0] == (f"{ROOT}/kiosk/language/locale/fr/LC_MESSAGES/kiosk.po: language fr: warning: "
                         f"Français (fr): the kiosk's own sentences ({sentences}) have no catalogue in this language; "
                         "expected one, started with ./scripts/catalogs.sh new fr")
    assert len(french) == 1 + 3 + 14 and not any("prone_lying" in line for line in french)
    assert sum("programs.yaml" in line and "no translations.fr.name" in line for line in french) == 3
    assert err.rstrip().endswith(f"0 errors, {len(out.splitlines())} warnings")


def test_run_refuses_a_language_the_program_is_not_offered_in(capsys, tmp_path):
    script = ROOT / "examples" / "patients" / "no_distal_symptoms-core_only.yaml"
    code = main(["run", "--autopilot", str(script), "--program", "core_only", "--language", "fr",
                 "--data", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "program core_only is not offered in 'fr'; it is offered in en, es" in err
    assert main(["run", "--language", "es", "--data", str(tmp_path)]) == 2
    assert "--language with them" in capsys.readouterr().err


def test_a_translation_without_the_exercise_safety_cue_is_not_offered(tmp_path):
    """Offered without it, a Spanish patient would get prone_lying with no safety warning in Spanish."""
    folder = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", folder)
    extension = folder / "extension.yaml"
    safety = "        safety: Pare y avise al personal si el dolor baja más por la pierna.\n"
    assert safety in extension.read_text()
    extension.write_text(extension.read_text().replace(safety, "", 1))  # the first: prone_lying's
    library = loader.load([str(folder)])
    assert program_languages(library.programs["knee_from_spine"]) == ["en"]
    assert program_languages(library.programs["core_only"]) == ["en", "es"]
    gaps = [str(problem) for problem in language_gaps(library.programs["knee_from_spine"], "es")]
    assert gaps == [f"{extension}:4: exercises[prone_lying]: warning: Español (es): translations.es has no "
                    "safety cue, and the exercise has one; a program with this exercise is not offered in "
                    "Español (es) until it is translated"]
