"""Commands that open a Kivy window: run (the kiosk, or its autopilot) and render-videos.

Kivy is imported inside each command, after the window is prepared, so the other
commands never load it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.content.folders import bundled_exercises_dir, default_assets_dir

from . import common

UNWRITTEN_EXIT = 3
"""`kiosk run`'s exit status when answers could not be written to the records."""
AUTOPILOT_SPEED = 400.0
"""Kiosk seconds per real second under the autopilot: a 30-minute session in a few seconds."""


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app import collector

    collector.hold()  # until the kiosk's first frame (see kiosk.app.collector); the process ends on an error
    from kiosk.app.kivy_setup import Display, prepare

    from kiosk.records.server import ServerError

    try:
        database = common.database_url(args)
    except ServerError as error:
        print(f"kiosk run: {error}", file=sys.stderr)
        return 2
    if bool(args.autopilot) != bool(args.program) or (args.language and not args.autopilot):
        print("kiosk run: --autopilot and --program go together (and --language with them)", file=sys.stderr)
        return 2
    if not args.autopilot and not _has_display():
        print("kiosk run: no display found (DISPLAY and WAYLAND_DISPLAY are unset). The kiosk needs a "
              "screen; start it from the desktop session of the touchscreen. Without a screen, try the "
              "autopilot demo: kiosk run --autopilot examples/patients/spinal_source_likely.yaml "
              "--program knee_from_spine --screenshots shots/", file=sys.stderr)
        return 1
    extra: dict = {}
    if args.autopilot:
        from kiosk.content.script import load_script

        script, problems = load_script(args.autopilot)
        for problem in problems:
            print(problem, file=sys.stderr)
        if script is None:
            return 2
        library = common.library(args.exercises, common.data_dir(args))
        if args.program not in library.programs:
            return common.no_such_program(args.program, library, args.exercises, "run")
        if not _offered_in(library.programs[args.program], args.language):
            return 2
        extra = {"autopilot": script, "programs": [args.program], "language": args.language,
                 "screenshots": Path(args.screenshots) if args.screenshots else None}
    if args.speech_log:
        extra["speech_log"] = Path(args.speech_log)
    from kiosk.records.one_kiosk import hold_data_folder
    from kiosk.records.store import RecordsError

    try:
        held = hold_data_folder(common.data_dir(args))  # kept open while the kiosk runs
    except RecordsError as error:
        print(f"kiosk run: {error}", file=sys.stderr)
        return 2
    prepare(Display(windowed=args.windowed or bool(args.autopilot), size=args.size,
                    max_fps=0 if args.autopilot else 60))
    from kiosk.app.shell import KioskApp, ShellOptions

    speed = args.speed or (AUTOPILOT_SPEED if args.autopilot else 1.0)
    options = ShellOptions(exercises=Path(args.exercises) if args.exercises else None, speed=speed,
                           plugins=["exercise_session"] if args.autopilot else None, extra=extra,
                           data=common.data_dir(args), database=database)
    app = KioskApp(options)
    app.run()
    if held is not None:
        os.close(held)
    if app.unwritten:
        print(f"kiosk run: {app.unwritten} answer(s) could not be written to the records (see the log); "
              f"they are lost", file=sys.stderr)
        return UNWRITTEN_EXIT
    result = extra.get("autopilot_result")
    return 2 if args.autopilot and (result is None or "error" in result) else 0


def _offered_in(program, language: str | None) -> bool:
    """Is `program` offered in `language` (None: the clinic's)? If not, say which languages it is offered in."""
    from kiosk.content.languages import program_languages

    offered = program_languages(program)
    if language is None or language in offered:
        return True
    print(f"kiosk run: program {program.id} is not offered in {language!r}; it is offered in "
          f"{', '.join(offered)} (kiosk validate lists what each language lacks)", file=sys.stderr)
    return False


def cmd_render_videos(args: argparse.Namespace) -> int:
    """Bake exercises' animations into MP4 videos (`kiosk.exercise_session.render`)."""
    library = common.library(args.exercises)
    for problem in library.errors:
        print(problem, file=sys.stderr)
    folder = Path(args.exercises) if args.exercises else bundled_exercises_dir()
    bundled = default_assets_dir(bundled_exercises_dir())
    # A folder built on the bundled library bakes only its own exercises: the bundled
    # ones have their videos already, in the bundled assets.
    animated = {key: exercise for key, exercise in library.exercises.items() if exercise.animation is not None
                and not (library.uses_bundled and library.media_folders.get(key) == bundled)}
    unknown = [key for key in args.only or () if key not in animated]
    if unknown:
        print(f"kiosk render-videos: no animated exercise {', '.join(map(repr, unknown))} of this folder; animated "
              f"exercises: {', '.join(animated) or 'none'}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else default_assets_dir(folder) / "videos"
    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=(320, 200), max_fps=0))
    from kiosk.exercise_session.render import render_all

    chosen = [animated[key] for key in args.only] if args.only else list(animated.values())
    render_all(chosen, out, args.size, print)
    return 0


def _has_display() -> bool:
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))


def add_commands(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser("run", help="start the kiosk (fullscreen; see --windowed)")
    common.add_exercises_option(run)
    run.add_argument("--windowed", action="store_true", help="a normal window, for a desktop trial")
    run.add_argument("--size", type=common.size, metavar="WxH", help="window size (default: the screen's)")
    run.add_argument("--autopilot", metavar="SCRIPT", help="play a patient script by touch, print the result, exit")
    run.add_argument("--program", metavar="ID", help="the program the autopilot runs")
    run.add_argument("--screenshots", metavar="DIR", help="with --autopilot: save a PNG of every screen here")
    run.add_argument("--language", metavar="CODE", help="with --autopilot: the patient touches this language "
                     "(e.g. es) on the start screen")
    run.add_argument("--speed", type=float, metavar="X", help="kiosk seconds per real second (demos)")
    run.add_argument("--speech-log", metavar="FILE", help="write every spoken cue here, one JSON object a line")
    common.add_data_option(run)
    common.add_database_option(run)
    run.set_defaults(run=cmd_run)

    render = commands.add_parser("render-videos", help="bake exercises' animations into MP4 videos")
    common.add_exercises_option(render)
    render.add_argument("--out", metavar="DIR", help="where the videos go (default: assets/videos beside it)")
    render.add_argument("--size", type=common.size, default=(640, 360), metavar="WxH",
                        help="video size (default 640x360)")
    render.add_argument("--only", nargs="+", metavar="ID", help="only these exercises")
    render.set_defaults(run=cmd_render_videos)
