"""A clinic folder that builds on the bundled library (`use_bundled: true`).

The bundled exercises, programs and special tests are read under the clinic's
own; the clinic's programs can use bundled exercises; an id the clinic defines
again replaces the bundled one everywhere, with a warning at the clinic's line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from yaml_files import write

from kiosk.content import loader

ROOT = Path(__file__).resolve().parent.parent

CLINIC_PROGRAM = """
use_bundled: true
exercises:
  - id: towel_squeeze
    name: Towel squeeze
    instructions: Squeeze a rolled towel between your knees.
    kind: hold
    hold: 5
    reps: 10
    video: videos/towel_squeeze.mp4
    position: lying_back
programs:
  - id: clinic_knee
    name: Our knee check
    blocks:
      - role: spinal
        exercises: [prone_lying, press_up]
      - role: strengthening
        exercises: [towel_squeeze, bridge]
"""


@pytest.fixture
def clinic(tmp_path) -> Path:
    return tmp_path / "clinic" / "exercises"


def test_a_clinic_program_uses_bundled_exercises_and_the_bundled_catalogue(clinic):
    write(clinic, "clinic.yaml", CLINIC_PROGRAM)
    library = loader.load([clinic])
    bundled = loader.load(None)
    assert [p for p in library.problems if "towel_squeeze.mp4" not in str(p)] == []
    assert library.uses_bundled
    program = library.programs["clinic_knee"]
    assert [e.id for block in program.blocks for e in block.exercises] == [
        "prone_lying", "press_up", "towel_squeeze", "bridge"]
    assert program.blocks[0].exercises[1] == bundled.exercises["press_up"]
    assert set(library.programs) == {"clinic_knee"} | set(bundled.programs)
    assert list(library.programs)[0] == "clinic_knee"  # the clinic's own first, then the bundled ones
    assert library.special_tests == bundled.special_tests and library.special_tests


def test_media_of_each_exercise_are_looked_up_beside_the_folder_that_defined_it(clinic):
    write(clinic, "clinic.yaml", CLINIC_PROGRAM)
    library = loader.load([clinic])
    clinic_assets = clinic.parent / "assets"
    missing = [str(p) for p in library.problems]
    assert missing == [f"{clinic}/clinic.yaml:9: exercises[0].video: warning: file not found: "
                       f"{clinic_assets}/videos/towel_squeeze.mp4"]
    press_up = library.exercises["press_up"]
    found = library.media_file("press_up", press_up.video, clinic_assets)
    assert found == ROOT / "assets" / press_up.video and found.is_file()
    assert library.media_file("towel_squeeze", "videos/towel_squeeze.mp4", Path("x")) == (
        clinic_assets / "videos/towel_squeeze.mp4")


def test_without_use_bundled_a_bundled_id_is_unknown_and_the_message_says_how_to_use_it(clinic):
    write(clinic, "clinic.yaml", CLINIC_PROGRAM.replace("use_bundled: true\n", ""))
    library = loader.load([clinic])
    assert not library.uses_bundled and "clinic_knee" not in library.programs
    assert set(library.programs) == set()
    messages = [str(p) for p in library.errors]
    assert messages[0] == (f"{clinic}/clinic.yaml:15: programs[0].blocks[0].exercises[0]: unknown exercise "
                           "'prone_lying'; 'prone_lying' is a bundled exercise: to use it, write "
                           "`use_bundled: true` at the top of one file of this folder")
    assert len(messages) == 3  # prone_lying, press_up, bridge


def test_an_id_defined_again_replaces_the_bundled_one_everywhere_with_a_warning(clinic):
    write(clinic, "bridge.yaml", """
        use_bundled: true
        exercises:
          - id: bridge
            name: Bridge, our way
            instructions: Lift your hips a little.
            kind: hold
            hold: 3
            position: lying_back
        """)
    library = loader.load([clinic])
    ours = library.exercises["bridge"]
    assert ours.name == "Bridge, our way"
    bundled_program = library.programs["knee_from_spine"]
    assert ours in [e for block in bundled_program.blocks for e in block.exercises]
    notes = [str(p) for p in library.problems]
    bundled_source = loader.load(None).exercises["bridge"].source
    assert notes == [f"{clinic}/bridge.yaml:3: exercises[0].id: warning: replaces the bundled exercise 'bridge' "
                     f"({bundled_source}); this folder's definition is the one used everywhere, by the bundled "
                     "programs too (expected: rename it to keep both)"]


def test_a_clinic_exercise_with_errors_still_replaces_the_bundled_one(clinic):
    """The clinic meant its own: never fall back silently to the bundled dose."""
    write(clinic, "bridge.yaml", "use_bundled: true\nexercises:\n  - id: bridge\n    name: Bridge\n")
    library = loader.load([clinic])
    assert "bridge" not in library.exercises
    assert "knee_from_spine" not in library.programs
    assert any("exercise 'bridge' has errors (see " + f"{clinic}/bridge.yaml:3)" in str(p) for p in library.errors)


def test_an_id_defined_twice_within_the_clinic_folder_is_still_an_error(clinic):
    exercise = "  - id: towel_squeeze\n    name: Towel\n    instructions: Squeeze.\n    kind: hold\n    hold: 5\n"
    write(clinic, "a.yaml", "use_bundled: true\nexercises:\n" + exercise)
    write(clinic, "b.yaml", "exercises:\n" + exercise)
    errors = [str(p) for p in loader.load([clinic]).errors]
    assert errors == [f"{clinic}/b.yaml:2: exercises[0].id: duplicate id 'towel_squeeze', first defined at "
                      f"{clinic}/a.yaml:3; expected ids unique across the folder's files"]


def test_use_bundled_must_be_true_or_false(clinic):
    write(clinic, "a.yaml", "use_bundled: bundled\n")
    library = loader.load([clinic])
    assert not library.uses_bundled
    assert [str(p) for p in library.errors] == [
        f"{clinic}/a.yaml:1: use_bundled: must be true or false, got \"bundled\""]


def test_validate_simulate_and_programs_agree_on_a_clinic_folder(clinic, tmp_path, capsys):
    from kiosk.__main__ import main

    write(clinic, "clinic.yaml", CLINIC_PROGRAM.replace("    video: videos/towel_squeeze.mp4\n", ""))
    assert main(["validate", str(clinic)]) == 0
    out, err = capsys.readouterr()
    # the bundled library speaks Spanish and the clinic's own words do not: a warning at each, at its line
    assert sorted(out.splitlines()) == [
        f"{clinic}/clinic.yaml:11: programs[clinic_knee]: warning: Español (es): no translations.es.name; the "
        "program is not offered in Español (es) until it is translated",
        f"{clinic}/clinic.yaml:3: exercises[towel_squeeze]: warning: Español (es): no translations.es (name, "
        "instructions); a program with this exercise is not offered in Español (es) until it is translated"]
    assert err.startswith("kiosk validate: 1 file (on the bundled library: 6 files), 16 exercises, 4 programs, "
                          "19 special tests; 0 errors, 2 warnings")
    script = write(tmp_path, "patient.yaml", """
        baseline: {symptoms: [knee_right], intensity: 5}
        check_ins:
          - {symptoms: [knee_right], intensity: 5}
          - {symptoms: [knee_right], intensity: 5}
          - {symptoms: [knee_right], intensity: 5}
        """)
    assert main(["simulate", "clinic_knee", "--script", str(script), "--exercises", str(clinic), "--json"]) == 0
    out, _ = capsys.readouterr()
    assert '"outcome": "knee_tests_recommended"' in out and '"exercise": "press_up"' in out
    assert main(["programs", "--exercises", str(clinic)]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[:3] == ["clinic_knee: Our knee check", "    spinal: prone_lying, press_up",
                                    "    strengthening: towel_squeeze, bridge"]


def test_validate_says_when_a_folder_has_no_special_test_catalogue(clinic, capsys):
    from kiosk.__main__ import main

    path = write(clinic, "clinic.yaml", CLINIC_PROGRAM.replace("use_bundled: true\n", "").replace(
        "[prone_lying, press_up]", "[towel_squeeze]").replace(", bridge]", "]"))
    assert main(["validate", str(path)]) == 0  # one file on its own: not a folder, no catalogue expected
    assert "special-test catalogue" not in capsys.readouterr().out
    assert main(["validate", str(clinic)]) == 0
    out, err = capsys.readouterr()
    assert f"{clinic}: special_tests: warning: no special-test catalogue in this folder" in out
    assert err.rstrip().endswith("0 errors, 2 warnings")  # the catalogue and the missing video


def test_render_videos_of_a_clinic_folder_bakes_only_its_own_exercises(clinic, capsys):
    """The bundled exercises' videos are in the bundled assets already; never copy them into the clinic's."""
    from kiosk.__main__ import main

    write(clinic, "clinic.yaml", CLINIC_PROGRAM)
    assert main(["render-videos", "--exercises", str(clinic), "--only", "press_up"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == ("kiosk render-videos: no animated exercise 'press_up' of this folder; "
                                    "animated exercises: none")
    assert not (clinic.parent / "assets").exists()


def test_a_near_miss_of_a_bundled_id_without_use_bundled_says_which_and_how(clinic):
    write(clinic, "clinic.yaml", CLINIC_PROGRAM.replace("use_bundled: true\n", "").replace(
        "[prone_lying, press_up]", "[towel_squeeze, prone_on_elbow]").replace(", bridge]", "]"))
    assert [str(p) for p in loader.load([clinic]).errors] == [
        f"{clinic}/clinic.yaml:15: programs[0].blocks[0].exercises[1]: unknown exercise 'prone_on_elbow' (did you "
        "mean the bundled exercise 'prone_on_elbows'? to use it, write `use_bundled: true` at the top of one file "
        "of this folder)"]
