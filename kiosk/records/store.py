"""Session records on disk: every answer, the moment it is given.

A check-in that is not recorded did not happen: the therapist decides treatment
from these records. So the store is SQLite (the standard library's sqlite3) in
WAL mode with `synchronous=FULL`, and every answer is its own transaction: when
`record_*` returns, the answer survives a crash, a power cut or `kill -9`.

On start (`Records.open`) the store
- moves a database file aside (never deletes it) and starts a new one only when SQLite
  itself calls it corrupt (the staff PIN and settings carried over when they can be read);
  a file that is locked, on a full disk or on a read-only mount is left as it is and the
  kiosk says it cannot keep records (`RecordsError`),
- brings an older schema up to date (`PRAGMA user_version` and `MIGRATIONS`),
- marks sessions that were running when the kiosk stopped as `incomplete`,
- deletes records older than the retention period, if one is set.

Privacy by default: no names are stored. Staff may attach a short reference code.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import sqlite3
import stat
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from kiosk.files import file_kind

from . import findings, private
from .clinic_settings import check_reference
from .clock import now, parse_time  # noqa: F401  (parse_time: the records' times, read back)
from .store_schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from kiosk.clinical.checkin import CheckIn
    from kiosk.clinical.program import Program
    from kiosk.clinical.record import CheckInRecord, SessionRecord

log = logging.getLogger("kiosk.records")

DATA_ENV = "KIOSK_DATA"
"""Environment variable naming the data folder (the `--data DIR` option wins over it)."""
DB_NAME = "kiosk.db"
REFERENCE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")
"""A patient reference: 1 to 20 letters, digits, - or _ (a clinic's code, never a name)."""

KIOSK_NAME = "kiosk_name"
"""Settings key: the name this kiosk writes on its sessions (see Records.kiosk_name)."""
CORRUPT_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
"""SQLite's own words for a damaged file: the only errors that set a database aside."""
PROBE_WAIT = 2.0
"""Seconds the start-up check waits for a lock another process holds (a `kiosk set-pin`, say)."""
_CHANGED = "version = version + 1, changed_at = ?"
"""Part of every UPDATE of a session row: a new version, waiting to be copied to the clinic server."""


def default_data_dir() -> Path:
    """$KIOSK_DATA, else the user's data folder: $XDG_DATA_HOME/kiosk or ~/.local/share/kiosk."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kiosk"


def database_path(data_dir: Path | None = None) -> Path:
    """The records database of the data folder `data_dir` (else the default one)."""
    return (Path(data_dir) if data_dir is not None else default_data_dir()) / DB_NAME


def cache_dir(data_dir: Path | None = None) -> Path:
    """`cache/` in the data folder (`data_dir`, else the default one): what a start keeps to be faster."""
    return (Path(data_dir) if data_dir is not None else default_data_dir()) / "cache"


class RecordsError(RuntimeError):
    """The records cannot be opened or written (a clear message for staff)."""


class InvalidReference(ValueError):
    """A patient reference that is not a short code."""


@dataclass
class Opened:
    """What happened when the records were opened, for the log and the staff screen."""

    records: "Records"
    notices: list[str] = field(default_factory=list)
    interrupted: int = 0
    purged: int = 0


class Records:
    """The session records in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        private.make_private_folder(self.path.parent)
        refuse_not_regular(self.path)
        private.create_private_file(self.path)  # before SQLite: its -wal and -shm files copy this mode
        self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=10)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise RecordsError(f"{self.path}: could not switch the database to WAL mode (got {mode})")
        self.conn.execute("PRAGMA synchronous = FULL")
        self._migrate()

    # Opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path | None = None, retention_days: int | None = None) -> Opened:
        """Open (or create) the records in `data_dir`, recovering from whatever happened before."""
        folder = Path(data_dir) if data_dir is not None else default_data_dir()
        path = folder / DB_NAME
        notices: list[str] = []
        if folder.is_dir():
            try:
                private.tighten(folder)
            except OSError as error:  # a read-only disk: the modes are checked again at the next start
                log.warning("the data folder's modes could not be checked (%s)", error)
        refuse_not_regular(path)
        problem = _damage(path)
        kept_settings: list = []
        if problem is not None:
            kept_settings = _readable_settings(path)
            aside = _move_aside(path)
            notice = (f"the records database {path} was damaged ({problem}); it was moved to {aside} "
                      "and a new one was started. Nothing was deleted: the old file can be examined, or "
                      "recovered with sqlite3's .recover command.")
            log.error("%s", notice)
            notices.append(notice)
        try:
            records = cls(path)
        except (sqlite3.OperationalError, OSError) as error:  # locked, full, read-only: not damage
            raise cannot_open(path, error) from error
        for key, value in kept_settings:  # the staff PIN (and its lockout) survive a damaged file
            records.set_setting(key, value)
        opened = Opened(records, notices)
        opened.interrupted = records.mark_interrupted()
        if opened.interrupted:
            notices.append(f"{opened.interrupted} session(s) that were running when the kiosk stopped "
                           "were marked incomplete; their answers are kept.")
        days = retention_days if retention_days is not None else records.retention_days()
        if days:
            opened.purged = records.purge(days)
            if opened.purged:
                notices.append(f"{opened.purged} session(s) older than {days} days were deleted.")
        return opened

    def close(self) -> None:
        self.conn.close()

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RecordsError(f"{self.path} was written by a newer kiosk (schema {version}, this kiosk knows "
                               f"up to {SCHEMA_VERSION}); update the kiosk")
        for number in range(version, SCHEMA_VERSION):
            with self._transaction():
                for statement in _statements(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    def _transaction(self):
        return _Transaction(self.conn)

    # Writing: one transaction per answer ---------------------------------------------------------

    def start_session(self, program: Program, started_at: str | None = None, language: str = "en") -> int:
        started_at = started_at or now()
        with self._transaction():
            cursor = self.conn.execute(
                "INSERT INTO sessions (uid, program_id, program_name, program_sha256, program_source, started_at,"
                " kiosk_name, changed_at, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), program.id, program.name, program.source_sha256 or "", program.source or "",
                 started_at, self.kiosk_name(), started_at, language))
            return cursor.lastrowid

    def record_screening(self, session_id: int, flag_id: str, yes: bool, during_session: bool = False,
                         answered_at: str | None = None) -> None:
        with self._transaction():
            seq = self.conn.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM screening WHERE session_id = ?",
                                    (session_id,)).fetchone()[0]
            self.conn.execute(
                "INSERT INTO screening (session_id, seq, flag_id, answer, during_session, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, seq, flag_id, "yes" if yes else "no", int(during_session), answered_at or now()))

    def record_check_in(self, session_id: int, kind: str, check_in: CheckIn, step=None,
                        answered_at: str | None = None) -> int:
        """Record the baseline (`step` None) or a step of kiosk.clinical.session; returns its sequence number."""
        exercise = step.planned.exercise if step is not None else None
        with self._transaction():
            seq = self.conn.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM check_ins WHERE session_id = ?",
                                    (session_id,)).fetchone()[0]
            self.conn.execute(
                "INSERT INTO check_ins (session_id, seq, kind, exercise_id, exercise_name, role, set_number, sets,"
                " pain, numbness, intensity, weakness, response, decision, stopped_early, answered_at,"
                " exercised_seconds, planned_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, seq, kind,
                 exercise.id if exercise else None, exercise.name if exercise else None,
                 step.planned.role.value if step else None, step.planned.set_number if step else None,
                 step.planned.sets if step else None,
                 json.dumps(sorted(check_in.pain)), json.dumps(sorted(check_in.numbness)),
                 check_in.intensity, int(check_in.weakness),
                 step.response.value if step else None, step.decision.value if step else None,
                 int(step.stopped_early) if step else 0, answered_at or now(),
                 step.exercised_seconds if step else None, step.planned_seconds if step else None))
            return seq

    def end_session(self, session_id: int, outcome: str, red_flag: str | None = None,
                    notes: list[str] | tuple[str, ...] = (), ended_at: str | None = None,
                    ended_by: str | None = None) -> None:
        """The session's outcome, and how it ended (kiosk.clinical.ending): by default what a reached outcome
        says; an incomplete session's reason is the caller's to give (else it stays unknown, NULL)."""
        from kiosk.clinical.ending import Ending, ending_for
        from kiosk.clinical.engine import Outcome

        if ended_by:
            ended_by = Ending(ended_by).value
        elif outcome != Outcome.INCOMPLETE.value:
            ended_by = ending_for(Outcome(outcome)).value
        with self._transaction():
            self.conn.execute("UPDATE sessions SET ended_at = ?, outcome = ?, red_flag = ?, notes = ?, ended_by = ?,"
                              f" {_CHANGED} WHERE id = ?", (ended_at or now(), outcome, red_flag,
                                                            json.dumps(list(notes)), ended_by, now(), session_id))

    def set_reference(self, session_id: int, reference: str | None) -> None:
        """Attach a patient reference code (or remove it with None or ""); the earlier one stays in its history.

        The code must suit the clinic's format (`kiosk set-clinic --reference-format`)."""
        reference = (reference or "").strip() or None
        if reference is not None:
            problem = check_reference(reference, self)
            if problem:
                raise InvalidReference(problem)
        at = now()
        with self._transaction():
            old = self.conn.execute("SELECT patient_ref FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if old is None or old[0] == reference:
                return
            self.conn.execute(f"UPDATE sessions SET patient_ref = ?, {_CHANGED} WHERE id = ?",
                              (reference, at, session_id))
            findings.add_reference_change(self.conn, session_id, reference, at)

    def record_test_result(self, session_id: int, test, result: str, side: str | None = None, note: str = "") -> int:
        """Staff entered the result of `test` (a SpecialTest; kiosk.records.findings); returns its sequence number."""
        return findings.record_test_result(self.conn, session_id, test, result, side, note)

    def mark_interrupted(self) -> int:
        """Sessions left running (the kiosk crashed or lost power): incomplete, answers kept."""
        with self._transaction():
            cursor = self.conn.execute(
                "UPDATE sessions SET outcome = 'incomplete', interrupted = 1, ended_by = 'interrupted',"
                " ended_at = COALESCE("
                " (SELECT MAX(answered_at) FROM check_ins WHERE session_id = sessions.id),"
                " (SELECT MAX(answered_at) FROM screening WHERE session_id = sessions.id), started_at),"
                f" {_CHANGED} WHERE ended_at IS NULL", (now(),))
            return cursor.rowcount

    def purge(self, older_than_days: int, at: datetime | None = None) -> int:
        """Delete sessions started more than `older_than_days` days ago; returns how many."""
        cutoff = (at or datetime.now(timezone.utc)) - timedelta(days=older_than_days)
        stamp = cutoff.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        with self._transaction():
            return self.conn.execute("DELETE FROM sessions WHERE started_at < ?", (stamp,)).rowcount

    # Settings ------------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        with self._transaction():
            if value is None:
                self.conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                self.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                                  "SET value = excluded.value", (key, value))

    def kiosk_name(self) -> str:
        """This kiosk's name on its sessions (`kiosk set-name`), else the machine's host name."""
        return self.setting(KIOSK_NAME) or socket.gethostname()

    def retention_days(self) -> int | None:
        value = self.setting("retention_days")
        return int(value) if value else None

    # Reading -------------------------------------------------------------------------------

    def recent(self, limit: int = 50) -> list[SessionRecord]:
        """The latest sessions, newest first, without their check-ins."""
        rows = self.conn.execute("SELECT * FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?", (limit,))
        return [_session(row) for row in rows.fetchall()]

    def session(self, session_id: int) -> SessionRecord | None:
        """One session with its check-ins and screening answers."""
        row = self.conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            return None
        from kiosk.clinical.record import ScreeningAnswer

        check_ins = tuple(_check_in(r) for r in self.conn.execute(
            "SELECT * FROM check_ins WHERE session_id = ? ORDER BY seq", (session_id,)).fetchall())
        screening = tuple(ScreeningAnswer(r["flag_id"], r["answer"] == "yes", bool(r["during_session"]),
                                          r["answered_at"]) for r in self.conn.execute(
            "SELECT * FROM screening WHERE session_id = ? ORDER BY seq", (session_id,)).fetchall())
        return replace(_session(row, check_ins, screening), test_results=findings.test_results(self.conn, session_id),
                       reference_history=findings.reference_history(self.conn, session_id))

    def patient_sessions(self, reference: str) -> list[SessionRecord]:
        """Every session with this patient reference, oldest first, complete."""
        rows = self.conn.execute("SELECT id FROM sessions WHERE patient_ref = ? ORDER BY started_at, id",
                                 (reference,)).fetchall()
        return [self.session(session_id) for (session_id,) in rows]

    def sessions(self, since: str | None = None) -> Iterator[SessionRecord]:
        """Every session (started at or after `since`, an ISO date or time), oldest first, complete."""
        query = "SELECT id FROM sessions"
        args: tuple = ()
        if since:
            query += " WHERE started_at >= ?"
            args = (since,)
        for (session_id,) in self.conn.execute(query + " ORDER BY started_at, id", args).fetchall():
            yield self.session(session_id)

    def integrity_check(self) -> str:
        """SQLite's own check of the whole file: 'ok' when sound."""
        return "; ".join(row[0] for row in self.conn.execute("PRAGMA integrity_check").fetchall())


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, value, traceback) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def is_corrupt(error: BaseException) -> bool:
    """Did SQLite itself say the file is damaged (not locked, full, read-only or missing)?"""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in CORRUPT_CODES


