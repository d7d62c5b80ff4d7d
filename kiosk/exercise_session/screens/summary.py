"""The therapist's summary of a session, behind a staff touch.

Precise clinical words (never shown to the patient): the outcome and what it
means, notes, each check-in's response and decision in a numbered table, a
body-map timeline of where the symptoms were, a plot of pain intensity over the
check-ins, and, when knee tests are recommended, the knee, hip and nerve tests
of the catalogue with what the therapist found (kiosk.exercise_session.screens.test_results),
and the patient reference with the previous visit beside this one (summary_patient).
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.metrics import dp, sp
from kivy.properties import StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.stacklayout import StackLayout

from kiosk.app import theme
from kiosk.clinical.checkin import CheckIn
from kiosk.clinical.ending import ending_text
from kiosk.clinical.engine import LIGHT, Light, Outcome, Response
from kiosk.clinical.findings import current
from kiosk.clinical.program import SpecialTest
from kiosk.clinical.record import CheckInRecord, SessionRecord
from kiosk.clinical.report import OUTCOME_TEXT, describe_check_in
from kiosk.clinical.so_far import so_far
from kiosk.language import clinic_name
from kiosk.records.store import parse_time

from ..widgets.body_map import BodyMap
from ..widgets.intensity_plot import IntensityPlot
from .base import SessionScreen
from .summary_patient import PatientSection
from .test_results import TestResultsSection

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

STAFF_TEXT = sp(20)
OUTCOME_COLOUR = {
    Outcome.RED_FLAG_STOP: theme.STOP,
    Outcome.STOPPED_WORSENING: theme.STOP,
    Outcome.SPINAL_SOURCE_LIKELY: theme.GO,
    Outcome.KNEE_TESTS_RECOMMENDED: theme.CAUTION,
    Outcome.NO_DISTAL_SYMPTOMS: theme.GO,
    Outcome.INCOMPLETE: theme.MUTED_INK,
}
LIGHT_WORD = {Light.GREEN: "green", Light.YELLOW: "yellow", Light.RED: "red"}
RESPONSE_VALUES = {response.value for response in Response}
OUTCOME_VALUES = {outcome.value for outcome in Outcome}


def local_time(stamp: str) -> str:
    """'25 Nov 2026 14:03' in the kiosk's local time, from a stored UTC time."""
    try:
        return parse_time(stamp).astimezone().strftime("%d %b %Y %H:%M")
    except ValueError:
        return stamp


def is_red(response: str | None) -> bool:
    return response in RESPONSE_VALUES and LIGHT[Response(response)] is Light.RED


def light_word(response: str | None) -> str:
    return LIGHT_WORD[LIGHT[Response(response)]] if response in RESPONSE_VALUES else ""


def what_was_done(step: CheckInRecord) -> str:
    if step.kind == "recheck":
        return "recheck after rest"
    return f"set {step.set_number} of {step.sets}"


def timeline(record: SessionRecord) -> list[tuple[str, str, CheckIn, bool]]:
    """(number, caption, check-in, red?) for the baseline and every answered check-in."""
    rows = []
    if record.baseline is not None:
        rows.append(("0", "Baseline", record.baseline.check_in, False))
    for number, step in enumerate(record.steps, 1):
        what = "recheck" if step.kind == "recheck" else f"set {step.set_number}/{step.sets}"
        rows.append((str(number), f"{step.exercise_name}, {what}: {step.response}", step.check_in,
                     is_red(step.response)))
    return rows


def outcome_of(record: SessionRecord) -> Outcome | None:
    return Outcome(record.outcome) if record.outcome in OUTCOME_VALUES else None


def _text(text: str, bold: bool = False, color=theme.INK, size=STAFF_TEXT, halign="left",
          markup: bool = False) -> Label:
    label = Label(text=text, bold=bold, color=color, font_size=size, halign=halign, valign="top",
                  size_hint_y=None, markup=markup)
    label.bind(width=lambda widget, width: setattr(widget, "text_size", (width, None)),
               texture_size=lambda widget, size: setattr(widget, "height", size[1] + dp(6)))
    return label


COLUMNS = (0.05, 0.31, 0.33, 0.18, 0.13)
"""Share of the table's width for #, exercise and set, symptoms, response, decision."""


def _row(cells, bold: bool = False, colours: dict | None = None) -> BoxLayout:
    """One table row; as tall as its tallest cell."""
    row = BoxLayout(orientation="horizontal", size_hint_y=None, spacing=dp(12))
    labels = []
    for index, (cell, share) in enumerate(zip(cells, COLUMNS)):
        label = _text(cell, bold=bold, color=(colours or {}).get(index, theme.INK))
        label.size_hint_x = share
        labels.append(label)
        row.add_widget(label)

    def fit(*_):
        row.height = max(label.height for label in labels)

    for label in labels:
        label.bind(height=fit)
    fit()
    return row


