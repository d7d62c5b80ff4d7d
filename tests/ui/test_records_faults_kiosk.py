"""The running kiosk when its records fail: the PIN still holds, and no answer is lost without a word.

Real faults: a database from a newer kiosk, a real small tmpfs filled to its last byte
while a patient answers (tests/small_disk.py). Answers that cannot be written wait in
memory with the time they were given; staff and the log are told; a kiosk that stops
with answers unwritten counts them (`kiosk run` exits non-zero with the count).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys

from small_disk import fill, small_disk
from test_journeys import ROOT, play
from test_staff import PIN, hold_corner, start, type_pin

from kiosk.records.store import DB_NAME, Records, now

SCRIPT = ROOT / "examples" / "patients" / "spinal_source_likely.yaml"
STOPPED = ROOT / "examples" / "patients" / "red_flag_stop-before.yaml"
"""A short session: stopped by a red flag at the screening."""


def test_the_pin_holds_when_the_records_are_a_newer_kiosks(pilot, tmp_path):
    records = Records.open(tmp_path).records
    from kiosk.records.pin import PinLock

    PinLock(records).set_pin(PIN)
    records.close()
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    app = start(pilot, tmp_path)
    assert app.records is None
    hold_corner(pilot, app)
    assert app.manager.current == "staff_pin"
    pad = app.manager.get_screen("staff_pin")
    type_pin(pilot, pad, "1111")
    assert app.manager.current == "staff_pin" and pad.message.startswith("Wrong PIN")
    type_pin(pilot, pad, PIN)
    assert app.manager.current == "staff"
    notices = app.manager.get_screen("staff").kiosk_part.ids.notices.text
    assert "NOT being kept" in notices and "newer kiosk" in notices and "No staff PIN" not in notices


def answers_in(folder) -> tuple[list[str], int]:
    records = Records(folder / DB_NAME)
    try:
        [session] = [records.session(s.id) for s in records.recent()]
        return [session.started_at, *(a.answered_at for a in session.screening),
                *(c.answered_at for c in session.check_ins), session.ended_at], len(session.check_ins)
    finally:
        records.close()


def test_answers_given_on_a_full_disk_wait_with_their_own_times_and_staff_are_told(pilot, tmp_path, caplog):
    with small_disk(tmp_path / "disk") as disk:
        app = start(pilot, disk / "data", programs=["knee_from_spine"])
        filler = fill(disk)
        with caplog.at_level(logging.ERROR, logger="kiosk.records"):
            result = play(pilot, app, SCRIPT)
        recorder = app.plugins[0].recorder
        waiting = recorder.unwritten
        assert waiting > 10  # the start, the screening answers, the check-ins and the end
        assert "NOT yet written" in "\n".join(app.staff_notices())
        assert len([r for r in caplog.records if "NOT yet written" in r.getMessage()]) == 1  # one line, not one each
        freed_at = now()
        filler.unlink()
        pilot.stop()
        assert app.unwritten == 0  # written at the last try, as the kiosk stopped
        times, check_ins = answers_in(disk / "data")
        assert len(times) == waiting and check_ins == len(result["steps"]) + 1
        assert times == sorted(times) and times[-1] < freed_at  # each keeps the time it was given


def test_kiosk_run_on_a_full_disk_exits_non_zero_with_the_count(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        data = disk / "data"
        Records.open(data).records.close()
        fill(disk)
        env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy", KIVY_HOME=str(tmp_path / "kivy"))
        done = subprocess.run([sys.executable, "-m", "kiosk", "run", "--autopilot", str(STOPPED), "--program",
                               "knee_from_spine", "--data", str(data)], capture_output=True, text=True, env=env,
                              timeout=300)
        assert done.returncode == 3, done.stderr[-3000:]
        # the session's start, its one screening answer (yes: the session stops) and its end
        assert "kiosk run: 3 answer(s) could not be written to the records" in done.stderr
        assert not any(".damaged-" in p.name for p in data.iterdir())
