"""Handouts to the clinic's printer through CUPS, never holding up the screen or the session.

`lp` hands a PDF to the CUPS scheduler, which keeps it until the printer takes
it: a printer that is off, missing or out of paper leaves the job waiting in
CUPS, not in the kiosk. Making the PDF, `lp` and the `lpstat` questions about a
job's state all run on one background thread; the screen only reads `state`.
CUPS is found as every CUPS client finds it (`CUPS_SERVER`, else
/etc/cups/client.conf, else the local scheduler).
"""

from __future__ import annotations

import logging
import re
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

log = logging.getLogger("kiosk.handout")

TIMEOUT = 20
"""Seconds a CUPS command may take before the kiosk gives up on it (a scheduler that does not answer)."""
_REQUEST = re.compile(r"request id is (\S+)")


class PrintingProblem(Exception):
    """Why CUPS could not be asked, in words for staff."""


def _cups(*command: str, stdin: bytes | None = None) -> str:
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, timeout=TIMEOUT)
    except FileNotFoundError:
        raise PrintingProblem(f"{command[0]} is not installed (Debian package cups-client)") from None
    except subprocess.TimeoutExpired:
        raise PrintingProblem(f"{command[0]} had no answer from CUPS after {TIMEOUT} s") from None
    if done.returncode:
        said = done.stderr.decode(errors="replace").strip() or done.stdout.decode(errors="replace").strip()
        raise PrintingProblem(said or f"{command[0]} failed (exit {done.returncode})")
    return done.stdout.decode(errors="replace")


def printers() -> tuple[str, ...]:
    """The names of the printers CUPS knows (none when CUPS is not there or does not answer)."""
    try:
        return tuple(line.strip() for line in _cups("lpstat", "-e").splitlines() if line.strip())
    except PrintingProblem as problem:
        log.info("no printers: %s", problem)
        return ()


@dataclass
class PrintJob:
    """One handout on its way to a printer; `state` is what staff read."""

    label: str
    printer: str
    state: str = "making the PDF"
    cups_id: str | None = None
    done: bool = False
    failed: bool = False


class PrintQueue:
    """Print jobs, handed to CUPS one at a time on a background thread."""

    def __init__(self) -> None:
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-printing")
        self._lock = threading.Lock()
        self.jobs: list[PrintJob] = []

    def submit(self, make_pdf: Callable[[], bytes], printer: str, title: str, label: str) -> PrintJob:
        """Make the PDF and hand it to `printer`, in the background; returns at once."""
        job = PrintJob(label, printer)
        with self._lock:
            self.jobs.append(job)
        self._worker.submit(self._send, job, make_pdf, title)
        return job

    def refresh(self) -> None:
        """Ask CUPS, in the background, how the jobs not yet done are getting on."""
        self._worker.submit(self._ask)

    def wait(self, timeout: float | None = None) -> None:
        """Until the work asked so far is done (for the command line and the tests)."""
        self._worker.submit(lambda: None).result(timeout)

    def _send(self, job: PrintJob, make_pdf: Callable[[], bytes], title: str) -> None:
        try:
            pdf = make_pdf()
            said = _cups("lp", "-d", job.printer, "-t", title, "-", stdin=pdf)
        except PrintingProblem as problem:
            job.state, job.failed, job.done = f"not printed: {problem}", True, True
        except Exception as error:  # a handout that can't be made must never reach the session
            log.exception("handout for %s not made", job.label)
            job.state, job.failed, job.done = f"not printed: the handout could not be made ({error})", True, True
        else:
            found = _REQUEST.search(said)
            job.cups_id = found.group(1) if found else None
            job.state = f"sent to {job.printer}" + (f" (job {job.cups_id})" if job.cups_id else "")
            self._ask()

    def _ask(self) -> None:
        waiting = [job for job in self.jobs if job.cups_id and not job.done]
        if not waiting:
            return
        try:
            queued = {line.split()[0] for line in _cups("lpstat", "-W", "not-completed", "-o").splitlines()
                      if line.strip()}
        except PrintingProblem as problem:
            for job in waiting:
                job.state = f"sent to {job.printer} (job {job.cups_id}); CUPS does not answer now: {problem}"
            return
        for job in waiting:
            if job.cups_id in queued:
                job.state = f"waiting at {job.printer} (job {job.cups_id}): {printer_state(job.printer)}"
            else:
                job.state, job.done = f"printed on {job.printer} (job {job.cups_id})", True


def printer_state(printer: str) -> str:
    """What CUPS says of a printer, in a few words: 'the printer is stopped', 'printing', 'idle'."""
    try:
        said = _cups("lpstat", "-p", printer)
    except PrintingProblem as problem:
        return f"the printer can't be asked ({problem})"
    first = said.strip().splitlines()[0] if said.strip() else ""
    if " disabled" in first:
        reason = " ".join(line.strip() for line in said.strip().splitlines()[1:]).strip()
        return "the printer is stopped" + (f" ({reason})" if reason else "")
    if " is printing" in first or " now printing" in first:
        return "printing"
    return "in the queue"
