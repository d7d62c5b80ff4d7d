"""Every field of an exercise file, described once.

The loader checks files against these records and `kiosk schema` publishes them
as JSON Schema; names, ranges, choices, defaults and help texts live only here.
Defaults match the dataclasses of `kiosk.clinical.program` (a test keeps them equal).
"""

from __future__ import annotations

from kiosk.clinical.program import AfterNoEffect, ExerciseKind, Position, Role, TestGroup
from kiosk.clinical.regions import AREAS
from kiosk.demos.animation import EASES, GROUNDS, PROPS, VIEWS
from kiosk.demos.body import ANCHORS, BY_NAME, JOINTS, SIDED, SIDES

from .spec import (IDENTIFIER_PATTERN, Boolean, Choice, Field, Identifier, ListOf, MapOf, MediaPath, Number, OneOf,
                   Record, Rule, Text, Whole)

VIDEO_EXTENSIONS = (".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
AUDIO_EXTENSIONS = (".wav", ".ogg", ".mp3")
LANGUAGE_PATTERN = r"^[a-z]{2,3}(_[A-Z]{2})?$"

NAME = Text(80, one_line=True)
INSTRUCTIONS = Text(2000)
SAFETY = Text(300)


def _values(enum_type) -> tuple[str, ...]:
    return tuple(member.value for member in enum_type)


TRANSLATION = Record("translation", "translation", "The patient-facing words of an exercise in one language.", (
    Field("name", NAME, "The exercise's name in this language.", required=True),
    Field("instructions", INSTRUCTIONS, "The instructions in this language, in plain words.", required=True),
    Field("safety", SAFETY, "The safety cue in this language (optional)."),
    Field("audio", MediaPath(AUDIO_EXTENSIONS, "recording"), "A recording of the name and instructions in this "
          "language, relative to the assets folder; played instead of the kiosk's own voice."),
))

def _angle(name: str) -> Number:
    joint = BY_NAME[name]
    return Number(joint.minimum, joint.maximum, "degrees")


def _joint_fields() -> tuple[Field, ...]:
    """One field per joint, then one per joint and side (near_hip, far_hip ...)."""
    both = tuple(Field(joint.name, _angle(joint.name), joint.meaning.capitalize()
                       + ("; sets both limbs." if joint.name in SIDED else "."))
                 for joint in JOINTS)
    where = {"near": "nearer the viewer, drawn in front", "far": "further away, drawn behind"}
    one = tuple(Field(f"{side}_{name}", _angle(name), f"The {name} of the limb {where[side]} only; "
                      f"wins over `{name}`.") for side in SIDES for name in SIDED)
    return both + one


POSE = Record("pose", "pose", "A position of the figure as joint angles in degrees; what a pose leaves out is "
              "as in the pose it is `like`, else standing upright with the arms by the sides.", (
    Field("like", Identifier(), "Start from this other pose, then change only the angles given here."),
    *_joint_fields(),
))

MOVE = Record("move", "move", "Move to a pose over some seconds; with hold, stay there for the exercise's hold.", (
    Field("to", Identifier(), "The pose to move to (a name under poses).", required=True),
    Field("seconds", Number(0.1, 60, "seconds"), "How long the move takes, e.g. 1.5.", required=True),
    Field("ease", Choice(tuple(EASES), "ease"), "smooth: slow start and end; steady; speed_up; slow_down.",
          default="smooth"),
    Field("hold", Boolean(), "true: stay in this pose for the exercise's hold seconds; each hold is one "
          "repetition of the dose.", default=False),
))

ANIMATION = Record("animation", "animation", "A live drawn demonstration: a side-view figure moving through "
                   "named poses. One cycle is written; the kiosk repeats it for the exercise's dose.", (
    Field("ground", Choice(GROUNDS, "ground"), "What the figure rests on: floor or mat.", default="floor"),
    Field("props", ListOf(Choice(PROPS, "prop"), "prop"), "Furniture drawn with the figure: chair, roll "
          "(a back roll behind the small of the back), wall."),
    Field("view", Choice(VIEWS, "view"), "side: the figure seen from the side, facing right when it stands; "
          "front: seen from the front (a side plank), drawn without a nose.", default="side"),
    Field("anchor", Choice(ANCHORS, "anchor"), "The point of the body that stays still while the rest moves "
          "(hip; knee, foot and hand are the near ones).", default="hip"),
    Field("poses", MapOf(IDENTIFIER_PATTERN, "a pose name in lower_snake_case", POSE),
          "The named poses, e.g. down and up.", required=True),
    Field("start", Identifier(), "The pose the cycle starts (and ends) in.", required=True),
    Field("moves", ListOf(MOVE, "move", min_items=1), "One cycle of moves, ending back in the start pose.",
          required=True),
))

EXERCISE = Record("exercise", "exercise", "One exercise and its dose, as the patient will see it.", (
    Field("id", Identifier(), "Unique id, lower_snake_case; programs list exercises by it.", required=True),
    Field("name", NAME, "Name shown to the patient: one line.", required=True),
    Field("instructions", INSTRUCTIONS, "What to do, in plain words, shown to the patient.", required=True),
    Field("kind", Choice(_values(ExerciseKind), "exercise kind"),
          "reps: count repetitions; hold: hold a position for a time.", required=True),
    Field("reps", Whole(1, 50), "Repetitions per set (kind reps, required), or holds per set (kind hold).",
          default=1),
    Field("hold", Whole(0, 600), "Seconds held per repetition (kind reps) or per hold (kind hold: required, "
          "at least 1).", default=0),
    Field("sets", Whole(1, 10), "How many sets; the patient checks in after each one.", default=1),
    Field("rest", Whole(0, 600), "Seconds of rest between sets.", default=0),
    Field("safety", SAFETY, "A safety cue shown to the patient, e.g. when to stop (optional)."),
    Field("video", MediaPath(VIDEO_EXTENSIONS, "video"), "Demonstration video, relative to the assets folder."),
    Field("image", MediaPath(IMAGE_EXTENSIONS, "image"), "Picture of the exercise, relative to the assets folder."),
    Field("animation", ANIMATION, "A live drawn demonstration, shown when there is no video that plays."),
    Field("position", Choice(_values(Position), "position"), "Where the patient starts: standing, sitting, "
          "lying_front, lying_back, kneeling or side_lying; read from the animation when left out (with no "
          "animation either, no position is said and the floor's get-ready time is allowed)."),
    Field("get_ready", Whole(0, 120), "Seconds to get into position before the first movement; default 15 "
          "when the position is on the floor or unknown, else 5."),
    Field("audio", MediaPath(AUDIO_EXTENSIONS, "recording"), "A recording of the name and instructions, "
          "relative to the assets folder; played instead of the kiosk's own voice."),
    Field("translations", MapOf(LANGUAGE_PATTERN, "a language code like es, fr or pt_BR", TRANSLATION),
          "The patient-facing words in other languages, by language code (es, fr, pt_BR ...)."),
), rules=(
    Rule("kind", ExerciseKind.REPS.value, required=("reps",)),
    Rule("kind", ExerciseKind.HOLD.value, required=("hold",), minimum=(("hold", 1),)),
))

POLICY = Record("policy", "policy", "The program's clinical settings; each has a default.", (
    Field("mcid", Whole(1, 5), "Smallest change in pain (0-10 scale) that counts as better or worse.",
          default=2),
    Field("recheck_after", Whole(10, 900), "Seconds of rest before asking again after a worse response.",
          default=300),
    Field("after_no_effect", Choice(_values(AfterNoEffect), "choice"),
          "When spinal exercises leave the knee unchanged: end the session (knee tests recommended) "
          "or continue with the other blocks.", default=AfterNoEffect.END.value),
))

DOSE_FIELDS = ("sets", "reps", "hold", "rest")
"""The exercise fields a program may set for itself, with the exercise's own ranges."""


def _dose_field(name: str) -> Field:
    own = EXERCISE.by_name[name]
    return Field(name, own.spec, f"{own.description} For this program only; left out: the exercise's own.")


EXERCISE_DOSE = Record("exercise_dose", "program dose", "An exercise of the block with this program's "
                       "own dose; what is left out stays as the exercise has it.", (
    Field("id", Identifier(), "Id of an exercise defined in the folder.", required=True),
    *(_dose_field(name) for name in DOSE_FIELDS),
))

BLOCK_EXERCISE = OneOf((Identifier(), EXERCISE_DOSE), "exercise")
"""An item of a block's `exercises:`: `press_up`, or `{id: press_up, sets: 3, reps: 12}`."""

BLOCK = Record("block", "block", "A run of exercises with one role, done in order.", (
    Field("role", Choice(_values(Role), "role"),
          "spinal: the repeated-movement progression that tests the spine; strengthening: core; "
          "postural: posture correction.", required=True),
    Field("name", NAME, "A name for the block (optional)."),
    Field("exercises", ListOf(BLOCK_EXERCISE, "exercise id", min_items=1),
          "Exercises defined in the folder, in the order they are done: each an id (press_up), or a mapping "
          "of the id and this program's dose ({id: press_up, sets: 3, reps: 12, hold: 2, rest: 30}).",
          required=True),
))

PROGRAM_TRANSLATION = Record("program_translation", "program translation",
                             "The patient-facing words of a program in one language.", (
    Field("name", NAME, "The program's name in this language, shown on the start screen.", required=True),
))

HOME_DOSE_FIELDS = ("sets", "reps", "hold")
"""The dose fields a home program may set: a patient at home rests as they need, so no `rest`."""
TIMES_A_DAY = Whole(1, 12)


def _home_dose_field(name: str) -> Field:
    own = EXERCISE.by_name[name]
    return Field(name, own.spec, f"{own.description} At home; left out: the program's dose (else the exercise's).")


HOME_EXERCISE = Record("home_exercise", "home exercise", "An exercise of the home program with its own dose "
                       "or times a day; what is left out is as the program (else the exercise) has it.", (
    Field("id", Identifier(), "Id of an exercise defined in the folder.", required=True),
    *(_home_dose_field(name) for name in HOME_DOSE_FIELDS),
    Field("times_a_day", TIMES_A_DAY, "How many times a day the patient does it at home; left out: the home "
          "program's times_a_day."),
))

HOME = Record("home", "home program", "What the patient does at home, printed on the handout: the exercises, "
              "their dose and how many times a day. Left out: the kiosk chooses from the session.", (
    Field("times_a_day", TIMES_A_DAY, "How many times a day each exercise is done at home (6: about every "
          "2 hours).", default=1),
    Field("exercises", ListOf(OneOf((Identifier(), HOME_EXERCISE), "exercise"), "exercise id", min_items=1),
          "Exercises defined in the folder, in the order printed: each an id (press_up), or a mapping of the id "
          "and its home dose ({id: press_up, reps: 10, times_a_day: 6}).", required=True),
))

PROGRAM = Record("program", "program", "A whole session plan: blocks of exercises and their policy.", (
    Field("id", Identifier(), "Unique id, lower_snake_case; `kiosk simulate` takes it.", required=True),
    Field("name", NAME, "Name of the program, shown on the kiosk.", required=True),
    Field("description", Text(2000), "Notes for therapists (not shown to patients)."),
    Field("offered", Boolean(), "false: a draft, kept and checked but never offered to patients (the program "
          "editor saves new programs so until staff touch Offer to patients).", default=True),
    Field("policy", POLICY, "Clinical settings (optional): mcid, recheck_after, after_no_effect."),
    Field("blocks", ListOf(BLOCK, "block", min_items=1), "The blocks, done in order.", required=True),
    Field("home", HOME, "The home program printed for the patient to take home (optional): exercises, dose "
          "and times a day."),
    Field("translations", MapOf(LANGUAGE_PATTERN, "a language code like es, fr or pt_BR", PROGRAM_TRANSLATION),
          "The program's name in other languages, by language code (es, fr, pt_BR ...)."),
))

SPECIAL_TEST = Record("special_test", "special test", "A clinical test the kiosk may recommend to the therapist.", (
    Field("id", Identifier(), "Unique id, lower_snake_case.", required=True),
    Field("name", NAME, "Name of the test.", required=True),
    Field("group", Choice(_values(TestGroup), "test group"), "Which examination it belongs to.", required=True),
    Field("target", Text(200, one_line=True), "The structure it examines or what it screens for.", required=True),
    Field("how", Text(1000), "Short procedure, for the therapist.", required=True),
    Field("positive", Text(1000), "What a positive finding suggests.", required=True),
    Field("regions", ListOf(Choice(AREAS, "body area"), "body area"),
          "The body areas (knee, thigh_front, groin ...) whose symptoms put this test among the first the "
          "summary lists; the others stay a touch away."),
    Field("snomed_code", Whole(100000, 999999999999999999),
          "A SNOMED CT code for the test, only once the clinic has checked it in SNOMED CT: the FHIR export "
          "gives it beside the clinic's own code."),
    Field("snomed_display", Text(200, one_line=True), "The SNOMED CT display of `snomed_code`."),
))

FILE = Record("file", "exercise file", "Exercises, programs and special tests; every section is optional.", (
    Field("exercises", ListOf(EXERCISE, "exercise"), "Exercises; ids are unique across all files of the folder."),
    Field("programs", ListOf(PROGRAM, "program"), "Programs built from the folder's exercises."),
    Field("special_tests", ListOf(SPECIAL_TEST, "special test"), "The special-test catalogue for the therapist."),
    Field("use_bundled", Boolean(), "true: the folder builds on the kiosk's bundled exercises, programs and "
          "special tests, which its programs can then use; an id the folder defines again replaces the "
          "bundled one.", default=False),
))

SECTIONS = ("exercises", "programs", "special_tests")
"""The top-level keys, in the order the loader reads them."""
