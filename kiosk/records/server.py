"""The clinic's PostgreSQL server: where its address comes from, the connection, the schema.

A clinic may point every kiosk at one server (`--database URL` or
$KIOSK_DATABASE_URL). The address is a libpq connection string: a URL
(`postgresql://kiosk@db.clinic/kiosk?sslmode=verify-full`) or `key=value` words.
Either may instead name a file holding it; the file must belong to the kiosk's
account and be readable by it alone (0600), because it may hold a password.
TLS and the password file are libpq's own settings (`sslmode`, `sslrootcert`,
`PGPASSFILE`...): nothing of them is rewritten here.

The password never leaves this module: connections are described by `describe`
(user, host, port, database) and every error is passed through `redact`.

The schema is a list of migrations, applied on connect in one transaction
under an advisory lock, so two kiosks starting at once apply each one once.
The clinic's shared programs are the third migration; what staff add to a session
(patient references, special-test results) the fourth: every published version
of each program file, which `kiosk.records.program_mirror` publishes and mirrors.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import psycopg
from psycopg import conninfo

URL_ENV = "KIOSK_DATABASE_URL"
"""Environment variable holding the clinic server's address (the `--database` option wins over it)."""
CONNECT_TIMEOUT = 5
"""Seconds to wait for the server before carrying on locally."""
MIGRATION_LOCK = 0x6B696F736B
"""The advisory lock key ('kiosk' in ASCII) held while the schema is brought up to date."""

