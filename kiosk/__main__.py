"""The `kiosk` command: run, validate, simulate, schema, programs, export, history.

Every sub-command reads the exercise folder through kiosk.core; nothing here
imports Kivy (the touchscreen command imports it lazily, only when it runs).
Exit codes: 0 success, 1 invalid content (validate), 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.core import loader
from kiosk.core.plan import estimated_seconds, plan_sets


def _library(folder: str | None) -> loader.Library:
    return loader.load([folder] if folder else None)


def cmd_validate(args: argparse.Namespace) -> int:
    missing = [path for path in args.paths if not Path(path).exists()]
    for path in missing:
        print(f"{path}: no such file or folder, expected an exercise file or a folder of them")
    existing = [path for path in args.paths if path not in missing]
    if args.paths and not existing:
        return 1
    library = loader.load(existing or None, probe_videos=True)
    for problem in library.problems:
        print(problem)
    errors = len(missing) + len(library.errors)
    warnings = len(library.problems) - len(library.errors)
    counts = [(len(library.files), "file"), (len(library.exercises), "exercise"), (len(library.programs), "program"),
              (len(library.special_tests), "special test")]
    print(f"kiosk validate: {', '.join(_count(n, noun) for n, noun in counts)}; "
          f"{_count(errors, 'error')}, {_count(warnings, 'warning')}", file=sys.stderr)
    return 1 if errors else 0


def _count(number: int, noun: str) -> str:
    """'1 exercise', '3 exercises'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def cmd_programs(args: argparse.Namespace) -> int:
    library = _library(args.exercises)
    for problem in library.problems:
        print(problem, file=sys.stderr)
    if not library.programs:
        print("No valid programs found.", file=sys.stderr)
        return 1
    for program in library.programs.values():
        sets = len(plan_sets(program))
        minutes = round(estimated_seconds(program) / 60)
        print(f"{program.id}: {program.name}")
        for block in program.blocks:
            label = f"{block.role.value}" + (f" ({block.name})" if block.name else "")
            print(f"    {label}: {', '.join(e.id for e in block.exercises)}")
        policy = program.policy
        print(f"    {_count(sets, 'set')}, about {minutes} min if every set is done; mcid {policy.mcid}, "
              f"recheck after {policy.recheck_after} s, after no effect: {policy.after_no_effect.value}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from kiosk.core.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from kiosk.core.report import account
    from kiosk.core.script import load_script
    from kiosk.core.simulate import result_json, run_answers

    library = _library(args.exercises)
    program = library.programs.get(args.program)
    if program is None:
        return _no_such_program(args.program, library)
    script, problems = load_script(args.script)
    for problem in problems:
        print(problem, file=sys.stderr)
    if script is None:
        return 2
    if script.program and script.program != program.id:
        print(f"kiosk simulate: note: {args.script} was written for program '{script.program}'; "
              f"running it on '{program.id}' as asked", file=sys.stderr)
    session, unused = run_answers(program, script.red_flags, script.baseline, script.check_ins)
    if unused:
        print(f"kiosk simulate: the session ended with {unused} scripted check-ins unused", file=sys.stderr)
    print(json.dumps(result_json(session), indent=2) if args.json else account(session))
    return 0


def _no_such_program(program_id: str, library: loader.Library) -> int:
    related = library.problems_of_program(program_id)
    for problem in related:
        print(problem, file=sys.stderr)
    known = ", ".join(library.programs) or "none"
    reason = "has problems (above)" if related else "is not in the exercise folder"
    print(f"kiosk simulate: program '{program_id}' {reason}; valid programs: {known}", file=sys.stderr)
    return 2


AUTOPILOT_SPEED = 400.0
"""Kiosk seconds per real second under the autopilot: a 30-minute session in a few seconds."""


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app.kivy_setup import Display, prepare

    if bool(args.autopilot) != bool(args.program):
        print("kiosk run: --autopilot and --program go together", file=sys.stderr)
        return 2
    if not args.autopilot and not _has_display():
        print("kiosk run: no display found (DISPLAY and WAYLAND_DISPLAY are unset). The kiosk needs a "
              "screen; start it from the desktop session of the touchscreen. Without a screen, try the "
              "autopilot demo: kiosk run --autopilot examples/patients/spinal_source_likely.yaml "
              "--program knee_from_spine --screenshots shots/", file=sys.stderr)
        return 1
    extra: dict = {}
    if args.autopilot:
        from kiosk.core.script import load_script

        script, problems = load_script(args.autopilot)
        for problem in problems:
            print(problem, file=sys.stderr)
        if script is None:
            return 2
        library = _library(args.exercises)
        if args.program not in library.programs:
            return _no_such_program(args.program, library)
        extra = {"autopilot": script, "programs": [args.program],
                 "screenshots": Path(args.screenshots) if args.screenshots else None}
    prepare(Display(windowed=args.windowed or bool(args.autopilot), size=args.size,
                    max_fps=0 if args.autopilot else 60))
    from kiosk.app.shell import KioskApp, ShellOptions

    speed = args.speed or (AUTOPILOT_SPEED if args.autopilot else 1.0)
    options = ShellOptions(exercises=Path(args.exercises) if args.exercises else None, speed=speed,
                           plugins=["exercise_session"] if args.autopilot else None, extra=extra,
                           data=_data_dir(args))
    KioskApp(options).run()
    result = extra.get("autopilot_result")
    return 2 if args.autopilot and (result is None or "error" in result) else 0


def cmd_render_videos(args: argparse.Namespace) -> int:
    """Bake exercises' animations into MP4 videos (`kiosk.exercise_session.render`)."""
    library = _library(args.exercises)
    for problem in library.errors:
        print(problem, file=sys.stderr)
    animated = {key: exercise for key, exercise in library.exercises.items() if exercise.animation is not None}
    unknown = [key for key in args.only or () if key not in animated]
    if unknown:
        print(f"kiosk render-videos: no animated exercise {', '.join(map(repr, unknown))}; animated exercises: "
              f"{', '.join(animated) or 'none'}", file=sys.stderr)
        return 2
    folder = Path(args.exercises) if args.exercises else loader.bundled_exercises_dir()
    out = Path(args.out) if args.out else loader.default_assets_dir(folder) / "videos"
    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=(320, 200), max_fps=0))
    from kiosk.exercise_session.render import render_all

    chosen = [animated[key] for key in args.only] if args.only else list(animated.values())
    render_all(chosen, out, args.size, print)
    return 0


