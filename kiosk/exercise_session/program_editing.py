"""What the staff screen's program editor calls to save or undo a clinic program. No Kivy.

Each save or undo goes through `kiosk.content.program_files` (checked by the
loader, written atomically into the data folder's programs/) and is then
recorded in the records (`kiosk.records.program_changes`) with the sha256 of the
file before and after, and what changed in the staff screen's words
(`program_change_words`; an undo: the version it went back to). A session already running keeps the program it started
with; the library is read again for the next one (`reload`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kiosk.clinical.program import Program
from kiosk.content.library_paths import load_with_clinic
from kiosk.content.loader import Library
from kiosk.content.program_files import ProgramChange, previous_path, program_path, save_program, undo_last_change
from kiosk.records.program_changes import ProgramChangeRecord, program_changes, record_program_change
from kiosk.records.programs_folder import make_programs_dir, programs_dir
from kiosk.records.clock import parse_time
from kiosk.records.store import Records

from .program_change_words import change_summary


def save(records: Records | None, program: Program, library: Library, data_dir: Path | None = None,
         exercises: Path | None = None) -> ProgramChange:
    """Save `program` into the clinic's folder and record the change (raises ProgramRefused, saving nothing)."""
    before = library.programs.get(program.id)
    change = save_program(program, library, make_programs_dir(data_dir), exercises)
    _record(records, change, change_summary(before if change.sha256_before else None, program))
    return change


def undo(records: Records | None, program_id: str, data_dir: Path | None = None,
         exercises: Path | None = None) -> ProgramChange:
    """Undo the last change of a clinic program and record it (raises ProgramRefused when it can't)."""
    words = undo_words(records, program_id, data_dir)
    change = undo_last_change(make_programs_dir(data_dir), program_id, exercises)
    _record(records, change, words)
    return change


def undo_words(records: Records | None, program_id: str, data_dir: Path | None = None) -> str:
    """What undoing the last change does, in words: "Undone to the version of 07 Dec 2026 15:02" (when
    that version was saved), "Brought back: ..." for a program an undo removed, or "Undone: removed ..."."""
    folder = programs_dir(data_dir)
    previous = previous_path(folder, program_id)
    kept = previous.read_bytes() if previous.is_file() else b""
    if not kept:
        return "Undone: removed (it was saved only once); undo again brings it back"
    sha256 = hashlib.sha256(kept).hexdigest()
    saved = [change for change in (program_changes(records, program_id) if records is not None else [])
             if change.sha256_after == sha256]
    version = f"the version of {_local(saved[0].changed_at)}" if saved else "the version before"
    return f"Brought back: {version}" if not undo_possible(program_id, data_dir) else f"Undone to {version}"


def undo_removes(program_id: str, data_dir: Path | None = None) -> bool:
    """Whether undoing the last change removes the program: it was saved only once (no earlier version)."""
    folder = programs_dir(data_dir)
    previous = previous_path(folder, program_id)
    return program_path(folder, program_id).is_file() and previous.is_file() and previous.stat().st_size == 0


def undo_possible(program_id: str, data_dir: Path | None = None) -> bool:
    """Whether the program's file is there (False: an undo removed it, and a second undo brings it back)."""
    return program_path(programs_dir(data_dir), program_id).is_file()


def history(records: Records, program_id: str | None = None, limit: int = 20) -> list[ProgramChangeRecord]:
    """The latest saves and undos, newest first, for the staff screen."""
    return program_changes(records, program_id, limit)


def reload(data_dir: Path | None = None, exercises: Path | None = None) -> Library:
    """The library as the next session will see it: the exercise folder and the clinic's programs."""
    return load_with_clinic(exercises, programs_dir(data_dir))


def _local(stamp: str) -> str:
    """A stored UTC time as the staff screen shows times: '25 Nov 2026 14:03', the kiosk's local time."""
    return parse_time(stamp).astimezone().strftime("%d %b %Y %H:%M")


def _record(records: Records | None, change: ProgramChange, summary: str) -> None:
    if records is not None:  # a kiosk without records (they failed to open) still edits; nothing to keep
        record_program_change(records, change.action, change.program_id, change.sha256_before, change.sha256_after,
                              summary=summary)
