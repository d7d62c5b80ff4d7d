"""The kiosk's handouts: a session's home program made, printed through CUPS, or saved to a USB stick.

One `Handouts` per kiosk run (the plugin's), shared by the end screen, the
summary and the staff screen. The printer staff chose and the clinic's name for
the page are settings in the records. `print_session` draws the pictures still
missing (Kivy thread, a few milliseconds each, once per exercise) and hands the
rest, making the PDF and `lp`, to the print queue's own thread: the touch
returns at once, whatever the printer is doing. It is made while the plugin
starts, so what only a handout needs (fpdf2, the pictures, the record types) is
read the first time one is made, never before the attract screen.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from kiosk.clinical.engine import Outcome
from kiosk.handout.printing import PrintJob, PrintQueue

if TYPE_CHECKING:
    from kiosk.clinical.record import SessionRecord
    from kiosk.content.library import Library

    from .handout_pictures import HandoutPictures

log = logging.getLogger("kiosk.handout")

PRINTER = "handout.printer"
"""Setting: the CUPS printer staff chose for handouts (unset: no printing, the end screen offers none)."""
CLINIC = "handout.clinic"
"""Setting: the clinic's name, printed at the top of every handout."""
PATIENT_OUTCOMES = (Outcome.SPINAL_SOURCE_LIKELY, Outcome.NO_DISTAL_SYMPTOMS)
"""After these the end screen offers the patient their handout; staff can print one after any outcome."""


class Handouts:
    """Makes, prints and saves the handouts of sessions."""

    def __init__(self, library: Callable[[], Library], assets: Path, data_dir: Path, records) -> None:
        self._library = library
        self.records = records
        self.data_dir = data_dir
        self._assets = assets
        self._pictures: HandoutPictures | None = None
        self.queue = PrintQueue()

    @property
    def pictures(self) -> HandoutPictures:
        """The exercises' pictures for handouts (made the first time a handout is)."""
        if self._pictures is None:
            from .handout_pictures import HandoutPictures

            self._pictures = HandoutPictures(self.data_dir, lambda exercise, relative: self._library().media_file(
                exercise.id, relative, self._assets))
        return self._pictures

    @property
    def printer(self) -> str | None:
        return self.records.setting(PRINTER) if self.records is not None else None

    @property
    def clinic(self) -> str:
        return (self.records.setting(CLINIC) if self.records is not None else None) or ""

    def maker(self, record: SessionRecord, clinic: str | None = None) -> Callable[[], bytes]:
        """Draw what the handout of `record` needs drawn (Kivy thread); the function returned makes the PDF
        on any thread. `clinic`: the name on the page (None: the one set on the staff screen). Raises
        NoHandout when the session's program is gone or has nothing for home."""
        from kiosk.handout.choice import home_exercises
        from kiosk.handout.make import NoHandout, handout_bytes
        program = self._library().programs.get(record.program_id)
        if program is None:
            raise NoHandout(f"program {record.program_id} is no longer in the exercise folder")
        chosen = home_exercises(program, record)
        self.pictures.figures([entry.exercise for entry in chosen])
        clinic = self.clinic if clinic is None else clinic
        return lambda: handout_bytes(record, program, clinic, self.pictures.pictures)

    def print_session(self, record: SessionRecord, label: str) -> PrintJob:
        """Send the handout of `record` to the chosen printer, in the background."""
        from kiosk.handout.make import NoHandout, file_name
        printer = self.printer
        if not printer:
            raise NoHandout("no printer chosen on the staff screen")
        job = self.queue.submit(self.maker(record), printer, file_name(record)[:-4], label)
        log.info("handout of session %s handed to the print queue for %s", record.id, printer)
        return job

    def save_session(self, record: SessionRecord, folder: Path) -> Path:
        """Write the handout of `record` into `folder` (a USB stick); returns the file."""
        from kiosk.handout.make import file_name, save_pdf
        return save_pdf(self.maker(record)(), folder, file_name(record))
