"""A session's handout put together: what goes on it, in the patient's words, with its pictures.

The pictures come from the caller (`pictures(exercise) -> (start PNG, end PNG)`):
drawing the figure needs OpenGL, which lives above this room
(`kiosk.exercise_session.handout_pictures`).
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Callable

from kiosk.clinical.program import Exercise, Program
from kiosk.clinical.record import SessionRecord
from kiosk.files import sync_folder, write_synced

from .choice import dose_words, home_exercises, how_often
from .document import Handout, HandoutExercise, handout_pdf
from .words import HandoutWords

Pictures = Callable[[Exercise], tuple[bytes | None, bytes | None]]


class NoHandout(Exception):
    """Why a session has no handout, in words for staff."""


def handout_of(record: SessionRecord, program: Program, clinic: str, pictures: Pictures,
               today: datetime.date) -> Handout:
    """The handout of `record` (a session of `program`) in the session's language."""
    language = record.language or "en"
    words = HandoutWords(language)
    chosen = home_exercises(program, record)
    if not chosen:
        raise NoHandout(f"program {program.id} has no exercises for home (no core or postural block, no home: "
                        "section, and no spinal direction that centralized)")
    exercises = []
    for entry in chosen:
        text = entry.exercise.text(language)
        start, end = pictures(entry.exercise)
        steps = tuple(line.strip() for line in text.instructions.splitlines() if line.strip())
        exercises.append(HandoutExercise(text.name, steps, dose_words(entry.exercise, words),
                                         how_often(entry.times_a_day, words), entry.times_a_day, start, end))
    return Handout(language, clinic, long_date(today, language), tuple(exercises), record.patient_ref or None)


def long_date(day: datetime.date, language: str) -> str:
    """'7 December 2026', '7 de diciembre de 2026': the date as the patient's language writes it."""
    from babel.dates import format_date

    try:
        return format_date(day, format="long", locale=language)
    except Exception:  # a language Babel has no data for: the ISO date reads everywhere
        return day.isoformat()


def handout_bytes(record: SessionRecord, program: Program, clinic: str, pictures: Pictures,
                  today: datetime.date | None = None) -> bytes:
    """The PDF of `record`'s handout."""
    return handout_pdf(handout_of(record, program, clinic, pictures, today or datetime.date.today()))


def file_name(record: SessionRecord) -> str:
    """home-program-2026-12-07-ABC123.pdf: the day the session started, and its reference (else its id)."""
    day = (record.started_at or "")[:10] or datetime.date.today().isoformat()
    return f"home-program-{day}-{record.patient_ref or record.uid[:8]}.pdf"


def save_pdf(pdf: bytes, folder: Path, name: str) -> Path:
    """Write `pdf` into `folder` (a USB stick) under `name`, a new name if taken: under a hidden name,
    flushed to the stick, then renamed, so a stick pulled out too soon has no file that looks whole."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NoHandout(f"{folder} is not a folder (is the USB stick plugged in?)")
    path, number = folder / name, 2
    while path.exists():
        path = folder / name.replace(".pdf", f"-{number}.pdf")
        number += 1
    partial = path.with_name(f".{path.name}.partial")
    try:
        write_synced(partial, pdf)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    sync_folder(folder)
    return path
