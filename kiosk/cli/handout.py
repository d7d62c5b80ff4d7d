"""`kiosk handout SESSION --out FILE`: a session's home-program handout as a PDF.

Opens a headless Kivy window (the figure pictures are drawn with OpenGL), so
Kivy is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.content.folders import bundled_exercises_dir, default_assets_dir

from . import common


def find_session(records, wanted: str):
    """The session `wanted` names: `last`, its number, or its id (the CSV's `session`; a prefix of 8 or more,
    which may be all digits: a number no session has is then read as the start of an id)."""
    if wanted == "last":
        recent = records.recent(1)
        return records.session(recent[0].id) if recent else None
    if wanted.isdigit():
        record = records.session(int(wanted))
        if record is not None or len(wanted) < 8:
            return record  # else an id may begin with 8 digits: 41979507-...
    if len(wanted) >= 8:
        for record in records.sessions():
            if record.uid.startswith(wanted):
                return records.session(record.id)
    return None


def cmd_handout(args: argparse.Namespace) -> int:
    from kiosk.records.server import ServerError
    from kiosk.records.store import RecordsError

    from .records import _read_records

    try:
        records = _read_records(args)
    except (ServerError, RecordsError) as error:
        print(f"kiosk handout: {error}", file=sys.stderr)
        return 1
    if records is None:
        print("kiosk handout: no sessions recorded yet", file=sys.stderr)
        return 2
    try:
        record = find_session(records, args.session)
        clinic = args.clinic if args.clinic is not None else (records.setting("handout.clinic") or "")
    finally:
        records.close()
    if record is None:
        print(f"kiosk handout: no session {args.session!r}: give `last`, a session's number, or its id as in "
              "the CSV export's session column (at least its first 8 characters)", file=sys.stderr)
        return 2
    library = common.library(args.exercises, common.data_dir(args))
    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=(320, 200), max_fps=0))
    from kiosk.exercise_session.handouts import Handouts
    from kiosk.handout.make import NoHandout
    from kiosk.records.store import default_data_dir

    folder = Path(args.exercises) if args.exercises else bundled_exercises_dir()
    handouts = Handouts(lambda: library, default_assets_dir(folder), common.data_dir(args) or default_data_dir(),
                        None)
    try:
        pdf = handouts.maker(record, clinic)()
    except NoHandout as problem:
        print(f"kiosk handout: {problem}", file=sys.stderr)
        return 1
    Path(args.out).write_bytes(pdf)
    print(f"{args.out}: home program of session {record.id} ({record.program_id}, {record.outcome}, "
          f"{record.language})", file=sys.stderr)
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    handout = commands.add_parser("handout", help="write a session's home-program handout as a PDF")
    handout.add_argument("session", metavar="SESSION", help="last, the session's number, or its id")
    handout.add_argument("--out", metavar="FILE", required=True, help="the PDF to write")
    handout.add_argument("--clinic", metavar="NAME", help="the clinic's name on the page (default: the one set "
                         "on the staff screen)")
    common.add_exercises_option(handout)
    common.add_data_option(handout)
    common.add_database_option(handout)
    handout.set_defaults(run=cmd_handout)
