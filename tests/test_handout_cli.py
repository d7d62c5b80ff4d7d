"""`kiosk handout SESSION --out FILE` as staff run it, on a session a real session recorded in SQLite.

The command draws the figure pictures in a headless Kivy window, so a handout that
is made runs in a subprocess; the cases that end before any drawing (no such session,
no records) call the command's main in-process.
"""

from __future__ import annotations

import pytest
from handout_files import kiosk_handout, pdf_text
from recorded import record_script

from kiosk.__main__ import main
from kiosk.content import loader
from kiosk.records.store import Records

START = "2026-03-02T18:00:00.000Z"
CLINIC_SETTING = "handout.clinic"
"""The setting the staff screen writes the clinic's name to (kiosk.exercise_session.handouts.CLINIC)."""
OTHER_FOLDER = """\
exercises:
  - {id: wall_push, name: Wall push, instructions: Push against the wall., kind: reps, reps: 10}
programs:
  - id: wall_only
    name: Wall only
    translations: {es: {name: Solo la pared}}
    blocks:
      - {role: strengthening, exercises: [wall_push]}
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A data folder with one spinal_source_likely session (number 1, reference A1) and the clinic's name
    set as the staff screen sets it: (folder, the session's id)."""
    folder = tmp_path_factory.mktemp("handout-cli") / "data"
    records = Records.open(folder).records
    program = loader.load().programs["knee_from_spine"]
    number = record_script(records, program, "spinal_source_likely", START, reference="A1")
    records.set_setting(CLINIC_SETTING, "Riverside Physio")
    uid = records.session(number).uid
    records.close()
    return folder, uid


def test_writes_the_pdf_of_a_session_by_its_number_and_exits_0(data, tmp_path):
    folder, _ = data
    out = tmp_path / "home.pdf"
    done = kiosk_handout(folder, "1", out)
    assert done.returncode == 0, done.stderr[-3000:]
    assert out.read_bytes().startswith(b"%PDF-")
    assert f"{out}: home program of session 1 (knee_from_spine, spinal_source_likely, en)" in done.stderr
    text = pdf_text(out)
    assert text.startswith("Riverside Physio Your exercises at home Date: ") and "For: A1" in text


def test_the_clinic_given_on_the_command_line_is_the_one_on_the_page(data, tmp_path):
    folder, uid = data
    out = tmp_path / "home.pdf"
    done = kiosk_handout(folder, uid[:8], out, "--clinic", "Clínica Río Verde")
    assert done.returncode == 0, done.stderr[-3000:]
    text = pdf_text(out)
    assert text.startswith("Clínica Río Verde Your exercises at home") and "Riverside Physio" not in text


def test_the_last_session_and_no_clinic_at_all(data, tmp_path):
    folder, _ = data
    out = tmp_path / "home.pdf"
    done = kiosk_handout(folder, "last", out, "--clinic", "")
    assert done.returncode == 0, done.stderr[-3000:]
    assert pdf_text(out).startswith("Your exercises at home Date: ")


@pytest.mark.parametrize("session", ["7", "abc", "ffffffffff"])
def test_an_unknown_session_is_named_and_nothing_is_written(data, tmp_path, capsys, session):
    folder, _ = data
    out = tmp_path / "home.pdf"
    assert main(["handout", session, "--out", str(out), "--data", str(folder)]) == 2
    out_text, err = capsys.readouterr()
    assert err == (f"kiosk handout: no session {session!r}: give `last`, a session's number, or its id as in the "
                   "CSV export's session column (at least its first 8 characters)\n")
    assert not out.exists()


def test_no_records_yet(tmp_path, capsys):
    out = tmp_path / "home.pdf"
    assert main(["handout", "last", "--out", str(out), "--data", str(tmp_path / "empty")]) == 2
    assert capsys.readouterr().err == "kiosk handout: no sessions recorded yet\n"
    assert not out.exists()


def test_records_that_cannot_be_used_are_one_line_and_nothing_is_written(tmp_path, capsys):
    """A kiosk.db that is a folder (a restore gone wrong) is named in one line, as `kiosk history` does."""
    folder = tmp_path / "data"
    (folder / "kiosk.db").mkdir(parents=True)
    out = tmp_path / "home.pdf"
    assert main(["handout", "last", "--out", str(out), "--data", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk handout: {folder / 'kiosk.db'} is not a regular file (a folder)") and err.count("\n") == 1
    assert not out.exists() and (folder / "kiosk.db").is_dir()


def test_a_session_whose_program_is_gone_says_so(data, tmp_path):
    folder, _ = data
    other = tmp_path / "exercises"
    other.mkdir()
    (other / "clinic.yaml").write_text(OTHER_FOLDER, encoding="utf-8")
    out = tmp_path / "home.pdf"
    done = kiosk_handout(folder, "1", out, "--exercises", str(other))
    assert done.returncode == 1
    assert "kiosk handout: program knee_from_spine is no longer in the exercise folder" in done.stderr
    assert not out.exists()


def test_an_id_that_begins_with_eight_digits_is_not_taken_for_a_session_number(tmp_path, capsys):
    """About 1 id in 40 begins with 8 decimal digits (41979507-...): no session has that number, so it is an id."""
    folder = tmp_path / "data"
    records = Records.open(folder).records
    number = record_script(records, loader.load().programs["knee_from_spine"], "spinal_source_likely", START)
    uid = "41979507" + records.session(number).uid[8:]
    records.conn.execute("UPDATE sessions SET uid = ? WHERE id = ?", (uid, number))
    records.conn.commit()
    records.close()
    done = kiosk_handout(folder, "41979507", tmp_path / "home.pdf")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "home program of session 1 (knee_from_spine" in done.stderr
