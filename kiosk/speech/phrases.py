"""The coaching sentences, each with a stable id and a language.

A `Phrase` is what one cue says. Its `id` names the sentence whatever the
language ("count.3", "hold", "set.end"), so a speech log can be checked and a
catalogue in another language can plug in beside `ENGLISH`. Words that are also
on screen (questions, an exercise's name and instructions) are passed in by the
caller, already in the patient's language, so the kiosk says what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Phrase:
    """One thing the kiosk says: an id, its language and its words."""

    id: str
    lang: str
    text: str
    chime: bool = False
    """Start with a short tone (the end of a set), so a patient face down knows it is over."""


ENGLISH: dict[str, str] = {
    "position.standing": "Stand up near the screen, feet apart.",
    "position.sitting": "Sit down on the chair.",
    "position.lying_front": "Lie face down on the mat.",
    "position.lying_back": "Lie on your back on the mat.",
    "position.kneeling": "Get down on your hands and knees on the mat.",
    "position.side_lying": "Lie on your side on the mat.",
    "get_ready.after_rest": "Time is up.",
    "count.start": "Starting in 3",
    "count.2": "2",
    "count.1": "1",
    "count.go": "Go.",
    "rep": "{number}",
    "hold": "Hold.",
    "relax": "And relax.",
    "time_left.minutes": "{minutes} minutes to go.",
    "time_left.minute": "1 minute to go.",
    "time_left.seconds": "10 seconds to go.",
    "set.end": "Well done. Please come back to the screen.",
    "rest.between": "Rest now. Stay comfortable. The next set starts by itself.",
    "recheck.start": "Let's rest for a few minutes. Sit or lie comfortably, and do not do the exercise now.",
    "recheck.end": "The rest is over. Please come back to the screen.",
}
"""The English catalogue: phrase id -> words, with {placeholders}."""

CATALOGUES: dict[str, dict[str, str]] = {DEFAULT_LANGUAGE: ENGLISH}
"""Language -> catalogue. A missing language or phrase falls back to English, spoken in English."""


def phrase(phrase_id: str, lang: str = DEFAULT_LANGUAGE, chime: bool = False, **values) -> Phrase:
    """The catalogue phrase `phrase_id` in `lang` (English when that language lacks it)."""
    catalogue = CATALOGUES.get(lang, {})
    if phrase_id not in catalogue:
        lang, catalogue = DEFAULT_LANGUAGE, ENGLISH
    return Phrase(phrase_id, lang, catalogue[phrase_id].format(**values), chime)


def spoken(phrase_id: str, text: str, lang: str = DEFAULT_LANGUAGE) -> Phrase:
    """A phrase whose words come from the screen (a question, an exercise's instructions)."""
    return Phrase(phrase_id, lang, " ".join(text.split()))


def speaking_seconds(text: str, rate: int) -> float:
    """About how long `text` takes to say at `rate` words a minute, with a breath at the end.

    An estimate on purpose: the schedule must not depend on whether a WAV exists yet."""
    return round(len(text.split()) * 60 / rate + 1.0, 1)