def _has_display() -> bool:
    import os

    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 1280x800, got {text!r}") from None
    return width, height


def _data_dir(args: argparse.Namespace) -> Path | None:
    """The data folder from `--data DIR`, or None: then $KIOSK_DATA, else the user's data folder."""
    return Path(args.data) if getattr(args, "data", None) else None


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR",
                        help="the records folder (default: $KIOSK_DATA, else ~/.local/share/kiosk)")


def _read_records(args: argparse.Namespace):
    """The records to read, or None when none were ever written there.

    Opened without the start-up recovery of Records.open: that marks running sessions
    incomplete, which must not happen to a live session because someone ran `kiosk history`.
    """
    from kiosk.core.records import DB_NAME, Records, default_data_dir

    path = (_data_dir(args) or default_data_dir()) / DB_NAME
    return Records(path) if path.exists() else None


def cmd_set_pin(args: argparse.Namespace) -> int:
    """Set the staff PIN: typed twice at a terminal, or one line on standard input."""
    from kiosk.core.pin import InvalidPin, PinLock
    from kiosk.core.records import DB_NAME, Records, default_data_dir

    if sys.stdin.isatty():
        import getpass

        pin = getpass.getpass("New staff PIN (4 to 8 digits): ")
        if getpass.getpass("The same PIN again: ") != pin:
            print("kiosk set-pin: the two PINs differ; nothing was changed", file=sys.stderr)
            return 1
    else:
        pin = sys.stdin.readline().strip()
    path = (_data_dir(args) or default_data_dir()) / DB_NAME
    try:
        records = Records(path)  # no start-up recovery: a running kiosk's session must stay as it is
    except Exception as error:  # sqlite3.Error, RecordsError, OSError: say what, never a traceback
        print(f"kiosk set-pin: cannot open {path}: {error}; start the kiosk once to repair it", file=sys.stderr)
        return 1
    try:
        PinLock(records).set_pin(pin)
    except InvalidPin as error:
        print(f"kiosk set-pin: {error}; nothing was changed", file=sys.stderr)
        return 1
    finally:
        records.close()
    print(f"kiosk set-pin: the staff PIN is set (stored as a salted scrypt hash in {path})")
    return 0


