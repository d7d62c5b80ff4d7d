"""Kill the kiosk with SIGKILL at random points of real sessions: nothing answered is lost.

The autopilot plays example patients through the real kiosk process, which prints
`recorded: ...` on stderr each time an answer has been committed. The test kills
the process right after a randomly chosen one of those lines, then opens the
records as the next start would: every answer the process reported is there, the interrupted session is marked incomplete, and
SQLite's integrity check is clean. The next run carries on in the same folder.
Each run has LIMIT seconds, kept by a watchdog thread that kills the kiosk even if
it stalls without printing, so a stuck kiosk fails the test instead of hanging it.
"""

import os
import random
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk.records.store import DB_NAME, Records

ROOT = Path(__file__).resolve().parents[2]
PATIENTS = ROOT / "examples" / "patients"
RUNS = [("spinal_source_likely-after_recheck.yaml", "knee_from_spine"),
        ("stopped_worsening.yaml", "knee_from_spine"),
        ("no_distal_symptoms-core_only.yaml", "core_only"),
        ("knee_tests_recommended-flexion.yaml", "flexion_progression")]
KILLS = 6
LIMIT = 120
"""Seconds one run of the kiosk may take to reach the answer the test waits for."""
LINE = re.compile(r"^recorded: (\w+) session=(\d+)(?: (\w+)(?:=| intensity=)?(\w+)?)?")


def start(tmp_path, example, program):
    env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy", KIVY_NO_CONSOLELOG="1",
               KIVY_HOME=str(tmp_path / "kivy-home"))
    return subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--autopilot", str(PATIENTS / example),
                             "--program", program, "--data", str(tmp_path / "data"), "--speed", "200"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)


class Watchdog:
    """Kills the process when `seconds` pass, whether or not it prints: a kiosk that stalls
    without a word ends its stream too, so reading it never hangs the test run."""

    def __init__(self, process: subprocess.Popen, seconds: float) -> None:
        self.process = process
        self.fired = False
        self.timer = threading.Timer(seconds, self._kill)
        self.timer.daemon = True
        self.timer.start()

    def _kill(self) -> None:
        self.fired = True
        self.process.kill()

    def stop(self) -> None:
        self.timer.cancel()


def read_recorded(process, stop_after: int | None, limit: float = LIMIT) -> list[str]:
    """The `recorded:` lines, up to `stop_after` of them (None: until the process ends).

    Fails if the kiosk has not got there within `limit` seconds (it is killed then)."""
    lines = []
    watchdog = Watchdog(process, limit)
    try:
        for line in process.stderr:
            if line.startswith("recorded: "):
                lines.append(line.strip())
                if stop_after is not None and len(lines) >= stop_after:
                    break
    finally:
        watchdog.stop()
    assert not watchdog.fired, f"the kiosk was killed after {limit} s, stalled with {len(lines)} answers recorded"
    return lines


def test_a_kiosk_that_stalls_without_a_word_is_killed_at_the_deadline():
    """A process that never prints and never ends: the deadline alone must end the read."""
    silent = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    rescue = threading.Timer(LIMIT, silent.stdin.close)  # only if the watchdog failed: the test fails, not hangs
    rescue.start()
    try:
        with pytest.raises(AssertionError, match="stalled with 0 answers recorded"):
            read_recorded(silent, None, limit=0)
        assert silent.wait(timeout=30) == -signal.SIGKILL  # killed by the watchdog, not ended by the rescue
    finally:
        rescue.cancel()
        silent.kill()
        silent.wait(timeout=30)
        silent.stdin.close()
        silent.stderr.close()


def test_killing_the_kiosk_at_random_points_loses_no_answer(tmp_path):
    rng = random.Random(20261125)
    confirmed: list[tuple[str, str, str]] = []  # (session, what, detail)
    killed_sessions = set()
    for run in range(KILLS):
        example, program = RUNS[run % len(RUNS)]
        process = start(tmp_path, example, program)
        stop_after = rng.randint(1, 24)
        lines = read_recorded(process, stop_after)
        process.send_signal(signal.SIGKILL)  # at once: the process is already busy with its next answer
        process.wait(timeout=30)
        process.stderr.close()
        for line in lines:
            match = LINE.match(line)
            assert match, line
            confirmed.append((match[2], match[1], line))
        if lines and not lines[-1].startswith("recorded: end"):
            killed_sessions.add(int(LINE.match(lines[-1])[2]))

    # The next start: recovery, then a whole session in the same folder.
    final = start(tmp_path, *RUNS[0])
    final_lines = read_recorded(final, None)
    assert final.wait(timeout=60) == 0
    assert final_lines[-1].startswith("recorded: end") and "spinal_source_likely" in final_lines[-1]

    opened = Records.open(tmp_path / "data")
    records = opened.records
    assert records.integrity_check() == "ok"
    for session_id in killed_sessions:
        record = records.session(session_id)
        assert record.outcome == "incomplete" and record.interrupted, f"session {session_id}: {record}"
    stored = {}
    for session_id in {int(s) for s, _, _ in confirmed}:
        record = records.session(session_id)
        assert record is not None, f"session {session_id} was reported recorded but is missing"
        stored[session_id] = record
    counts: dict[tuple[int, str], int] = {}
    for session, what, line in confirmed:
        key = (int(session), what)
        counts[key] = counts.get(key, 0) + 1
    for (session_id, what), count in counts.items():
        record = stored[session_id]
        if what == "check_in":
            assert len(record.check_ins) >= count, f"session {session_id}: {count} check-ins reported, " \
                                                   f"{len(record.check_ins)} stored"
        elif what == "screening":
            assert len(record.screening) >= count
    # Every reported check-in is there with its intensity, in order.
    for session_id, record in stored.items():
        reported = [line for s, what, line in confirmed if int(s) == session_id and what == "check_in"]
        for check_in, line in zip(record.check_ins, reported):
            assert f" {check_in.kind} intensity={check_in.check_in.intensity}" in line
    final_session = int(LINE.match(final_lines[0])[2])
    assert final_session not in stored
    assert {r.id for r in records.recent(100)} == set(stored) | {final_session}
    assert killed_sessions, "no run was killed in the middle of a session"
    records.close()
    assert (tmp_path / "data" / DB_NAME).exists()