def cannot_open(path: Path, error: BaseException) -> RecordsError:
    """The clear message for a database that is sound but cannot be used now, with the likely cause."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    errno = getattr(error, "errno", None)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        cause = "another program holds it locked (a second kiosk on this data folder?)"
    elif code in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR) or errno == 28:
        cause = "is the disk full?"
    elif code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) or errno in (13, 30):
        cause = "is the disk read-only, or the folder not writable by this account?"
    else:
        cause = "see the message"
    return RecordsError(f"{path} cannot be used now ({error}): {cause} The file was left as it is.")


def refuse_not_regular(path: Path) -> None:
    """A database (or its -wal or -shm file) that is a named pipe, a device or a folder is refused with one
    line and left as it is: SQLite and the damage check would wait on a pipe for ever."""
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        try:
            mode = os.stat(part).st_mode
        except FileNotFoundError:
            continue
        except OSError as error:
            raise cannot_open(part, error) from error
        if not stat.S_ISREG(mode):
            raise RecordsError(f"{part} is not a regular file ({file_kind(mode)}): it should be the kiosk's SQLite "
                               "records. It was left as it is; move it away and the kiosk starts new records.")


SQLITE_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""


def _damage(path: Path) -> str | None:
    """Why SQLite calls the database file corrupt, or None when it is sound (or does not exist yet).

    Raises RecordsError when the file cannot be checked for another reason (locked, full disk,
    read-only): such a file is healthy and must stay where it is."""
    if not path.exists():
        return None
    try:
        with path.open("rb") as file:
            start = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise cannot_open(path, error) from error
    if start and start != SQLITE_HEADER:  # SQLite takes a file shorter than a page for a new one, and writes over it
        return "it does not begin as an SQLite file does"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=PROBE_WAIT)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if is_corrupt(error):
            return str(error)
        raise cannot_open(path, error) from error
    return None if result == "ok" else f"integrity check: {result}"


def _readable_settings(path: Path) -> list:
    """The settings rows that can still be read from a damaged file (the PIN's hash above all)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=PROBE_WAIT)
        try:
            return conn.execute("SELECT key, value FROM settings").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            part.rename(Path(str(aside) + suffix))
    return aside


def _session(row, check_ins=(), screening=()) -> SessionRecord:
    # The kiosk opens its records before its first frame: the classes of what is read back (and their
    # dataclass set-up, a few milliseconds) wait for the first read.
    from kiosk.clinical.record import SessionRecord

    return SessionRecord(row["id"], row["uid"], row["program_id"], row["program_name"], row["program_sha256"],
                         row["started_at"], row["ended_at"], row["outcome"], row["red_flag"],
                         bool(row["interrupted"]), tuple(json.loads(row["notes"])), row["patient_ref"],
                         tuple(check_ins), tuple(screening), row["kiosk_name"], row["language"],
                         ended_by=row["ended_by"])


def _check_in(row) -> CheckInRecord:
    from kiosk.clinical.checkin import CheckIn
    from kiosk.clinical.record import CheckInRecord

    check_in = CheckIn(frozenset(json.loads(row["pain"])), frozenset(json.loads(row["numbness"])),
                       row["intensity"], bool(row["weakness"]))
    return CheckInRecord(row["seq"], row["kind"], row["exercise_id"], row["exercise_name"], row["role"],
                         row["set_number"], row["sets"], check_in, row["response"], row["decision"],
                         bool(row["stopped_early"]), row["answered_at"], row["exercised_seconds"],
                         row["planned_seconds"])
