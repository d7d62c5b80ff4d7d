"""The `kiosk` command: run, new, validate, simulate, schema, programs, export, history.

A thin entry point: each group of sub-commands lives in `kiosk.cli` (content,
touchscreen, records). Nothing here imports Kivy; `run` and `render-videos`
import it only when they run. Exit codes: 0 success, 1 invalid content
(validate), 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import os
import sys

from kiosk import __version__
from kiosk.cli import appliance, backup, content, handout, patients, records, touchscreen


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (content, touchscreen, records, patients, backup, appliance, handout):
        group.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.run(args)
        sys.stdout.flush()  # here, not at exit: a full output (`> /dev/full`) is one line, not a traceback
        return code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        if error.errno != 28 or error.filename is not None:  # ENOSPC on our own output only
            raise
        _silence_stdout()
        print(f"kiosk {args.command}: cannot write the output: {error.strerror}", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """The reader closed our output (`kiosk export | head -3`): stop quietly, as other Unix tools do.
    Standard output now goes nowhere, so Python's last flush at exit has nothing to complain about."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests capture the output)
        pass


if __name__ == "__main__":
    sys.exit(main())
