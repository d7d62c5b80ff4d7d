"""Exporting the session records: CSV for spreadsheets, FHIR R4 for health records.

CSV: one row per check-in, with the session's columns repeated on every row. A
session with no check-in (stopped by a red flag at the screen, or left before the
baseline) still gets one row, its check-in columns empty, so no session goes missing.
Times are ISO 8601 in UTC, as recorded.

FHIR: one Bundle (type transaction) per session, one Bundle per line: newline-delimited
JSON (NDJSON, `application/fhir+ndjson`), the FHIR bulk-data file format. Each line is
a complete Bundle that a FHIR server accepts as it is, and `jq -c` or any line reader
splits the file.

Special-test results: one row per entry staff made, in a CSV file of its own
(kiosk.records.findings_csv), written beside each CSV export to a folder.

Program changes: every save and undo of the clinic's programs, one row each, in a CSV
file of its own (`kiosk-program-changes-<date>.csv`) written beside each export to a
folder, so the sessions can be matched to the program version they ran.

`export_to_folder` writes a dated file into a folder (a USB stick) through a temporary
file that is renamed only once it is complete and flushed: a stick pulled out too soon
leaves a hidden `.partial` file, never a file that looks whole but is not. The
temporary file has an unpredictable name and is created with O_EXCL and O_NOFOLLOW
(kiosk.files.new_partial), so a link planted in a folder others can write cannot
redirect the export; a target that exists and is not a regular file (a link, a
device, a named pipe, a folder) is refused, never replaced.
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Iterable

from kiosk.clinical.record import CheckInRecord, SessionRecord
from kiosk.clinical.regions import REGIONS

from kiosk.files import new_partial, sync_folder

from . import clinic_settings, findings_csv, private, program_changes
from .fhir import ordered, session_bundle
from .fhir_terms import DEFAULT_TERMS, Terms, terms_for
from .store import Records

FORMATS = {"csv": ".csv", "fhir": ".ndjson"}
"""Export format -> file name suffix."""
PROGRAM_CHANGES = "program-changes"
"""The export of the clinic's program changes: a CSV file beside the sessions' export."""
TEST_RESULTS = "test-results"
"""The export of the special-test results, one row per entry (kiosk.records.findings_csv): beside the sessions'."""

CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("session", "The session's unique id"),
    ("patient reference", "The clinic's reference code, if staff attached one (never a name)"),
    ("program", "The exercise program's name"),
    ("program id", "The program's id in the exercise files"),
    ("program file sha256", "Fingerprint of the program file the session ran"),
    ("session started (UTC)", "When the session started"),
    ("session ended (UTC)", "When it ended"),
    ("outcome", "The one result the session ended in"),
    ("red flag", "The red flag that stopped the session, if one did"),
    ("interrupted", "yes: the kiosk stopped while the session was running"),
    ("kiosk", "The name of the kiosk the session ran on (kiosk set-name)"),
    ("language", "The patient's language for the session, a code such as en or es"),
    ("check-in", "Number of the check-in in the session: 0 is the baseline"),
    ("kind", "baseline, set or recheck"),
    ("block", "spinal, strengthening or postural"),
    ("exercise", "The exercise the check-in followed"),
    ("exercise id", "Its id in the exercise files"),
    ("set", "Which set of the exercise"),
    ("of sets", "How many sets the program plans"),
    ("answered at (UTC)", "When the patient answered"),
    ("pain regions", "Where it hurts, in plain words, from the spine outwards"),
    ("pain region ids", "The same as region ids"),
    ("numbness or tingling regions", "Where it is numb or tingling"),
    ("numbness or tingling region ids", "The same as region ids"),
    ("pain 0-10", "Pain now: 0 none, 10 worst"),
    ("leg weakness", "yes or no"),
    ("response", "How the symptoms changed since the check-in before"),
    ("decision", "What the session did next"),
    ("stopped early", "yes: the patient stopped the set, pain worse"),
    ("session notes", "The session summary's notes"),
    ("ended by", "How the session ended: finished, red_flag, worse, staff, patient_left, idle, kiosk_closed or "
                 "interrupted (empty: recorded before the kiosk kept it)"),
    ("seconds exercised", "Seconds of the set's movements and holds done (rest and count-in left out)"),
    ("seconds planned", "Seconds of movements and holds the set planned; more than exercised: ended early"),
)
"""The CSV header, in order, with what each column holds (also in the README)."""
HEADER = tuple(name for name, _ in CSV_COLUMNS)
LIST_SEPARATOR = "; "


