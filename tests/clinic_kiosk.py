"""A kiosk's records for the clinic-server tests and bench: whole sessions written as a kiosk writes them.

Also run as a separate kiosk process (kill -9 and two-kiosk tests):
    python tests/clinic_kiosk.py record FOLDER NAME COUNT     write COUNT sessions, print 'recorded'
    python tests/clinic_kiosk.py copy FOLDER URL              run the kiosk's SyncWorker until all is copied
    python tests/clinic_kiosk.py both FOLDER NAME COUNT URL [GAP]
        record COUNT sessions (GAP seconds apart, default 0) while a SyncWorker copies, until all are copied
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factories import ci, program  # noqa: E402

from kiosk.clinical.session import Session  # noqa: E402
from kiosk.records.store import KIOSK_NAME, Records  # noqa: E402

FLAGS = ("saddle_numbness", "both_legs", "night_pain")
PAIN = ((["knee_right"], 6), (["thigh_front_right"], 4), (["buttock_right"], 3))
ANSWERS_PER_SESSION = len(FLAGS) + len(PAIN)


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


def _until_copied(records: Records, worker) -> None:
    """Wait (a bounded poll) until the worker has copied everything in `records`."""
    from kiosk.records import sync

    pause, deadline = threading.Event(), time.monotonic() + 120
    while sync.backlog(records.conn).waiting and time.monotonic() < deadline:
        worker.wake()
        pause.wait(0.05)


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
        _until_copied(records, worker)
        worker.stop()
    elif mode == "both":
        records = _named(args[0], args[1])
        worker = sync.SyncWorker(records.path, args[3], idle_period=0.05).start()
        pause, gap = threading.Event(), float(args[4]) if len(args) > 4 else 0.0
        for _ in range(int(args[2])):
            record_session(records)
            worker.wake()
            pause.wait(gap)  # a kiosk's pace (the bench): patients take time between sessions
        _until_copied(records, worker)
        worker.stop()
        print("copied", worker.copied, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
