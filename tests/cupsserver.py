"""A throwaway CUPS scheduler for the tests, with the cups-pdf virtual printer, stopped after.

Its own configuration, spool, cache, state and logs in a temporary folder and its own
socket (no TCP port): the machine's CUPS, if any, is neither used nor touched. The
clients (`lp`, `lpstat`, `lpadmin`) find it through `CUPS_SERVER`, as every CUPS
client does. The filters run as CUPS's `lp` account, so the folders they read are
open to it. The cups-pdf backend runs as root (its files are root's, mode 0700), and
writes each job's PDF where the machine's /etc/cups/cups-pdf.conf says (`Out`,
`${HOME}/PDF` on Debian: the home folder of the user who printed).

`cupsd` without `-f` returns once it is ready (the parent waits for the child's
signal) and writes its process id into its state folder; `stop()` waits for that
process to end through a pidfd, with no polling.
Import the fixture into a test module: `from cupsserver import cups  # noqa: F401`.
"""

from __future__ import annotations

import ctypes
import grp
import os
import pwd
import re
import select
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest

PRINTER = "clinic-pdf"
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
GUARD = 120
"""Seconds a CUPS command or a printed file may take before the test fails with what CUPS logged."""


def _need(path: str, package: str) -> None:
    if not Path(path).exists():
        raise RuntimeError(f"{path} is missing: install the Debian package {package} (./scripts/setup.sh --tests does)")


class Cups:
    """One CUPS scheduler on a socket of its own, with the cups-pdf printer `clinic-pdf`."""

    def __init__(self) -> None:
        _need("/usr/sbin/cupsd", "cups")
        _need("/usr/lib/cups/backend/cups-pdf", "printer-driver-cups-pdf")
        _need(str(PPD), "printer-driver-cups-pdf")
        if os.getuid() != 0:
            raise RuntimeError("the CUPS tests run cupsd as root (the cups-pdf backend only runs as root)")
        self.base = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
        self.socket = self.base / "cups.sock"
        lp = grp.getgrnam("lp").gr_gid
        for name, mode in (("root", 0o755), ("root/ppd", 0o755), ("spool", 0o710), ("spool/tmp", 0o1770),
                           ("cache", 0o770), ("state", 0o755), ("log", 0o755)):
            folder = self.base / name
            folder.mkdir()
            os.chown(folder, 0, lp)
            folder.chmod(mode)
        self.base.chmod(0o755)  # the filters (user lp) read the spool and the PPD under it
        b = self.base
        (b / "root" / "cups-files.conf").write_text(
            f"ServerRoot {b}/root\nRequestRoot {b}/spool\nTempDir {b}/spool/tmp\nCacheDir {b}/cache\n"
            f"StateDir {b}/state\nAccessLog {b}/log/access_log\nErrorLog {b}/log/error_log\n"
            f"PageLog {b}/log/page_log\nPrintcap {b}/printcap\nSystemGroup root\nFileDevice No\n")
        (b / "root" / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel info\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"
            "<Location />\n  Order allow,deny\n  Allow from all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow from all\n  </Limit>\n</Policy>\n")
        self.env = dict(os.environ, CUPS_SERVER=str(self.socket))
        self.pid: int | None = None

    def start(self) -> None:
        """Start the scheduler (returns when it listens) and add the cups-pdf printer, ready to print."""
        self._run("/usr/sbin/cupsd", "-c", str(self.base / "root" / "cupsd.conf"),
                  "-s", str(self.base / "root" / "cups-files.conf"))
        self.pid = int((self.base / "state" / "cupsd.pid").read_text().strip())
        self.run("lpadmin", "-p", PRINTER, "-v", "cups-pdf:/", "-P", str(PPD), "-E")

    def run(self, *command: str) -> str:
        """A CUPS client command against this scheduler; its output."""
        return self._run(*command)

    def _run(self, *command: str) -> str:
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=GUARD)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr}{done.stdout}\n{self.log()}")
        return done.stdout

    def log(self) -> str:
        """The end of the scheduler's error log (for a failing test's message)."""
        try:
            return "\n".join((self.base / "log" / "error_log").read_text(errors="replace").splitlines()[-40:])
        except OSError:
            return "(no error log)"

    def stop(self) -> None:
        if self.pid is None:
            return
        try:
            handle = os.pidfd_open(self.pid)
        except ProcessLookupError:
            self.pid = None
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
            ready, _, _ = select.select([handle], [], [], GUARD)
            if not ready:
                os.kill(self.pid, signal.SIGKILL)
        finally:
            os.close(handle)
            self.pid = None

    def remove(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)


def output_folder() -> Path:
    """Where cups-pdf writes the PDFs of jobs this process prints: the `Out` line of cups-pdf.conf."""
    out = "/var/spool/cups-pdf/${USER}"  # cups-pdf's own default
    for line in CUPS_PDF_CONF.read_text().splitlines():
        if re.match(r"\s*Out\s", line):
            out = line.split(None, 1)[1].strip()
    account = pwd.getpwuid(os.getuid())
    return Path(out.replace("${HOME}", account.pw_dir).replace("${USER}", account.pw_name))


class PrintedFiles:
    """Watches cups-pdf's output folder (inotify, from before a job is sent): `next_pdf(part)` blocks until a
    PDF whose name holds `part` (the job's title) is written there whole, and returns it; `close()` removes
    what was found."""

    IN_CLOSE_WRITE, IN_MOVED_TO = 0x8, 0x80

    def __init__(self) -> None:
        self.folder = output_folder()
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_CLOEXEC)
        if self._fd < 0 or self._libc.inotify_add_watch(self._fd, str(self.folder).encode(),
                                                        self.IN_CLOSE_WRITE | self.IN_MOVED_TO) < 0:
            raise RuntimeError(f"cannot watch {self.folder}: {os.strerror(ctypes.get_errno())}")
        self.found: list[Path] = []

    def next_pdf(self, part: str, log=lambda: "") -> Path:
        """The next PDF written whole with `part` in its name; `log()` words a failure."""
        while True:
            ready, _, _ = select.select([self._fd], [], [], GUARD)
            if not ready:
                raise AssertionError(f"no PDF named *{part}* appeared in {self.folder} within {GUARD} s\n{log()}")
            events = os.read(self._fd, 65536)
            while events:
                _, _, _, length = struct.unpack_from("iIII", events)
                name = events[16:16 + length].rstrip(b"\0").decode(errors="replace")
                events = events[16 + length:]
                path = self.folder / name
                if part in name and path.suffix == ".pdf" and pdf_pages(path):
                    self.found.append(path)
                    return path

    def close(self) -> None:
        os.close(self._fd)
        for path in self.found:
            path.unlink(missing_ok=True)


def pdf_pages(path: Path) -> int:
    """The pages of a PDF (poppler's pdfinfo); 0 if it is not a whole PDF."""
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=GUARD)
    found = re.search(r"^Pages:\s+(\d+)", done.stdout, re.M) if done.returncode == 0 else None
    return int(found.group(1)) if found else 0


def pdf_text(path: Path) -> str:
    """The text of a PDF (poppler's pdftotext); empty if it is not a whole PDF (yet)."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=GUARD)
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else ""


@pytest.fixture
def cups(monkeypatch):
    """A fresh CUPS scheduler with the `clinic-pdf` printer; the kiosk's `lp` and `lpstat` reach it."""
    server = Cups()
    server.start()
    monkeypatch.setenv("CUPS_SERVER", str(server.socket))
    yield server
    try:
        server.stop()
    finally:
        server.remove()
