"""One clinic, one set of programs: program files published to a real PostgreSQL server and mirrored.

Two kiosks are two data folders, each with its own worker on a short period (the
period is a parameter). No sleeping and no polling: a test waits for the end of a
worker's round that began after what it did (the worker announces each round), then
asserts what that round did. Programs are saved with the program editor's own save
and checked with the loader.
"""

import hashlib
import os
import stat
import threading
from datetime import datetime, timedelta, timezone
from dataclasses import replace

import psycopg
import pytest
from clinic_kiosk import HANG_GUARD, next_round, round_ended
from pgserver import clinic_url, pg_cluster  # noqa: F401  (fixtures)

from kiosk.app.clinic import program_check, start_programs
from kiosk.clinical.program import Block, Policy, Program, Role
from kiosk.content import loader
from kiosk.content.program_files import ProgramRefused, previous_path, program_path, save_program, undo_last_change
from kiosk.records import program_mirror, program_versions, server
from kiosk.records.program_sync import ProgramSync
from kiosk.records.programs_folder import make_programs_dir

BUNDLED = loader.load()
PERIOD = 0.05


def clinic_program(hold: int = 5, name: str = "Our knee programme") -> Program:
    press_up = replace(BUNDLED.exercises["press_up"], sets=2, reps=10, hold=hold)
    return Program("clinic_knee", name, (Block(Role.SPINAL, (BUNDLED.exercises["prone_lying"], press_up)),),
                   Policy(2, 120))


def published_and_mirrored(publisher, *mirrors, what: str = "the program") -> None:
    """A round of `publisher` begun after this call (it publishes what was saved there), then a round of
    each of `mirrors` begun after that one ended (each writes what the server then has)."""
    next_round(publisher, f"{what} published")
    for mirror in mirrors:
        next_round(mirror, f"{what} mirrored")


def file_bytes(folder, program_id="clinic_knee") -> bytes | None:
    path = program_path(folder, program_id)
    return path.read_bytes() if path.is_file() else None


def history(url: str, program_id: str = "clinic_knee") -> list[program_versions.ProgramVersion]:
    with server.connect(url) as conn:
        return program_versions.history(conn, program_id)


@pytest.fixture
def kiosks(tmp_path, clinic_url):
    """Two kiosks' programs folders and their running workers (stopped after the test)."""
    started = []

    def start(name: str, period: float = PERIOD):
        worker = start_programs(None, clinic_url, tmp_path / name, None, period=period)
        worker.kiosk_name = name
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def next_period(worker, what: str) -> None:
    """The end of a round that `worker`'s own period began after this call (the worker is not woken)."""
    round_ended(worker, worker.round_mark(), what)


def test_a_program_saved_on_kiosk_a_appears_on_kiosk_b_within_one_period(kiosks, clinic_url):
    a, b = kiosks("gym-1"), kiosks("gym-2")
    save_program(clinic_program(), BUNDLED, a.folder)
    saved = file_bytes(a.folder)
    next_period(a, "kiosk A's next round, which publishes")  # nobody wakes them: their period alone
    next_period(b, "kiosk B's next round, which mirrors")
    assert file_bytes(b.folder) == saved
    assert stat.S_IMODE(program_path(b.folder, "clinic_knee").stat().st_mode) == 0o600
    assert stat.S_IMODE(b.folder.stat().st_mode) == 0o700
    assert "clinic_knee" in loader.load([loader.bundled_exercises_dir(), b.folder]).programs
    [version] = history(clinic_url)
    assert (version.version, version.kiosk_name, version.sha256) == (1, "gym-1", hashlib.sha256(saved).hexdigest())


def test_kiosk_b_keeps_its_copy_while_the_server_is_down(kiosks, pg_cluster):
    a, b = kiosks("gym-1"), kiosks("gym-2")
    save_program(clinic_program(), BUNDLED, a.folder)
    saved = file_bytes(a.folder)
    published_and_mirrored(a, b)
    assert file_bytes(b.folder) == saved
    pg_cluster.stop("immediate")
    try:
        next_round(b, "kiosk B's round without the server")
        assert b.status.problem is not None and not b.status.connected
        save_program(clinic_program(hold=8), BUNDLED, a.folder)  # A carries on editing, unpublished
        next_round(a, "kiosk A's round without the server")
        assert a.status.problem is not None
        assert file_bytes(b.folder) == saved
        assert "clinic_knee" in loader.load([loader.bundled_exercises_dir(), b.folder]).programs
    finally:
        pg_cluster.start()
    published_and_mirrored(a, b, what="A's offline save, once the server is back,")
    assert file_bytes(b.folder) == file_bytes(a.folder) != saved


