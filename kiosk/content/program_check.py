""""Check this program": the example patients run through a program before it is saved.

Each patient script of `examples/patients/` is played through the (possibly
unsaved) program by the same engine as `kiosk simulate`, and the outcome of each
is returned with the program's estimated duration, so a therapist sees what the
program would do with a patient who centralizes, one who worsens, one with a red
flag, and so on. The scripts were written for the bundled programs: on a program
with other sets, a script may run out of answers (outcome incomplete) or leave
some unused; both are reported, never hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from kiosk.clinical.engine import Outcome
from kiosk.clinical.plan import estimated_seconds, plan_sets
from kiosk.clinical.program import Program
from kiosk.clinical.simulate import run_answers

from .problems import Problem
from .script import PatientScript, load_script


@dataclass(frozen=True)
class PatientResult:
    """What the program did with one example patient."""

    patient: str
    """The script's name: its file name without .yaml, e.g. spinal_source_likely-after_recheck."""
    description: str
    written_for: str | None
    """The program the script was written for (its `program:`), if it says."""
    outcome: Outcome
    sets_done: int
    unused_answers: int
    """Scripted check-ins left when the session ended (the script was written for another program)."""
    ran_out: bool
    """The script had no answer left while the session still asked: the outcome is incomplete."""

    @property
    def expected(self) -> Outcome | None:
        """The outcome the script's name says ("stopped_worsening-pain_rises": stopped_worsening), if any."""
        head = self.patient.split("-", 1)[0]
        return next((outcome for outcome in Outcome if outcome.value == head), None)

    @property
    def fits(self) -> bool:
        """Whether the script's answers fit this program's sets (all used, none missing), so its outcome
        says something about the program; a script for other sets ran out or had answers left."""
        return self.unused_answers == 0 and (not self.ran_out or self.expected is Outcome.INCOMPLETE)

    @property
    def as_expected(self) -> bool:
        """The outcome is the one the script's name says (a name that says none expects nothing)."""
        return self.expected is None or self.outcome is self.expected


@dataclass(frozen=True)
class ProgramCheck:
    """Every example patient's result, and how long the program takes when every set is done."""

    results: tuple[PatientResult, ...]
    estimated_seconds: int
    planned_sets: int

    @property
    def fitting(self) -> tuple[PatientResult, ...]:
        """The example patients whose scripts fit this program's sets: the only ones that say something of it."""
        return tuple(result for result in self.results if result.fits)

    @property
    def works(self) -> bool:
        """The check passes: at least one script fits, and each that fits reaches the outcome its name says."""
        return bool(self.fitting) and all(result.as_expected for result in self.fitting)


def example_patients_dir() -> Path:
    """The example patient scripts that ship with the kiosk: <repo>/examples/patients in a checkout,
    kiosk/examples/patients in an installed wheel (setup.py maps them there)."""
    package = Path(__file__).resolve().parents[1]  # kiosk/
    beside = package.parent / "examples" / "patients"
    inside = package / "examples" / "patients"
    return inside if not beside.is_dir() and inside.is_dir() else beside


def load_example_patients(folder: Path | None = None) -> tuple[dict[str, PatientScript], list[Problem]]:
    """Every `*.yaml` script of the folder by name (sorted), and the problems of those that did not load."""
    scripts: dict[str, PatientScript] = {}
    problems: list[Problem] = []
    for path in sorted(Path(folder or example_patients_dir()).glob("*.yaml")):
        script, found = load_script(path)
        problems.extend(found)
        if script is not None:
            scripts[path.stem] = script
    return scripts, problems


def check_program(program: Program, patients: Mapping[str, PatientScript]) -> ProgramCheck:
    """Run each patient through `program` (pure: nothing is read, written or recorded)."""
    results = []
    for name, script in patients.items():
        session, unused = run_answers(program, script.red_flags, script.baseline, script.check_ins)
        answered = sum(1 for step in session.steps if step.kind == "set")
        ran_out = session.outcome is Outcome.INCOMPLETE and unused == 0
        results.append(PatientResult(name, script.description, script.program, session.outcome, answered, unused,
                                     ran_out))
    return ProgramCheck(tuple(results), estimated_seconds(program), len(plan_sets(program)))