def cmd_set_retention(args: argparse.Namespace) -> int:
    """Keep records for DAYS days (deleted at the kiosk's next start), or for ever with `off`."""
    from kiosk.core.records import DB_NAME, Records, default_data_dir

    text = args.days.strip().lower()
    if text != "off" and not (text.isdigit() and 1 <= int(text) <= 36500):
        print(f"kiosk set-retention: expected a number of days from 1 to 36500, or off; got {args.days!r}",
              file=sys.stderr)
        return 2
    path = (_data_dir(args) or default_data_dir()) / DB_NAME
    try:
        records = Records(path)
    except Exception as error:  # sqlite3.Error, RecordsError, OSError: say what, never a traceback
        print(f"kiosk set-retention: cannot open {path}: {error}", file=sys.stderr)
        return 1
    try:
        records.set_setting("retention_days", None if text == "off" else str(int(text)))
    finally:
        records.close()
    if text == "off":
        print("kiosk set-retention: records are kept until you delete them")
    else:
        print(f"kiosk set-retention: records older than {int(text)} days are deleted each time the kiosk starts")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.core.export import ExportError, parse_since, write, write_file

    try:
        since = parse_since(args.since)
    except ExportError as error:
        print(f"kiosk export: {error}", file=sys.stderr)
        return 2
    records = _read_records(args)
    sessions = records.sessions(since) if records else iter(())
    try:
        if args.out:
            count = write_file(args.format, sessions, Path(args.out))
        else:
            count = write(args.format, sessions, sys.stdout)
            sys.stdout.flush()
    except OSError as error:
        print(f"kiosk export: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return 2
    finally:
        if records:
            records.close()
    where = f" to {args.out}" if args.out else ""
    print(f"kiosk export: {_count(count, 'session')}{where}", file=sys.stderr)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from kiosk.core.records import parse_time

    records = _read_records(args)
    if records is None:
        print("No sessions recorded yet.")
        return 0
    try:
        rows = [(s, len(records.session(s.id).check_ins)) for s in records.recent(args.limit)]
    finally:
        records.close()
    if not rows:
        print("No sessions recorded yet.")
        return 0
    table = [("started", "program", "outcome", "check-ins", "reference")]
    for session, check_ins in rows:
        started = parse_time(session.started_at).astimezone().strftime("%Y-%m-%d %H:%M")
        table.append((started, session.program_name, (session.outcome or "running").replace("_", " "),
                      str(check_ins), session.patient_ref or "-"))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.rjust(w) if i == 3 else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths)))
              .rstrip())
    print(f"\n{_count(len(rows), 'session')}, newest first (local time). Every answer: "
          "kiosk export --format csv --out FILE")
    return 0


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 up, got {text!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check exercise files; exit 1 if any problem")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled folder)")
    validate.set_defaults(run=cmd_validate)

    simulate = commands.add_parser("simulate", help="run a patient script through the session")
    simulate.add_argument("program", metavar="PROGRAM", help="program id")
    simulate.add_argument("--script", required=True, metavar="FILE", help="patient script (YAML)")
    simulate.add_argument("--exercises", metavar="DIR", help="exercise folder (default: the bundled one)")
    simulate.add_argument("--json", action="store_true", help="print the result as JSON")
    simulate.set_defaults(run=cmd_simulate)

    schema = commands.add_parser("schema", help="print the exercise-file JSON Schema")
    schema.set_defaults(run=cmd_schema)

    run = commands.add_parser("run", help="start the kiosk (fullscreen; see --windowed)")
    run.add_argument("--exercises", metavar="DIR", help="exercise folder (default: the bundled one)")
    run.add_argument("--windowed", action="store_true", help="a normal window, for a desktop trial")
    run.add_argument("--size", type=_size, metavar="WxH", help="window size (default: the screen's)")
    run.add_argument("--autopilot", metavar="SCRIPT", help="play a patient script by touch, print the result, exit")
    run.add_argument("--program", metavar="ID", help="the program the autopilot runs")
    run.add_argument("--screenshots", metavar="DIR", help="with --autopilot: save a PNG of every screen here")
    run.add_argument("--speed", type=float, metavar="X", help="kiosk seconds per real second (demos)")
    _add_data_option(run)
    run.set_defaults(run=cmd_run)

    programs = commands.add_parser("programs", help="list the programs of the exercise folder")
    programs.add_argument("--exercises", metavar="DIR", help="exercise folder (default: the bundled one)")
    programs.set_defaults(run=cmd_programs)

    set_pin = commands.add_parser("set-pin", help="set the staff PIN (typed twice, or one line on stdin)")
    _add_data_option(set_pin)
    set_pin.set_defaults(run=cmd_set_pin)

    retention = commands.add_parser("set-retention", help="delete records older than DAYS at each start (or off)")
    retention.add_argument("days", metavar="DAYS|off")
    _add_data_option(retention)
    retention.set_defaults(run=cmd_set_retention)

    export = commands.add_parser("export", help="write the session records as CSV or FHIR")
    export.add_argument("--format", choices=("csv", "fhir"), default="csv",
                        help="csv: one row per check-in; fhir: FHIR R4, one Bundle per session per line (NDJSON)")
    export.add_argument("--since", metavar="YYYY-MM-DD", help="only sessions started on or after this local date")
    export.add_argument("--out", metavar="FILE", help="write to FILE (default: the terminal, standard output)")
    _add_data_option(export)
    export.set_defaults(run=cmd_export)

    history = commands.add_parser("history", help="list the recent sessions")
    history.add_argument("--limit", type=_positive, default=20, metavar="N", help="how many sessions (default 20)")
    _add_data_option(history)
    history.set_defaults(run=cmd_history)

    render = commands.add_parser("render-videos", help="bake exercises' animations into MP4 videos")
    render.add_argument("--exercises", metavar="DIR", help="exercise folder (default: the bundled one)")
    render.add_argument("--out", metavar="DIR", help="where the videos go (default: assets/videos beside it)")
    render.add_argument("--size", type=_size, default=(640, 360), metavar="WxH", help="video size (default 640x360)")
    render.add_argument("--only", nargs="+", metavar="ID", help="only these exercises")
    render.set_defaults(run=cmd_render_videos)
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
