"""The records meet real faults: a lock held by another process, a full disk, a read-only mount, a newer schema.

A healthy database is never moved aside; only a file SQLite itself calls corrupt is,
and then the staff PIN comes with it. The staff PIN holds whatever fails. `kiosk
history` and `export` end with one clear line, never a traceback. Each disk is a real
small tmpfs (tests/small_disk.py), each lock a real second process.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import contextmanager

import pytest
from recorded import record_script
from small_disk import fill, lock_held, remount_read_only, small_disk

from kiosk.__main__ import main
from kiosk.content import loader
from kiosk.records.pin import KeptSettings, PinLock
from kiosk.records.store import DB_NAME, SCHEMA_VERSION, Records, RecordsError

PIN = "2468"


@pytest.fixture(scope="module")
def knee_program():
    return loader.load().programs["knee_from_spine"]


def kept_records(folder, program) -> None:
    """Records with one whole session and a staff PIN, closed."""
    records = Records.open(folder).records
    record_script(records, program, "spinal_source_likely", "2026-03-02T18:00:00.000Z", reference="A1")
    PinLock(records).set_pin(PIN)
    records.close()


@contextmanager
def fault(kind: str, disk, database):
    if kind == "locked":
        with lock_held(database):
            yield "locked"
    elif kind == "disk full":
        filler = fill(disk)
        yield "disk full"
        filler.unlink()
    else:
        remount_read_only(disk)
        yield "read-only"
        import subprocess

        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)


@pytest.mark.parametrize("kind", ["locked", "disk full", "read-only"])
def test_a_healthy_database_that_cannot_be_opened_now_stays_where_it_is(tmp_path, knee_program, kind):
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        kept_records(folder, knee_program)
        names = sorted(p.name for p in folder.iterdir())
        with fault(kind, disk, folder / DB_NAME) as cause:
            with pytest.raises(RecordsError) as raised:
                Records.open(folder)
            assert str(folder / DB_NAME) in str(raised.value) and "left as it is" in str(raised.value)
            assert {"locked": "locked", "disk full": "disk full", "read-only": "read-only"}[cause] in str(raised.value)
            lock = PinLock(KeptSettings(folder / DB_NAME))  # the PIN still holds, read from the file
            assert lock.is_set and lock.checkable and not lock.try_pin("0000").ok and lock.try_pin(PIN).ok
        assert not any(".damaged-" in p.name for p in folder.iterdir())
        assert {n for n in names} <= {p.name for p in folder.iterdir()}
        opened = Records.open(folder)  # the fault gone: every record and the PIN are there
        assert [s.patient_ref for s in opened.records.recent()] == ["A1"] and PinLock(opened.records).is_set
        assert not opened.notices
        opened.records.close()


def test_only_a_file_sqlite_calls_corrupt_is_set_aside_and_its_pin_comes_along(tmp_path, knee_program):
    folder = tmp_path / "data"
    kept_records(folder, knee_program)
    database = folder / DB_NAME
    with sqlite3.connect(database) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'check_ins'").fetchone()[0]
    conn.close()
    data = bytearray(database.read_bytes())
    data[(root - 1) * page:(root - 1) * page + 64] = b"\xff" * 64  # the check-ins table's first page
    database.write_bytes(bytes(data))
    opened = Records.open(folder)
    assert "was damaged" in opened.notices[0]
    assert [p for p in folder.iterdir() if ".damaged-" in p.name]
    lock = PinLock(opened.records)
    assert lock.is_set and lock.try_pin(PIN).ok  # the staff PIN was carried into the new file
    opened.records.close()


def test_a_newer_kiosks_database_keeps_its_pin_and_an_unreadable_file_opens_to_no_pin(tmp_path, knee_program):
    folder = tmp_path / "data"
    kept_records(folder, knee_program)
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(RecordsError, match="newer kiosk"):
        Records.open(folder)
    lock = PinLock(KeptSettings(folder / DB_NAME))
    assert lock.is_set and not lock.try_pin("1357").ok and lock.try_pin(PIN).ok
    unreadable = tmp_path / "other.db"
    unreadable.mkdir()  # a folder where the file should be: nothing to read the PIN from, no PIN opens the pad
    lock = PinLock(KeptSettings(unreadable))
    assert lock.is_set and not lock.checkable and not lock.try_pin(PIN).ok


def test_a_wrong_pin_on_a_full_disk_is_counted_not_raised(tmp_path, knee_program):
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        kept_records(folder, knee_program)
        records = Records.open(folder).records
        filler = fill(disk)
        lock = PinLock(records)
        attempts = [lock.try_pin("0000") for _ in range(5)]
        assert [a.tries_left for a in attempts] == [4, 3, 2, 1, 0] and lock.locked_for() > 0
        assert not lock.try_pin(PIN).ok  # locked, even with the right PIN
        filler.unlink()
        records.close()


@pytest.mark.parametrize("command", [["history"], ["export", "--format", "csv"], ["export", "--format", "fhir"]],
                         ids=" ".join)
def test_history_and_export_on_a_full_disk_end_with_one_clear_line(tmp_path, knee_program, capsys, command):
    with small_disk(tmp_path / "disk") as disk:
        folder = disk / "data"
        kept_records(folder, knee_program)
        filler = fill(disk)
        code = main([*command, "--data", str(folder)])
        out, err = capsys.readouterr()
        assert code == 1 and "disk full" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
        filler.unlink()
        assert main([*command, "--data", str(folder)]) == 0
        assert "A1" in capsys.readouterr().out


@pytest.mark.parametrize("part, make", [("", os.mkfifo), ("-wal", os.mkfifo), ("", os.mkdir)],
                         ids=["database a named pipe", "its -wal a named pipe", "database a folder"])
def test_records_that_are_not_a_regular_file_are_refused_in_one_line_and_left_as_they_are(tmp_path, part, make):
    """SQLite (and the damage check before it) would wait for ever on a named pipe: the kiosk's start, history
    and the PIN's kept settings must say what the file is and go on. Run as a child with a deadline, so that
    a hang fails the test instead of stopping the suite."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    if part:
        Records.open(folder).records.close()
    odd = folder / f"{DB_NAME}{part}"
    if odd.exists():
        odd.unlink()
    make(odd)
    probe = ("import sys; from pathlib import Path; from kiosk.__main__ import main; "
             "from kiosk.records.pin import KeptSettings, PinLock; "
             "lock = PinLock(KeptSettings(Path(sys.argv[1]) / 'kiosk.db')); "
             "print('pin checkable:', lock.checkable, flush=True); sys.exit(main(['history', '--data', sys.argv[1]]))")
    done = subprocess.run([sys.executable, "-c", probe, str(folder)], capture_output=True, text=True, timeout=60)
    kind = "a named pipe" if make is os.mkfifo else "a folder"
    assert done.stdout.startswith("pin checkable: False"), done.stdout + done.stderr
    assert done.returncode != 0
    said = [line for line in done.stderr.splitlines() if "is not a regular file" in line]
    assert len(said) >= 1 and f"{odd} is not a regular file ({kind})" in said[-1], done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert (odd.is_dir() if make is os.mkdir else stat.S_ISFIFO(odd.stat().st_mode)), "the odd file was moved"
