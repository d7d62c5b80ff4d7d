"""One clinic, many kiosks: the copy to a real PostgreSQL server, started by the tests.

Faults: the server stopped mid-session, kill -9 while copying, two kiosks at once,
a wrong password. No sleeping and no polling: a test wakes the worker and waits for
the end of the round that began after what it did (the worker announces each round),
then asserts what that round did. The workers' idle period is an hour, so no test
passes on a round the timer started.
"""

import logging
import select
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest
from clinic_kiosk import (ANSWERS_PER_SESSION, FLAGS, HANG_GUARD, PAIN, next_round, record_answers, record_session,
                          rounds_until)
from factories import program
from pgserver import clinic_url, pg_cluster  # noqa: F401  (fixtures)

from kiosk.clinical.session import Session
from kiosk.records import server, sync
from kiosk.records.clinic import ClinicRecords
from kiosk.records.store import KIOSK_NAME, Records

CHILD = str(Path(__file__).with_name("clinic_kiosk.py"))
IDLE = 3600.0
"""The workers' idle period here: longer than any test, so every round a test sees is one it woke."""


def copying(child: subprocess.Popen, at_least: int) -> int:
    """Read the `copy` process's 'copied N' lines (one per round) until N >= `at_least`; returns N."""
    while True:
        ready, _, _ = select.select([child.stdout], [], [], HANG_GUARD)  # the bound only guards a hang
        line = child.stdout.readline() if ready else b""
        if not line:
            pytest.fail(f"the kiosk process ended or said nothing for {HANG_GUARD:.0f} s before copying {at_least}")
        copied = int(line.split()[1])
        if copied >= at_least:
            return copied


def counts(url: str) -> tuple[int, int, int]:
    """Sessions, screening answers and check-ins on the server."""
    with psycopg.connect(url) as conn:
        return tuple(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                     for table in ("sessions", "screening", "check_ins"))


def local_counts(records: Records) -> tuple[int, int, int]:
    return tuple(records.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                 for table in ("sessions", "screening", "check_ins"))


