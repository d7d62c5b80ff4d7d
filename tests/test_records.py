"""Session records: WAL, one transaction per answer, migrations, recovery, privacy and retention."""

import hashlib
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from factories import ci, program

from kiosk.clinical.session import Session
from kiosk.content import loader
from kiosk.records.store import DB_NAME, SCHEMA_VERSION, InvalidReference, Records, RecordsError


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


def run_session(records, answers=((["knee_right"], 6), (["thigh_front_right"], 4))):
    prog = program(spinal=(("press_up", len(answers) - 1),))
    session = Session(prog)
    session_id = records.start_session(prog)
    session.pass_screening()
    for flag in ("saddle_numbness", "both_legs"):
        records.record_screening(session_id, flag, False)
    baseline = ci(*answers[0][0], nprs=answers[0][1])
    session.check_in(baseline)
    records.record_check_in(session_id, "baseline", baseline)
    for pain, intensity in answers[1:]:
        session.finish_set()
        step = session.check_in(ci(*pain, nprs=intensity))
        records.record_check_in(session_id, step.kind, step.check_in, step)
    return session, session_id


def test_a_new_store_is_wal_with_the_current_schema(folder):
    records = Records.open(folder).records
    assert records.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert records.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert records.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert records.integrity_check() == "ok"


def test_every_answer_is_readable_by_another_connection_at_once(folder):
    records = Records.open(folder).records
    session, session_id = run_session(records)
    other = sqlite3.connect(str(folder / DB_NAME))
    assert other.execute("SELECT COUNT(*) FROM check_ins WHERE session_id = ?", (session_id,)).fetchone()[0] == 2
    assert other.execute("SELECT COUNT(*) FROM screening").fetchone()[0] == 2
    record = records.session(session_id)
    assert [c.kind for c in record.check_ins] == ["baseline", "set"]
    step = record.check_ins[1]
    assert (step.exercise_id, step.set_number, step.response, step.check_in.intensity) == \
        ("press_up", 1, session.steps[0].response.value, 4)
    assert step.check_in.pain == {"thigh_front_right"}


def test_the_program_file_and_its_sha256_are_stored_with_the_session(folder, root):
    """A program read from a real file: the records name the file and its exact bytes."""
    program = loader.load([root / "exercises"]).programs["knee_from_spine"]
    expected = hashlib.sha256(Path(program.source.rsplit(":", 1)[0]).read_bytes()).hexdigest()
    records = Records.open(folder).records
    session_id = records.start_session(program)
    records.close()
    record = Records.open(folder).records.session(session_id)
    assert (record.program_id, record.program_sha256) == ("knee_from_spine", expected)


def test_a_session_left_running_is_marked_incomplete_on_the_next_start(folder):
    records = Records.open(folder).records
    _, session_id = run_session(records)
    records.close()
    opened = Records.open(folder)
    record = opened.records.session(session_id)
    assert opened.interrupted == 1 and "marked incomplete" in opened.notices[0]
    assert record.outcome == "incomplete" and record.interrupted and len(record.check_ins) == 2
    assert record.ended_at == record.check_ins[-1].answered_at


def test_an_ended_session_keeps_its_outcome_and_notes(folder):
    records = Records.open(folder).records
    _, session_id = run_session(records)
    records.end_session(session_id, "spinal_source_likely", None, ["a note"])
    records.close()
    record = Records.open(folder).records.session(session_id)
    assert (record.outcome, record.interrupted, record.notes) == ("spinal_source_likely", False, ("a note",))


def test_a_damaged_file_is_moved_aside_with_a_clear_message_and_a_new_one_started(folder):
    folder.mkdir(parents=True)
    (folder / DB_NAME).write_bytes(b"this is not a database" * 100)
    opened = Records.open(folder)
    assert "was damaged" in opened.notices[0] and "Nothing was deleted" in opened.notices[0]
    aside = [p for p in folder.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")
    assert opened.records.integrity_check() == "ok" and opened.records.recent() == []


def test_a_database_from_a_newer_kiosk_is_refused_not_damaged(folder):
    records = Records.open(folder).records
    records.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    records.close()
    with pytest.raises(RecordsError, match="newer kiosk"):
        Records.open(folder)


def test_an_empty_file_is_migrated_to_the_current_schema(folder):
    folder.mkdir(parents=True)
    sqlite3.connect(str(folder / DB_NAME)).close()
    records = Records.open(folder).records
    assert records.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_old_records_are_deleted_after_the_retention_period(folder):
    records = Records.open(folder).records
    old = (datetime.now(timezone.utc) - timedelta(days=40)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    prog = program()
    old_id = records.start_session(prog, started_at=old)
    records.record_check_in(old_id, "baseline", ci("knee_left", nprs=3))
    new_id = records.start_session(prog)
    records.set_setting("retention_days", "30")
    records.close()
    opened = Records.open(folder)
    assert opened.purged == 1 and "older than 30 days" in opened.notices[-1]
    assert [r.id for r in opened.records.recent()] == [new_id]
    assert opened.records.conn.execute("SELECT COUNT(*) FROM check_ins").fetchone()[0] == 0


def test_a_reference_is_a_short_code_never_a_name(folder):
    records = Records.open(folder).records
    _, session_id = run_session(records)
    records.set_reference(session_id, "PT-0042")
    assert records.session(session_id).patient_ref == "PT-0042"
    for bad in ("Jane Smith", "a" * 21, "x;drop"):
        with pytest.raises(InvalidReference):
            records.set_reference(session_id, bad)
    records.set_reference(session_id, "")
    assert records.session(session_id).patient_ref is None


def test_no_names_are_kept(folder):
    records = Records.open(folder).records
    columns = {row[1] for table in ("sessions", "check_ins", "screening")
               for row in records.conn.execute(f"PRAGMA table_info({table})")}
    assert not {"name", "patient_name", "first_name", "last_name", "birth_date"} & columns


def test_set_pin_and_set_retention_commands(folder, monkeypatch, capsys):
    import io

    from kiosk.__main__ import main
    from kiosk.records.pin import PinLock

    monkeypatch.setattr("sys.stdin", io.StringIO("482193\n"))
    assert main(["set-pin", "--data", str(folder)]) == 0
    assert main(["set-retention", "90", "--data", str(folder)]) == 0
    assert main(["set-retention", "ninety", "--data", str(folder)]) == 2
    assert "expected a number of days" in capsys.readouterr().err
    records = Records.open(folder).records
    assert PinLock(records).try_pin("482193").ok and records.retention_days() == 90
    records.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert main(["set-pin", "--data", str(folder)]) == 1
    assert main(["set-retention", "off", "--data", str(folder)]) == 0
    assert Records.open(folder).records.retention_days() is None