def test_an_invalid_file_is_never_published_nor_overwritten(kiosks, clinic_url):
    a = kiosks("gym-1")
    save_program(clinic_program(), BUNDLED, a.folder)
    next_round(a, "the valid save published")
    assert len(history(clinic_url)) == 1
    broken = b"program:\n  id: clinic_knee\n  name: Broken\n  blocks: [{role: spinal, exercises: [no_such]}]\n"
    program_path(a.folder, "clinic_knee").write_bytes(broken)  # a therapist's hand edit gone wrong
    next_round(a, "the refusal")
    assert "clinic_knee" in a.status.refused
    next_round(a, "a round after the refusal")
    assert len(history(clinic_url)) == 1
    assert file_bytes(a.folder) == broken  # the therapist's work is not overwritten by the server's copy
    refusal = a.status.refused["clinic_knee"]
    assert refusal.startswith(f"not published: {program_path(a.folder, 'clinic_knee')}:"), refusal


def test_two_saves_the_later_wins_and_the_history_keeps_both(kiosks, clinic_url):
    a, b = kiosks("gym-1"), kiosks("gym-2")
    save_program(clinic_program(), BUNDLED, a.folder)
    first = file_bytes(a.folder)
    published_and_mirrored(a, b, what="A's save")
    assert file_bytes(b.folder) == first
    save_program(clinic_program(hold=9, name="Knee, longer holds"), BUNDLED, b.folder)
    later = file_bytes(b.folder)
    published_and_mirrored(b, a, what="B's later save")
    assert file_bytes(a.folder) == later
    versions = history(clinic_url)
    assert [(v.version, v.kiosk_name) for v in versions] == [(2, "gym-2"), (1, "gym-1")]
    assert [v.sha256 for v in versions] == [hashlib.sha256(data).hexdigest() for data in (later, first)]


def test_the_round_awaited_began_after_the_mark_and_a_round_under_way_does_not_count(tmp_path, clinic_url):
    """A round already under way may have read the folder before the change: waiting must skip it."""
    folder = make_programs_dir(tmp_path / "a")
    save_program(clinic_program(), BUNDLED, folder)
    inside, go_on, loader_check = threading.Event(), threading.Event(), program_check(None)

    def held_check(*args):  # the first round is held inside its check of the saved file
        inside.set()
        go_on.wait(HANG_GUARD)
        return loader_check(*args)

    worker = ProgramSync(folder, clinic_url, "gym-1", held_check, period=3600).start()  # only woken rounds
    try:
        assert inside.wait(HANG_GUARD), "the first round never checked the saved file"
        mark = worker.round_mark()
        assert mark == 1  # the round under way counts as begun
        go_on.set()
        assert worker.wait_round(mark - 1, HANG_GUARD) and worker.rounds == 1  # it has ended...
        assert not worker.wait_round(mark, 0)  # ...but began before the mark: not the round awaited
        worker.wake()
        assert worker.wait_round(mark, HANG_GUARD) and worker.rounds == 2
    finally:
        worker.stop()
    returned = []  # a wait with no bound at all, on its own thread: a stopped worker must end it
    waiter = threading.Thread(target=lambda: returned.append(worker.wait_round(worker.round_mark(), None)),
                              daemon=True)
    waiter.start()
    waiter.join(HANG_GUARD)
    assert returned == [False], "waiting for a round of a stopped worker hung"


def test_a_save_dated_in_the_future_does_not_win_over_a_later_publish(tmp_path, clinic_url):
    """Kiosk A's clock says 2030; B edits the program after A published: B's is the newest, on A too."""
    a, b = make_programs_dir(tmp_path / "a"), make_programs_dir(tmp_path / "b")
    check = program_check(None)
    save_program(clinic_program(hold=3), BUNDLED, a)
    future = datetime(2030, 1, 1, tzinfo=timezone.utc).timestamp()
    os.utime(a / "clinic_knee.yaml", (future, future))
    with server.connect(clinic_url) as remote:
        assert program_mirror.mirror_once(remote, a, "gym-1", check).published == ["clinic_knee"]
        assert program_mirror.mirror_once(remote, b, "gym-2", check).mirrored == ["clinic_knee"]
        save_program(clinic_program(hold=9), BUNDLED, b)
        edited = file_bytes(b)
        assert program_mirror.mirror_once(remote, b, "gym-2", check).published == ["clinic_knee"]
        done = program_mirror.mirror_once(remote, a, "gym-1", check)
    assert (done.published, done.mirrored) == ([], ["clinic_knee"])
    assert file_bytes(a) == file_bytes(b) == edited
    assert [v.kiosk_name for v in history(clinic_url)] == ["gym-2", "gym-1"]


def test_an_undo_back_to_an_older_version_is_published_not_overwritten(tmp_path, clinic_url):
    a = make_programs_dir(tmp_path / "a")
    check = program_check(None)
    with server.connect(clinic_url) as remote:
        save_program(clinic_program(hold=3), BUNDLED, a)
        program_mirror.mirror_once(remote, a, "gym-1", check)
        save_program(clinic_program(hold=9), BUNDLED, a)
        program_mirror.mirror_once(remote, a, "gym-1", check)
        undo_last_change(a, "clinic_knee")
        undone = file_bytes(a)
        assert program_mirror.mirror_once(remote, a, "gym-1", check).published == ["clinic_knee"]
        assert program_mirror.mirror_once(remote, a, "gym-1", check).mirrored == []
    assert file_bytes(a) == undone
    assert history(clinic_url)[0].sha256 == hashlib.sha256(undone).hexdigest()


