"""The editor's words for therapists: what each policy setting means, and "Check this program" as lines.

Staff language is clinical and exact (this screen is behind the PIN); nothing
here is shown to a patient.
"""

from __future__ import annotations

from kiosk.clinical.program import ExerciseKind
from kiosk.content.program_check import ProgramCheck

POLICY_HELP = {
    "mcid": "Minimal clinically important difference: the smallest change on the 0-10 pain rating that "
            "classifies a set as better or worse when the distal extent of symptoms is unchanged (default 2).",
    "recheck_after": "After a peripheralizing or worse response: rest, then re-assess; still worse ends the "
                     "session (stopped_worsening), back to the previous check-in continues with care.",
    "after_no_effect": "When the spinal blocks neither centralize nor abolish knee-level symptoms: end "
                       "(knee special tests and hip screen recommended) or continue with the other blocks.",
}
ROLE_LABELS = {
    "spinal": "Spinal: repeated movements",
    "strengthening": "Strengthening: core",
    "postural": "Postural: correction",
}
"""A block's role on its button; the spinal blocks decide the outcome, the others follow them."""
DOSE_LABELS = {"sets": "Sets", "reps": "Reps", "hold": "Hold", "rest": "Rest between sets"}
DOSE_UNITS = {"sets": "", "reps": "", "hold": "s", "rest": "s"}


def clinical_name(exercise_id: str) -> str:
    """An exercise's name for staff, from its id ("lumbar_roll": "Lumbar roll"); its `name` is the patient's."""
    return exercise_id.replace("_", " ").capitalize()


def staff_name(exercise) -> str:
    """Both names, the clinical one first: "Lumbar roll (Sitting with a back roll)"."""
    return f"{clinical_name(exercise.id)} ({exercise.name})"


def dose_label(name: str, kind: ExerciseKind) -> str:
    """A stepper's label: a hold exercise counts holds per set where a reps exercise counts repetitions."""
    return "Holds" if name == "reps" and kind is ExerciseKind.HOLD else DOSE_LABELS[name]


def duration(seconds: int) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def outcome_words(outcome) -> str:
    """An outcome in clinical words: spinal_source_likely -> "spinal source likely"."""
    return outcome.value.replace("_", " ")


def check_lines(check: ProgramCheck) -> list[str]:
    """The details under the check's answer: the duration, one line per example patient whose answers fit
    this program's sets (its outcome, and the one expected where they differ), then one line naming those
    left out because their answers were written for other sets."""
    lines = [f"Estimated duration when every set is done: {duration(check.estimated_seconds)} "
             f"({check.planned_sets} {'set' if check.planned_sets == 1 else 'sets'})."]
    for result in check.fitting:
        line = f"{result.patient}: {outcome_words(result.outcome)} after {result.sets_done} " \
               f"{'set' if result.sets_done == 1 else 'sets'}"
        if not result.as_expected:
            line += f"; expected {outcome_words(result.expected)}"
        lines.append(line + ".")
    left_out = [result.patient for result in check.results if not result.fits]
    if left_out:
        lines.append(f"Left out: {len(left_out)} example {'patient' if len(left_out) == 1 else 'patients'} whose "
                     f"answers were written for other sets ({', '.join(left_out)}).")
    return lines


def check_summary(check: ProgramCheck, offer: bool = False) -> str:
    """ "Check this program" in one line: it works (how many example patients, how long) or which does not.
    `offer`: the program is a draft, so a passing check says it may now be offered."""
    minutes = max(1, round(check.estimated_seconds / 60))
    if check.works:
        count = len(check.fitting)
        then = " You may now touch Offer to patients." if offer else ""
        return (f"Works: {count} example {'patient reaches' if count == 1 else 'patients reach'} the outcome "
                f"you expect; about {minutes} minutes.{then}")
    if not check.fitting:
        return ("Not checked: no example patient's answers fit this program's sets, so the check cannot say "
                "it works. Details below.")
    wrong = [r for r in check.fitting if not r.as_expected]
    first = wrong[0]
    more = f" and {len(wrong) - 1} more" if len(wrong) > 1 else ""
    return (f"Does not work: example {first.patient} ends as {outcome_words(first.outcome)}, not "
            f"{outcome_words(first.expected)}{more}. Details below.")
