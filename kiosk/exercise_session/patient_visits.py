"""The staff screen's "A patient's visits": every session of one patient reference, oldest first.

Staff touch **Find a patient's visits**, type the reference on the on-screen keyboard,
and see each visit (from every kiosk when the clinic server answers): date, kiosk,
program, baseline distal extent by side, best response and where, outcome, test
results, with **Summary** to open it. The same list as `kiosk history --patient REF`.
"""

from __future__ import annotations

from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout

from kiosk.app import theme
from kiosk.clinical.visits import baseline_extent, best_response, test_words

from .screens.summary import local_time
from .staff_findings import StaffFindings
from .typing_dialog import TypingDialog


class PatientVisits(BoxLayout):
    """The section: its button, then the visits found."""

    def __init__(self, panel, **kwargs) -> None:
        super().__init__(orientation="vertical", size_hint_y=None, spacing=dp(8), **kwargs)
        self.bind(minimum_height=self.setter("height"))
        self.panel = panel
        self.staff = StaffFindings.of_shell(panel.plugin.shell)
        self.add_widget(Factory.StaffText(text="A patient's visits", bold=True, font_size=sp(26)))
        self.find = Factory.StaffButton(text="Find a patient's visits")
        self.find.bind(on_release=lambda *_: self.ask())
        self.add_widget(self.find)
        self.found = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(8))
        self.found.bind(minimum_height=self.found.setter("height"))
        self.add_widget(self.found)
        self.summaries: dict[str, object] = {}  # session uid -> its Summary button

    def ask(self) -> TypingDialog:
        def show(text: str) -> str | None:
            if not text:
                return "Type the patient's reference."
            self.show(text)
            return None

        self.dialog = TypingDialog(show, title="Whose visits? (staff only)", hint="patient number", kind="digits",
                                   explanation="The clinic's patient number, as attached to the sessions.")
        return self.dialog.show()

    def show(self, reference: str) -> None:
        self.found.clear_widgets()
        self.summaries.clear()
        visits = self.staff.visits(reference)
        if not visits:
            self.found.add_widget(Factory.StaffText(text=f"No session has the patient reference {reference}.",
                                                    color=theme.MUTED_INK))
        for number, visit in enumerate(visits, 1):
            self.found.add_widget(self._visit(number, visit))

    def _visit(self, number: int, visit) -> BoxLayout:
        row = BoxLayout(orientation="horizontal", size_hint_y=None, spacing=dp(8))
        where = f", {visit.kiosk_name}" if visit.kiosk_name else ""
        words = (f"{number}. {local_time(visit.started_at)}{where}: {visit.program_name}. Outcome "
                 f"{(visit.outcome or 'running').replace('_', ' ')}. Baseline {baseline_extent(visit)}. Best response "
                 f"{best_response(visit)}. Tests: {test_words(visit)}.")
        text = Factory.StaffText(text=words, font_size=sp(20), size_hint_x=0.82)
        show = Factory.StaffButton(text="Summary", size_hint_x=0.18)
        show.bind(on_release=lambda *_: self.panel.show_summary(visit))
        self.summaries[visit.uid] = show
        row.add_widget(text)
        row.add_widget(show)
        text.bind(height=lambda *_: setattr(row, "height", max(text.height, dp(64))))
        row.height = max(text.height, dp(64))
        return row
