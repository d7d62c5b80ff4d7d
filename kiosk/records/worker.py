"""What the two clinic-server workers share: a daemon thread that can be woken and stopped.

The record copier (`sync`) and the program mirror (`program_sync`) each run one of
these. Each says a new problem once (not once a retry) and says when the server
answers again; the staff screen reads `connected` and `problem` from the worker.
"""

from __future__ import annotations

import logging
import threading

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
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)

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
