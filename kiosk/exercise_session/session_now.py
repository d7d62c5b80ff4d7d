"""The staff screen's "This session": what is running on the kiosk now, in clinical words.

Read when the staff screen opens (it is built afresh each time): the program, where
the patient is (screening, a set of which exercise, a check-in, a rest), and how many
check-ins were answered; or that no session runs, or how the last one ended.
"""

from __future__ import annotations

from kivy.factory import Factory
from kivy.metrics import sp

from kiosk.clinical.ending import ENDING_TEXT
from kiosk.clinical.session import State

from .editor.wording import clinical_name

WHERE = {
    State.SCREENING: "answering the red-flag screening questions",
    State.BASELINE: "rating the baseline check-in",
    State.EXERCISE: "doing",
    State.CHECK_IN: "rating the check-in after",
    State.RESTING: "resting before the recheck of",
    State.RECHECK: "rating the recheck of",
}


def session_words(controller) -> str:
    """One paragraph on the session the kiosk runs now."""
    session = controller.session
    if session is None:
        return "No session is running: the start screen shows the programs offered."
    program = f"{session.program.name} ({session.program.id})"
    if session.ended:
        return (f"The last session, {program}, has ended ({ENDING_TEXT[session.ending]}); its end screen is "
                f"showing until the patient touches Finish or the kiosk is left idle.")
    where = WHERE[session.state]
    planned = session.current
    if session.state not in (State.SCREENING, State.BASELINE) and planned is not None:
        where += (f" {clinical_name(planned.exercise.id)}, set {planned.set_number} of {planned.sets} "
                  f"(block {planned.block + 1}, {planned.role.value})")
    answered = len(session.steps)
    return (f"Running now: {program}. The patient is {where}. Check-ins answered after the baseline: "
            f"{answered}.")


def session_part(controller):
    """The plugin's part of "This session" (under the shell's End this session)."""
    return Factory.StaffText(text=session_words(controller), font_size=sp(22))
