"""The exercise session's part of the staff screen (behind the PIN), in the screen's sections.

Programs: which programs this kiosk offers, and the program editor's list. This
session: what runs now. Sessions: the recent sessions (each one's full summary,
and a patient reference code typed on the on-screen keyboard), a patient's visits,
the clinic's sessions. Speech and sound. Export and print: export to a folder such
as a USB stick, and the handouts' printer. Kiosk: the problems `kiosk validate`
finds in the exercise folder. Each section's confirmations go to its status line.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.modalview import ModalView
from kivy.uix.textinput import TextInput

from kiosk.app import theme
from kiosk.app.staff_sections import KIOSK, THIS_SESSION, Section
from kiosk.language import own_name
from kiosk.records.store import InvalidReference, Records

from .clinic_panel import add_clinic_sessions
from .editor.programs_section import ProgramsSection
from .export_section import add_export
from .export_targets import export_folders
from .handout_section import HandoutSection, home_program_row
from .patient_visits import PatientVisits
from .screens.summary import SummaryScreen, local_time
from .session_now import session_part
from .speech_staff import add_speech_section
from .staff_findings import StaffFindings

log = logging.getLogger("kiosk.exercise_session")

from .offered import ACTIVE_PROGRAMS, active_programs, offerable  # noqa: E402  (kept apart: the start needs only these)

RECENT = 20
PROGRAMS, SESSIONS, SPEECH, EXPORT = "Programs", "Sessions", "Speech and sound", "Export and print"


def _text(text: str, **kwargs):
    label = Factory.StaffText(text=text, **kwargs)
    return label


def _heading(text: str):
    return _text(text, bold=True, font_size=sp(26))


def message_line():
    """A line of a section's status line, fixed under the staff screen's tabs (empty: no room taken)."""
    return Factory.StaffMessage(text="", color=theme.MUTED_INK)


def _column() -> BoxLayout:
    column = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(10))
    column.bind(minimum_height=column.setter("height"))
    return column


class ExerciseStaffPanel:
    """Built each time the staff screen opens; `sections()` gives its parts to the screen's tabs."""

    def __init__(self, plugin) -> None:
        self.plugin = plugin
        self.records: Records | None = plugin.shell.records
        self.widgets: dict[str, object] = {}
        self.messages: dict[str, list] = {}
        self.programs = self._part(PROGRAMS, self._programs)
        self.program_editing = ProgramsSection(self)
        self.programs.add_widget(self.program_editing)
        self.messages[PROGRAMS].append(self.program_editing.message)
        self.session_now = self._part(THIS_SESSION, lambda box: box.add_widget(session_part(plugin.controller)))
        self.sessions = self._part(SESSIONS, self._sessions)
        self.patient_visits = PatientVisits(self)
        self.sessions.add_widget(self.patient_visits)
        add_clinic_sessions(self, self.sessions, _text, _heading)
        self.speech = self._part(SPEECH, lambda box: add_speech_section(self, box))
        self.export_part = self._part(EXPORT, self._export_and_print)
        self.files = self._part(KIOSK, self._problems)

    def _part(self, title: str, build) -> BoxLayout:
        column = _column()
        self.messages[title] = []
        build(column)
        return column

    def _export_and_print(self, box) -> None:
        said = add_export(self, box)
        if said is not None:
            self.messages[EXPORT].append(said)
        if self.records is not None:  # the printer and clinic name are settings in the records
            self.handout_section = HandoutSection(self.plugin.handouts)
            box.add_widget(self.handout_section)
            self.messages[EXPORT].append(self.handout_section.message)

    def sections(self) -> list[Section]:
        """The parts for the staff screen's sections, in the order of its tabs."""
        parts = [(PROGRAMS, self.programs), (THIS_SESSION, self.session_now), (SESSIONS, self.sessions),
                 (SPEECH, self.speech), (EXPORT, self.export_part), (KIOSK, self.files)]
        return [Section(title, part, tuple(self.messages[title])) for title, part in parts if part.children]

    # Programs -------------------------------------------------------------------------

    def _programs(self, box) -> None:
        library = self.plugin.library
        box.add_widget(_heading("Programs offered on this kiosk"))
        active = set(active_programs(self.records, offerable(library.programs)))
        for program_id, program in library.programs.items():
            if not program.offered:
                box.add_widget(_text(f"Draft, not offered: {program.name}  ({program_id}). Open it in the "
                                     "editor below to check it and offer it to patients.", color=theme.MUTED_INK))
                continue
            toggle = Factory.ToggleButton(size_hint_y=None, height=dp(56), font_size=sp(22),
                                          state="down" if program_id in active else "normal")
            toggle.bind(state=lambda button, state, p=program: self._label_toggle(button, p))
            self._label_toggle(toggle, program)
            toggle.bind(on_release=lambda button, pid=program_id: self.toggle_program(pid, button))
            self.widgets[f"program:{program_id}"] = toggle
            box.add_widget(toggle)
        if not library.programs:
            box.add_widget(_text("No valid program in the exercise folder: see its problems under Kiosk."))
        self.program_message = message_line()
        self.messages[PROGRAMS].append(self.program_message)

    @staticmethod
    def _label_toggle(button, program) -> None:
        offered = button.state == "down"
        button.text = f"{'Offered' if offered else 'Not offered'}: {program.name}  ({program.id})"
        button.background_normal = ""
        button.background_down = ""
        button.background_color = theme.GO if offered else theme.MUTED_INK

    def offer_new_program(self, program_id: str) -> None:
        """A draft staff offer to patients joins the saved choice of programs offered, if staff made one:
        a therapist offers a program to use it (the toggle above turns it off on this kiosk)."""
        saved = self.records.setting(ACTIVE_PROGRAMS) if self.records is not None else None
        if saved and program_id not in json.loads(saved):
            self.records.set_setting(ACTIVE_PROGRAMS, json.dumps([*json.loads(saved), program_id]))

    def toggle_program(self, program_id: str, button) -> None:
        known = offerable(self.plugin.library.programs)
        active = active_programs(self.records, known)
        chosen = [p for p in known if (p in active) != (p == program_id)]
        if not chosen:
            button.state = "down"
            self.program_message.text = "At least one program must stay offered."
            return
        if self.records is not None:
            self.records.set_setting(ACTIVE_PROGRAMS, json.dumps(chosen))
        self.plugin.set_programs(chosen)
        self.program_message.text = f"Offered: {', '.join(chosen)}. Patients see the change at the next start."

    # Problems -------------------------------------------------------------------------

    def _problems(self, box) -> None:
        library = self.plugin.library
        folder = self.plugin.exercises_folder
        box.add_widget(_heading("Exercise files"))
        errors = len(library.errors)
        warnings = len(library.problems) - errors
        summary = (f"{folder}: {len(library.files)} files, {len(library.exercises)} exercises, "
                   f"{len(library.programs)} programs; {errors} errors, {warnings} warnings.")
        box.add_widget(_text(summary))
        for problem in library.problems:
            box.add_widget(_text(str(problem), font_size=sp(18), color=theme.STOP if problem in library.errors
                                  else theme.CAUTION))

    # Sessions -------------------------------------------------------------------------

    def _sessions(self, box) -> None:
        box.add_widget(_heading(f"Recent sessions (newest first, up to {RECENT})"))
        if self.records is None:
            box.add_widget(_text("Records are not being kept on this kiosk."))
            return
        recent = self.records.recent(RECENT)
        if not recent:
            box.add_widget(_text("No sessions recorded yet."))
        for record in recent:
            box.add_widget(self._session_row(record))
        self.reference_message = message_line()
        self.messages[SESSIONS].append(self.reference_message)

    def _session_row(self, record) -> BoxLayout:
        row = BoxLayout(orientation="horizontal", size_hint_y=None, height=dp(56), spacing=dp(8))
        row.add_widget(_text(self.session_line(record), size_hint_x=0.55))
        reference = TextInput(text=record.patient_ref or "", hint_text="reference code", multiline=False,
                              font_size=sp(20), size_hint_x=0.2, write_tab=False)
        save = Factory.StaffButton(text="Save", size_hint_x=0.1)
        save.bind(on_release=lambda *_: self.save_reference(record.id, reference))
        reference.bind(on_text_validate=lambda *_: self.save_reference(record.id, reference))
        self.keyboard().watch(reference, kind="digits")
        show = Factory.StaffButton(text="Summary", size_hint_x=0.15)
        show.bind(on_release=lambda *_: self.open_summary(record.id))
        self.widgets[f"reference:{record.id}"] = reference
        self.widgets[f"save:{record.id}"] = save
        self.widgets[f"summary:{record.id}"] = show
        for widget in (reference, save, show):
            row.add_widget(widget)
        return row

    def session_line(self, record) -> str:
        """A recent session in the staff screen's words: "07 Dec 2026 15:02  Knee pain from the back  spinal
        source likely  English" (the program by its name while it is in the library, else by its id)."""
        program = self.plugin.library.programs.get(record.program_id)
        outcome = record.outcome.replace("_", " ") if record.outcome else "running"
        return f"{local_time(record.started_at)}  {program.name if program else record.program_id}  {outcome}  " \
               f"{own_name(record.language)}"

    def keyboard(self):
        """The staff screen's on-screen keyboard (kiosk.app.keyboard)."""
        return self.plugin.shell.manager.get_screen("staff").keyboard

    def save_reference(self, session_id: int, field: TextInput) -> str | None:
        """Attach what `field` holds; returns why not (also shown under the sessions), or None when saved."""
        try:
            self.records.set_reference(session_id, field.text)
        except InvalidReference as error:
            self.reference_message.text = str(error)
            self.reference_message.color = theme.STOP
            return str(error)
        self.reference_message.text = f"Reference saved for session {session_id}."
        self.reference_message.color = theme.MUTED_INK
        return None

    def open_summary(self, session_id: int) -> ModalView:
        return self.show_summary(self.records.session(session_id))

    @staticmethod
    def button(**kwargs):
        return Factory.StaffButton(**kwargs)

    def show_summary(self, record) -> ModalView:
        session_id = record.id
        view = ModalView(size_hint=(1, 1), auto_dismiss=False, background_color=(0, 0, 0, 0))
        summary = SummaryScreen(name=f"record-{session_id}")
        summary.show(record, list(self.plugin.library.special_tests.values()), StaffFindings.of_shell(self.plugin.shell))
        if self.records is not None:
            summary.ids.content.add_widget(home_program_row(self.plugin.handouts, record,
                                                            export_folders(self.records.path.parent)))
        summary.bind(on_close=lambda *_: view.dismiss(animation=False))
        view.add_widget(summary)
        view.open(animation=False)
        self.summary_view = view
        return view
