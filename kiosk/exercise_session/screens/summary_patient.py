"""The summary's patient part: the reference (typed by touch), and today beside the previous visit.

The reference is the clinic's own patient number, never a name, and only ever on
staff screens. **Add a patient reference** (or **Change the reference**) opens the
typing dialog; the clinic's format is checked on Save and a change keeps the earlier
reference in the record's history. With a reference, the previous visit of the same
patient (from every kiosk when the clinic server answers) is shown beside this one:
outcome, baseline distal extent by side, best response and test results.
"""

from __future__ import annotations

from kivy.factory import Factory
from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout

from kiosk.app import staff, theme  # noqa: F401  (staff: its kv rules StaffText and StaffButton)
from kiosk.clinical.record import SessionRecord
from kiosk.clinical.visits import baseline_extent, best_response, previous_visit, test_words
from kiosk.records.clock import parse_time

from ..typing_dialog import TypingDialog


def _text(text: str, **kwargs):
    return Factory.StaffText(text=text, **kwargs)


def _date(stamp: str) -> str:
    try:
        return parse_time(stamp).astimezone().strftime("%d %b %Y %H:%M")
    except ValueError:
        return stamp


class PatientSection(BoxLayout):
    """The reference line with its button, and the comparison with the previous visit."""

    def __init__(self, record: SessionRecord, staff=None, session_id: int | None = None, **kwargs) -> None:
        super().__init__(orientation="vertical", size_hint_y=None, spacing=dp(8), **kwargs)
        self.bind(minimum_height=self.setter("height"))
        self.record, self.staff, self.session_id = record, staff, session_id
        self.line = BoxLayout(orientation="horizontal", size_hint_y=None, height=dp(64), spacing=dp(12))
        self.reference = _text("", size_hint_x=0.6)
        self.line.add_widget(self.reference)
        self.change = None
        if staff is not None and session_id is not None:
            self.change = Factory.StaffButton(size_hint_x=0.4)
            self.change.bind(on_release=lambda *_: self.open_reference())
            self.line.add_widget(self.change)
        self.add_widget(self.line)
        self.comparison = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(4))
        self.comparison.bind(minimum_height=self.comparison.setter("height"))
        self.add_widget(self.comparison)
        self.refresh()

    def refresh(self) -> None:
        reference = self.record.patient_ref
        self.reference.text = (f"Patient reference: {reference}" if reference else
                               "No patient reference: add the clinic's patient number to follow this patient's "
                               "visits.")
        if self.change is not None:
            self.change.text = "Change the reference" if reference else "Add a patient reference"
        self.comparison.clear_widgets()
        visits = self.staff.visits(reference) if self.staff is not None and reference else []
        previous = previous_visit(self.record, visits)
        if reference and previous is None:
            self.comparison.add_widget(_text("No earlier visit of this patient is recorded.", color=theme.MUTED_INK))
        elif previous is not None:
            self._compare(previous)

    def _compare(self, previous: SessionRecord) -> None:
        where = f", {previous.kiosk_name}" if previous.kiosk_name else ""
        self.comparison.add_widget(_row(("", "This session", f"Previous visit, {_date(previous.started_at)}{where}"),
                                        bold=True))
        for what, of in (("Outcome", lambda r: (r.outcome or "running").replace("_", " ")),
                         ("Baseline distal extent", baseline_extent), ("Best response", best_response),
                         ("Test results", test_words)):
            self.comparison.add_widget(_row((what, of(self.record), of(previous))))
        self.previous = previous

    def open_reference(self) -> TypingDialog:
        def saved(text: str) -> str | None:
            problem = self.staff.save_reference(self.session_id, text)
            if problem is None:
                self.record = self.staff.session(self.session_id)
                self.refresh()
            return problem

        self.dialog = TypingDialog(saved, title="Patient reference (staff only)",
                                   explanation="The clinic's own patient number, never a name. Leave it empty "
                                   "and Save to take it off; the earlier reference stays in the record.",
                                   text=self.record.patient_ref or "", hint="patient number", kind="digits")
        return self.dialog.show()


def _row(cells, bold: bool = False) -> BoxLayout:
    row = BoxLayout(orientation="horizontal", size_hint_y=None, spacing=dp(12))
    labels = [_text(cell, bold=bold or index == 0, size_hint_x=share)
              for index, (cell, share) in enumerate(zip(cells, (0.22, 0.39, 0.39)))]
    for label in labels:
        row.add_widget(label)
        label.bind(height=lambda *_: setattr(row, "height", max(lab.height for lab in labels)))
    row.height = max(label.height for label in labels)
    return row
