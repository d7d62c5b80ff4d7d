"""What the staff screen's program editor calls to save or undo a clinic program. No Kivy.

Each save or undo goes through `kiosk.content.program_files` (checked by the
loader, written atomically into the data folder's programs/) and is then
recorded in the records (`kiosk.records.program_changes`) with the sha256 of the
file before and after. A session already running keeps the program it started
with; the library is read again for the next one (`reload`).
"""

from __future__ import annotations

from pathlib import Path

from kiosk.clinical.program import Program
from kiosk.content.library_paths import load_with_clinic
from kiosk.content.loader import Library
from kiosk.content.program_files import ProgramChange, previous_path, program_path, save_program, undo_last_change
from kiosk.records.program_changes import ProgramChangeRecord, program_changes, record_program_change
from kiosk.records.programs_folder import make_programs_dir, programs_dir
from kiosk.records.store import Records


def save(records: Records | None, program: Program, library: Library, data_dir: Path | None = None,
         exercises: Path | None = None) -> ProgramChange:
    """Save `program` into the clinic's folder and record the change (raises ProgramRefused, saving nothing)."""
    change = save_program(program, library, make_programs_dir(data_dir), exercises)
    _record(records, change)
    return change


def undo(records: Records | None, program_id: str, data_dir: Path | None = None,
         exercises: Path | None = None) -> ProgramChange:
    """Undo the last change of a clinic program and record it (raises ProgramRefused when it can't)."""
    change = undo_last_change(make_programs_dir(data_dir), program_id, exercises)
    _record(records, change)
    return change


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


def _record(records: Records | None, change: ProgramChange) -> None:
    if records is not None:  # a kiosk without records (they failed to open) still edits; nothing to keep
        record_program_change(records, change.action, change.program_id, change.sha256_before, change.sha256_after)