class ExportError(ValueError):
    """An export that cannot be made as asked (a clear message for staff)."""


def parse_since(text: str | None) -> str | None:
    """'YYYY-MM-DD' (a local date) -> the UTC instant of its local midnight, as records store times."""
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ExportError(f"--since must be a date written YYYY-MM-DD, such as 2026-11-01; got {text!r}")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ExportError(f"--since {text!r} is not a real date") from None
    try:
        midnight = datetime(day.year, day.month, day.day).astimezone(timezone.utc)
    except (OverflowError, ValueError, OSError):  # a day at the edge of the calendar (0001-01-01): take it as UTC
        midnight = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return midnight.isoformat(timespec="milliseconds").replace("+00:00", "Z")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet take a cell for a formula (OWASP's list): such a text cell gets a ' in front."""


def _cell(value):
    """A CSV cell that a spreadsheet shows as text, never runs: `=HYPERLINK(...)` becomes `'=HYPERLINK(...)`.

    Numbers stay numbers (a negative one included); only text is guarded."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _labels(region_ids) -> str:
    return LIST_SEPARATOR.join(REGIONS[r].label for r in ordered(region_ids))


def _ids(region_ids) -> str:
    return LIST_SEPARATOR.join(ordered(region_ids))


def _session_cells(session: SessionRecord) -> list:
    return [session.uid, session.patient_ref or "", session.program_name, session.program_id,
            session.program_sha256, session.started_at, session.ended_at or "", session.outcome or "",
            session.red_flag or "", _yes_no(session.interrupted), session.kiosk_name, session.language]


def _check_in_cells(record: CheckInRecord) -> list:
    check_in = record.check_in
    blank = lambda value: "" if value is None else value  # noqa: E731
    return [record.seq, record.kind, blank(record.role), blank(record.exercise_name), blank(record.exercise_id),
            blank(record.set_number), blank(record.sets), record.answered_at,
            _labels(check_in.pain), _ids(check_in.pain), _labels(check_in.numbness), _ids(check_in.numbness),
            check_in.intensity, _yes_no(check_in.weakness), blank(record.response), blank(record.decision),
            _yes_no(record.stopped_early) if record.kind == "set" else ""]


def csv_rows(session: SessionRecord) -> list[list]:
    """The CSV rows of one session: one per check-in, or one with empty check-in cells."""
    notes = " | ".join(session.notes)
    head = _session_cells(session)
    tail = [notes, session.ended_by or ""]
    if not session.check_ins:
        return [[_cell(cell) for cell in head + [""] * (HEADER.index("session notes") - len(head)) + tail + ["", ""]]]
    return [[_cell(cell) for cell in head + _check_in_cells(record) + tail + _set_time_cells(record)]
            for record in session.check_ins]


def _set_time_cells(record: CheckInRecord) -> list:
    """Columns added after "ended by" (the CSV's columns are a contract: new ones go at the end)."""
    return ["" if seconds is None else seconds for seconds in (record.exercised_seconds, record.planned_seconds)]


def write_csv(sessions: Iterable[SessionRecord], stream: IO[str]) -> int:
    """Write the header and every session's rows; returns how many sessions were written.

    Open files with newline="" (the csv module writes RFC 4180 line ends itself).
    """
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    count = 0
    for session in sessions:
        writer.writerows(csv_rows(session))
        count += 1
    return count


def fhir_bundles(sessions: Iterable[SessionRecord], terms: Terms = DEFAULT_TERMS) -> list[dict]:
    """Every session as a FHIR R4 transaction Bundle (see kiosk.records.fhir)."""
    return [session_bundle(session, terms) for session in sessions]


def write_fhir(sessions: Iterable[SessionRecord], stream: IO[str], terms: Terms = DEFAULT_TERMS) -> int:
    """NDJSON: one session's Bundle per line; returns how many were written."""
    count = 0
    for session in sessions:
        stream.write(json.dumps(session_bundle(session, terms), ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count


WRITERS = {"csv": write_csv, "fhir": write_fhir, TEST_RESULTS: findings_csv.write_csv}


def write(fmt: str, sessions: Iterable[SessionRecord], stream: IO[str], terms: Terms = DEFAULT_TERMS) -> int:
    if fmt not in WRITERS:
        raise ExportError(f"unknown export format {fmt!r}: use {' or '.join(WRITERS)}")
    return write_fhir(sessions, stream, terms) if fmt == "fhir" else WRITERS[fmt](sessions, stream)


def write_file(fmt: str, sessions: Iterable[SessionRecord], path: Path, terms: Terms = DEFAULT_TERMS) -> int:
    """Write an export file safely: to a hidden temporary file, flushed to disk, then renamed.

    `fmt` "program-changes" writes `sessions` as program changes instead (kiosk.records.program_changes)."""
    path = Path(path)
    check_target(path)
    # utf-8-sig for CSV: the byte-order mark makes spreadsheet programs read UTF-8 correctly.
    encoding = "utf-8" if fmt == "fhir" else "utf-8-sig"
    handle, partial = new_partial(path)  # health data: 0600 whatever the umask
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            count = (program_changes.write_csv(sessions, stream) if fmt == PROGRAM_CHANGES
                     else write(fmt, sessions, stream, terms))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
    return count


def check_target(path: Path) -> None:
    """Raise ExportError unless `path` is a new name or a regular file (a link, a device, a pipe are refused)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = ("a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a named pipe"
                if stat.S_ISFIFO(mode) else "not a regular file")
        raise ExportError(f"{path} is {kind}: an export is written only to a new file or over a regular file")


def export_name(fmt: str, at: datetime | None = None) -> str:
    """'kiosk-export-2026-11-25-1403.csv': local time, sorts by date."""
    stamp = (at or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    return f"kiosk-export-{stamp}{FORMATS[fmt]}"


def own_exports_folder(data_dir: Path) -> Path:
    """The kiosk's own `exports/` folder in its data folder, created private (0700) like the rest of it."""
    folder = Path(data_dir) / "exports"
    private.make_private_folder(folder)
    return folder


def export_to_folder(records: Records, folder: Path, fmt: str, since: str | None = None,
                     at: datetime | None = None) -> Path:
    """Export the sessions (started on or after the local date `since`) into `folder`; returns the file."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use {' or '.join(FORMATS)}")
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder (is the USB stick plugged in?)")
    name = export_name(fmt, at)
    path = folder / name
    number = 2
    while os.path.lexists(path):  # a link planted at the dated name is a name taken, never followed
        path = folder / name.replace(FORMATS[fmt], f"-{number}{FORMATS[fmt]}")
        number += 1
    since = parse_since(since)
    write_file(fmt, records.sessions(since), path, terms_for(clinic_settings.read(records)))
    if fmt == "csv" and any(session.test_results for session in records.sessions(since)):
        write_file(TEST_RESULTS, records.sessions(since), path.with_name(
            path.name.replace("kiosk-export-", "kiosk-test-results-")))
    changes = program_changes.program_changes(records)
    if changes:  # the program versions those sessions ran, in a file of their own
        write_file(PROGRAM_CHANGES, changes, path.with_name(path.name.replace("kiosk-export-", "kiosk-program-changes-")
                                                            .replace(FORMATS[fmt], ".csv")))
    return path
