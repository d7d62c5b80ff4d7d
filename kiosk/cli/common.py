"""What the command groups share: option types, the data folder, counts, the exercise library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.content.folders import bundled_exercises_dir, shown
from kiosk.content.library import Library


def library(folder: str | None, data: Path | None = None, probe_videos: bool = False) -> Library:
    """The exercise library of `--exercises DIR` (or the bundled one) with the clinic's programs
    from the data folder (`--data DIR`, else $KIOSK_DATA or the user's data folder)."""
    from kiosk.content.library_paths import load_with_clinic
    from kiosk.records.programs_folder import programs_dir

    return load_with_clinic(folder or None, programs_dir(data), probe_videos)


def count(number: int, noun: str) -> str:
    """'1 exercise', '3 exercises'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def no_such_program(program_id: str, found: Library, folder: str | None, command: str) -> int:
    """Say why `program_id` cannot be run (its problems, or that it is not in `folder`); exit code 2."""
    related = found.problems_of_program(program_id)
    for problem in related:
        print(problem, file=sys.stderr)
    known = ", ".join(found.programs) or "none"
    if related:
        print(f"kiosk {command}: program '{program_id}' has problems (above); valid programs: {known}",
              file=sys.stderr)
        return 2
    where = folder or f"{shown(bundled_exercises_dir(), bundled=True)} (the bundled one)"
    hint = "" if folder else "; for a program of your own folder, add --exercises DIR"
    print(f"kiosk {command}: program '{program_id}' is not in the exercise folder {where}; valid programs there: "
          f"{known}{hint}", file=sys.stderr)
    return 2


def size(text: str) -> tuple[int, int]:
    """An argparse type: '1280x800' -> (1280, 800)."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x800, got {text!r}") from None
    return width, height


MOST = 1_000_000_000
"""The largest count an option takes (SQLite's integers end at 2**63; no kiosk holds more sessions)."""


def positive(text: str) -> int:
    """An argparse type: a whole number from 1 up to MOST."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= MOST:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {MOST}, got {text[:40]!r}")
    return number


def data_dir(args: argparse.Namespace) -> Path | None:
    """The data folder from `--data DIR`, or None: then $KIOSK_DATA, else the user's data folder."""
    return Path(args.data) if getattr(args, "data", None) else None


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR",
                        help="the records folder (default: $KIOSK_DATA, else ~/.local/share/kiosk)")


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", metavar="URL|FILE",
                        help="the clinic's PostgreSQL server, postgresql://USER@HOST/DB?sslmode=verify-full, or a "
                             "file (mode 600) holding that (default: $KIOSK_DATABASE_URL; neither: this kiosk only)")


def database_url(args: argparse.Namespace) -> str | None:
    """The clinic server's connection string (`--database`, else $KIOSK_DATABASE_URL), or None.

    Raises kiosk.records.server.ServerError when a file named there cannot be used.
    """
    from kiosk.records.server import resolve_url

    return resolve_url(getattr(args, "database", None))


def add_exercises_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exercises", metavar="DIR", help="exercise folder (default: the bundled one); the "
                        "clinic's programs in the data folder's programs/ are read with it")


def change_records(args: argparse.Namespace, command: str, change, hint: str = ""):
    """Open this kiosk's records, apply `change(records)`, close them; (exit code, the database's path).

    No start-up recovery here: a session running on the kiosk at that moment must stay as it is.
    """
    from kiosk.records.store import DB_NAME, Records, default_data_dir

    path = (data_dir(args) or default_data_dir()) / DB_NAME
    try:
        records = Records(path)
    except Exception as error:  # sqlite3.Error, RecordsError, OSError: say what, never a traceback
        print(f"kiosk {command}: cannot open {path}: {error}{hint}", file=sys.stderr)
        return 1, path
    try:
        change(records)
    finally:
        records.close()
    return 0, path
