"""Patient scripts: one patient's answers, written down for `kiosk simulate`.

A script gives the red flags answered yes, the baseline check-in and then one
answer per check-in the session asks for; an answer may instead report a red
flag. Read with the same safe YAML reading and field checking as the exercise
files, so problems come out the same way: `PATH:LINE: where: message`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.clinical.checkin import CheckIn, InvalidCheckIn
from kiosk.clinical.red_flags import RED_FLAG_IDS
from kiosk.clinical.regions import REGION_IDS

from .checks import INVALID, Checker
from .problems import Problem
from .spec import Boolean, Choice, Field, Identifier, ListOf, Record, Rule, Text, Whole
from .yamlsafe import is_empty, read_yaml

REGIONS = ListOf(Choice(REGION_IDS, "body region"), "body region id")
CHECK_IN_FIELDS = (
    Field("symptoms", REGIONS, "Body regions where the patient feels pain now.", default=()),
    Field("numbness", REGIONS, "Body regions that are numb or tingling now.", default=()),
    Field("intensity", Whole(0, 10), "Pain now, 0 (none) to 10 (worst); required when there are symptoms.",
          default=0),
    Field("weakness", Boolean(), "Whether the patient reports leg weakness.", default=False),
)
NEEDS_INTENSITY = Rule("symptoms", required=("intensity",))
RED_FLAG = Choice(RED_FLAG_IDS, "red flag")

BASELINE = Record("baseline", "check-in", "Where the patient feels symptoms before exercising.",
                  CHECK_IN_FIELDS, (NEEDS_INTENSITY,))
ANSWER = Record("check_in", "check-in", "The answer to the next check-in question.", CHECK_IN_FIELDS + (
    Field("red_flag", RED_FLAG, "Instead of answering, the patient reports this red flag."),
), (NEEDS_INTENSITY,))
SCRIPT = Record("script", "patient script", "One patient's answers, for kiosk simulate.", (
    Field("program", Identifier(), "The program the script was written for (informative)."),
    Field("description", Text(2000), "What the script shows."),
    Field("red_flags", ListOf(RED_FLAG, "red flag id"), "Red flags answered yes before exercising.", default=()),
    Field("baseline", BASELINE, "The check-in before the first exercise.", required=True),
    Field("check_ins", ListOf(ANSWER, "check-in"), "One answer per check-in the session asks for, in order.",
          default=()),
))


@dataclass(frozen=True)
class ScriptAnswer:
    """One entry of `check_ins`: a check-in, or a red flag reported at that point instead."""

    check_in: CheckIn
    red_flag: str | None = None


@dataclass(frozen=True)
class PatientScript:
    """A whole scripted patient."""

    red_flags: tuple[str, ...]
    baseline: CheckIn
    check_ins: tuple[ScriptAnswer, ...]
    program: str | None = None
    description: str = ""


def load_script(path: str | Path, *, safety_net: bool = True) -> tuple[PatientScript | None, list[Problem]]:
    """The script in `path` and its problems; None when there is any error.

    `safety_net=False` lets an unexpected exception out (for the fuzz tests, so a crash is seen)."""
    shown = str(path)
    try:
        return _load(Path(path), shown)
    except Exception as error:  # belt and braces: a bad script is a problem, never a traceback
        if not safety_net:
            raise
        return None, [Problem(shown, 1, "file", f"could not be loaded ({type(error).__name__}: {error}); "
                              "expected a valid patient script: please report this")]


def _load(path: Path, shown: str) -> tuple[PatientScript | None, list[Problem]]:
    root, _, problems = read_yaml(path, shown)
    if problems:
        return None, problems
    if is_empty(root):
        return None, [Problem(shown, 1, "file", "is empty; expected a patient script with at least baseline:")]
    values = Checker(shown, problems).check(SCRIPT, root, "")
    if values is INVALID:
        return None, sorted(problems, key=lambda problem: problem.line)
    try:
        script = PatientScript(
            red_flags=tuple(values["red_flags"]),
            baseline=_check_in(values["baseline"]),
            check_ins=tuple(ScriptAnswer(_check_in(answer), answer.get("red_flag"))
                            for answer in values["check_ins"]),
            program=values.get("program"),
            description=values.get("description", ""),
        )
    except InvalidCheckIn as error:  # the checks above should make this impossible
        return None, problems + [Problem(shown, root.line, "file", str(error))]
    return script, problems


def _check_in(values: dict) -> CheckIn:
    return CheckIn(frozenset(values["symptoms"]), frozenset(values["numbness"]), values["intensity"],
                   values["weakness"])
