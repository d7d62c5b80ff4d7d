"""A program's own home program (`home:`): it decides what the handout says, and `kiosk validate` checks it.

The program file is read by the real loader on top of the bundled library; the
session is recorded in SQLite through the session machine; the PDF is made by
`kiosk handout --exercises FOLDER` and read back with `pdftotext`. A bad `home:`
section is reported by `kiosk validate` with its file, line, field and what was
expected, and drops only its own program. The example program is the one of
docs/writing/home-programs.md, so that page's example validates and prints what it says.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from handout_files import kiosk_handout, pdf_pictures, pdf_text
from recorded import record_session

from kiosk.__main__ import main
from kiosk.clinical.checkin import CheckIn
from kiosk.content import loader
from kiosk.handout.choice import home_exercises
from kiosk.records.store import Records

DOC = Path(__file__).resolve().parent.parent / "docs" / "writing" / "home-programs.md"
HOME_FILE = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
"""The example of docs/writing/home-programs.md: the page's words below are what that page says it prints."""
HOME_PAGE = [  # (name, how much, how often): press_up keeps the program's 8, the rest their own or home's dose
    ("Press-up", "8 times, hold for 2 seconds each time; 2 sets, with a short rest between",
     "6 times a day, about every 2 hours"),
    ("Standing back bend", "12 times", "6 times a day, about every 2 hours"),
    ("Sitting with a back roll", "Hold for 1 minute", "twice a day"),
    ("Bridge", "Hold for 8 seconds, 5 times", "twice a day"),
]
KNEE = CheckIn(pain={"knee_right", "thigh_front_right", "back_right"}, intensity=6)


@pytest.fixture
def home_folder(tmp_path):
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "programs.yaml").write_text(HOME_FILE, encoding="utf-8")
    return folder


def test_the_home_section_decides_the_exercises_their_dose_and_times_a_day(home_folder, tmp_path):
    program = loader.load([str(home_folder)]).programs["extension_at_home"]
    records = Records.open(tmp_path / "data").records
    # nothing centralized: without its home section the handout would have no spinal exercise at all
    session = record_session(records, program, "2026-03-02T18:00:00.000Z", baseline=KNEE, answers=[KNEE] * 3)
    record = records.session(session)
    records.close()
    assert record.outcome == "knee_tests_recommended"
    chosen = home_exercises(program, record)
    assert [(e.exercise.id, e.times_a_day) for e in chosen] == \
        [("press_up", 6), ("standing_extension", 6), ("lumbar_roll", 2), ("bridge", 2)]
    assert [(e.exercise.sets, e.exercise.reps, e.exercise.hold) for e in chosen] == \
        [(2, 8, 2), (1, 12, 0), (1, 1, 60), (1, 5, 8)]
    pdf = tmp_path / "home.pdf"
    done = kiosk_handout(tmp_path / "data", str(session), pdf, "--exercises", str(home_folder))
    assert done.returncode == 0, done.stderr[-3000:]
    text = pdf_text(pdf)
    where = []
    for name, how_much, how_often in HOME_PAGE:
        line = f"{name} "
        assert line in text and f"How much: {how_much} How often: {how_often}" in text, name
        where.append(text.index(f"How much: {how_much} How often: {how_often}"))
    assert where == sorted(where)
    assert "Lying face down on your elbows" not in text  # in the program's blocks, not in its home program
    assert len(pdf_pictures(pdf)) == 2 * len(HOME_PAGE)


BAD_HOMES = [
    # (the home section, the line reported, where, what is said)
    ("home:\n  exercises: [press_up, no_such_move]", 10, "programs[0].home.exercises[1]",
     "unknown exercise 'no_such_move'; expected the id of an exercise defined in the folder"),
    ("home:\n  exercises:\n    - {id: press_up, reps: -3}", 11, "programs[0].home.exercises[0].reps",
     "must be a whole number from 1 to 50, got -3"),
    ("home:\n  exercises:\n    - {id: prone_on_elbows, hold: 0}", 11, "programs[0].home.exercises[0].hold",
     "must be a whole number from 1 to 600 for 'prone_on_elbows', a hold exercise, got 0; expected the seconds "
     "of each hold"),
    ("home:\n  exercises:\n    - {id: press_up, rest: 30}", 11, "programs[0].home.exercises[0].rest",
     "unknown field, did you mean 'reps'?"),
    ("home:\n  times_a_day: 0\n  exercises: [press_up]", 10, "programs[0].home.times_a_day",
     "must be a whole number from 1 to 12, got 0"),
    ("home:\n  times_a_day: 2\n  exercises:\n    - {id: press_up, times_a_day: 13}", 12,
     "programs[0].home.exercises[0].times_a_day", "must be a whole number from 1 to 12, got 13"),
    ("home:\n  times_a_day: 2", 10, "programs[0].home.exercises", "missing; expected a list of exercise ids"),
    ("home: [press_up]", 9, "programs[0].home",
     "must be a mapping of the home program's fields (times_a_day, exercises), got a list"),
]


@pytest.mark.parametrize("home, line, where, said", BAD_HOMES,
                         ids=["unknown id", "bad reps", "hold 0", "rest", "times 0", "times 13", "no exercises",
                              "a list"])
def test_kiosk_validate_says_where_a_home_section_is_wrong_and_what_was_expected(tmp_path, capsys, home, line,
                                                                                 where, said):
    folder = tmp_path / "exercises"
    folder.mkdir()
    path = folder / "programs.yaml"
    program = textwrap.dedent("""\
        use_bundled: true
        programs:
          - id: with_home
            name: With a home program
            translations: {es: {name: Con un programa en casa}}
            blocks:
              - role: spinal
                exercises: [prone_on_elbows, press_up]
        """) + textwrap.indent(home, "    ") + "\n"
    path.write_text(program + "  - id: without_home\n    name: No home\n    translations: {es: {name: Sin casa}}\n"
                    "    blocks:\n"
                    "      - {role: spinal, exercises: [press_up]}\n", encoding="utf-8")
    code = main(["validate", str(folder)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == [f"{path}:{line}: {where}: {said}"]
    # the program with the bad home section is dropped; the other program of the same file is not
    assert re.search(r"15 exercises, 4 programs, .*; 1 error, 0 warnings", err), err
    assert "with_home" not in loader.load([str(folder)]).programs


def test_the_writers_page_shows_what_its_example_prints():
    table = DOC.read_text(encoding="utf-8").split("| exercise | How much: | How often: |\n|---|---|---|\n")[1]
    rows = [tuple(cell.strip() for cell in line.strip("|").split("|")) for line in table.split("\n\n")[0].splitlines()]
    assert rows == HOME_PAGE


def test_kiosk_validate_passes_a_good_home_section(home_folder, capsys):
    assert main(["validate", str(home_folder)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "4 programs" in err and "0 errors, 0 warnings" in err
