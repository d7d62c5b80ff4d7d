"""Every save and undo of a clinic program is kept in the records and exported beside the sessions.

Real files, a real SQLite database, the real `kiosk export` command.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
from dataclasses import replace

import pytest

from kiosk.__main__ import main
from kiosk.clinical.program import Block, Program, Role
from kiosk.content import loader
from kiosk.content.program_files import ProgramRefused, program_path
from kiosk.exercise_session import program_editing
from kiosk.records.export import export_to_folder
from kiosk.records.program_changes import CSV_COLUMNS, program_changes, record_program_change
from kiosk.records.programs_folder import programs_dir
from kiosk.records.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, Records

LIBRARY = loader.load()
EXERCISES = LIBRARY.exercises


def clinic_program(sets: int = 3) -> Program:
    return Program("clinic_knee", "Our knee programme", (
        Block(Role.SPINAL, (EXERCISES["prone_lying"], replace(EXERCISES["press_up"], sets=sets))),))


@pytest.fixture
def data(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def records(data):
    opened = Records.open(data).records
    yield opened
    opened.close()


def file_sha(data) -> str:
    return hashlib.sha256(program_path(programs_dir(data), "clinic_knee").read_bytes()).hexdigest()


def test_saves_and_undos_are_recorded_with_the_file_hashes(records, data):
    first = program_editing.save(records, clinic_program(3), LIBRARY, data)
    assert first.sha256_after == file_sha(data)
    second = program_editing.save(records, clinic_program(4), LIBRARY, data)
    program_editing.undo(records, "clinic_knee", data)
    assert file_sha(data) == first.sha256_after
    rows = program_editing.history(records)
    assert [(r.action, r.sha256_before, r.sha256_after) for r in rows] == [
        ("undo", second.sha256_after, first.sha256_after),
        ("save", first.sha256_after, second.sha256_after),
        ("save", None, first.sha256_after)]
    assert program_editing.reload(data).programs["clinic_knee"].source_sha256 == first.sha256_after


def test_each_change_is_recorded_in_the_screens_words(records, data):
    program_editing.save(records, clinic_program(3), LIBRARY, data)
    program_editing.save(records, clinic_program(4), program_editing.reload(data), data)
    bigger = replace(clinic_program(4), blocks=(
        clinic_program(4).blocks[0], Block(Role.STRENGTHENING, (EXERCISES["bird_dog"],), "core")), offered=False)
    program_editing.save(records, bigger, program_editing.reload(data), data)
    core = replace(bigger.blocks[1], exercises=(EXERCISES["bird_dog"], EXERCISES["bridge"]))
    program_editing.save(records, replace(bigger, blocks=(bigger.blocks[0], core), offered=True),
                         program_editing.reload(data), data)
    program_editing.undo(records, "clinic_knee", data)
    third = program_editing.history(records)[2].changed_at
    assert [change.summary for change in program_editing.history(records)] == [
        f"Undone to the version of {program_editing._local(third)}",
        "Offered to patients; Saved: Block 2: added Bridge",
        "Made a draft (no longer offered); Saved: Added Block 2 (strengthening: Bird dog)",
        "Saved: Press up 3 -> 4 sets",
        "Saved: new program, 1 block of 2 exercises"]
    fourth = program_editing.history(records)[1].changed_at
    program_editing.undo(records, "clinic_knee", data)  # and back: the version of the fourth save
    assert program_editing.history(records)[0].summary == f"Undone to the version of {program_editing._local(fourth)}"


def test_undoing_a_first_save_and_bringing_it_back_are_said_so(records, data):
    program_editing.save(records, clinic_program(3), LIBRARY, data)
    program_editing.undo(records, "clinic_knee", data)
    program_editing.undo(records, "clinic_knee", data)
    first = program_editing.history(records)[-1].changed_at
    assert [change.summary for change in program_editing.history(records)][:2] == [
        f"Brought back: the version of {program_editing._local(first)}",
        "Undone: removed (it was saved only once); undo again brings it back"]


def test_a_refused_save_records_nothing(records, data):
    ghost = replace(EXERCISES["bridge"], id="not_in_the_library")
    with pytest.raises(ProgramRefused):
        program_editing.save(records, replace(clinic_program(), blocks=(Block(Role.SPINAL, (ghost,)),)), LIBRARY,
                             data)
    assert program_changes(records) == []


def test_the_migration_adds_the_table_to_an_older_database(data):
    before = next(number for number, script in enumerate(MIGRATIONS) if "CREATE TABLE program_changes" in script)
    data.mkdir(exist_ok=True)
    old = sqlite3.connect(data / DB_NAME)  # as a kiosk of the version before this migration left it
    for script in MIGRATIONS[:before]:
        old.executescript(script)
    old.execute(f"PRAGMA user_version = {before}")
    old.close()
    records = Records.open(data).records
    assert records.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    record_program_change(records, "save", "clinic_knee", None, "ab" * 32, "2026-11-30T10:00:00.000Z")
    assert program_changes(records, "clinic_knee")[0].changed_at == "2026-11-30T10:00:00.000Z"
    assert program_changes(records, "clinic_knee")[0].summary == ""
    with pytest.raises(sqlite3.IntegrityError):
        records.conn.execute("INSERT INTO program_changes (changed_at, program_id, action) VALUES ('x', 'p', 'drop')")


def test_the_migration_keeps_older_changes_without_words(data):
    """A database of the version before the words: its changes stay, with no words, and new ones get them."""
    before = next(number for number, script in enumerate(MIGRATIONS) if "ADD COLUMN summary" in script)
    data.mkdir(exist_ok=True)
    old = sqlite3.connect(data / DB_NAME)
    for script in MIGRATIONS[:before]:
        old.executescript(script)
    old.execute("INSERT INTO program_changes (changed_at, program_id, action, sha256_before, sha256_after) "
                "VALUES ('2026-11-30T10:00:00.000Z', 'clinic_knee', 'save', NULL, ?)", ("cd" * 32,))
    old.execute(f"PRAGMA user_version = {before}")
    old.commit()
    old.close()
    records = Records.open(data).records
    assert records.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    [kept] = program_changes(records)
    assert (kept.sha256_after, kept.summary) == ("cd" * 32, "")
    program_editing.save(records, clinic_program(), LIBRARY, data)
    assert program_changes(records)[0].summary == "Saved: new program, 1 block of 2 exercises"
    records.close()


def test_an_export_to_a_folder_writes_the_changes_beside_the_sessions(records, data, tmp_path):
    saved = program_editing.save(records, clinic_program(), LIBRARY, data)
    stick = tmp_path / "stick"
    stick.mkdir()
    sessions = export_to_folder(records, stick, "csv")
    [changes] = stick.glob("kiosk-program-changes-*.csv")
    assert changes.name == sessions.name.replace("kiosk-export-", "kiosk-program-changes-")
    rows = list(csv.reader(io.StringIO(changes.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [name for name, _ in CSV_COLUMNS]
    assert rows[1][1:] == ["clinic_knee", "save", "", saved.sha256_after, "Saved: new program, 1 block of 2 exercises"]
    assert oct(changes.stat().st_mode & 0o777) == "0o600"


def test_kiosk_export_writes_the_program_changes(records, data, capsys):
    program_editing.save(records, clinic_program(), LIBRARY, data)
    program_editing.undo(records, "clinic_knee", data)
    assert main(["export", "--format", "program-changes", "--data", str(data)]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.reader(io.StringIO(out)))
    assert [row[2] for row in rows[1:]] == ["undo", "save"] and rows[1][4] == ""
    assert "2 program changes" in err
    assert (data / DB_NAME).exists()


def test_a_running_session_keeps_the_version_it_started_with(records, data):
    from kiosk.clinical.session import Session

    first = program_editing.save(records, clinic_program(3), LIBRARY, data)
    session = Session(program_editing.reload(data).programs["clinic_knee"])
    session_id = records.start_session(session.program)
    second = program_editing.save(records, clinic_program(5), LIBRARY, data)
    assert session.program.blocks[0].exercises[1].sets == 3
    assert records.session(session_id).program_sha256 == first.sha256_after
    next_one = program_editing.reload(data).programs["clinic_knee"]
    assert (next_one.blocks[0].exercises[1].sets, next_one.source_sha256) == (5, second.sha256_after)
