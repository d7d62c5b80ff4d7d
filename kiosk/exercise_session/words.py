"""Every patient-facing sentence of the exercise session, in one place.

Plain, kind, short sentences; no jargon; never a diagnosis. Keeping them here
lets a clinician review all the words at once, and a translation replace them.
"""

from kiosk.clinical.engine import Outcome

ATTRACT_TITLE = "Exercises for your back and knee"
ATTRACT_TOUCH = "Touch the screen to start"
ATTRACT_CHOOSE = "Touch the exercises your therapist chose for you"

SAFETY_TITLE = "Some safety questions first"
SAFETY_PROGRESS = "Question {number} of {total}"
YES = "Yes"
NO = "No"

STAFF_ALERT_TITLE = "Please tell a member of staff now"
STAFF_ALERT_BODY = ("Thank you for answering.\n"
                    "Please do not do the exercises today.\n"
                    "A member of staff will help you.")
STAFF_ALERT_URGENT = "Please tell a member of staff straight away."

WHERE_TITLE = {
    "baseline": "Where do you feel pain now?",
    "after_set": "Where do you feel pain now?",
    "recheck": "After the rest, where do you feel pain?",
}
WHERE_HINT = "Touch every place you feel it. Touch again to undo."
MARK_PAIN = "Pain"
MARK_NUMB = "Numbness or tingling"
SAME_AS_BEFORE = "Same as before"
NO_PAIN = "No pain or numbness"
NEXT = "Next"
BACK = "Back"
FRONT_VIEW = "Front of body"
BACK_VIEW = "Back of body"
YOUR_LEFT = "Your left"
YOUR_RIGHT = "Your right"

# Each region's whole name is one phrase (not "left" + "knee"), so that a translation can
# order and inflect it as its language needs ("rodilla izquierda"). Left and right are the
# patient's own.
REGION_NAMES = {
    "back_central": "middle of low back",
    "back_left": "left low back",
    "back_right": "right low back",
    "buttock_left": "left buttock",
    "buttock_right": "right buttock",
    "groin_left": "left groin",
    "groin_right": "right groin",
    "thigh_front_left": "left front of thigh",
    "thigh_front_right": "right front of thigh",
    "thigh_back_left": "left back of thigh",
    "thigh_back_right": "right back of thigh",
    "knee_left": "left knee",
    "knee_right": "right knee",
    "lower_leg_left": "left lower leg",
    "lower_leg_right": "right lower leg",
    "foot_left": "left foot",
    "foot_right": "right foot",
}


def region_name(region_id: str) -> str:
    """A body region's name as the patient reads it, on the map and in the list of marks.

    The one way a screen names a region, so that a translation of the screens'
    words covers every place a region is named.
    """
    return REGION_NAMES[region_id]

HOW_STRONG_TITLE = "How strong is the pain now?"
SCALE_LOW = "0\nNo pain"
SCALE_HIGH = "10\nWorst pain you can imagine"

WEAK_TITLE_BASELINE = "Does either leg feel weak?"
WEAK_TITLE = "Does either leg feel weaker than before?"

GET_READY = "Get ready"
REP_OF = "Movement {rep} of {reps}"
HOLD_OF = "Hold {rep} of {reps}"
HOLD_FOR = "Hold for {seconds}"
RELAX = "Relax"
SET_OF = "Set {set} of {sets}"
REST_BETWEEN = "Rest before the next set"
START_NOW = "Start now"
PAUSE = "Pause"
CARRY_ON = "Carry on"
PAUSED = "Paused. Touch Carry on when you are ready."
DONE_SET = "I have finished this set"
PAIN_WORSE = "Stop: my pain is worse"

RECHECK_TITLE = "Let's rest for a few minutes"
RECHECK_BODY = ("Sit or lie in a comfortable position.\n"
                "Do not do the exercise now.\n"
                "We will ask about your pain when the time is up.")
RECHECK_NOW = "My pain is worse now"

END_TITLE = "Thank you"
END_BODY: dict[Outcome, str] = {
    Outcome.SPINAL_SOURCE_LIKELY: ("You have finished today's exercises.\n"
                                   "Your therapist will go through the results with you."),
    Outcome.KNEE_TESTS_RECOMMENDED: ("You have finished the exercises for today.\n"
                                     "Your therapist would like to look at your knee and hip next."),
    Outcome.NO_DISTAL_SYMPTOMS: ("You have finished today's exercises.\n"
                                 "Your therapist will go through the results with you."),
    Outcome.STOPPED_WORSENING: ("We stopped the exercises because your pain got worse.\n"
                                "Please tell a member of staff before you leave."),
}
END_DONE = "Finish"
FOR_STAFF = "For staff: hold"

START = "Start"
NO_PROGRAMS = "The exercises are not ready. Please ask a member of staff."

MOVE_SLOWLY = "Move slowly and smoothly"
GET_IN_POSITION = "Get into your starting position"
RELAX_NEXT = "Get ready for the next one"
REST_HINT = "The next set starts by itself."
TAKE_CARE = "Take care: {safety}"
SECOND = "1 second"
SECONDS = "{count} seconds"
MINUTE = "1 minute"
MINUTES = "{count} minutes"

NOTHING_MARKED = "Nothing marked yet."
LAST_TIME = "Last time you chose {value}."
WHERE_HINT_AFTER = "This is what you marked last time. Change it if it has changed."
SOMETHING_NEW = "I feel something new or worrying"
WORRY_TITLE = "Tell us what is new"
BACK_TO_CHECK_IN = "None of these: go back"
