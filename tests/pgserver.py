"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, a free port, stopped after.

The server refuses to run as root, and CI runs as root: then every server command
runs as the `postgres` account (`runuser -u postgres`), in a folder it owns.
Import the fixtures into a test module: `from pgserver import clinic_url, pg_cluster  # noqa: F401`.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

USER = "kiosk"


def _bin(program: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise RuntimeError(f"no {program} under /usr/lib/postgresql/*/bin: install the Debian postgresql package "
                           "(./scripts/setup.sh does)")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One PostgreSQL server on 127.0.0.1, its superuser `kiosk` with a random password."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.base / "data"
        self.password = "pw-" + secrets.token_hex(8)
        self.port = _free_port()
        self.as_owner: list[str] = []
        if os.getuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        pwfile = self.base / "pw"
        pwfile.write_text(self.password + "\n")
        if self.as_owner:
            os.chown(pwfile, pwd.getpwnam("postgres").pw_uid, -1)
        self._run(_bin("initdb"), "-D", str(self.data), "-A", "scram-sha-256", "--pwfile", str(pwfile),
                  "-U", USER, "-E", "UTF8", "--locale=C", "--no-sync")
        pwfile.unlink()

    def _run(self, *command: str) -> None:
        result = subprocess.run(self.as_owner + list(command), capture_output=True, text=True, timeout=120)
        if result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.base / "log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """`immediate` is the power cut: no checkpoint, clients cut off."""
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        return f"postgresql://{USER}:{password or self.password}@127.0.0.1:{self.port}/{database}"

    def remove(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster():
    cluster = Cluster()
    cluster.start()
    yield cluster
    try:
        cluster.stop("immediate")
    finally:
        cluster.remove()


_databases = iter(range(1, 10_000))


@pytest.fixture
def clinic_url(pg_cluster):
    """The URL of a fresh, empty database on the test cluster (one per test)."""
    name = f"clinic_{next(_databases)}"
    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return pg_cluster.url(name)
