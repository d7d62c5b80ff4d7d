"""Commands about the exercise folder: new, validate, programs, schema, simulate. No Kivy."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk.clinical.engine import Decision, Outcome
from kiosk.clinical.plan import estimated_seconds, plan_sets
from kiosk.content.folders import bundled_exercises_dir
from kiosk.content.library import Library
from kiosk.content.problems import Problem, Severity
from kiosk.content.languages import translation_problems

from . import common


def cmd_validate(args: argparse.Namespace) -> int:
    missing = [path for path in args.paths if not Path(path).exists()]
    for path in missing:
        print(f"{path}: no such file or folder, expected an exercise file or a folder of them")
    existing = [path for path in args.paths if path not in missing]
    if args.paths and not existing:
        return 1
    if existing:
        from kiosk.content.loader import load  # here, so that `kiosk run` starts without the loader

        library = load(existing, probe_videos=True)
    else:  # what the kiosk runs: the bundled folder and the clinic's programs
        library = common.library(None, common.data_dir(args), probe_videos=True)
    slipped = _language_slips()
    problems = (library.problems + _catalogue_problems(library, existing)
                + translation_problems(list(library.programs.values())) + slipped)
    for problem in problems:
        print(problem)
    errors = len(missing) + len(library.errors) + len(slipped)
    warnings = len(problems) - len(library.errors) - len(slipped)
    files = common.count(len(library.files) - len(library.bundled_files), "file")
    if library.uses_bundled:
        files += f" (on the bundled library: {common.count(len(library.bundled_files), 'file')})"
    counts = [(len(library.exercises), "exercise"), (len(library.programs), "program"),
              (len(library.special_tests), "special test")]
    print(f"kiosk validate: {files}, {', '.join(common.count(n, noun) for n, noun in counts)}; "
          f"{common.count(errors, 'error')}, {common.count(warnings, 'warning')}", file=sys.stderr)
    return 1 if errors else 0


def _language_slips() -> list[Problem]:
    """An error for each translation of the kiosk's own words whose {placeholders} slipped (the kiosk
    shows the English for it): the file, the entry's line and its English."""
    from kiosk.language import catalogue_file, catalogue_languages, slips

    return [Problem(str(catalogue_file(language)), line, f"msgid {msgid!r}", f"msgstr: {why}")
            for language in catalogue_languages() for line, msgid, why in slips(language)]


def _catalogue_problems(library: Library, paths: list[str]) -> list[Problem]:
    """A warning for a folder with no special-test catalogue at all: a summary that recommends the
    knee tests would then list none. One file checked on its own is not a folder, so no warning."""
    folders = [path for path in paths if Path(path).is_dir()] if paths else [str(bundled_exercises_dir())]
    if library.special_tests or not folders:
        return []
    return [Problem(folders[0], 0, "special_tests", "no special-test catalogue in this folder: a summary that "
                           "recommends knee tests will list no knee, hip or nerve tests; expected a special_tests: "
                           "section in one file, or `use_bundled: true` to use the bundled catalogue",
                           Severity.WARNING)]


def cmd_programs(args: argparse.Namespace) -> int:
    library = common.library(args.exercises, common.data_dir(args))
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
            print(f"    {label}: {', '.join(_listed(e, library) for e in block.exercises)}")
        policy = program.policy
        print(f"    {common.count(sets, 'set')}, about {minutes} min if every set is done; mcid {policy.mcid}, "
              f"recheck after {policy.recheck_after} s, after no effect: {policy.after_no_effect.value}")
    return 0


def _listed(exercise, library: Library) -> str:
    """`press_up`, or `press_up (this program: 3 sets x 12, hold 2 s, rest 30 s)` when the program sets its dose."""
    own = library.exercises.get(exercise.id)
    if own is None or own == exercise:
        return exercise.id
    return (f"{exercise.id} (this program: {common.count(exercise.sets, 'set')} x {exercise.reps}, "
            f"hold {exercise.hold} s, rest {exercise.rest} s)")


