"""When each cue is said: pure functions of a set's plan, a rest, and a virtual time.

A set arrives as its `Span`s (rest, get ready, move, hold, relax: the phases the
exercise screen counts down), so the voice and the screen can never drift
apart. `due(cues, before, now)` picks the cues whose moment came in a frame;
the player calls it only while the set runs, so nothing is said during a pause.
"""

from __future__ import annotations

from dataclasses import dataclass

from .phrases import DEFAULT_LANGUAGE, Phrase, phrase

SAME_MOMENT = 1e-9
"""Kiosk seconds within which two moments of a set are one: a cue and the frame it is due on, a phase's
end and the time the screen reached (sums of float seconds land a few bits apart)."""

LONG_HOLD = 30
"""A hold of this many seconds or more is told the time left (each minute, and at 10 seconds)."""


@dataclass(frozen=True)
class Span:
    """One phase of a set: `kind` is rest, get_ready, move, hold or relax."""

    kind: str
    start: float
    seconds: float
    rep: int = 0


@dataclass(frozen=True)
class Cue:
    """Say `phrase` at `at` seconds from the start of the set (or rest); `recording` wins when set."""

    at: float
    phrase: Phrase
    recording: str | None = None
    """A clinic's own recording, a path under assets/, played instead of the synthesized phrase."""


@dataclass(frozen=True)
class Intro:
    """An exercise's name and instructions, said once before its first set."""

    phrase: Phrase
    seconds: float
    """How long the get-ready waits for it to be said."""
    recording: str | None = None


def set_cues(spans: tuple[Span, ...], position: str, lang: str = DEFAULT_LANGUAGE,
             intro: Intro | None = None) -> tuple[Cue, ...]:
    """Every cue of one set, in time order: the intro, the count-in, each rep or hold, the end."""
    cues: list[Cue] = []
    for index, span in enumerate(spans):
        before = spans[index - 1].kind if index else ""
        if span.kind == "rest":
            cues.append(Cue(span.start, phrase("rest.between", lang)))
        elif span.kind == "get_ready":
            cues += _count_in(span, position, lang, intro, after_rest=before == "rest")
        elif span.kind == "move":
            cues.append(Cue(span.start, phrase("rep", lang, number=span.rep)))
        elif span.kind == "hold":
            cues += _hold(span, lang)
        if span.kind == "hold" and index + 1 < len(spans):  # the last hold ends with the set's end instead
            cues.append(Cue(span.start + span.seconds, phrase("relax", lang)))
    end = spans[-1].start + spans[-1].seconds if spans else 0.0
    cues.append(Cue(end, phrase("set.end", lang, chime=True)))
    return merged(sorted(cues, key=lambda cue: cue.at))


def merged(cues: list[Cue]) -> tuple[Cue, ...]:
    """Cues due at the same moment said as one ("And relax. 2"; "Go. Hold."), so neither cuts the other.
    The ids are joined with "+"; a recorded cue is never merged (its words are the clinic's)."""
    out: list[Cue] = []
    for cue in cues:
        last = out[-1] if out else None
        if last is not None and abs(last.at - cue.at) < 1e-6 and not last.recording and not cue.recording:
            both = Phrase(f"{last.phrase.id}+{cue.phrase.id}", last.phrase.lang,
                          f"{last.phrase.text} {cue.phrase.text}", last.phrase.chime or cue.phrase.chime)
            out[-1] = Cue(last.at, both)
        else:
            out.append(cue)
    return tuple(out)


def _count_in(span: Span, position: str, lang: str, intro: Intro | None, after_rest: bool) -> list[Cue]:
    """The intro (first set only), where to get into position, then 3, 2, 1, go."""
    cues, start = [], span.start
    if intro is not None:
        cues.append(Cue(start, intro.phrase, intro.recording))
        start += intro.seconds
    where = phrase(f"position.{position}", lang)
    if after_rest:
        call = phrase("get_ready.after_rest", lang)
        cues.append(Cue(start, call))
    cues.append(Cue(start, where))
    go = span.start + span.seconds
    if go - 3 >= start + 2:  # room to say where to go first; a short count-in just says go
        cues += [Cue(go - ahead, phrase(name, lang)) for ahead, name in ((3, "count.start"), (2, "count.2"),
                                                                          (1, "count.1"))]
    cues.append(Cue(go, phrase("count.go", lang)))
    return cues


def _hold(span: Span, lang: str) -> list[Cue]:
    """"Hold", then for a long hold the minutes left and the last 10 seconds."""
    cues = [Cue(span.start, phrase("hold", lang))]
    if span.seconds >= LONG_HOLD:
        for minutes in range(int(span.seconds // 60), 0, -1):
            at = span.start + span.seconds - 60 * minutes
            if 60 * minutes < span.seconds:  # not at the very start: "hold" is said then
                name = "time_left.minute" if minutes == 1 else "time_left.minutes"
                cues.append(Cue(at, phrase(name, lang, minutes=minutes)))
        cues.append(Cue(span.start + span.seconds - 10, phrase("time_left.seconds", lang)))
    return cues


def rest_cues(seconds: float, lang: str = DEFAULT_LANGUAGE) -> tuple[Cue, ...]:
    """The recheck rest: what to do, the minutes left, and the call when time is up."""
    cues = [Cue(0.0, phrase("recheck.start", lang))]
    for minutes in range(int(seconds // 60), 0, -1):
        at = seconds - 60 * minutes
        if 60 * minutes < seconds:
            name = "time_left.minute" if minutes == 1 else "time_left.minutes"
            cues.append(Cue(at, phrase(name, lang, minutes=minutes)))
    cues.append(Cue(float(seconds), phrase("recheck.end", lang)))
    return tuple(cues)


def due(cues: tuple[Cue, ...], before: float, now: float) -> list[Cue]:
    """The cues whose moment is after `before` and at or before `now` (start with `before` < 0 for t = 0),
    give or take `SAME_MOMENT`."""
    return [cue for cue in cues if before + SAME_MOMENT < cue.at <= now + SAME_MOMENT]


def every_phrase(cues: tuple[Cue, ...]) -> list[Phrase]:
    """The phrases of some cues, for preparation; recorded ones too, so a recording that
    fails to play falls back to the kiosk's voice at once."""
    return [cue.phrase for cue in cues]
