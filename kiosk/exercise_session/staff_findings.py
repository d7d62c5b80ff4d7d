"""What the summary needs to let staff add to a session: this kiosk's records and the patient's visits.

A session can be changed only on the kiosk that recorded it (its rows, then its copy
on the clinic server); a summary of another kiosk's session, read from the server,
shows what was entered there. The patient's visits come from the clinic server when
the kiosk has one that answers (every kiosk's), else from this kiosk's records.
Every save is its own transaction (kiosk.records.findings) and wakes the copy to
the clinic server.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from kiosk.records.store import InvalidReference

if TYPE_CHECKING:  # made while the plugin starts: the record types are read when a record is
    from kiosk.clinical.program import SpecialTest
    from kiosk.clinical.record import SessionRecord

log = logging.getLogger("kiosk.exercise_session")


class StaffFindings:
    """This kiosk's records (None: none kept), its clinic server's address and its copier."""

    def __init__(self, records, database: str | None = None, copier=None, shell=None) -> None:
        self.records = records
        self.database = database
        self._copier = copier
        self._shell = shell

    @classmethod
    def of_shell(cls, shell) -> "StaffFindings":
        return cls(getattr(shell, "records", None), shell.options.database, shell=shell)

    @property
    def copier(self):
        """The copier to the clinic server (the shell's, which starts after the plugins are built)."""
        return getattr(self._shell, "copier", None) if self._shell is not None else self._copier

    def local_id(self, record: SessionRecord) -> int | None:
        """The session's row id on this kiosk, or None: recorded elsewhere (or not recorded)."""
        if self.records is None or not record.uid:
            return None
        row = self.records.conn.execute("SELECT id FROM sessions WHERE uid = ?", (record.uid,)).fetchone()
        return row[0] if row else None

    def session(self, session_id: int) -> SessionRecord:
        return self.records.session(session_id)

    def visits(self, reference: str | None) -> list[SessionRecord]:
        """Every session of the patient, oldest first (the clinic's when its server answers)."""
        if not reference:
            return []
        if self.database and not (self.copier is not None and self.copier.status.problem):
            from kiosk.records.clinic import ClinicRecords
            from kiosk.records.server import ServerError

            try:
                clinic = ClinicRecords(self.database)
                try:
                    return clinic.patient_sessions(reference)
                finally:
                    clinic.close()
            except ServerError as error:
                log.warning("the patient's visits from this kiosk only: %s", error)
        return self.records.patient_sessions(reference) if self.records is not None else []

    def save_reference(self, session_id: int, text: str) -> str | None:
        """Give the session this reference (empty: take it off); a message when it cannot be."""
        try:
            self.records.set_reference(session_id, text)
        except InvalidReference as error:
            return str(error)
        except sqlite3.Error as error:
            log.error("the reference of session %s was not saved: %s", session_id, error)
            return f"Not saved: the records could not be written ({error})."
        self._copy()
        return None

    def save_result(self, session_id: int, test: SpecialTest, result: str, side: str | None, note: str) -> str | None:
        """Record one result entry at once; a message when it cannot be."""
        try:
            self.records.record_test_result(session_id, test, result, side, note)
        except ValueError as error:
            return str(error)
        except sqlite3.Error as error:
            log.error("the %s result of session %s was not saved: %s", test.id, session_id, error)
            return f"Not saved: the records could not be written ({error})."
        self._copy()
        return None

    def _copy(self) -> None:
        if self.copier is not None:
            self.copier.wake()
