"""A kiosk's records for the clinic-server tests and bench: whole sessions written as a kiosk writes them.

Also run as a separate kiosk process (kill -9 and two-kiosk tests):
    python tests/clinic_kiosk.py record FOLDER NAME COUNT     write COUNT sessions, print 'recorded'
    python tests/clinic_kiosk.py copy FOLDER URL              run the kiosk's SyncWorker until all is copied,
                                                              printing 'copied N' at the end of each round
    python tests/clinic_kiosk.py both FOLDER NAME COUNT URL [GAP]
        record COUNT sessions (GAP seconds apart, default 0) while a SyncWorker copies, until all are copied

Waiting for the worker goes by its rounds (`next_round`, `rounds_until`): the worker announces the
end of each round, so nothing here polls on a timer.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factories import ci, program  # noqa: E402

from kiosk.clinical.session import Session  # noqa: E402
from kiosk.records.store import KIOSK_NAME, Records  # noqa: E402

FLAGS = ("saddle_numbness", "both_legs", "night_pain")
PAIN = ((["knee_right"], 6), (["thigh_front_right"], 4), (["buttock_right"], 3))
ANSWERS_PER_SESSION = len(FLAGS) + len(PAIN)
HANG_GUARD = 120.0
"""Seconds one round may take before the worker is called hung: a guard so a broken worker fails the
test with a message instead of hanging it; a round on this machine takes milliseconds."""


def record_session(records: Records, end: bool = True, first: int = 0, last: int | None = None) -> int:
    """A session with three screening answers and three check-ins (answers first..last only); its id."""
    prog = program(spinal=(("press_up", len(PAIN) - 1),))
    session = Session(prog)
    session_id = records.start_session(prog)
    record_answers(records, session_id, session, first, last)
    if end:
        records.end_session(session_id, "spinal_source_likely", None, ["copied"])
    return session_id


def record_answers(records: Records, session_id: int, session: Session, first: int = 0, last: int | None = None):
    """Answers number `first` to `last` (exclusive) of a session: screening, then the check-ins."""
    for number in range(first, ANSWERS_PER_SESSION if last is None else last):
        if number < len(FLAGS):
            records.record_screening(session_id, FLAGS[number], False)
            if number == len(FLAGS) - 1:
                session.pass_screening()
            continue
        pain, intensity = PAIN[number - len(FLAGS)]
        if number == len(FLAGS):
            session.check_in(ci(*pain, nprs=intensity))
            records.record_check_in(session_id, "baseline", ci(*pain, nprs=intensity))
        else:
            session.finish_set()
            step = session.check_in(ci(*pain, nprs=intensity))
            records.record_check_in(session_id, step.kind, step.check_in, step)


def _named(folder: str, name: str) -> Records:
    records = Records.open(Path(folder)).records
    records.set_setting(KIOSK_NAME, name)
    return records


def round_ended(worker, mark: int, what: str) -> None:
    """Wait, without waking it, for the end of a round of `worker` begun after `mark` (0: its first round)."""
    if not worker.wait_round(mark, HANG_GUARD):
        raise AssertionError(f"the {worker.thread_name} worker stopped, or ended no round in {HANG_GUARD:.0f} s,"
                             f" while waiting for {what}")


def next_round(worker, what: str) -> None:
    """Wake `worker` and wait for the end of a round that began after this call, so saw all done before it."""
    mark = worker.round_mark()
    worker.wake()
    round_ended(worker, mark, what)


def rounds_until(worker, condition: Callable[[], bool], what: str, rounds: int = 200) -> None:
    """Round after round (each woken, each awaited) until `condition()`; fails after `rounds` rounds."""
    for _ in range(rounds):
        if condition():
            return
        next_round(worker, what)
    if not condition():
        raise AssertionError(f"still waiting for {what} after {rounds} rounds of the {worker.thread_name} worker")


def _until_copied(records: Records, worker, announce: bool = False) -> None:
    """Round by round until the worker has copied everything in `records`; with `announce`, print
    'copied N' after each round (the parent of a `copy` process knows when the copy is under way)."""
    from kiosk.records import sync

    def copied_all() -> bool:
        if announce:
            print("copied", worker.copied, flush=True)
        return not sync.backlog(records.conn).waiting

    rounds_until(worker, copied_all, "every record copied", rounds=1000)


def main(mode: str, *args: str) -> None:
    from kiosk.records import sync

    if mode == "record":
        records = _named(args[0], args[1])
        for _ in range(int(args[2])):
            record_session(records)
        print("recorded", flush=True)
    elif mode == "copy":
        records = Records.open(Path(args[0])).records
        worker = sync.SyncWorker(records.path, args[1], idle_period=0.05).start()
        _until_copied(records, worker, announce=True)
        worker.stop()
    elif mode == "both":
        records = _named(args[0], args[1])
        worker = sync.SyncWorker(records.path, args[3], idle_period=0.05).start()
        pause, gap = threading.Event(), float(args[4]) if len(args) > 4 else 0.0
        for _ in range(int(args[2])):
            record_session(records)
            worker.wake()
            if gap:  # a kiosk's pace (the bench only): patients take time between sessions
                pause.wait(gap)
        _until_copied(records, worker)
        worker.stop()
        print("copied", worker.copied, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
