"""What staff add to a recorded session: special-test results and the patient reference's history.

Each is its own transaction, like every answer (WAL, synchronous=FULL): when a
function here returns, the entry survives `kill -9`. Nothing is overwritten: a
changed result is a new row, and every reference a session was given stays in
`reference_changes`. Each row waits to be copied to the clinic server (`copied`).
"""

from __future__ import annotations

import sqlite3

from kiosk.clinical.findings import ENTERED_BY_STAFF, ReferenceChange, TestFinding, check_finding
from kiosk.clinical.program import SpecialTest

from .clock import now

COLUMNS = ("seq, test_id, test_name, result, side, note, entered_at, entered_by, test_group, snomed_code,"
           " snomed_display")
"""A result row's columns, in the order of TestFinding's fields (also the clinic server's, after the session)."""


def record_test_result(conn: sqlite3.Connection, session_id: int, test: SpecialTest, result: str,
                       side: str | None = None, note: str = "", entered_at: str | None = None) -> int:
    """Add one result entry of `test` (the latest entry of a test is its result); returns its sequence number."""
    note = " ".join(note.split())
    snomed_code, snomed_display = test.snomed or ("", "")
    check_finding(result, side, note)
    conn.execute("BEGIN IMMEDIATE")
    try:
        seq = conn.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM test_results WHERE session_id = ?",
                           (session_id,)).fetchone()[0]
        conn.execute(f"INSERT INTO test_results (session_id, {COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (session_id, seq, test.id, test.name, result, side, note, entered_at or now(),
                      ENTERED_BY_STAFF, test.group.value, snomed_code, snomed_display))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return seq


def add_reference_change(conn: sqlite3.Connection, session_id: int, reference: str | None, at: str) -> None:
    """Inside the caller's transaction: the session was given `reference` (None: taken off) at `at`."""
    seq = conn.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM reference_changes WHERE session_id = ?",
                       (session_id,)).fetchone()[0]
    conn.execute("INSERT INTO reference_changes (session_id, seq, patient_ref, changed_at) VALUES (?, ?, ?, ?)",
                 (session_id, seq, reference, at))


def test_results(conn: sqlite3.Connection, session_id: int) -> tuple[TestFinding, ...]:
    """Every result entry of a session, oldest first."""
    rows = conn.execute(f"SELECT {COLUMNS} FROM test_results WHERE session_id = ? ORDER BY seq",
                        (session_id,)).fetchall()
    return tuple(TestFinding(*row) for row in rows)


def reference_history(conn: sqlite3.Connection, session_id: int) -> tuple[ReferenceChange, ...]:
    rows = conn.execute("SELECT seq, patient_ref, changed_at FROM reference_changes WHERE session_id = ?"
                        " ORDER BY seq", (session_id,)).fetchall()
    return tuple(ReferenceChange(*row) for row in rows)
