"""`kiosk export` and `kiosk history` as staff run them, on records in temporary folders."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fhir.resources.bundle import Bundle
from recorded import record_script

from kiosk.__main__ import main
from kiosk.content import loader
from kiosk.records.export import HEADER
from kiosk.records.store import DATA_ENV, DB_NAME, Records


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def knee_program():
    return loader.load().programs["knee_from_spine"]


@pytest.fixture
def data(tmp_path, knee_program):
    """A data folder with two sessions: 2 March (reference A1) and 9 March (red flag at the screen)."""
    folder = tmp_path / "records"
    records = Records.open(folder).records
    record_script(records, knee_program, "spinal_source_likely", "2026-03-02T18:00:00.000Z", reference="A1")
    record_script(records, knee_program, "red_flag_stop-before", "2026-03-09T18:00:00.000Z")
    records.close()
    return folder


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_export_csv_to_standard_output(capsys, data):
    code, out, err = run(capsys, "export", "--data", str(data))
    assert code == 0
    table = rows(out)
    assert list(table[0]) == list(HEADER)
    assert len(table) == 11 + 1  # baseline and 10 sets, then the red-flag session's single row
    assert {r["outcome"] for r in table} == {"spinal_source_likely", "red_flag_stop"}
    assert "2 sessions" in err


def test_export_fhir_to_a_file(capsys, data, tmp_path):
    out_file = tmp_path / "export.ndjson"
    code, out, err = run(capsys, "export", "--format", "fhir", "--data", str(data), "--out", str(out_file))
    assert code == 0 and out == ""
    assert f"2 sessions to {out_file}" in err
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    for line in lines:
        Bundle.parse_obj(json.loads(line))
    assert not list(tmp_path.glob(".*.partial"))


def test_export_since_filters(capsys, data):
    code, out, _ = run(capsys, "export", "--data", str(data), "--since", "2026-03-05")
    assert code == 0
    assert [r["outcome"] for r in rows(out)] == ["red_flag_stop"]


@pytest.mark.parametrize("since", ["03/05/2026", "2026-02-31", "last week"])
def test_export_rejects_a_bad_since(capsys, data, since):
    code, out, err = run(capsys, "export", "--data", str(data), "--since", since)
    assert code == 2 and out == ""
    assert "YYYY-MM-DD" in err or "not a real date" in err


def test_an_empty_export_still_has_the_header(capsys, tmp_path):
    code, out, _ = run(capsys, "export", "--data", str(tmp_path / "nothing"))
    assert code == 0
    assert out.splitlines() == [",".join(HEADER)]
    assert not (tmp_path / "nothing").exists()  # reading never creates a records folder


def test_export_to_an_unwritable_place(capsys, data, tmp_path):
    code, _, err = run(capsys, "export", "--data", str(data), "--out", str(tmp_path / "no" / "such" / "x.csv"))
    assert code == 2 and "cannot write" in err


def test_history_lists_the_sessions(capsys, data):
    code, out, _ = run(capsys, "history", "--data", str(data))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["started", "program", "outcome", "check-ins", "reference", "language"]
    assert "red flag stop" in lines[1] and lines[1].split()[-2:] == ["-", "en"]
    assert "spinal source likely" in lines[2] and lines[2].split()[-3:] == ["11", "A1", "en"]
    assert "Is my knee pain coming from my back?" in lines[1]
    assert "kiosk export" in out


def test_history_limit(capsys, data):
    code, out, _ = run(capsys, "history", "--data", str(data), "--limit", "1")
    assert code == 0
    assert "red flag stop" in out and "spinal source likely" not in out


def test_history_with_no_records(capsys, tmp_path):
    code, out, _ = run(capsys, "history", "--data", str(tmp_path / "none"))
    assert code == 0 and "No sessions recorded yet" in out


def test_kiosk_data_is_honoured(capsys, data, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(data))
    code, out, _ = run(capsys, "history")
    assert code == 0 and "A1" in out
    code, out, _ = run(capsys, "export")
    assert len(rows(out)) == 12


def test_data_option_wins_over_kiosk_data(capsys, data, tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(data))
    code, out, _ = run(capsys, "history", "--data", str(tmp_path / "other"))
    assert code == 0 and "No sessions recorded yet" in out


def test_reading_does_not_touch_a_running_session(capsys, data, knee_program):
    """`kiosk history` beside a running kiosk must not mark its live session incomplete."""
    records = Records(data / DB_NAME)
    live = records.start_session(knee_program)
    run(capsys, "history", "--data", str(data))
    run(capsys, "export", "--data", str(data))
    assert records.session(live).outcome is None
    records.close()


def test_export_to_a_closed_pipe_ends_quietly(data):
    """`kiosk export | head -3`: the reader goes away; no 'cannot write None: Broken pipe', no traceback."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte: every write meets a closed pipe
    try:
        done = subprocess.run([sys.executable, "-m", "kiosk", "export", "--format", "fhir", "--data", str(data)],
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")
