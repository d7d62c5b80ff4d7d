"""A Debian 12 container booted by a real systemd (systemd-nspawn), for the appliance's boot test.

The bare root is prepared once by scripts/boot-root.sh and kept under /var/cache; it is never
written: each container is an overlay on it whose changes live in the test's own folder, so a
reboot keeps them and the next run starts from the bare root again. Commands run inside with
nsenter (the container is not registered with machined: `--register=no`, as this machine kind
needs). Waiting is on events, never on a timer: nspawn's own READY=1 on a socket the test binds
(`--notify-ready=yes`: the container's systemd has finished booting), and the container's journal
followed line by line; each wait has a deadline that fails the test when nothing comes.
"""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOT_ROOT = Path(os.environ.get("KIOSK_BOOT_ROOT", "/var/cache/kiosk-boot-root"))
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
BOOT_SECONDS = 180
REBOOT_EXIT = 133  # systemd-nspawn's exit status when the container asked for a reboot


def prepared_root() -> Path:
    """The bare root, made by scripts/boot-root.sh the first time (debootstrap: a few minutes)."""
    done = subprocess.run([str(ROOT / "scripts" / "boot-root.sh"), str(BOOT_ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, f"scripts/boot-root.sh failed: {done.stdout[-2000:]}{done.stderr[-2000:]}"
    return BOOT_ROOT


class Container:
    """An overlay on `lower` in `folder`, booted and rebooted by the test; `binds` are read-only mounts."""

    def __init__(self, lower: Path, folder: Path, binds: dict[Path, str]) -> None:
        self.folder = folder
        self.root = folder / "root"
        for name in ("upper", "work", "root"):
            (folder / name).mkdir(parents=True)
        subprocess.run(["mount", "-t", "overlay", "overlay", "-o",
                        f"lowerdir={lower},upperdir={folder / 'upper'},workdir={folder / 'work'}", str(self.root)],
                       check=True)
        self.binds = binds
        self.process: subprocess.Popen | None = None
        self.leader = 0
        self.boots = 0

    def boot(self) -> None:
        """Start the container and return once its systemd says it has booted."""
        self.boots += 1
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(str(self.folder / f"notify-{self.boots}"))
        console = open(self.folder / f"console-{self.boots}.log", "wb")
        command = ["systemd-nspawn", "--register=no", "--keep-unit", "--notify-ready=yes", "--console=pipe",
                   "-D", str(self.root), "-b", *(f"--bind-ro={host}:{inside}" for host, inside in self.binds.items())]
        env = dict(os.environ, NOTIFY_SOCKET=str(self.folder / f"notify-{self.boots}"))
        self.process = subprocess.Popen(command, stdout=console, stderr=subprocess.STDOUT, env=env)
        console.close()
        fields: dict[str, str] = {}
        deadline = time.monotonic() + BOOT_SECONDS
        with notify:
            while fields.get("READY") != "1":
                ready, _, _ = select.select([notify], [], [], max(0.0, deadline - time.monotonic()))
                assert ready and self.process.poll() is None, f"the container did not boot: {self.console()}"
                message = notify.recv(4096).decode()
                fields.update(line.split("=", 1) for line in message.splitlines() if "=" in line)
        self.leader = int(fields["X_NSPAWN_LEADER_PID"])

    def console(self) -> str:
        return (self.folder / f"console-{self.boots}.log").read_text(errors="replace")[-3000:]

    def run(self, *command: str, user: str | None = None, env: dict[str, str] | None = None,
            input: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        """`command` inside the container (as `user`, else root), with a clean environment."""
        variables = {"PATH": PATH, "HOME": "/root", "LANG": "C.UTF-8", **(env or {})}
        inner = [*(("runuser", "-u", user, "--") if user else ()), "env", "-i",
                 *(f"{key}={value}" for key, value in variables.items()), *command]
        done = subprocess.run(["nsenter", "-t", str(self.leader), "-a", *inner], capture_output=True, text=True,
                              input=input, timeout=BOOT_SECONDS)
        if check:
            assert done.returncode == 0, f"{' '.join(command)}: exit {done.returncode}\n{done.stdout[-3000:]}" \
                                         f"\n{done.stderr[-3000:]}"
        return done

    def unit(self, unit: str, *properties: str) -> dict[str, str]:
        shown = self.run("systemctl", "show", unit, *(f"--property={name}" for name in properties)).stdout
        return dict(line.split("=", 1) for line in shown.splitlines() if "=" in line)

    def file(self, path: str) -> Path:
        """A file as the running container sees it (its /run included), from the host."""
        return Path(f"/proc/{self.leader}/root") / path.lstrip("/")

    def follow(self, unit: str) -> JournalFollower:
        """The unit's journal from now on, read as it is written."""
        return JournalFollower(self, unit, time.time())

    def reboot(self) -> None:
        self.run("systemctl", "reboot", check=False)  # the connection may drop as it goes down
        assert self.process.wait(timeout=BOOT_SECONDS) == REBOOT_EXIT, self.console()
        self.boot()

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # nspawn halts the container
            try:
                self.process.wait(timeout=BOOT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        subprocess.run(["umount", str(self.root)], check=False)


class JournalFollower:
    """`journalctl -f` of one unit inside the container, from a moment on (nothing written since is missed)."""

    def __init__(self, container: Container, unit: str, since: float) -> None:
        self.since_us = int(since * 1_000_000)
        command = ["nsenter", "-t", str(container.leader), "-a", "journalctl", "--follow", "--output=json",
                   f"--unit={unit}", f"--since=@{int(since) - 1}", "--no-pager"]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE)
        self.pending = b""
        self.seen: list[str] = []

    def _lines(self, deadline: float):
        """The journal's entries as they come; none left when the deadline passes."""
        while True:
            while b"\n" in self.pending:
                line, self.pending = self.pending.split(b"\n", 1)
                yield json.loads(line)
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self.process.stdout.fileno(), 65536) if ready else b""
            if not chunk:  # the deadline passed, or journalctl ended
                return
            self.pending += chunk

    def wait_for(self, words: str, seconds: float) -> float:
        """Read on until a line containing `words`; the host's time.monotonic() when it came."""
        for entry in self._lines(time.monotonic() + seconds):
            if int(entry["__REALTIME_TIMESTAMP"]) < self.since_us:
                continue
            message = entry.get("MESSAGE")
            message = bytes(message).decode(errors="replace") if isinstance(message, list) else str(message)
            self.seen.append(message)
            if words in message:
                return time.monotonic()
        raise AssertionError(f"no {words!r} in the journal within {seconds} s; seen:\n" + "\n".join(self.seen[-30:]))

    def __enter__(self) -> JournalFollower:
        return self

    def __exit__(self, *_) -> None:
        self.process.terminate()
        self.process.wait()
