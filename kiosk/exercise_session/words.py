"""Every patient-facing sentence of the exercise session, in one place, and `say`: the same in
the patient's language.

Plain, kind, short sentences; no jargon; never a diagnosis. Keeping them here
lets a clinician review all the words at once. Each is marked with `N_` for the
gettext catalogues (kiosk/language/locale); the screens read them through `say`,
which gives them in the language the patient chose, so a screen never holds English
of its own.
"""

from __future__ import annotations

from kiosk.clinical.engine import Outcome
from kiosk.clinical.red_flags import RedFlag
from kiosk.language import DEFAULT_LANGUAGE, N_, translation

ATTRACT_TITLE = N_("Exercises for your back and knee")
ATTRACT_TOUCH = N_("Touch the screen to start")
ATTRACT_CHOOSE = N_("Touch the exercises your therapist chose for you")

SAFETY_TITLE = N_("Some safety questions first")
SAFETY_PROGRESS = N_("Question {number} of {total}")
YES = N_("Yes")
NO = N_("No")

STAFF_ALERT_TITLE = N_("Please tell a member of staff now")
STAFF_ALERT_BODY = N_("Thank you for answering.\n"
                      "Please do not do the exercises today.\n"
                      "A member of staff will help you.")
STAFF_ALERT_URGENT = N_("Please tell a member of staff straight away.")

WHERE_TITLE = {
    "baseline": N_("Where do you feel pain now?"),
    "after_set": N_("Where do you feel pain now?"),
    "recheck": N_("After the rest, where do you feel pain?"),
}
WHERE_HINT = N_("Touch every place you feel it. Touch again to undo.")
MARK_PAIN = N_("Pain")
MARK_NUMB = N_("Numbness or tingling")
SAME_AS_BEFORE = N_("Same as before")
NO_PAIN = N_("No pain or numbness")
NEXT = N_("Next")
BACK = N_("Back")
FRONT_VIEW = N_("Front of body")
BACK_VIEW = N_("Back of body")
YOUR_LEFT = N_("Your left")
YOUR_RIGHT = N_("Your right")

# Each region's whole name is one phrase (not "left" + "knee"), so that a translation can
# order and inflect it as its language needs ("rodilla izquierda"). Left and right are the
# patient's own.
REGION_NAMES = {
    "back_central": N_("middle of low back"),
    "back_left": N_("left low back"),
    "back_right": N_("right low back"),
    "buttock_left": N_("left buttock"),
    "buttock_right": N_("right buttock"),
    "groin_left": N_("left groin"),
    "groin_right": N_("right groin"),
    "thigh_front_left": N_("left front of thigh"),
    "thigh_front_right": N_("right front of thigh"),
    "thigh_back_left": N_("left back of thigh"),
    "thigh_back_right": N_("right back of thigh"),
    "knee_left": N_("left knee"),
    "knee_right": N_("right knee"),
    "lower_leg_left": N_("left lower leg"),
    "lower_leg_right": N_("right lower leg"),
    "foot_left": N_("left foot"),
    "foot_right": N_("right foot"),
}


def region_name(region_id: str) -> str:
    """A body region's name as the patient reads it, on the map and in the list of marks.

    The one way a screen names a region, so that a translation of the screens'
    words covers every place a region is named.
    """
    return say.REGION_NAMES[region_id]

HOW_STRONG_TITLE = N_("How strong is the pain now?")
SCALE_LOW = N_("0\nNo pain")
SCALE_HIGH = N_("10\nWorst pain you can imagine")

WEAK_TITLE_BASELINE = N_("Does either leg feel weak?")
WEAK_TITLE = N_("Does either leg feel weaker than before?")

GET_READY = N_("Get ready")
REP_OF = N_("Movement {rep} of {reps}")
HOLD_OF = N_("Hold {rep} of {reps}")
HOLD_FOR = N_("Hold for {seconds}")
RELAX = N_("Relax")
SET_OF = N_("Set {set} of {sets}")
REST_BETWEEN = N_("Rest before the next set")
START_NOW = N_("Start now")
PAUSE = N_("Pause")
CARRY_ON = N_("Carry on")
PAUSED = N_("Paused. Touch Carry on when you are ready.")
DONE_SET = N_("I have finished this set")
PAIN_WORSE = N_("Stop: my pain is worse")