_COPY = "written_by name NOT NULL DEFAULT current_user, copied_at timestamptz NOT NULL DEFAULT clock_timestamp()"
MIGRATIONS: tuple[str, ...] = (
    # 1: the records of every kiosk, keyed as the kiosks key their copies (uid, and uid + seq).
    f"""
    CREATE TABLE kiosk_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE sessions (
        id              bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        uid             uuid PRIMARY KEY,
        kiosk_name      text NOT NULL,
        program_id      text NOT NULL,
        program_name    text NOT NULL,
        program_sha256  text NOT NULL,
        program_source  text NOT NULL,
        started_at      timestamptz NOT NULL,
        ended_at        timestamptz,
        outcome         text,
        red_flag        text,
        interrupted     boolean NOT NULL DEFAULT false,
        notes           jsonb NOT NULL DEFAULT '[]',
        patient_ref     text,
        version         integer NOT NULL,
        {_COPY});
    CREATE INDEX sessions_started ON sessions (started_at);
    CREATE TABLE screening (
        session_uid     uuid NOT NULL REFERENCES sessions (uid) ON DELETE CASCADE,
        seq             integer NOT NULL,
        flag_id         text NOT NULL,
        answer          text NOT NULL CHECK (answer IN ('yes', 'no')),
        during_session  boolean NOT NULL,
        answered_at     timestamptz NOT NULL,
        {_COPY},
        PRIMARY KEY (session_uid, seq));
    CREATE TABLE check_ins (
        session_uid     uuid NOT NULL REFERENCES sessions (uid) ON DELETE CASCADE,
        seq             integer NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('baseline', 'set', 'recheck')),
        exercise_id     text,
        exercise_name   text,
        role            text,
        set_number      integer,
        sets            integer,
        pain            jsonb NOT NULL,
        numbness        jsonb NOT NULL,
        intensity       integer NOT NULL CHECK (intensity BETWEEN 0 AND 10),
        weakness        boolean NOT NULL,
        response        text,
        decision        text,
        stopped_early   boolean NOT NULL,
        answered_at     timestamptz NOT NULL,
        {_COPY},
        PRIMARY KEY (session_uid, seq));
    """,
    # 2: the patient's language of each session (the kiosks' migration 4); the sessions before were English.
    """
    ALTER TABLE sessions ADD COLUMN language text NOT NULL DEFAULT 'en';
    """,
    # 3: the clinic's programs, every published version of each file (kiosk.records.program_mirror).
    """
    CREATE TABLE program_versions (
        program_id      text NOT NULL,
        version         integer NOT NULL CHECK (version >= 1),
        content         bytea NOT NULL,
        sha256          text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        kiosk_name      text NOT NULL,
        saved_at        timestamptz NOT NULL,
        published_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        written_by      name NOT NULL DEFAULT current_user,
        PRIMARY KEY (program_id, version));
    CREATE INDEX program_versions_newest ON program_versions (program_id, saved_at DESC, version DESC);
    """,
    # 4: how each session ended (the kiosks' migration 5; kiosk.clinical.ending); NULL for older copies.
    """
    ALTER TABLE sessions ADD COLUMN ended_by text;
    """,
    # 5: how long each set ran (the kiosks' migration 6): seconds of movements and holds done and planned.
    """
    ALTER TABLE check_ins ADD COLUMN exercised_seconds integer;
    ALTER TABLE check_ins ADD COLUMN planned_seconds integer;
    """,
    # 6: what staff add to a session (the kiosks' migration 7): every patient reference it was given, and every
    # special-test result entered (a change is a new row), keyed as the kiosks key them (uid + seq).
    f"""
    CREATE TABLE reference_changes (
        session_uid     uuid NOT NULL REFERENCES sessions (uid) ON DELETE CASCADE,
        seq             integer NOT NULL,
        patient_ref     text,
        changed_at      timestamptz NOT NULL,
        {_COPY},
        PRIMARY KEY (session_uid, seq));
    CREATE TABLE test_results (
        session_uid     uuid NOT NULL REFERENCES sessions (uid) ON DELETE CASCADE,
        seq             integer NOT NULL,
        test_id         text NOT NULL,
        test_name       text NOT NULL,
        result          text NOT NULL CHECK (result IN ('positive', 'negative', 'not_tested', 'could_not_test')),
        side            text CHECK (side IN ('left', 'right', 'both')),
        note            text NOT NULL,
        entered_at      timestamptz NOT NULL,
        entered_by      text NOT NULL CHECK (entered_by = 'staff'),
        test_group      text NOT NULL,
        snomed_code     text NOT NULL,
        snomed_display  text NOT NULL,
        {_COPY},
        PRIMARY KEY (session_uid, seq));
    CREATE INDEX sessions_patient ON sessions (patient_ref, started_at);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class ServerError(RuntimeError):
    """The clinic server cannot be used as asked (a clear message, never the password)."""


def resolve_url(option: str | None, environ=os.environ) -> str | None:
    """The server's connection string from `--database`, else $KIOSK_DATABASE_URL; None for local only.

    A value that is neither a URL nor `key=value` words is a file holding the string.
    """
    value = (option or environ.get(URL_ENV) or "").strip()
    if not value:
        return None
    if "://" in value or "=" in value:
        return value
    return read_url_file(Path(value))


def read_url_file(path: Path) -> str:
    """The connection string in `path` (its first line that is not blank or a # comment)."""
    try:
        info = path.stat()
    except OSError as error:
        raise ServerError(f"{path}: cannot read the clinic server's address: {error.strerror}; expected a "
                          "postgresql:// URL or a file holding one") from None
    if info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
        raise ServerError(f"{path}: the file with the clinic server's address must belong to this account and be "
                          f"readable by it alone (chmod 600 {path}); it is {stat.S_IMODE(info.st_mode):o}, "
                          f"owner uid {info.st_uid}")
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    found = next((line for line in lines if line and not line.startswith("#")), None)
    if found is None:
        raise ServerError(f"{path}: no connection string in the file (expected a line such as "
                          "postgresql://kiosk@db.clinic/kiosk?sslmode=verify-full)")
    return found


def _parts(url: str) -> dict:
    try:
        return conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return {}


def describe(url: str) -> str:
    """'kiosk@db.clinic:5432/kiosk': where the connection goes, without its password."""
    parts = _parts(url)
    if not parts:
        return "(a connection string libpq cannot read)"
    user = parts.get("user") or os.environ.get("PGUSER") or ""
    host = parts.get("host") or parts.get("hostaddr") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"{user + '@' if user else ''}{host}{port}/{parts.get('dbname') or user}"


def redact(text: str, url: str) -> str:
    """`text` with the connection string and its password blotted out."""
    secrets = [url, _parts(url).get("password") or ""]
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def connect(url: str) -> psycopg.Connection:
    """A connection to the clinic server with its schema up to date, or ServerError saying why not."""
    if not _parts(url):
        raise ServerError("the clinic server's address is not a connection string libpq can read; expected "
                          "postgresql://USER@HOST/DATABASE?sslmode=verify-full or host=... dbname=... words")
    try:
        conn = psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, application_name="kiosk")
    except psycopg.Error as error:
        raise ServerError(f"cannot use the clinic server {describe(url)}: {explain(error, url)}") from None
    try:
        migrate(conn)
    except ServerError:  # a schema newer than this kiosk's: closed now, not whenever the error is let go of
        conn.close()
        raise
    except psycopg.Error as error:
        conn.close()
        raise ServerError(f"cannot prepare the clinic server {describe(url)}: {explain(error, url)}") from None
    return conn


def explain(error: BaseException, url: str) -> str:
    """libpq's own words for a failure, on one line, redacted, with a hint where one helps."""
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    reason = redact(" ".join(lines) or type(error).__name__, url)
    if "password authentication failed" in reason:
        reason += " (check the user and password of the connection string or of the password file)"
    return reason


def migrate(conn: psycopg.Connection) -> int:
    """Bring the server's schema up to date; returns the number of migrations applied.

    The advisory lock is held to the end of the transaction: a second kiosk starting at the same
    moment waits, then finds the schema current and applies nothing.
    """
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        version = current_version(conn)
        if version > SCHEMA_VERSION:
            raise ServerError(f"the clinic server's schema is version {version}, newer than this kiosk knows "
                              f"({SCHEMA_VERSION}); update the kiosk")
        for number in range(version, SCHEMA_VERSION):
            conn.execute(MIGRATIONS[number])
            conn.execute("INSERT INTO kiosk_schema (version) VALUES (%s)", (number + 1,))
    return SCHEMA_VERSION - version


def current_version(conn: psycopg.Connection) -> int:
    """The schema version on the server (0 when the kiosk's tables are not there yet)."""
    if conn.execute("SELECT to_regclass('kiosk_schema')").fetchone()[0] is None:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM kiosk_schema").fetchone()[0]
