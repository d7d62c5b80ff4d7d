"""The clinic's recent sessions on the staff screen of a kiosk connected to the clinic server.

Lists the latest sessions of every kiosk (with each kiosk's name) and opens any one's
summary, read from the server. Shown only when the kiosk copies its records to a server
(`kiosk run --database`); when the server does not answer, one line says so and the rest
of the staff screen works as before. Read only: a reference code is attached on the kiosk
that ran the session.
"""

from __future__ import annotations

import logging

from kivy.factory import Factory
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout

from kiosk.app import theme

from .screens.summary import local_time

log = logging.getLogger("kiosk.exercise_session")

RECENT = 20


def add_clinic_sessions(panel, box, text, heading) -> None:
    """Add the clinic's recent sessions to `box`, the Sessions part of `panel` (an ExerciseStaffPanel), if the
    kiosk has a server; a summary that cannot be read says so in the section's status line."""
    shell = panel.plugin.shell
    url = shell.options.database
    if not url:
        return
    from kiosk.records.clinic import ClinicRecords  # psycopg only where there is a server
    from kiosk.records.server import ServerError

    box.add_widget(heading(f"Recent sessions at the clinic, every kiosk (newest first, up to {RECENT})"))
    copier = shell.copier
    if copier is not None and copier.status.problem:  # don't wait on a server known to be away
        box.add_widget(text(f"The clinic server is not answering: {copier.status.problem}", color=theme.CAUTION))
        return
    try:
        clinic = ClinicRecords(url)
        try:
            recent = clinic.recent(RECENT)
        finally:
            clinic.close()
    except ServerError as error:
        box.add_widget(text(str(error), color=theme.CAUTION))
        return
    if not recent:
        box.add_widget(text("No session has reached the clinic server yet."))
    panel.clinic_message = Factory.StaffMessage(text="", color=theme.CAUTION)
    panel.messages["Sessions"].append(panel.clinic_message)
    for record in recent:
        row = BoxLayout(orientation="horizontal", size_hint_y=None, height=dp(56), spacing=dp(8))
        row.add_widget(text(f"{local_time(record.started_at)}  {record.kiosk_name}  {record.program_id}  "
                            f"{record.outcome or 'running'}  {record.language}", size_hint_x=0.85))
        show = panel.button(text="Summary", size_hint_x=0.15)
        show.bind(on_release=lambda *_, session_id=record.id: open_clinic_summary(panel, url, session_id))
        panel.widgets[f"clinic:{record.id}"] = show
        row.add_widget(show)
        box.add_widget(row)


def open_clinic_summary(panel, url: str, session_id: int):
    """Read one session of any kiosk from the server and show its summary."""
    from kiosk.records.clinic import ClinicRecords
    from kiosk.records.server import ServerError

    try:
        clinic = ClinicRecords(url)
        try:
            record = clinic.session(session_id)
        finally:
            clinic.close()
    except ServerError as error:
        log.warning("%s", error)
        panel.clinic_message.text = str(error)
        return None
    return panel.show_summary(record)
