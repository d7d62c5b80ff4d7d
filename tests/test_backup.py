"""`kiosk backup` and `kiosk restore`: a consistent copy of the records and the clinic's programs,
private, made while a session is being recorded, and put back without losing what was there."""

import sqlite3
import stat

from clinic_kiosk import record_session

from kiosk.__main__ import main
from kiosk.records.pin import PinLock
from kiosk.records.store import DB_NAME, Records


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def kiosk_folder(tmp_path, sessions=2):
    data = tmp_path / "data"
    records = Records.open(data).records
    for _ in range(sessions):
        record_session(records)
    PinLock(records).set_pin("482193")
    (data / "programs").mkdir(mode=0o700)
    (data / "programs" / "knee_plan.yaml").write_text("programs: []\n")
    return data, records


def session_uids(database):
    with sqlite3.connect(database) as conn:
        return sorted(row[0] for row in conn.execute("SELECT uid FROM sessions"))


def test_a_backup_holds_every_session_the_pin_and_the_programs_privately(capsys, tmp_path):
    data, records = kiosk_folder(tmp_path)
    record_session(records, end=False)  # a session still being recorded: its answers are in the WAL
    stick = tmp_path / "stick"
    stick.mkdir()
    code, out, err = run(capsys, "backup", str(stick), "--data", str(data))
    assert (code, err) == (0, "")
    [folder] = stick.iterdir()
    assert folder.name.startswith("kiosk-backup-") and str(folder) in out and "1 clinic program" in out
    assert session_uids(folder / DB_NAME) == session_uids(data / DB_NAME) and len(session_uids(folder / DB_NAME)) == 3
    assert PinLock(Records(folder / DB_NAME)).try_pin("482193").ok
    assert (folder / "programs" / "knee_plan.yaml").read_text() == "programs: []\n"
    for path in (folder, folder / "programs"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    for path in (folder / DB_NAME, folder / "programs" / "knee_plan.yaml"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(folder.glob("*.partial"))


def test_restore_puts_the_backup_back_and_keeps_what_was_there(capsys, tmp_path):
    data, records = kiosk_folder(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert run(capsys, "backup", str(stick), "--data", str(data))[0] == 0
    [backup] = stick.iterdir()
    before = session_uids(data / DB_NAME)
    record_session(records)  # recorded after the backup: kept aside by the restore, never deleted
    records.close()
    after = session_uids(data / DB_NAME)
    code, out, err = run(capsys, "restore", str(backup), "--data", str(data))
    assert (code, err) == (0, "")
    assert session_uids(data / DB_NAME) == before
    [kept] = [path for path in data.glob(f"{DB_NAME}.replaced-*") if not path.name.endswith(("-wal", "-shm"))]
    assert session_uids(kept) == after and str(kept) in out
    assert (data / "programs" / "knee_plan.yaml").is_file() and list(data.glob("programs.replaced-*"))
    assert stat.S_IMODE((data / DB_NAME).stat().st_mode) == 0o600


def test_a_damaged_backup_is_refused_and_nothing_is_changed(capsys, tmp_path):
    data, records = kiosk_folder(tmp_path)
    records.close()
    backup = tmp_path / "kiosk-backup-broken"
    backup.mkdir()
    (backup / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    before = (data / DB_NAME).read_bytes()
    code, out, err = run(capsys, "restore", str(backup), "--data", str(data))
    assert code == 1 and out == "" and err.startswith("kiosk restore: ") and "Traceback" not in err
    assert (data / DB_NAME).read_bytes() == before and not list(data.glob("*.replaced-*"))


def test_backup_without_records_or_into_a_missing_folder_says_so(capsys, tmp_path):
    code, _, err = run(capsys, "backup", str(tmp_path), "--data", str(tmp_path / "none"))
    assert code == 1 and "no records to back up" in err
    data, records = kiosk_folder(tmp_path)
    code, _, err = run(capsys, "backup", str(tmp_path / "no-stick"), "--data", str(data))
    assert code == 1 and "is not a folder" in err
