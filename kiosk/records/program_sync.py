"""The clinic's programs kept in step with the server, in the background: on start, then every minute.

A `ProgramSync` runs `kiosk.records.program_mirror.mirror_once` on its own thread
and its own server connection, as `kiosk.records.sync` copies the records. A kiosk
that cannot reach the server keeps the programs folder as it is (its last copy)
and tries again at the next period. A session already running is not touched: it
holds the program it started with (and the records keep that file's sha256); the
files written here are read for the sessions that start later.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import psycopg

from . import server
from .program_mirror import Check, Round, mirror_once
from .worker import ServerWorker, close_quietly

log = logging.getLogger("kiosk.records.programs")

PERIOD = 60.0
"""Seconds between two rounds with the server."""


@dataclass(frozen=True)
class ProgramSyncStatus:
    """What staff see: is the server reachable, the last problem, and program files not taken (why)."""

    connected: bool
    problem: str | None
    refused: dict[str, str]
    where: str


class ProgramSync(ServerWorker):
    """Publishes the programs of `folder` to the server at `url`, and mirrors the server's, until stopped."""

    thread_name = "kiosk-programs"

    def __init__(self, folder: Path, url: str, kiosk_name: str, check: Check, period: float = PERIOD,
                 on_mirrored: Callable[[list[str]], None] | None = None) -> None:
        super().__init__(url, log)
        self.folder = Path(folder)
        self.kiosk_name = kiosk_name
        self.check = check
        self.period = period
        self.on_mirrored = on_mirrored
        """Called on the worker's thread with the ids of programs just written from the server."""
        self.rounds = 0
        """Rounds completed with the server since the worker started."""
        self._refused: dict[str, str] = {}

    @property
    def status(self) -> ProgramSyncStatus:
        return ProgramSyncStatus(self._connected, self._problem, dict(self._refused), self.where)

    def _run(self) -> None:
        remote = None
        try:
            while not self._stop.is_set():
                with self._round():
                    try:
                        remote = remote or server.connect(self.url)
                        self._report(mirror_once(remote, self.folder, self.kiosk_name, self.check))
                        self._note_recovered("programs are in step")
                        self.rounds += 1
                    except (server.ServerError, psycopg.Error) as error:
                        remote = close_quietly(remote)
                        self._failed(error)
                    except OSError as error:  # the folder itself: full disk, removed... the next round tries again
                        self._failed(error)
                self._pause(self.period)
        finally:
            close_quietly(remote)

    def _report(self, result: Round) -> None:
        for program_id in result.published:
            log.info("program %s published to the clinic server %s", program_id, self.where)
        for program_id, problem in result.refused.items():
            if self._refused.get(program_id) != problem:  # one log line per new problem, not one per round
                log.warning("program %s: %s", program_id, problem)
        self._refused = dict(result.refused)
        if result.mirrored:
            log.info("programs from the clinic server %s: %s", self.where, ", ".join(result.mirrored))
            if self.on_mirrored is not None:
                self.on_mirrored(list(result.mirrored))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, server.ServerError):
            problem = str(error)
        elif isinstance(error, psycopg.Error):
            problem = f"the programs of the clinic server {self.where}: {server.explain(error, self.url)}"
        else:
            problem = f"the programs folder {self.folder}: {error}"
        self._note_problem(problem, "this kiosk keeps using its own copy of the programs")
