"""The staff screen's "Export the records": a row per removable drive plugged in, and the kiosk's own folder.

Each row has Write CSV here and Write FHIR here (kiosk.records.export writes the
file under a temporary name, syncs and renames it). What was written, or why not,
is said in the section's status line (`panel.export_message`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout

from kiosk.app import theme
from kiosk.records.export import ExportError, export_to_folder

from .export_targets import NO_DRIVE, export_folders, removable_drives

log = logging.getLogger("kiosk.exercise_session")


def add_export(panel, box):
    """Add the export's heading and rows to `box`; returns the label of its message (None: no records), for the
    section's status line."""
    box.add_widget(Factory.StaffText(text="Export the records", bold=True, font_size=sp(26)))
    if panel.records is None:
        box.add_widget(Factory.StaffText(text="Records are not being kept on this kiosk."))
        return None
    box.add_widget(Factory.StaffText(text="Plug in a USB stick, then touch where to write. CSV opens in a "
                                     "spreadsheet; FHIR R4 (NDJSON) is for a clinical record system."))
    if not removable_drives():
        panel.widgets["export:no_drive"] = Factory.StaffText(text=NO_DRIVE, color=theme.CAUTION)
        box.add_widget(panel.widgets["export:no_drive"])
    for folder in export_folders(panel.records.path.parent):
        row = BoxLayout(orientation="horizontal", size_hint_y=None, height=dp(56), spacing=dp(8))
        row.add_widget(Factory.StaffText(text=str(folder), size_hint_x=0.5))
        for fmt, label in (("csv", "Write CSV here"), ("fhir", "Write FHIR here")):
            button = Factory.StaffButton(text=label, size_hint_x=0.25)
            button.bind(on_release=lambda *_, f=folder, k=fmt: export(panel, f, k))
            panel.widgets[f"export:{fmt}:{folder}"] = button
            row.add_widget(button)
        box.add_widget(row)
    panel.export_message = Factory.StaffMessage(text="", color=theme.MUTED_INK)
    return panel.export_message


def export(panel, folder: Path, fmt: str) -> Path | None:
    """Write the records to `folder` as CSV or FHIR; the file written, or None (the message says why)."""
    try:
        path = export_to_folder(panel.records, folder, fmt)
    except (ExportError, OSError) as error:
        panel.export_message.text = f"Not exported: {error}"
        panel.export_message.color = theme.STOP
        log.error("export to %s failed: %s", folder, error)
        return None
    panel.export_message.text = f"Written: {path}"
    panel.export_message.color = theme.GO
    return path
