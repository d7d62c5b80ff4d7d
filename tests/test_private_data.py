"""Health data is private to the kiosk's account: the data folder 0700, its files 0600, whatever the umask."""

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from factories import ci, program

from kiosk.records import export
from kiosk.records.store import DB_NAME, Records
from kiosk.speech.phrases import Phrase
from kiosk.speech.synthesis import Synthesizer, cache_folder

ROOT = Path(__file__).resolve().parent.parent


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(params=[0o022, 0o002, 0o000], ids=["umask-022", "umask-002", "umask-000"])
def loose_umask(request):
    """Run with a umask that would leave new files readable (or writable) by others."""
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


def write_one_session(records: Records) -> None:
    session_id = records.start_session(program())
    records.record_screening(session_id, "saddle_numbness", False)
    records.record_check_in(session_id, "baseline", ci("knee_right", nprs=5))


def test_a_new_data_folder_and_every_database_file_are_private(tmp_path, loose_umask):
    folder = tmp_path / "data"
    records = Records.open(folder).records
    write_one_session(records)
    files = {path.name: mode(path) for path in folder.iterdir()}
    records.close()
    assert mode(folder) == 0o700
    assert {DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"} <= set(files)
    assert files == {name: 0o600 for name in files}


def test_an_export_file_is_private(tmp_path, loose_umask):
    records = Records.open(tmp_path / "data").records
    write_one_session(records)
    for fmt in ("csv", "fhir"):
        written = export.export_to_folder(records, tmp_path, fmt)
        assert mode(written) == 0o600, fmt
    records.close()


def test_a_loose_folder_is_tightened_on_start_with_one_log_line(tmp_path, caplog):
    folder = tmp_path / "data"
    Records.open(folder).records.close()
    os.chmod(folder, 0o755)
    for path in folder.iterdir():
        os.chmod(path, 0o644)
    (folder / "notes.txt").write_text("left by hand")
    os.chmod(folder / "notes.txt", 0o664)
    with caplog.at_level(logging.WARNING, logger="kiosk.records"):
        Records.open(folder).records.close()
    assert mode(folder) == 0o700
    assert {path.name: mode(path) for path in folder.iterdir()} == {path.name: 0o600 for path in folder.iterdir()}
    lines = [r.getMessage() for r in caplog.records if "readable by other accounts" in r.getMessage()]
    assert len(lines) == 1
    assert "755 -> 700" in lines[0] and "notes.txt (664 -> 600)" in lines[0]


def test_the_speech_cache_is_private(tmp_path, loose_umask):
    folder = tmp_path / "data"
    Records.open(folder).records.close()
    made = Synthesizer(cache_folder(folder)).synthesize(Phrase("set.end", "en", "That set is done.", chime=True))
    assert made.parent == cache_folder(folder)
    assert mode(cache_folder(folder)) == 0o700
    assert mode(made) == 0o600
    assert [path.name for path in cache_folder(folder).iterdir()] == [made.name]  # no temporary file left


def test_the_kiosks_own_exports_folder_and_its_files_are_private(tmp_path, loose_umask):
    folder = tmp_path / "data"
    records = Records.open(folder).records
    write_one_session(records)
    written = export.export_to_folder(records, export.own_exports_folder(folder), "csv")
    records.close()
    assert mode(folder / "exports") == 0o700
    assert mode(written) == 0o600


def test_loose_subfolders_and_their_files_are_tightened_and_links_left_alone(tmp_path, caplog):
    folder = tmp_path / "data"
    Records.open(folder).records.close()
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not the kiosk's")
    os.chmod(outside, 0o644)
    for sub in ("programs", "speech-cache", "exports/old"):
        (folder / sub).mkdir(parents=True)
        os.chmod(folder / sub, 0o755)
        (folder / sub / "file").write_text("x")
        os.chmod(folder / sub / "file", 0o644)
    os.chmod(folder / "exports", 0o775)
    (folder / "programs" / "link").symlink_to(outside)
    with caplog.at_level(logging.WARNING, logger="kiosk.records"):
        Records.open(folder).records.close()
    for sub in ("programs", "speech-cache", "exports", "exports/old"):
        assert mode(folder / sub) == 0o700, sub
    for sub in ("programs", "speech-cache", "exports/old"):
        assert mode(folder / sub / "file") == 0o600, sub
    assert mode(outside) == 0o644
    lines = [r.getMessage() for r in caplog.records if "readable by other accounts" in r.getMessage()]
    assert len(lines) == 1
    assert "exports (775 -> 700)" in lines[0] and "speech-cache/file (644 -> 600)" in lines[0]


def test_a_private_folder_is_left_alone_and_nothing_is_logged(tmp_path, caplog):
    folder = tmp_path / "data"
    Records.open(folder).records.close()
    with caplog.at_level(logging.WARNING, logger="kiosk.records"):
        Records.open(folder).records.close()
    assert not [r for r in caplog.records if "readable" in r.getMessage()]


def test_set_pin_from_the_command_line_creates_a_private_database(tmp_path):
    folder = tmp_path / "data"
    run = subprocess.run([sys.executable, "-m", "kiosk", "set-pin", "--data", str(folder)], input="2468\n",
                         capture_output=True, text=True, cwd=ROOT, env={**os.environ, "KIOSK_DATA": ""},
                         preexec_fn=lambda: os.umask(0o022))
    assert run.returncode == 0, run.stderr
    assert mode(folder) == 0o700
    assert {path.name: mode(path) for path in folder.iterdir()} == {path.name: 0o600 for path in folder.iterdir()}
