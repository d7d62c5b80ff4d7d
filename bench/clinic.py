"""One clinic, many kiosks: 8 kiosk processes copying their sessions to one local PostgreSQL server.

A throwaway server is started in the scratch folder (initdb/pg_ctl, as the `postgres`
account when run as root: the tests' `tests/pgserver.py` does it). Each kiosk is its own
process (`tests/clinic_kiosk.py both`): it writes whole sessions to its own SQLite records
one answer per transaction, as the recorder does, while its `SyncWorker` copies them. The
kiosk's window and autopilot are left out: eight Kivy windows on a two-core machine would
measure the drawing, not the copy.

Two runs: paced (each kiosk waits PACED_GAP between sessions: the copy delay a clinic
would see) and flat out (no gap: how many sessions per second the copy can carry).
Figures, all counted in the server afterwards: sessions copied per second (from the first
session's start to the last copy), the copy delay of each answer (the server's copy time
minus the kiosk's answer time; p50 and p95), and answers lost or duplicated against what
the kiosks wrote.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psycopg

from bench.common import ROOT

sys.path.insert(0, str(ROOT / "tests"))

from clinic_kiosk import ANSWERS_PER_SESSION  # noqa: E402
from pgserver import Cluster  # noqa: E402

KIOSKS = 8
SESSIONS = 50
PACED_GAP = 0.05
"""Seconds between one kiosk's sessions in the paced run (the answers of a session come as fast as the
disk allows). The flat-out run has no gap: every kiosk writes as fast as it can, the most the copy can carry."""


def run(scratch: Path, say, kiosks: int = KIOSKS, sessions: int = SESSIONS, gap: float = 0.0) -> dict:
    cluster = Cluster()
    cluster.start()
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE clinic")
        url = cluster.url("clinic")
        began = time.time()
        children = [subprocess.Popen([sys.executable, str(ROOT / "tests" / "clinic_kiosk.py"), "both",
                                      str(scratch / f"kiosk-{gap}-{n}"), f"kiosk-{n}", str(sessions), url, str(gap)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                    for n in range(1, kiosks + 1)]
        for child in children:
            _, err = child.communicate(timeout=900)
            if child.returncode:
                raise RuntimeError(f"a kiosk process failed: {err.strip()[-500:]}")
        figures = _count(url, began, kiosks * sessions)
    finally:
        cluster.stop("immediate")
        cluster.remove()
    say(f"  {kiosks} kiosks x {sessions} sessions, {gap} s apart: {figures['sessions_copied_per_s']} sessions copied per second; "
        f"copy delay p50 {figures['copy_delay_p50_s']} s, p95 {figures['copy_delay_p95_s']} s; "
        f"answers lost {figures['answers_lost']}, duplicated {figures['answers_duplicated']}")
    return figures


def _count(url: str, began: float, expected_sessions: int) -> dict:
    expected_answers = expected_sessions * ANSWERS_PER_SESSION
    with psycopg.connect(url) as conn:
        sessions, last_copy = conn.execute("SELECT COUNT(*), EXTRACT(EPOCH FROM MAX(copied_at)) FROM sessions"
                                           ).fetchone()
        answers, distinct, p50, p95 = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT (session_uid, seq, what)),"
            " percentile_cont(0.5) WITHIN GROUP (ORDER BY delay), percentile_cont(0.95) WITHIN GROUP (ORDER BY delay)"
            " FROM (SELECT session_uid, seq, 'c' AS what, EXTRACT(EPOCH FROM copied_at - answered_at) AS delay"
            "       FROM check_ins UNION ALL"
            "       SELECT session_uid, seq, 's', EXTRACT(EPOCH FROM copied_at - answered_at) FROM screening) AS a"
        ).fetchone()
    elapsed = float(last_copy) - began
    return {"kiosks_sessions": expected_sessions, "sessions_on_server": sessions,
            "sessions_copied_per_s": round(sessions / elapsed, 1), "seconds": round(elapsed, 2),
            "copy_delay_p50_s": round(float(p50), 3), "copy_delay_p95_s": round(float(p95), 3),
            "answers_expected": expected_answers, "answers_on_server": answers,
            "answers_lost": expected_answers - distinct, "answers_duplicated": answers - distinct}
