"""Every answer of a session goes to the records the moment it is given.

The recorder listens to the session controller's events and writes each one as
its own transaction (kiosk.records.store), with the time it was given. If a write
fails (a full disk, say), the answer is kept in memory with that time, the staff
screen and the log say so (one log line when writing starts failing, one when it
works again), and it is written with the next answer that succeeds. A kiosk
that stops with answers still unwritten says how many (`unwritten`): `kiosk run`
logs them and exits non-zero. A kiosk whose records could not be opened at all
has a recorder with no records: every answer is unwritten, and counted.
"""

from __future__ import annotations

import logging
import sqlite3
import weakref
from typing import TYPE_CHECKING

from kiosk.records.store import Records, RecordsError, now

if TYPE_CHECKING:
    from kiosk.clinical.record import SessionRecord

log = logging.getLogger("kiosk.records")


class Recorder:
    """Writes one SessionController's sessions to `records`."""

    def __init__(self, records: Records | None, controller, on_recorded=None) -> None:
        self.records = records
        self.on_recorded = on_recorded
        """Called with (what, session row id, detail) after each answer is safely written."""
        self.session_ids: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        """Session -> its row id in the records."""
        self.pending: list[tuple] = []
        """Writes that failed, in order, waiting to be written."""
        self.last_error: str | None = None
        controller.bind(on_session_started=self._started, on_screening_answer=self._screening,
                        on_baseline=self._baseline, on_step=self._step, on_session_ended=self._ended)
        controller.record_of_session = self.record_of

    # Events --------------------------------------------------------------------------------

    def _started(self, controller, session) -> None:
        self._write("start", session, controller.language)

    def _screening(self, controller, session, flag_id: str, yes: bool, during: bool) -> None:
        self._write("screening", session, flag_id, yes, during)

    def _baseline(self, controller, session, check_in) -> None:
        self._write("check_in", session, "baseline", check_in, None)

    def _step(self, controller, session, step) -> None:
        self._write("check_in", session, step.kind, step.check_in, step)

    def _ended(self, controller, session) -> None:
        outcome = session.outcome.value if session.outcome else "incomplete"
        from kiosk.clinical.report import notes  # imported ahead while the start screen waited (SESSION_MODULES)

        ending = session.ending.value if session.ending else None
        self._write("end", session, outcome, session.red_flag, notes(session), ending)

    # Writing -------------------------------------------------------------------------------

    def _write(self, kind: str, session, *args) -> None:
        self.pending.append((kind, session, args, now()))  # the time it was given, whenever it is written
        self.flush()

    @property
    def unwritten(self) -> int:
        """How many answers (and session starts and ends) are waiting to be written."""
        return len(self.pending)

    def flush(self) -> None:
        """Write whatever is waiting, in order; stop at the first failure (kept for next time)."""
        while self.pending:
            kind, session, args, at = self.pending[0]
            try:
                self._apply(kind, session, args, at)
            except (sqlite3.Error, RecordsError, OSError) as error:
                self._failed(error)
                return
            self.pending.pop(0)
            if self.last_error is not None and not self.pending:
                log.warning("%s: the answers that were waiting are written", self._where)
                self.last_error = None
            if self.on_recorded is not None:
                self.on_recorded(kind, self.session_ids.get(session), args)

    @property
    def _where(self) -> str:
        return str(self.records.path) if self.records is not None else "records"

    def _failed(self, error: BaseException) -> None:
        first = self.last_error is None
        self.last_error = (f"{self.unwritten} answer(s) NOT yet written ({error}); they are kept in memory "
                           "and written as soon as the records can take them")
        if first:  # one line when writing starts failing, not one per answer
            log.error("%s: %s", self._where, self.last_error)

    def _apply(self, kind: str, session, args, at: str) -> None:
        if self.records is None:
            raise RecordsError("the records could not be opened when the kiosk started")
        if kind == "start":
            self.session_ids[session] = self.records.start_session(session.program, started_at=at,
                                                                   language=args[0])
            return
        session_id = self.session_ids[session]
        if kind == "screening":
            flag_id, yes, during = args
            self.records.record_screening(session_id, flag_id, yes, during, answered_at=at)
        elif kind == "check_in":
            answer_kind, check_in, step = args
            self.records.record_check_in(session_id, answer_kind, check_in, step, answered_at=at)
        elif kind == "end":
            outcome, red_flag, found, ending = args
            self.records.end_session(session_id, outcome, red_flag, found, ended_at=at, ended_by=ending)

    # Reading back --------------------------------------------------------------------------------

    def session_id(self, session) -> int | None:
        """The row id of a session, once its start is recorded."""
        return self.session_ids.get(session)

    def record_of(self, session) -> SessionRecord:
        """The session as stored (with answer times), or built from memory if the records fail."""
        session_id = self.session_id(session)
        try:
            stored = self.records.session(session_id) if session_id is not None and not self.pending else None
        except sqlite3.Error as error:
            log.error("%s: could not read session %s back: %s", self._where, session_id, error)
            stored = None
        from kiosk.clinical.report import record_of

        return stored if stored is not None else record_of(session)