RECHECK_TITLE = N_("Let's rest for a few minutes")
RECHECK_BODY = N_("Sit or lie in a comfortable position.\n"
                  "Do not do the exercise now.\n"
                  "We will ask about your pain when the time is up.")
RECHECK_NOW = N_("My pain is worse now")

END_TITLE = N_("Thank you")
END_BODY: dict[Outcome, str] = {
    Outcome.SPINAL_SOURCE_LIKELY: N_("You have finished today's exercises.\n"
                                     "Your therapist will go through the results with you."),
    Outcome.KNEE_TESTS_RECOMMENDED: N_("You have finished the exercises for today.\n"
                                       "Your therapist would like to look at your knee and hip next."),
    Outcome.NO_DISTAL_SYMPTOMS: N_("You have finished today's exercises.\n"
                                   "Your therapist will go through the results with you."),
    Outcome.STOPPED_WORSENING: N_("We stopped the exercises because your pain got worse.\n"
                                  "Please tell a member of staff before you leave."),
}
END_DONE = N_("Finish")
PRINT_HOME = N_("Print my exercises to take home")
PRINTING_HOME = N_("Your exercises are printing. Please ask a member of staff for them.")
FOR_STAFF = N_("For staff: hold")

START = N_("Start")
NO_PROGRAMS = N_("The exercises are not ready. Please ask a member of staff.")

MOVE_SLOWLY = N_("Move slowly and smoothly")
GET_IN_POSITION = N_("Get into your starting position")
RELAX_NEXT = N_("Get ready for the next one")
REST_HINT = N_("The next set starts by itself.")
TAKE_CARE = N_("Take care: {safety}")
SECOND = N_("1 second")
SECONDS = N_("{count} seconds")
MINUTE = N_("1 minute")
MINUTES = N_("{count} minutes")

NOTHING_MARKED = N_("Nothing marked yet.")
MARK_FIRST = N_("Touch where you feel it first, or touch \"No pain or numbness\".")
LAST_TIME = N_("Last time you chose {value}.")
WHERE_HINT_AFTER = N_("This is what you marked last time. Change it if it has changed.")
SOMETHING_NEW = N_("I feel something new or worrying")
WORRY_TITLE = N_("Tell us what is new")

# The demonstration card, where an exercise has neither a video nor an animation.
STARTS_IN = {
    "standing": N_("Start standing up."),
    "sitting": N_("Start sitting on a chair."),
    "lying_front": N_("Start lying face down on the mat."),
    "lying_back": N_("Start lying on your back on the mat."),
    "kneeling": N_("Start on your hands and knees on the mat."),
    "side_lying": N_("Start lying on your side on the mat."),
}
DOSE_REPS = N_("Movements: {reps}")
DOSE_HOLDS = N_("Holds: {reps}, {seconds} each")
DOSE_SETS = N_("Sets: {sets}")
BACK_TO_CHECK_IN = N_("None of these: go back")


class PatientWords:
    """The sentences above in the patient's language: `say.ATTRACT_TITLE`, `say.END_BODY[outcome]`.

    One kiosk runs one session at a time, so the language is the kiosk's own state: chosen
    on the attract screen, back to the clinic's default at every reset.
    """

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language

    def __getattr__(self, name: str):
        if not name.isupper() or name not in globals():
            raise AttributeError(f"no patient sentence {name!r} in kiosk.exercise_session.words")
        english = globals()[name]
        gettext = translation(self.language).gettext
        if isinstance(english, dict):
            return {key: gettext(value) for key, value in english.items()}
        return gettext(english)

    def question(self, flag: RedFlag) -> str:
        """A red-flag question in the patient's language (the English is in kiosk.clinical.red_flags)."""
        return translation(self.language).gettext(flag.question)


say = PatientWords()
"""The words of the session on show, in its patient's language."""


def in_language(language: str) -> PatientWords:
    """The same words in `language`, whatever the screens show (what the voice says in its language)."""
    return PatientWords(language)