def test_a_program_new_here_from_the_server_has_no_previous_version_to_undo_to(tmp_path, clinic_url):
    """Undo on kiosk B must not delete a program B got from the server: the next round would not bring it
    back (B already holds its newest bytes). Once B has had a version, undo puts that one back."""
    a, b = make_programs_dir(tmp_path / "a"), make_programs_dir(tmp_path / "b")
    check = program_check(None)
    with server.connect(clinic_url) as remote:
        save_program(clinic_program(hold=3), BUNDLED, a)
        program_mirror.mirror_once(remote, a, "gym-1", check)
        assert program_mirror.mirror_once(remote, b, "gym-2", check).mirrored == ["clinic_knee"]
        first = file_bytes(b)
        assert first == file_bytes(a) and not previous_path(b, "clinic_knee").exists()
        with pytest.raises(ProgramRefused, match="no previous version"):
            undo_last_change(b, "clinic_knee")
        assert file_bytes(b) == first
        assert program_mirror.mirror_once(remote, b, "gym-2", check).mirrored == []
        save_program(clinic_program(hold=9), BUNDLED, a)
        program_mirror.mirror_once(remote, a, "gym-1", check)
        assert program_mirror.mirror_once(remote, b, "gym-2", check).mirrored == ["clinic_knee"]
        assert file_bytes(b) == file_bytes(a) != first
        undo_last_change(b, "clinic_knee")
    assert file_bytes(b) == first


def test_a_version_from_the_server_that_does_not_load_here_leaves_the_working_file(tmp_path, clinic_url):
    """Another kiosk (with an exercise this one lacks) published a version: this kiosk keeps its own."""
    b = make_programs_dir(tmp_path / "b")
    check = program_check(None)
    save_program(clinic_program(), BUNDLED, b)
    working = file_bytes(b)
    foreign = working.replace(b"press_up", b"wall_slide_only_at_gym_1")
    assert foreign != working
    with server.connect(clinic_url) as remote:
        program_mirror.mirror_once(remote, b, "gym-2", check)
        program_versions.publish(remote, "clinic_knee", foreign, hashlib.sha256(foreign).hexdigest(), "gym-1",
                                 datetime.now(timezone.utc) + timedelta(minutes=1))
        done = program_mirror.mirror_once(remote, b, "gym-2", check)
    assert done.mirrored == [] and done.refused["clinic_knee"].startswith(
        f"the clinic server's version 2: {program_path(b, 'clinic_knee')}:"), done.refused
    assert file_bytes(b) == working
    assert "clinic_knee" in loader.load([loader.bundled_exercises_dir(), b]).programs
    assert sorted(p.name for p in b.iterdir() if p.name.startswith(".clinic_knee")) == []


def test_the_server_schema_has_program_versions(clinic_url):
    with psycopg.connect(clinic_url) as conn:
        server.migrate(conn)
        columns = [row[0] for row in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'program_versions'"
            " ORDER BY ordinal_position")]
    assert columns[:6] == ["program_id", "version", "content", "sha256", "kiosk_name", "saved_at"]


def test_two_kiosks_publishing_one_program_at_once_take_turns_and_each_gets_its_own_version(clinic_url):
    """Kiosk A's publishing is held open (its transaction not yet committed) while B publishes the same
    program: B must wait for A and take the next number, not take the same one and fail."""
    saved_at = datetime.now(timezone.utc)
    with server.connect(clinic_url) as a, server.connect(clinic_url) as b, psycopg.connect(clinic_url) as watch:
        outcome = []

        def b_publishes():
            try:
                outcome.append(program_versions.publish(b, "clinic_knee", b"B's", hashlib.sha256(b"B's").hexdigest(),
                                                        "gym-2", saved_at).version)
            except Exception as error:  # noqa: BLE001  (told in the assertion below)
                outcome.append(error)

        with a.transaction():
            program_versions.publish(a, "clinic_knee", b"A's", hashlib.sha256(b"A's").hexdigest(), "gym-1", saved_at)
            publisher = threading.Thread(target=b_publishes)
            publisher.start()
            blocked = "SELECT %s = ANY(pg_blocking_pids(%s))"  # the server says B waits on A (checked, not slept)
            watch.autocommit = True
            for _ in range(200_000):
                if watch.execute(blocked, (a.info.backend_pid, b.info.backend_pid)).fetchone()[0]:
                    break
            else:
                pytest.fail("kiosk B's publishing never waited on kiosk A's")
        publisher.join(HANG_GUARD)
    assert outcome == [2]
    assert [(v.version, v.kiosk_name) for v in history(clinic_url)] == [(2, "gym-2"), (1, "gym-1")]
