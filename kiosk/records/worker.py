"""What the two clinic-server workers share: a daemon thread that can be woken and stopped.

The record copier (`sync`) and the program mirror (`program_sync`) each run one of
these. Each says a new problem once (not once a retry) and says when the server
answers again; the staff screen reads `connected` and `problem` from the worker.

Each pass of a worker's loop is a round, and the worker announces the end of every
round. That is for whoever must know the outcome of something it just did (an
answer written, a program saved, the server restarted): take `round_mark()` after
doing it, `wake()` the worker, and `wait_round(mark)` returns once a round that
began after it has ended, so that round has seen the change. The tests and the
bench wait on that signal instead of polling on a timer.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

import psycopg

from . import server


class ServerWorker:
    """A background thread talking to the clinic server at `url`; subclasses write `_run`."""

    thread_name = "kiosk-server"

    def __init__(self, url: str, log: logging.Logger) -> None:
        self.url = url
        self.where = server.describe(url)  # the address without its password, for logs and screens
        self._log = log
        self._connected = False
        self._problem: str | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._rounds = threading.Condition()  # guards the three below; notified at the end of every round
        self._rounds_begun = 0
        self._rounds_ended = 0
        self._finished = False  # the thread has left its loop: no round will end any more
        self._thread = threading.Thread(target=self._live, name=self.thread_name, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def wake(self) -> None:
        """Do a round now (an answer was written, a program saved) instead of at the end of the pause."""
        self._wake.set()

    def round_mark(self) -> int:
        """The rounds begun so far: the next round to begin sees everything done before this call."""
        with self._rounds:
            return self._rounds_begun

    def wait_round(self, mark: int, timeout: float | None) -> bool:
        """Wait until a round begun after `mark` has ended: True; False if the worker stops first or
        `timeout` seconds pass (None: no bound; a guard against a hung worker, not a way to let time pass)."""
        def ended() -> bool:  # rounds run one after another: round mark + 1 began after the mark
            return self._rounds_ended > mark

        with self._rounds:
            self._rounds.wait_for(lambda: ended() or self._finished, timeout)
            return ended()

    @contextmanager
    def _round(self):
        """One pass of the subclass's loop: counted as begun, and announced when it ends however it ends."""
        with self._rounds:
            self._rounds_begun += 1
        try:
            yield
        finally:
            with self._rounds:
                self._rounds_ended += 1
                self._rounds.notify_all()

    def _live(self) -> None:
        try:
            self._run()
        finally:
            with self._rounds:
                self._finished = True
                self._rounds.notify_all()

    def _run(self) -> None:
        raise NotImplementedError

    def _pause(self, seconds: float) -> None:
        """Wait `seconds`, or less when woken or stopped."""
        self._wake.wait(seconds)
        self._wake.clear()

    def _note_problem(self, problem: str, consequence: str) -> None:
        if problem != self._problem:  # one log line per new problem, not one per retry
            self._log.warning("%s; %s", problem, consequence)
        self._connected, self._problem = False, problem

    def _note_recovered(self, message: str) -> None:
        if self._problem is not None:
            self._log.info("the clinic server %s answers again; %s", self.where, message)
        self._connected, self._problem = True, None


def close_quietly(remote):
    """Close a server connection that may already be broken; always returns None (the connection is gone)."""
    if remote is not None:
        try:
            remote.close()
        except psycopg.Error:
            pass
    return None
