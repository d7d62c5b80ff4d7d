"""Each kiosk's name on its sessions (`kiosk set-name`), and the SQLite migration that added it."""

import io
import socket
import sqlite3

import pytest

from factories import ci, program

from kiosk.__main__ import main
from kiosk.records.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, Records


def test_sessions_carry_the_host_name_until_a_name_is_set(tmp_path, capsys):
    folder = tmp_path / "data"
    records = Records.open(folder).records
    first = records.start_session(program())
    records.close()
    assert main(["set-name", "gym-1", "--data", str(folder)]) == 0
    assert "'gym-1'" in capsys.readouterr().out
    records = Records.open(folder).records
    second = records.start_session(program())
    assert records.session(first).kiosk_name == socket.gethostname()
    assert records.session(second).kiosk_name == "gym-1"
    records.close()
    assert main(["set-name", "--data", str(folder)]) == 0  # back to the host name
    assert Records.open(folder).records.kiosk_name() == socket.gethostname()


def test_a_name_that_is_too_long_is_refused_with_what_is_expected(tmp_path, capsys):
    assert main(["set-name", "x" * 41, "--data", str(tmp_path)]) == 2
    assert "1 to 40 printable characters" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["set-name", "gym-1"], ["set-retention", "30"], ["set-pin"]])
def test_a_settings_command_on_records_it_cannot_open_says_where_and_changes_nothing(tmp_path, capsys,
                                                                                   monkeypatch, command):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"this is not a database, it is a note left here" * 20)
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main([*command, "--data", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kiosk {command[0]}: cannot open {folder / DB_NAME}: ")
    assert "Traceback" not in err
    assert (folder / DB_NAME).read_bytes().startswith(b"this is not a database")


def test_version_1_records_gain_names_sequence_numbers_and_wait_to_be_copied(tmp_path):
    """A kiosk updated in place keeps every answer; its old screening answers are numbered in order."""
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    conn.execute("INSERT INTO sessions (id, uid, program_id, program_name, program_sha256, program_source,"
                 " started_at) VALUES (1, 'u1', 'p', 'P', '', '', '2026-01-01T10:00:00.000Z')")
    for flag in ("saddle_numbness", "both_legs", "night_pain"):
        conn.execute("INSERT INTO screening (session_id, flag_id, answer, answered_at)"
                     " VALUES (1, ?, 'no', '2026-01-01T10:00:01.000Z')", (flag,))
    conn.commit()
    conn.close()
    records = Records.open(tmp_path).records
    assert records.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    rows = records.conn.execute("SELECT flag_id, seq, copied FROM screening ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("saddle_numbness", 0, 0), ("both_legs", 1, 0), ("night_pain", 2, 0)]
    assert [a.flag_id for a in records.session(1).screening] == ["saddle_numbness", "both_legs", "night_pain"]
    records.record_screening(1, "fever", False)
    assert records.conn.execute("SELECT seq FROM screening WHERE flag_id = 'fever'").fetchone()[0] == 3


def test_every_change_to_a_session_raises_its_version(tmp_path):
    records = Records.open(tmp_path).records
    session_id = records.start_session(program())
    records.record_check_in(session_id, "baseline", ci("knee_right", nprs=5))
    records.end_session(session_id, "spinal_source_likely")
    records.set_reference(session_id, "PT-1")
    version = records.conn.execute("SELECT version FROM sessions WHERE id = ?", (session_id,)).fetchone()[0]
    assert version == 3
