"""The special-test results as a CSV file of their own: one row per entry staff made.

A second format rather than more columns on the check-in rows: a result belongs to
the session, not to a check-in (twenty tests repeated on every check-in row would
bury the answers), and every entry is a row here, a change included, so the file
keeps what was entered before a change. The `current` column says which entry is
the result now. The file is written beside each export to a folder
(`kiosk-test-results-<date>.csv`) and by `kiosk export --format test-results`.
"""

from __future__ import annotations

import csv
from typing import IO, Iterable

from kiosk.clinical.findings import RESULT_WORDS, TestResult, current
from kiosk.clinical.record import SessionRecord

COLUMNS: tuple[tuple[str, str], ...] = (
    ("session", "The session's unique id (as in the sessions' CSV)"),
    ("patient reference", "The clinic's reference code of the session, if it has one (never a name)"),
    ("session started (UTC)", "When the session started"),
    ("program id", "The program's id in the exercise files"),
    ("kiosk", "The kiosk the session ran on"),
    ("outcome", "The one result the session ended in"),
    ("entry", "Number of the entry in the session: 0 is the first result entered"),
    ("test id", "The test's id in the special-test catalogue"),
    ("test", "The test's name"),
    ("group", "knee, hip or nerve"),
    ("result", "positive, negative, not tested or could not be tested"),
    ("side", "left, right or both (the patient's own); empty: not given"),
    ("note", "What staff wrote beside the result"),
    ("entered at (UTC)", "When staff entered it"),
    ("entered by", "staff: entered behind the staff PIN"),
    ("current", "yes: the test's result now; no: a later entry replaced it"),
    ("snomed ct", "The test's SNOMED CT code, where the catalogue gives a verified one"),
)
HEADER = tuple(name for name, _ in COLUMNS)


def rows(session: SessionRecord) -> list[list]:
    """One row per result entry of `session`, oldest first."""
    now = {finding.seq for finding in current(session.test_results)}
    return [[session.uid, session.patient_ref or "", session.started_at, session.program_id, session.kiosk_name,
             session.outcome or "", f.seq, f.test_id, f.test_name, f.test_group, RESULT_WORDS[TestResult(f.result)],
             f.side or "", f.note, f.entered_at, f.entered_by, "yes" if f.seq in now else "no", f.snomed_code]
            for f in session.test_results]


def write_csv(sessions: Iterable[SessionRecord], stream: IO[str]) -> int:
    """The header and every result entry of `sessions`; returns how many sessions had any."""
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    count = 0
    for session in sessions:
        found = rows(session)
        writer.writerows(found)
        count += bool(found)
    return count
