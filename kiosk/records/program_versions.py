"""The clinic's program versions on the server: publish one, read the newest of each, read the history.

Every published file is kept as a new version (program id, version number, the
file's bytes, its sha256, the kiosk that published it, when it was saved and when
published); nothing is ever overwritten. The newest version of a program is the
one the server took last (its version number, given under the program's lock),
never the kiosk's file time: a kiosk whose clock says 2030 would otherwise win
over every later edit. A save published late (its kiosk was offline) is the
newest from then on; the one before it stays in the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import psycopg

PROGRAM_LOCK = 0x6B696F
"""The first key of the per-program advisory lock ('kio'); the second is the program id's hash."""

_COLUMNS = "program_id, version, sha256, kiosk_name, saved_at, published_at"
_NEWEST = "ORDER BY program_id, version DESC"


@dataclass(frozen=True)
class ProgramVersion:
    """One published version of a clinic program file (its bytes are read apart: `content`)."""

    program_id: str
    version: int
    sha256: str
    kiosk_name: str
    saved_at: datetime
    published_at: datetime


def newest(conn: psycopg.Connection) -> dict[str, ProgramVersion]:
    """The newest version of every program on the server, by program id."""
    with conn.transaction():
        rows = conn.execute(f"SELECT DISTINCT ON (program_id) {_COLUMNS} FROM program_versions {_NEWEST}")
        return {row[0]: ProgramVersion(*row) for row in rows}


def content(conn: psycopg.Connection, version: ProgramVersion) -> bytes:
    """The file's bytes of one published version."""
    with conn.transaction():
        row = conn.execute("SELECT content FROM program_versions WHERE program_id = %s AND version = %s",
                           (version.program_id, version.version)).fetchone()
    return bytes(row[0])


def publish(conn: psycopg.Connection, program_id: str, data: bytes, sha256: str, kiosk_name: str,
            saved_at: datetime) -> ProgramVersion:
    """Add `data` as the program's next version; returns the program's newest version afterwards.

    That is the one just published. Two kiosks
    publishing the same program at once take turns on the program's advisory lock, so each gets its
    own version number."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (PROGRAM_LOCK, program_id))
        conn.execute("INSERT INTO program_versions (program_id, version, content, sha256, kiosk_name, saved_at)"
                     " SELECT %s, COALESCE(MAX(version), 0) + 1, %s, %s, %s, %s FROM program_versions"
                     " WHERE program_id = %s", (program_id, data, sha256, kiosk_name, saved_at, program_id))
        row = conn.execute(f"SELECT {_COLUMNS} FROM program_versions WHERE program_id = %s"
                           f" {_NEWEST} LIMIT 1", (program_id,)).fetchone()
    return ProgramVersion(*row)


def history(conn: psycopg.Connection, program_id: str) -> list[ProgramVersion]:
    """Every published version of a program, the newest first."""
    with conn.transaction():
        rows = conn.execute(f"SELECT {_COLUMNS} FROM program_versions WHERE program_id = %s {_NEWEST}",
                            (program_id,))
        return [ProgramVersion(*row) for row in rows]
