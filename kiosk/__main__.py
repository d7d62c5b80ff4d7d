"""The `kiosk` command: run, validate, simulate, schema, programs, export, history.

A thin entry point: each group of sub-commands lives in `kiosk.cli` (content,
touchscreen, records). Nothing here imports Kivy; `run` and `render-videos`
import it only when they run. Exit codes: 0 success, 1 invalid content
(validate), 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import sys

from kiosk.cli import content, records, touchscreen


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in (content, touchscreen, records):
        group.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
