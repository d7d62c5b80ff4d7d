"""What the kiosk says during a session, worked out without Kivy: the cues of each set and rest,
every question as it appears on screen, and all the phrases of a program to prepare at once.
"""

from __future__ import annotations

from kiosk.clinical.plan import PlannedSet, get_ready_seconds, plan_sets
from kiosk.clinical.program import Exercise, Program
from kiosk.clinical.red_flags import RED_FLAGS, RedFlag
from kiosk.speech.phrases import DEFAULT_LANGUAGE, Phrase, speaking_seconds, spoken
from kiosk.speech.schedule import Cue, Intro, every_phrase, rest_cues, set_cues
from kiosk.speech.synthesis import DEFAULT_RATE

from .words import in_language
from .timing import Timeline, set_timeline


def intro_of(exercise: Exercise, lang: str = DEFAULT_LANGUAGE, rate: int = DEFAULT_RATE) -> Intro:
    """The exercise's name and instructions, with the clinic's recording when there is one."""
    text = exercise.text(lang)
    lang = lang if lang in exercise.translations else DEFAULT_LANGUAGE
    said = spoken(f"exercise.{exercise.id}", f"{text.name}. {text.instructions}", lang)
    return Intro(said, speaking_seconds(said.text, rate), text.audio)


def coached_set(planned: PlannedSet, speaking: bool, lang: str = DEFAULT_LANGUAGE,
                rate: int = DEFAULT_RATE) -> tuple[Timeline, tuple[Cue, ...]]:
    """The set's timeline and cues. Speaking, an exercise's first set waits for its instructions
    to be said before the count-in; silent, the screen shows them and the count-in is as written."""
    exercise = planned.exercise
    intro = intro_of(exercise, lang, rate) if speaking and planned.set_number == 1 else None
    timeline = set_timeline(planned, get_ready_seconds(exercise) + (intro.seconds if intro else 0))
    position = exercise.position.value if exercise.position else "unknown"  # unknown: no position is said
    return timeline, set_cues(timeline.spans(), position, lang, intro)


def safety_question(flag: RedFlag, lang: str = DEFAULT_LANGUAGE) -> Phrase:
    return spoken(f"question.{flag.id}", in_language(lang).question(flag), lang)


def check_in_question(page: str, mode: str, lang: str = DEFAULT_LANGUAGE) -> Phrase:
    """The question of a check-in page (where, how_strong, weakness)."""
    words = in_language(lang)
    text = {"where": words.WHERE_TITLE[mode], "how_strong": words.HOW_STRONG_TITLE,
            "weakness": words.WEAK_TITLE_BASELINE if mode == "baseline" else words.WEAK_TITLE}[page]
    return spoken(f"question.{page}.{mode}", text, lang)


def staff_alert(urgent: bool, lang: str = DEFAULT_LANGUAGE) -> Phrase:
    words = in_language(lang)
    text = f"{words.STAFF_ALERT_TITLE}. {words.STAFF_ALERT_URGENT if urgent else words.STAFF_ALERT_BODY}"
    return spoken("staff_alert.urgent" if urgent else "staff_alert", text, lang)


def question_phrases(lang: str = DEFAULT_LANGUAGE) -> list[Phrase]:
    """The questions every session asks, in the order it asks them: the same whatever the program."""
    phrases = [safety_question(flag, lang) for flag in RED_FLAGS]
    phrases += [check_in_question(page, mode, lang) for mode in ("baseline", "after_set", "recheck")
                for page in ("where", "how_strong", "weakness")]
    return phrases + [staff_alert(True, lang), staff_alert(False, lang)]


def program_phrases(program: Program, lang: str = DEFAULT_LANGUAGE, rate: int = DEFAULT_RATE) -> list[Phrase]:
    """Every phrase a session of `program` may say, questions first (they come first)."""
    phrases = question_phrases(lang)
    for planned in plan_sets(program):
        phrases += every_phrase(coached_set(planned, True, lang, rate)[1])
    phrases += every_phrase(rest_cues(program.policy.recheck_after, lang))
    return list(dict.fromkeys(phrases))  # once each, in order