def test_two_kiosks_starting_at_once_apply_each_migration_once(clinic_url):
    barrier = threading.Barrier(4)
    errors = []

    def start_kiosk():
        barrier.wait()
        try:
            server.connect(clinic_url).close()
        except Exception as error:  # collected: a failure in a thread must fail the test
            errors.append(error)

    threads = [threading.Thread(target=start_kiosk) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with psycopg.connect(clinic_url) as conn:
        assert conn.execute("SELECT version FROM kiosk_schema ORDER BY version").fetchall() == [
            (version,) for version in range(1, server.SCHEMA_VERSION + 1)]  # each once


def test_a_copy_repeated_after_a_crash_changes_nothing(clinic_url, tmp_path):
    records = Records.open(tmp_path).records
    records.set_setting(KIOSK_NAME, "gym-1")
    session_id = record_session(records)
    records.set_reference(session_id, "PT-7")
    remote = server.connect(clinic_url)
    assert sync.copy_waiting(records.conn, remote) == 1
    assert sync.backlog(records.conn) == sync.Backlog(0, None)
    # the crash: the server committed, the kiosk died before marking its rows copied
    records.conn.execute("UPDATE sessions SET copied_version = NULL")
    records.conn.execute("UPDATE screening SET copied = 0")
    records.conn.execute("UPDATE check_ins SET copied = 0")
    assert sync.copy_waiting(records.conn, remote) == 1
    assert counts(clinic_url) == (1, len(FLAGS), len(PAIN))
    clinic = ClinicRecords(clinic_url)
    (shared,) = clinic.recent()
    here, there = records.session(session_id), clinic.session(shared.id)
    assert (there.uid, there.kiosk_name, there.patient_ref, there.outcome) == (here.uid, "gym-1", "PT-7", here.outcome)
    assert there.check_ins == here.check_ins and there.screening == here.screening and there.notes == here.notes


def test_server_stopped_mid_session_every_answer_arrives_exactly_once(pg_cluster, clinic_url, tmp_path):
    records = Records.open(tmp_path).records
    prog = program(spinal=(("press_up", len(PAIN) - 1),))
    session, session_id = Session(prog), records.start_session(prog)
    server.connect(clinic_url).close()  # the tables exist before the test counts their rows
    worker = sync.SyncWorker(records.path, clinic_url, idle_period=IDLE).start()
    try:
        record_answers(records, session_id, session, 0, 4)
        next_round(worker, "the round that copies the first answers")
        assert counts(clinic_url) == (1, 3, 1)
        pg_cluster.stop("immediate")
        try:
            record_answers(records, session_id, session, 4)
            records.end_session(session_id, "spinal_source_likely")
            next_round(worker, "the round that finds the server gone")
            assert worker.status.problem is not None and not worker.status.connected
            assert worker.status.backlog.waiting == 3  # two check-ins and the session's ending
            assert worker.status.backlog.since is not None
        finally:
            pg_cluster.start()
        next_round(worker, "the round after the server is back")  # woken: the back-off is not waited out
        assert worker.status.connected and worker.status.backlog.waiting == 0
    finally:
        worker.stop()
    assert counts(clinic_url) == (1, len(FLAGS), len(PAIN))
    (shared,) = ClinicRecords(clinic_url).recent()
    assert shared.outcome == "spinal_source_likely"


def test_kill_9_while_copying_loses_and_duplicates_nothing(clinic_url, tmp_path):
    total = 200
    subprocess.run([sys.executable, CHILD, "record", str(tmp_path), "gym-1", str(total)], check=True,
                   capture_output=True, timeout=300)
    server.connect(clinic_url).close()  # the tables exist before the test counts their rows
    child = subprocess.Popen([sys.executable, CHILD, "copy", str(tmp_path), clinic_url], stdout=subprocess.PIPE,
                             bufsize=0)
    try:
        copying(child, 5)  # a round has ended; the next, begun at once, is copying
    finally:
        child.kill()  # SIGKILL, in the middle of the copy
        child.wait(30)
    on_server = counts(clinic_url)[0]
    assert 5 <= on_server < total, f"{on_server} of {total} on the server at the kill: not in the middle of the copy"
    records = Records.open(tmp_path).records
    worker = sync.SyncWorker(records.path, clinic_url, idle_period=IDLE).start()  # the kiosk restarted
    try:
        rounds_until(worker, lambda: worker.status.connected and worker.status.backlog.waiting == 0,
                     "the copy to finish", rounds=total)
    finally:
        worker.stop()
    assert counts(clinic_url) == local_counts(records) == (total, total * len(FLAGS), total * len(PAIN))


def test_two_kiosk_processes_writing_at_once(clinic_url, tmp_path):
    kiosks = [subprocess.Popen([sys.executable, CHILD, "both", str(tmp_path / name), name, "15", clinic_url],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for name in ("gym-1", "gym-2")]
    for kiosk in kiosks:
        out, err = kiosk.communicate(timeout=300)
        assert kiosk.returncode == 0, err
        assert out.startswith("copied")
    assert counts(clinic_url) == (30, 30 * len(FLAGS), 30 * len(PAIN))
    with psycopg.connect(clinic_url) as conn:
        names = conn.execute("SELECT kiosk_name, COUNT(*) FROM sessions GROUP BY 1 ORDER BY 1").fetchall()
        assert names == [("gym-1", 15), ("gym-2", 15)]
        per_session = conn.execute("SELECT DISTINCT (SELECT COUNT(*) FROM check_ins c WHERE c.session_uid = s.uid)"
                                   " + (SELECT COUNT(*) FROM screening a WHERE a.session_uid = s.uid)"
                                   " FROM sessions s").fetchall()
        assert per_session == [(ANSWERS_PER_SESSION,)]


def test_a_wrong_password_is_a_clear_message_and_the_kiosk_keeps_recording(pg_cluster, clinic_url, tmp_path,
                                                                            caplog):
    caplog.set_level(logging.DEBUG)
    wrong = clinic_url.replace(pg_cluster.password, "not-the-password")
    records = Records.open(tmp_path).records
    worker = sync.SyncWorker(records.path, wrong, idle_period=IDLE).start()
    try:
        next_round(worker, "the round the password is refused")
        assert worker.status.problem is not None and not worker.status.connected
        record_session(records)  # the kiosk carries on: every answer is kept locally
        next_round(worker, "the round that counts the new records")
        assert worker.status.backlog.waiting == 1 + ANSWERS_PER_SESSION
    finally:
        worker.stop()
    problem = worker.status.problem
    assert "password authentication failed" in problem and "check the user and password" in problem
    assert "not-the-password" not in problem and "not-the-password" not in caplog.text
    assert "password authentication failed" in caplog.text
    assert local_counts(records) == (1, len(FLAGS), len(PAIN))


def test_the_address_may_come_from_a_file_readable_only_by_its_owner(tmp_path, monkeypatch):
    secret = tmp_path / "clinic.url"
    secret.write_text("# the clinic server\npostgresql://kiosk:s3cret@db.clinic/kiosk?sslmode=verify-full\n")
    secret.chmod(0o644)
    with pytest.raises(server.ServerError, match="readable by it alone.*it is 644") as refused:
        server.resolve_url(str(secret))
    assert "s3cret" not in str(refused.value)
    secret.chmod(0o600)
    monkeypatch.setenv(server.URL_ENV, str(secret))
    url = server.resolve_url(None)
    assert url.endswith("sslmode=verify-full")
    assert server.describe(url) == "kiosk@db.clinic/kiosk" and "s3cret" not in server.redact(f"at {url}", url)
    assert server.resolve_url("postgresql://a@b/c") == "postgresql://a@b/c"  # the option wins


@pytest.mark.parametrize("url", ["postgresql://kiosk:s3cret-word@db.clinic:5432/kiosk?sslmode=verify-full",
                                 "host=db.clinic port=5432 user=kiosk password=s3cret-word dbname=kiosk"],
                         ids=["url", "keywords"])
def test_the_password_is_blotted_out_where_it_appears_without_the_rest_of_the_address(url):
    """The password is the address's only secret: a message quoting it alone (libpq quotes the values it
    cannot use) or the whole address shows neither."""
    quoted = 'invalid value "s3cret-word" for connection option'
    assert server.redact(quoted, url) == 'invalid value "***" for connection option'
    assert server.redact(f"cannot use {url}: {quoted}", url) == (
        'cannot use ***: invalid value "***" for connection option')
    assert server.describe(url) == "kiosk@db.clinic:5432/kiosk"
    assert "s3cret" not in server.explain(psycopg.OperationalError(f"{quoted}\nat {url}"), url)


def test_a_server_schema_newer_than_this_kiosk_is_refused_said_and_nothing_is_copied(clinic_url, tmp_path):
    """A newer kiosk migrated the server: this one must not write rows shaped for an older schema."""
    with psycopg.connect(clinic_url) as conn:
        server.migrate(conn)
        conn.execute("INSERT INTO kiosk_schema (version) VALUES (%s)", (server.SCHEMA_VERSION + 1,))
    with pytest.raises(server.ServerError, match=f"schema is version {server.SCHEMA_VERSION + 1}, newer than this "
                                                 f"kiosk knows .{server.SCHEMA_VERSION}.; update the kiosk") as refused:
        server.connect(clinic_url)
    with psycopg.connect(clinic_url) as conn:  # closed at the refusal, not when the error is let go of
        assert conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'kiosk'").fetchone()[0] == 0
    del refused
    records = Records.open(tmp_path).records
    record_session(records)
    worker = sync.SyncWorker(records.path, clinic_url, idle_period=IDLE).start()
    try:
        next_round(worker, "the round that finds the newer schema")
    finally:
        worker.stop()
    assert not worker.status.connected and "newer than this kiosk knows" in worker.status.problem
    assert counts(clinic_url) == (0, 0, 0) and local_counts(records) == (1, len(FLAGS), len(PAIN))
    assert worker.status.backlog.waiting == 1 + ANSWERS_PER_SESSION
