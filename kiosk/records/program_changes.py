"""The clinic's program changes in the records: when, which program, what the file was and became.

Every save and undo made with the kiosk's program editor is one row (its own
transaction, like every answer), so a therapist can see on the staff screen, and
in an export, which version of a program the sessions of a day ran: a session
keeps the sha256 of its program file, and these rows say when each sha256 came
and went, and what changed in the staff screen's words. The export is its own
CSV file (`write_csv`), written beside the sessions' export: its rows are about
programs, not patients.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from typing import IO, Iterable

from .store import Records, now

ACTIONS = ("save", "undo")
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("changed at (UTC)", "When the program was saved, or a change undone"),
    ("program id", "The program's id (its file is programs/<id>.yaml in the data folder)"),
    ("action", "save, or undo (back to the version before)"),
    ("file sha256 before", "Fingerprint of the program file before; empty: there was none"),
    ("file sha256 after", "Fingerprint after; the sessions that ran this version keep the same one"),
    ("what changed", "The change in the program editor's words (\"Saved: Press up 2 -> 3 sets\"); empty for "
                     "changes recorded before the kiosk kept them"),
)


@dataclass(frozen=True)
class ProgramChangeRecord:
    """One recorded save or undo. A sha256 is None where there was no file (new, or undone away)."""

    id: int
    changed_at: str
    program_id: str
    action: str
    sha256_before: str | None
    sha256_after: str | None
    summary: str = ""
    """What changed, in the staff screen's words; "" for a change recorded before they were kept."""


def record_program_change(records: Records, action: str, program_id: str, sha256_before: str | None,
                          sha256_after: str | None, changed_at: str | None = None, summary: str = "") -> int:
    """Keep one save or undo; returns its row id. Committed when this returns."""
    if action not in ACTIONS:
        raise ValueError(f"unknown program change {action!r}; expected one of {', '.join(ACTIONS)}")
    # The connection is in autocommit mode: one INSERT is one transaction, durable when it returns.
    cursor = records.conn.execute(
        "INSERT INTO program_changes (changed_at, program_id, action, sha256_before, sha256_after, summary)"
        " VALUES (?, ?, ?, ?, ?, ?)", (changed_at or now(), program_id, action, sha256_before, sha256_after, summary))
    return cursor.lastrowid


def program_changes(records: Records, program_id: str | None = None, limit: int | None = None
                    ) -> list[ProgramChangeRecord]:
    """The changes, newest first: of one program, or of all; at most `limit` of them."""
    where, arguments = ("WHERE program_id = ?", [program_id]) if program_id else ("", [])
    rows = records.conn.execute(
        "SELECT id, changed_at, program_id, action, sha256_before, sha256_after, summary FROM program_changes "
        f"{where} ORDER BY changed_at DESC, id DESC LIMIT ?", (*arguments, -1 if limit is None else limit))
    return [ProgramChangeRecord(*row) for row in rows]


def write_csv(changes: Iterable[ProgramChangeRecord], stream: IO[str]) -> int:
    """The changes as CSV, a header row first; returns how many were written."""
    writer = csv.writer(stream)
    writer.writerow([name for name, _ in CSV_COLUMNS])
    count = 0
    for change in changes:
        writer.writerow([change.changed_at, change.program_id, change.action, change.sha256_before or "",
                         change.sha256_after or "", change.summary])
        count += 1
    return count
