"""The copy of a kiosk's records to the clinic server, in the background.

The kiosk writes every answer to its own SQLite file first, exactly as without a
server (kill -9 safe). This worker, on its own thread and its own SQLite
connection, copies what is waiting: sessions, screening answers, check-ins, and
what staff changed on a session (its reference code, an ending).

Copies are idempotent. A session is keyed by its uid, an answer by the session's
uid and its sequence number, so a copy repeated after a crash inserts nothing
twice. Each session goes over in one server transaction; only after the server
has committed is it marked copied here. A kill between the two repeats the
copy, which then changes nothing. A session row carries a version that every
change raises: the server keeps the newest, and a change made while a copy was
on its way stays waiting.

When the server cannot be reached the kiosk carries on, and the worker tries
again after 1, 2, 4... seconds, at most a minute apart.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import psycopg

from . import findings, server
from .worker import ServerWorker, close_quietly

log = logging.getLogger("kiosk.records.sync")

BATCH = 20
"""Sessions copied before the worker looks again at what is waiting."""
IDLE_PERIOD = 0.5
"""Seconds between looks at the local records when nothing waits."""
FIRST_RETRY, LAST_RETRY = 1.0, 60.0
"""The back-off after a failure: doubling from the first, never more than the last (seconds)."""

_WAITING = ("SELECT 'session' AS what, id AS session_id, changed_at AS at FROM sessions WHERE copied_version IS NOT version"
            " UNION ALL SELECT 'screening', session_id, answered_at FROM screening WHERE copied = 0"
            " UNION ALL SELECT 'check_in', session_id, answered_at FROM check_ins WHERE copied = 0"
            " UNION ALL SELECT 'reference', session_id, changed_at FROM reference_changes WHERE copied = 0"
            " UNION ALL SELECT 'test_result', session_id, entered_at FROM test_results WHERE copied = 0")
_SESSION_COLUMNS = ("uid, kiosk_name, program_id, program_name, program_sha256, program_source, started_at,"
                    " ended_at, outcome, red_flag, interrupted, notes, patient_ref, language, ended_by, version")
_CHECK_IN_COLUMNS = ("seq, kind, exercise_id, exercise_name, role, set_number, sets, pain, numbness, intensity,"
                     " weakness, response, decision, stopped_early, answered_at, exercised_seconds, planned_seconds")


@dataclass(frozen=True)
class Backlog:
    """What waits to be copied: how many records, and the time of the oldest (ISO, UTC)."""

    waiting: int
    since: str | None


def backlog(conn: sqlite3.Connection) -> Backlog:
    """The records of this kiosk not yet on the clinic server."""
    count, since = conn.execute(f"SELECT COUNT(*), MIN(at) FROM ({_WAITING})"
                                ).fetchone()
    return Backlog(count, since)


def copy_waiting(local: sqlite3.Connection, remote: psycopg.Connection, limit: int = BATCH) -> int:
    """Copy up to `limit` sessions with anything waiting; returns how many were copied."""
    ids = [row[0] for row in local.execute(
        f"SELECT DISTINCT session_id FROM ({_WAITING}) ORDER BY session_id"
        " LIMIT ?", (limit,))]
    for session_id in ids:
        copy_session(local, remote, session_id)
    return len(ids)


def copy_session(local: sqlite3.Connection, remote: psycopg.Connection, session_id: int) -> None:
    """One session's row and waiting answers: on the server in one transaction, then marked here."""
    session = local.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)).fetchone()
    screening = local.execute("SELECT id, seq, flag_id, answer, during_session, answered_at FROM screening"
                              " WHERE session_id = ? AND copied = 0", (session_id,)).fetchall()
    check_ins = local.execute(f"SELECT id, {_CHECK_IN_COLUMNS} FROM check_ins WHERE session_id = ? AND copied = 0",
                              (session_id,)).fetchall()
    added = _added_by_staff(local, session_id)
    uid = session[0]
    with remote.transaction():
        remote.execute(
            f"INSERT INTO sessions ({_SESSION_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s, %s, %s) ON CONFLICT (uid) DO UPDATE SET ended_at = excluded.ended_at, outcome = excluded.outcome,"
            " red_flag = excluded.red_flag, interrupted = excluded.interrupted, notes = excluded.notes,"
            " patient_ref = excluded.patient_ref, ended_by = excluded.ended_by, version = excluded.version, copied_at = clock_timestamp()"
            " WHERE sessions.version < excluded.version", _session_values(session))
        with remote.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO screening (session_uid, seq, flag_id, answer, during_session, answered_at)"
                " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                [(uid, r[1], r[2], r[3], bool(r[4]), r[5]) for r in screening])
            cursor.executemany(
                f"INSERT INTO check_ins (session_uid, {_CHECK_IN_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s,"
                " %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                [_check_in_values(uid, r) for r in check_ins])
            for table, (columns, rows) in added.items():
                marks = ", ".join(["%s"] * len(rows[0]))  # the session's uid, then the row without its local id
                cursor.executemany(f"INSERT INTO {table} (session_uid, {columns}) VALUES ({marks})"
                                   " ON CONFLICT DO NOTHING", [(uid, *r[1:]) for r in rows])
    local.execute("BEGIN IMMEDIATE")
    try:
        local.execute("UPDATE sessions SET copied_version = ? WHERE id = ?", (session[-1], session_id))
        local.executemany("UPDATE screening SET copied = 1 WHERE id = ?", [(r[0],) for r in screening])
        local.executemany("UPDATE check_ins SET copied = 1 WHERE id = ?", [(r[0],) for r in check_ins])
        for table, (_columns, rows) in added.items():
            local.executemany(f"UPDATE {table} SET copied = 1 WHERE id = ?", [(r[0],) for r in rows])
    except BaseException:
        local.execute("ROLLBACK")
        raise
    local.execute("COMMIT")


def _added_by_staff(local: sqlite3.Connection, session_id: int) -> dict[str, tuple[str, list]]:
    """Table -> (columns, waiting rows with their local id first): what staff added, not yet copied."""
    waiting = {}
    for table, columns in (("reference_changes", "seq, patient_ref, changed_at"), ("test_results", findings.COLUMNS)):
        rows = local.execute(f"SELECT id, {columns} FROM {table} WHERE session_id = ? AND copied = 0",
                             (session_id,)).fetchall()
        if rows:
            waiting[table] = (columns, rows)
    return waiting


def _session_values(row) -> tuple:
    values = list(row)
    values[10] = bool(values[10])  # interrupted: SQLite's 0/1, the server's boolean
    return tuple(values)


def _check_in_values(uid: str, row) -> tuple:
    values = [uid] + list(row[1:])
    for index in (11, 14):  # weakness, stopped_early
        values[index] = bool(values[index])
    return tuple(values)


@dataclass(frozen=True)
class Status:
    """What staff see: is the server reachable, what waits and since when, the last problem."""

    connected: bool
    backlog: Backlog
    problem: str | None
    where: str


class SyncWorker(ServerWorker):
    """Copies the records in `db_path` to the server at `url` until stopped."""

    thread_name = "kiosk-sync"

    def __init__(self, db_path: Path, url: str, idle_period: float = IDLE_PERIOD) -> None:
        super().__init__(url, log)
        self.db_path = Path(db_path)
        self.idle_period = idle_period
        self.copied = 0
        """Sessions copied since the worker started (a session copied twice counts twice)."""
        self._backlog = Backlog(0, None)

    @property
    def status(self) -> Status:
        return Status(self._connected, self._backlog, self._problem, self.where)

    def _run(self) -> None:
        local = sqlite3.connect(str(self.db_path), isolation_level=None, timeout=10)
        remote = None
        delay = FIRST_RETRY
        try:
            while not self._stop.is_set():
                with self._round():
                    try:
                        remote = remote or server.connect(self.url)
                        copied = copy_waiting(local, remote)
                        self.copied += copied
                        self._backlog = backlog(local)
                        self._note_recovered("copying the waiting records")
                        delay = FIRST_RETRY
                        if copied:
                            continue
                        pause = self.idle_period
                    except (server.ServerError, psycopg.Error) as error:
                        remote = close_quietly(remote)
                        self._failed(error)
                        self._backlog = backlog(local)
                        pause, delay = delay, min(delay * 2, LAST_RETRY)
                self._pause(pause)
            self._drain(local, remote)
        finally:
            close_quietly(remote)
            local.close()

    def _drain(self, local: sqlite3.Connection, remote) -> None:
        """On the way out (staff left kiosk mode), copy what still waits if the server is there.

        Whatever is not copied stays marked and goes at the next start.
        """
        try:
            while remote is not None and copy_waiting(local, remote):
                pass
            self._backlog = backlog(local)
        except (server.ServerError, psycopg.Error) as error:
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        problem = str(error) if isinstance(error, server.ServerError) else (
            f"copying to the clinic server {self.where} failed: {server.explain(error, self.url)}")
        self._note_problem(problem, "the records are kept on this kiosk and copied when the server answers")
