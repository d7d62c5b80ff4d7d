"""Commands that copy the records elsewhere and put them back: backup, restore. No Kivy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import common


def _data_dir(args: argparse.Namespace) -> Path:
    from kiosk.records.store import default_data_dir

    return common.data_dir(args) or default_data_dir()


def cmd_backup(args: argparse.Namespace) -> int:
    from kiosk.records.backup import BackupError, back_up

    try:
        folder, programs = back_up(_data_dir(args), Path(args.into))
    except BackupError as error:
        print(f"kiosk backup: {error}", file=sys.stderr)
        return 1
    print(f"kiosk backup: the records and {common.count(programs, 'clinic program')} are in {folder}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kiosk.records.backup import BackupError, restore

    try:
        kept = restore(Path(args.backup), _data_dir(args))
    except (BackupError, OSError) as error:
        print(f"kiosk restore: {error}", file=sys.stderr)
        return 1
    print(f"kiosk restore: the records of {args.backup} are back in {_data_dir(args)}")
    for path in kept:
        print(f"kiosk restore: what was there is kept as {path}")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser("backup", help="copy the records and the clinic's programs into a new folder in DIR")
    backup.add_argument("into", metavar="DIR", help="where to put the backup folder, such as a USB stick")
    common.add_data_option(backup)
    backup.set_defaults(run=cmd_backup)

    put_back = commands.add_parser("restore", help="put a backup back (stop the kiosk first); keeps what was there")
    put_back.add_argument("backup", metavar="BACKUP", help="a kiosk-backup-... folder made by kiosk backup")
    common.add_data_option(put_back)
    put_back.set_defaults(run=cmd_restore)