class SummaryScreen(SessionScreen):
    """Shows one ended session to staff."""

    __events__ = ("on_close",)
    outcome = StringProperty("")
    title = StringProperty("")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.awaiting_patient = False  # staff read it at their own pace; the staff close it

    def on_close(self) -> None:
        """Staff closed the summary."""

    def show(self, record: SessionRecord, special_tests: list[SpecialTest], staff=None) -> None:
        """Show one session: live (kiosk.clinical.report.record_of) or from the records.

        `staff` (a kiosk.exercise_session.staff_findings.StaffFindings) lets staff give a session recorded on
        this kiosk its patient reference and test results, and shows the patient's previous visit."""
        content = self.ids.content
        content.clear_widgets()
        outcome = outcome_of(record)
        self.outcome = record.outcome or ""
        self.title = f"{record.program_name}  ({record.program_id})"
        self.ids.outcome_band.background_color = OUTCOME_COLOUR.get(outcome, theme.MUTED_INK)
        self.ids.outcome_band.text = f"Outcome: {self.outcome or 'not ended'}"
        content.add_widget(_text(OUTCOME_TEXT.get(outcome, ""), size=sp(22)))
        if record.ended_at:
            self.ended_line = _text(f"How it ended: {ending_text(record.ended_by)}.", size=sp(22))
            content.add_widget(self.ended_line)
        if outcome is Outcome.INCOMPLETE:
            for line in so_far(record):
                content.add_widget(_text(line, size=sp(22)))
        facts = [f"Started {local_time(record.started_at)}" if record.started_at else "",
                 f"ended {local_time(record.ended_at)}" if record.ended_at else "",
                 f"patient reference {record.patient_ref}" if record.patient_ref else "no patient reference",
                 f"patient's language {clinic_name(record.language)}",
                 f"program file sha256 {record.program_sha256[:12]}" if record.program_sha256 else ""]
        content.add_widget(_text("; ".join(fact for fact in facts if fact) + ".", color=theme.MUTED_INK))
        session_id = staff.local_id(record) if staff is not None else None
        self.patient = PatientSection(record, staff, session_id)
        content.add_widget(self.patient)
        if record.interrupted:
            content.add_widget(_text("Note: the kiosk stopped during this session (a crash or power cut); "
                                     "every answer given before that is kept."))
        for note in record.notes:
            content.add_widget(_text(f"Note: {note}"))
        if record.red_flag and record.baseline is None:
            content.add_widget(_text(f"Red-flag screen: yes to {record.red_flag}."))
        rows = timeline(record)
        if rows:
            content.add_widget(_text("Check-ins", bold=True, size=sp(24)))
            content.add_widget(self._table(record))
            content.add_widget(_text("Where the symptoms were (solid: pain; stripes: numbness or tingling)",
                                     bold=True, size=sp(24)))
            content.add_widget(self._maps(rows))
            content.add_widget(_text("Pain intensity (NPRS 0-10) by check-in number; squares: red responses",
                                     bold=True, size=sp(24)))
            plot = IntensityPlot(size_hint_y=None, height=dp(260))
            plot.points = [(number, check_in.intensity, red) for number, _, check_in, red in rows]
            self.ids.plot = plot
            content.add_widget(plot)
        self.tests = None
        if outcome is Outcome.KNEE_TESTS_RECOMMENDED or record.test_results:
            heading = ("Recommended: knee special tests and a hip screen; record what each showed"
                       if outcome is Outcome.KNEE_TESTS_RECOMMENDED else "Special tests recorded")
            content.add_widget(_text(heading, bold=True, size=sp(24)))
            known = {test.id for test in special_tests}
            listed = special_tests if outcome is Outcome.KNEE_TESTS_RECOMMENDED else [
                t for t in special_tests if any(f.test_id == t.id for f in record.test_results)]
            self.tests = TestResultsSection(record, listed, staff, session_id)
            content.add_widget(self.tests)
            for finding in current(record.test_results):
                if finding.test_id not in known:  # a test the catalogue no longer has: still shown
                    content.add_widget(_text(f"Recorded: {finding.words()}."))
        self.ids.scroll.scroll_y = 1

    def _table(self, record: SessionRecord) -> BoxLayout:
        table = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(4))
        table.bind(minimum_height=table.setter("height"))
        table.add_widget(_row(("#", "Exercise and set", "Symptoms", "Response", "Decision"), bold=True))
        if record.baseline is not None:
            table.add_widget(_row(("0", "Baseline", describe_check_in(record.baseline.check_in), "-", "-")))
        for number, step in enumerate(record.steps, 1):
            early = set_ending(step)
            table.add_widget(_row((str(number), f"{step.exercise_name} ({step.role}), {what_was_done(step)}{early}",
                                   describe_check_in(step.check_in), f"{step.response} ({light_word(step.response)})",
                                   step.decision or ""),
                                  colours={3: theme.STOP} if is_red(step.response) else None))
        self.ids.table = table
        return table

    def _maps(self, rows) -> StackLayout:
        strip = StackLayout(orientation="lr-tb", size_hint_y=None, spacing=dp(12))
        strip.bind(minimum_height=strip.setter("height"))
        self.ids.maps = strip
        for number, caption, check_in, _red in rows:
            cell = BoxLayout(orientation="vertical", size_hint=(None, None), size=(dp(200), dp(280)))
            small = BodyMap(interactive=False, labelled=False)
            small.set_marks(check_in.pain, check_in.numbness)
            cell.add_widget(small)
            cell.add_widget(_text(f"{number}. {caption}; NPRS {check_in.intensity}", size=sp(15),
                                  halign="center"))
            strip.add_widget(cell)
        return strip


def set_ending(step) -> str:
    """How a set ended, when not as planned: " (stopped after 40 of 180 s: pain worse)"."""
    reasons = [step.time_done] if step.ended_early else []
    if step.stopped_early:
        reasons.append("stopped early: pain worse" if not reasons else "pain worse")
    return f" ({': '.join(reasons)})" if reasons else ""
