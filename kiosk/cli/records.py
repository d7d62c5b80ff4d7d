"""Commands about the records folder: history, export, set-pin, set-retention. No Kivy."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from . import common


def _read_records(args: argparse.Namespace):
    """The records to read: the clinic server's (every kiosk's), else this kiosk's, or None when none.

    Local records are opened without the start-up recovery of Records.open: that marks running
    sessions incomplete, which must not happen to a live session because someone ran `kiosk history`.
    Raises kiosk.records.server.ServerError (a message without the password) when the server fails, and
    kiosk.records.store.RecordsError (one clear line) when the local file cannot be used (locked, full disk).
    """
    from kiosk.records.store import DB_NAME, Records, cannot_open, default_data_dir

    url = common.database_url(args)
    if url is not None:
        from kiosk.records.clinic import ClinicRecords

        return ClinicRecords(url)
    path = (common.data_dir(args) or default_data_dir()) / DB_NAME
    if not path.exists():
        return None
    try:
        return Records(path)
    except (sqlite3.OperationalError, OSError) as error:
        raise cannot_open(path, error) from error


def cmd_set_pin(args: argparse.Namespace) -> int:
    """Set the staff PIN: typed twice at a terminal, or one line on standard input."""
    from kiosk.records.pin import InvalidPin, PinLock

    if sys.stdin.isatty():
        import getpass

        pin = getpass.getpass("New staff PIN (4 to 8 digits): ")
        if getpass.getpass("The same PIN again: ") != pin:
            print("kiosk set-pin: the two PINs differ; nothing was changed", file=sys.stderr)
            return 1
    else:
        pin = sys.stdin.readline().strip()
    try:
        done, path = _change_records(args, "set-pin", lambda records: PinLock(records).set_pin(pin),
                                     "; start the kiosk once to repair it")
    except InvalidPin as error:
        print(f"kiosk set-pin: {error}; nothing was changed", file=sys.stderr)
        return 1
    if done == 0:
        print(f"kiosk set-pin: the staff PIN is set (stored as a salted scrypt hash in {path})")
    return done


_change_records = common.change_records


def cmd_set_retention(args: argparse.Namespace) -> int:
    """Keep records for DAYS days (deleted at the kiosk's next start), or for ever with `off`."""
    text = args.days.strip().lower()
    if text != "off" and not (text.isdigit() and 1 <= int(text) <= 36500):
        print(f"kiosk set-retention: expected a number of days from 1 to 36500, or off; got {args.days!r}",
              file=sys.stderr)
        return 2
    done, _ = _change_records(args, "set-retention",
                              lambda records: records.set_setting("retention_days",
                                                                  None if text == "off" else str(int(text))))
    if done:
        return done
    if text == "off":
        print("kiosk set-retention: records are kept until you delete them")
    else:
        print(f"kiosk set-retention: records older than {int(text)} days are deleted each time the kiosk starts")
    return 0


def cmd_set_name(args: argparse.Namespace) -> int:
    """Name this kiosk on its sessions (shown with every kiosk's sessions on the clinic server)."""
    import socket

    from kiosk.records.store import KIOSK_NAME

    name = (args.name or socket.gethostname()).strip()
    if not 1 <= len(name) <= 40 or not name.isprintable():
        print(f"kiosk set-name: a name is 1 to 40 printable characters, such as gym-1; got {name!r}",
              file=sys.stderr)
        return 2
    done, _ = _change_records(args, "set-name",
                              lambda records: records.set_setting(KIOSK_NAME, name if args.name else None))
    if done:
        return done
    print(f"kiosk set-name: this kiosk's sessions are recorded as {name!r} from now on")
    return 0


def _clinic_terms(args: argparse.Namespace):
    """The FHIR URLs of this kiosk's clinic settings (`kiosk set-clinic`; the defaults without records)."""
    from kiosk.records import clinic_settings
    from kiosk.records.fhir_terms import terms_for
    from kiosk.records.store import DB_NAME, Records, default_data_dir

    path = (common.data_dir(args) or default_data_dir()) / DB_NAME
    if not path.exists():
        return terms_for(clinic_settings.ClinicSettings())
    records = Records(path)
    try:
        return terms_for(clinic_settings.read(records))
    finally:
        records.close()


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.records.export import PROGRAM_CHANGES, ExportError, parse_since, write, write_file
    from kiosk.records.program_changes import program_changes, write_csv
    from kiosk.records.server import ServerError
    from kiosk.records.store import RecordsError

    try:
        since = parse_since(args.since)
    except ExportError as error:
        print(f"kiosk export: {error}", file=sys.stderr)
        return 2
    changes = args.format == PROGRAM_CHANGES
    if changes and common.database_url(args) is not None:
        print("kiosk export: program changes are kept by each kiosk; export them without --database",
              file=sys.stderr)
        return 2
    try:
        records = _read_records(args)
    except (ServerError, RecordsError) as error:
        print(f"kiosk export: {error}; nothing was exported", file=sys.stderr)
        return 1
    if changes:
        items = program_changes(records) if records else []
    else:
        items = records.sessions(since) if records else iter(())
    terms = _clinic_terms(args)
    try:
        if args.out:
            count = write_file(args.format, items, Path(args.out), terms)
        else:
            count = write_csv(items, sys.stdout) if changes else write(args.format, items, sys.stdout, terms)
            sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader stopped reading (`| head`): kiosk.__main__ ends quietly
    except ExportError as error:
        print(f"kiosk export: {error}; nothing was exported", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"kiosk export: cannot write {args.out or 'the output'}: {error.strerror or error}", file=sys.stderr)
        return 2
    except sqlite3.Error as error:  # the records failed while being read (a disk error)
        print(f"kiosk export: the records could not be read ({error}); nothing was exported", file=sys.stderr)
        return 1
    finally:
        if records:
            records.close()
    where = f" to {args.out}" if args.out else ""
    print(f"kiosk export: {common.count(count, 'program change' if changes else 'session')}{where}", file=sys.stderr)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from kiosk.records.clinic import ClinicRecords
    from kiosk.records.server import ServerError
    from kiosk.records.store import RecordsError, parse_time

    try:
        records = _read_records(args)
    except (ServerError, RecordsError) as error:
        print(f"kiosk history: {error}", file=sys.stderr)
        return 1
    shared = isinstance(records, ClinicRecords)  # every kiosk's sessions: say which kiosk
    if records is None:
        print("No sessions recorded yet.")
        return 0
    if args.patient:
        from .patients import print_patient_history

        try:
            return print_patient_history(records, args.patient.strip(), shared)
        finally:
            records.close()
    try:
        rows = [(s, len(records.session(s.id).check_ins)) for s in records.recent(args.limit)]
    except sqlite3.Error as error:
        print(f"kiosk history: the records could not be read ({error})", file=sys.stderr)
        return 1
    finally:
        records.close()
    if not rows:
        print("No sessions recorded yet.")
        return 0
    table = [("started", "program", "outcome", "check-ins", "reference", "language") + (("kiosk",) if shared else ())]
    for session, check_ins in rows:
        started = parse_time(session.started_at).astimezone().strftime("%Y-%m-%d %H:%M")
        table.append((started, session.program_name, (session.outcome or "running").replace("_", " "),
                      str(check_ins), session.patient_ref or "-", session.language)
                     + ((session.kiosk_name,) if shared else ()))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.rjust(w) if i == 3 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths)))
              .rstrip())
    print(f"\n{common.count(len(rows), 'session')}, newest first (local time). Every answer: "
          "kiosk export --format csv --out FILE")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    set_pin = commands.add_parser("set-pin", help="set the staff PIN (typed twice, or one line on stdin)")
    common.add_data_option(set_pin)
    set_pin.set_defaults(run=cmd_set_pin)

    retention = commands.add_parser("set-retention", help="delete records older than DAYS at each start (or off)")
    retention.add_argument("days", metavar="DAYS|off")
    common.add_data_option(retention)
    retention.set_defaults(run=cmd_set_retention)

    set_name = commands.add_parser("set-name", help="name this kiosk on its sessions (default: the host name)")
    set_name.add_argument("name", metavar="NAME", nargs="?", help="such as gym-1 (omit it for the host name)")
    common.add_data_option(set_name)
    set_name.set_defaults(run=cmd_set_name)

    export = commands.add_parser("export", help="write the session records as CSV or FHIR")
    export.add_argument("--format", choices=("csv", "fhir", "test-results", "program-changes"), default="csv",
                        help="csv: one row per check-in; fhir: FHIR R4, one transaction Bundle per session per line "
                        "(NDJSON); test-results: one row per special-test result entered (CSV); "
                        "program-changes: every save and undo of the clinic's programs (CSV)")
    export.add_argument("--since", metavar="YYYY-MM-DD", help="only sessions started on or after this local date")
    export.add_argument("--out", metavar="FILE", help="write to FILE (default: the terminal, standard output)")
    common.add_data_option(export)
    common.add_database_option(export)
    export.set_defaults(run=cmd_export)

    history = commands.add_parser("history", help="list the recent sessions")
    history.add_argument("--limit", type=common.positive, default=20, metavar="N",
                         help="how many sessions (default 20)")
    history.add_argument("--patient", metavar="REF", help="every session of one patient reference, oldest first, "
                         "with its baseline, best response, outcome and test results")
    common.add_data_option(history)
    common.add_database_option(history)
    history.set_defaults(run=cmd_history)
