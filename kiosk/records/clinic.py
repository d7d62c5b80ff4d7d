"""Reading every kiosk's records from the clinic server, in the shapes the local records give.

`ClinicRecords` answers `recent`, `session` and `sessions` as `kiosk.records.store.Records`
does, so history, the exports and the staff screen read either without knowing which. A
session's `kiosk_name` says which kiosk it ran on. Reading only: the kiosks write through
`kiosk.records.sync`, and a therapist's account needs no more than SELECT.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Iterator

from kiosk.clinical.checkin import CheckIn
from kiosk.clinical.findings import ReferenceChange, TestFinding
from kiosk.clinical.record import CheckInRecord, ScreeningAnswer, SessionRecord

from . import findings, server

_SESSION = ("id, uid::text, program_id, program_name, program_sha256, started_at, ended_at, outcome, red_flag,"
            " interrupted, notes, patient_ref, kiosk_name, language, ended_by")
_CHECK_IN = ("seq, kind, exercise_id, exercise_name, role, set_number, sets, pain, numbness, intensity, weakness,"
             " response, decision, stopped_early, answered_at, exercised_seconds, planned_seconds")


class ClinicRecords:
    """The clinic server's records, read-only."""

    def __init__(self, url: str) -> None:
        self.where = server.describe(url)
        self.conn = server.connect(url)
        self.conn.autocommit = True  # reads only: no transaction left open between them

    def close(self) -> None:
        self.conn.close()

    def recent(self, limit: int = 50) -> list[SessionRecord]:
        """The latest sessions of every kiosk, newest first, without their answers."""
        rows = self.conn.execute(f"SELECT {_SESSION} FROM sessions ORDER BY started_at DESC, id DESC LIMIT %s",
                                 (limit,)).fetchall()
        return [_session(row) for row in rows]

    def check_in_counts(self, ids: list[int]) -> dict[int, int]:
        """How many check-ins each session has (for listings, without reading them all)."""
        rows = self.conn.execute("SELECT s.id, COUNT(c.seq) FROM sessions s LEFT JOIN check_ins c"
                                 " ON c.session_uid = s.uid WHERE s.id = ANY(%s) GROUP BY s.id", (ids,))
        return dict(rows.fetchall())

    def session(self, session_id: int) -> SessionRecord | None:
        """One session (by its id on the server) with its check-ins and screening answers."""
        row = self.conn.execute(f"SELECT {_SESSION} FROM sessions WHERE id = %s", (session_id,)).fetchone()
        if row is None:
            return None
        check_ins = tuple(_check_in(r) for r in self.conn.execute(
            f"SELECT {_CHECK_IN} FROM check_ins WHERE session_uid = %s ORDER BY seq", (row[1],)))
        screening = tuple(ScreeningAnswer(flag, answer == "yes", during, _iso(at)) for flag, answer, during, at in
                          self.conn.execute("SELECT flag_id, answer, during_session, answered_at FROM screening"
                                            " WHERE session_uid = %s ORDER BY seq", (row[1],)))
        results = tuple(TestFinding(*r[:6], _iso(r[6]), *r[7:]) for r in self.conn.execute(
            f"SELECT {findings.COLUMNS} FROM test_results WHERE session_uid = %s ORDER BY seq", (row[1],)))
        references = tuple(ReferenceChange(seq, ref, _iso(at)) for seq, ref, at in self.conn.execute(
            "SELECT seq, patient_ref, changed_at FROM reference_changes WHERE session_uid = %s ORDER BY seq",
            (row[1],)))
        return replace(_session(row, check_ins, screening), test_results=results, reference_history=references)

    def patient_sessions(self, reference: str) -> list[SessionRecord]:
        """Every session of every kiosk with this patient reference, oldest first, complete."""
        rows = self.conn.execute("SELECT id FROM sessions WHERE patient_ref = %s ORDER BY started_at, id",
                                 (reference,)).fetchall()
        return [self.session(session_id) for (session_id,) in rows]

    def sessions(self, since: str | None = None) -> Iterator[SessionRecord]:
        """Every session (started at or after `since`, an ISO time), oldest first, complete."""
        rows = self.conn.execute("SELECT id FROM sessions WHERE %s::timestamptz IS NULL OR started_at >= %s"
                                 " ORDER BY started_at, id", (since, since)).fetchall()
        for (session_id,) in rows:
            yield self.session(session_id)


def _iso(moment: datetime | None) -> str | None:
    """The server's timestamptz as the kiosk writes times: '2026-11-25T14:03:07.123Z'."""
    if moment is None:
        return None
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _session(row, check_ins=(), screening=()) -> SessionRecord:
    (session_id, uid, program_id, program_name, sha256, started, ended, outcome, red_flag, interrupted, notes,
     reference, kiosk_name, language, ended_by) = row
    return SessionRecord(session_id, uid, program_id, program_name, sha256, _iso(started), _iso(ended), outcome,
                         red_flag, interrupted, tuple(notes), reference, tuple(check_ins), tuple(screening),
                         kiosk_name, language, ended_by=ended_by)


def _check_in(row) -> CheckInRecord:
    (seq, kind, exercise_id, exercise_name, role, set_number, sets, pain, numbness, intensity, weakness, response,
     decision, stopped_early, answered_at, exercised_seconds, planned_seconds) = row
    return CheckInRecord(seq, kind, exercise_id, exercise_name, role, set_number, sets,
                         CheckIn(frozenset(pain), frozenset(numbness), intensity, weakness), response, decision,
                         stopped_early, _iso(answered_at), exercised_seconds, planned_seconds)
