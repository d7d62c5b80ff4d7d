"""The coaching sentences, each with a stable id and a language.

A `Phrase` is what one cue says. Its `id` names the sentence whatever the
language ("count.3", "hold", "set.end"), so a speech log can be checked. The
English words are the msgids of the gettext catalogues (kiosk/language): a
language's `.po` translates them. Words that are also
on screen (questions, an exercise's name and instructions) are passed in by the
caller, already in the patient's language, so the kiosk says what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.language import DEFAULT_LANGUAGE, N_, translated


@dataclass(frozen=True)
class Phrase:
    """One thing the kiosk says: an id, its language and its words."""

    id: str
    lang: str
    text: str
    chime: bool = False
    """Start with a short tone (the end of a set), so a patient face down knows it is over."""


ENGLISH: dict[str, str] = {
    "position.standing": N_("Stand up near the screen, feet apart."),
    "position.sitting": N_("Sit down on the chair."),
    "position.lying_front": N_("Lie face down on the mat."),
    "position.lying_back": N_("Lie on your back on the mat."),
    "position.kneeling": N_("Get down on your hands and knees on the mat."),
    "position.side_lying": N_("Lie on your side on the mat."),
    "position.unknown": N_("Get into the starting position shown."),
    "get_ready.after_rest": N_("Time is up."),
    "count.start": N_("Starting in 3"),
    "count.2": N_("2"),
    "count.1": N_("1"),
    "count.go": N_("Go."),
    "rep": N_("{number}"),
    "hold": N_("Hold."),
    "relax": N_("And relax."),
    "time_left.minutes": N_("{minutes} minutes to go."),
    "time_left.minute": N_("1 minute to go."),
    "time_left.seconds": N_("10 seconds to go."),
    "set.end": N_("Well done. Please come back to the screen."),
    "rest.between": N_("Rest now. Stay comfortable. The next set starts by itself."),
    "recheck.start": N_("Let's rest for a few minutes. Sit or lie comfortably, and do not do the exercise now."),
    "recheck.end": N_("The rest is over. Please come back to the screen."),
}
"""Phrase id -> the English words, with {placeholders}; other languages translate the words."""


def phrase(phrase_id: str, lang: str = DEFAULT_LANGUAGE, chime: bool = False, **values) -> Phrase:
    """The phrase `phrase_id` in `lang`; a phrase that language lacks is said in English, and says so."""
    lang, words = translated(ENGLISH[phrase_id], lang)
    return Phrase(phrase_id, lang, words.format(**values), chime)


def spoken(phrase_id: str, text: str, lang: str = DEFAULT_LANGUAGE) -> Phrase:
    """A phrase whose words come from the screen (a question, an exercise's instructions)."""
    return Phrase(phrase_id, lang, " ".join(text.split()))


def speaking_seconds(text: str, rate: int) -> float:
    """About how long `text` takes to say at `rate` words a minute, with a breath at the end.

    An estimate on purpose: the schedule must not depend on whether a WAV exists yet."""
    return round(len(text.split()) * 60 / rate + 1.0, 1)
