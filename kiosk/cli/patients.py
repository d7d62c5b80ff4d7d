"""Commands about patients and the clinic's own settings: history --patient, set-clinic. No Kivy."""

from __future__ import annotations

import argparse
import sys

from . import common


def print_patient_history(records, reference: str, shared: bool) -> int:
    """A patient's sessions, oldest first: date, program, baseline extent by side, best response, outcome, tests."""
    from kiosk.clinical.visits import baseline_extent, best_response, test_words
    from kiosk.records.clock import parse_time

    visits = records.patient_sessions(reference)
    if not visits:
        print(f"No session has the patient reference {reference}.")
        return 0
    print(f"Patient reference {reference}: {common.count(len(visits), 'session')}, oldest first (local time)")
    for number, visit in enumerate(visits, 1):
        started = parse_time(visit.started_at).astimezone().strftime("%Y-%m-%d %H:%M")
        where = f", kiosk {visit.kiosk_name}" if shared else ""
        print(f"\n{number}. {started}  {visit.program_name} ({visit.program_id}){where}")
        print(f"   baseline distal extent: {baseline_extent(visit)}")
        print(f"   best response: {best_response(visit)}")
        print(f"   outcome: {(visit.outcome or 'running').replace('_', ' ')}")
        print(f"   tests: {test_words(visit)}")
    return 0


def cmd_set_clinic(args: argparse.Namespace) -> int:
    """Set (or show) the clinic's FHIR addresses and the format of its patient references."""
    from kiosk.records import clinic_settings as settings

    changes = {}
    try:
        if args.code_systems is not None:
            changes[settings.CODE_SYSTEMS] = settings.check_url(args.code_systems, "--code-systems")
        if args.patient_identifier_system is not None:
            changes[settings.PATIENT_SYSTEM] = settings.check_url(args.patient_identifier_system,
                                                                  "--patient-identifier-system")
        if args.reference_format is not None:
            changes[settings.REFERENCE_FORMAT] = settings.check_format(args.reference_format)
    except ValueError as error:
        print(f"kiosk set-clinic: {error}; nothing was changed", file=sys.stderr)
        return 2
    shown = {}

    def change(records) -> None:
        for key, value in changes.items():
            records.set_setting(key, value)
        shown["now"] = settings.read(records)

    done, _ = common.change_records(args, "set-clinic", change)
    if done:
        return done
    now = shown["now"]
    print(f"code systems:              {now.code_systems}{' (the default)' if now.code_systems == settings.DEFAULT_BASE else ''}")
    print(f"patient identifier system: {now.patient_system}")
    print(f"patient reference format:  {now.reference_format}")
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    clinic = commands.add_parser("set-clinic", help="the clinic's FHIR code-system and patient-identifier "
                                 "addresses and its patient-reference format (no option: show them)")
    clinic.add_argument("--code-systems", metavar="URL",
                        help="where the clinic publishes the kiosk's CodeSystems, such as https://fhir.clinic.org/kiosk")
    clinic.add_argument("--patient-identifier-system", metavar="URL",
                        help="the identifier system of the clinic's patient numbers (Patient.identifier.system)")
    clinic.add_argument("--reference-format", metavar="code|digits|REGEX",
                        help="what a patient reference must look like: code (1 to 20 letters, digits, - or _; the "
                        "default), digits, or a regular expression")
    common.add_data_option(clinic)
    clinic.set_defaults(run=cmd_set_clinic)