def cmd_schema(args: argparse.Namespace) -> int:
    from kiosk.content.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from kiosk.clinical.report import account
    from kiosk.clinical.simulate import result_json, run_answers
    from kiosk.content.script import load_script

    library = common.library(args.exercises, common.data_dir(args))
    program = library.programs.get(args.program)
    if program is None:
        return common.no_such_program(args.program, library, args.exercises, "simulate")
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
    elif session.outcome is Outcome.INCOMPLETE:
        print(f"kiosk simulate: {_ran_out(session, len(script.check_ins))}", file=sys.stderr)
    print(json.dumps(result_json(session), indent=2) if args.json else account(session))
    return 0


def _ran_out(session, answered: int) -> str:
    """What the session asked for when the script had no answer left, and how many check-ins the
    program asks for in all: the script may be meant to end there (a patient who walks away)."""
    plan, steps = session.plan, session.steps
    if not steps:
        asked = f"the check-in after {_set_name(plan[0])}"
    elif steps[-1].decision is Decision.RECHECK:
        asked = f"the recheck after the rest that followed {_set_name(steps[-1].planned)}"
    else:
        asked = f"the check-in after {_set_name(plan[plan.index(steps[-1].planned) + 1])}"
    sets, done = len(plan), len([step for step in steps if step.kind == "set"])
    return (f"the script ran out after its {common.count(answered, 'check-in')}: the session then asked for "
            f"{asked}, so the patient is taken to have left (outcome incomplete). To go on, add answers: program "
            f"'{session.program.id}' asks for a check-in after each of its {common.count(sets, 'set')} "
            f"({sets - done} more from here), plus one after each rest before a recheck, unless its outcome "
            "comes sooner")


def _set_name(planned) -> str:
    return f"{planned.exercise.id} set {planned.set_number} of {planned.sets}"


def cmd_new(args: argparse.Namespace) -> int:
    from kiosk.content.starter import PROGRAM, StarterError, write_starter

    folder = Path(args.folder)
    try:
        written = write_starter(folder)
    except StarterError as error:
        print(f"kiosk new: {error}", file=sys.stderr)
        return 2
    exercises, script = folder / "exercises", written[1]
    print(f"kiosk new: wrote {', '.join(map(str, written))} and the empty folder {folder / 'assets' / 'videos'}")
    print(f"Next, from here:\n  kiosk validate {exercises}\n"
          f"  kiosk simulate {PROGRAM} --exercises {exercises} --script {script}\n"
          f"  kiosk run --autopilot {script} --program {PROGRAM} --exercises {exercises} "
          f"--screenshots {folder / 'shots'}")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="write a commented starter clinic folder to begin from")
    new.add_argument("folder", metavar="DIR", help="a new (or empty) folder")
    new.set_defaults(run=cmd_new)

    validate = commands.add_parser("validate", help="check exercise files; exit 1 if any problem")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled folder "
                          "and the clinic's programs in the data folder)")
    common.add_data_option(validate)
    validate.set_defaults(run=cmd_validate)

    simulate = commands.add_parser("simulate", help="run a patient script through the session")
    simulate.add_argument("program", metavar="PROGRAM", help="program id")
    simulate.add_argument("--script", required=True, metavar="FILE", help="patient script (YAML)")
    common.add_exercises_option(simulate)
    common.add_data_option(simulate)
    simulate.add_argument("--json", action="store_true", help="print the result as JSON")
    simulate.set_defaults(run=cmd_simulate)

    schema = commands.add_parser("schema", help="print the exercise-file JSON Schema")
    schema.set_defaults(run=cmd_schema)

    programs = commands.add_parser("programs", help="list the programs of the exercise folder")
    common.add_exercises_option(programs)
    common.add_data_option(programs)
    programs.set_defaults(run=cmd_programs)
