"""The therapist's summary of a session, behind a staff touch.

Precise clinical words (never shown to the patient): the outcome and what it
means, notes, each check-in's response and decision in a numbered table, a
body-map timeline of where the symptoms were, a plot of pain intensity over the
check-ins, and, when knee tests are recommended, the knee, hip and nerve tests
of the catalogue.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.metrics import dp, sp
from kivy.properties import StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.stacklayout import StackLayout
from kivy.utils import escape_markup

from kiosk.app import theme
from kiosk.core.checkin import CheckIn
from kiosk.core.engine import LIGHT, Light, Outcome
from kiosk.core.program import SpecialTest, TestGroup
from kiosk.core.report import OUTCOME_TEXT, describe_check_in, notes
from kiosk.core.session import Session

from ..widgets.body_map import BodyMap
from ..widgets.intensity_plot import IntensityPlot
from .base import SessionScreen

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
GROUP_TITLE = {TestGroup.KNEE: "Knee", TestGroup.HIP: "Hip screen", TestGroup.NERVE: "Nerve tension"}


def timeline(session: Session) -> list[tuple[str, str, CheckIn, bool]]:
    """(number, caption, check-in, red?) for the baseline and every answered check-in."""
    rows = []
    if session.baseline is not None:
        rows.append(("0", "Baseline", session.baseline, False))
    for number, step in enumerate(session.steps, 1):
        planned = step.planned
        what = "recheck" if step.kind == "recheck" else f"set {planned.set_number}/{planned.sets}"
        rows.append((str(number), f"{planned.exercise.name}, {what}: {step.response.value}", step.check_in,
                     LIGHT[step.response] is Light.RED))
    return rows


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

    def show(self, session: Session, special_tests: list[SpecialTest]) -> None:
        content = self.ids.content
        content.clear_widgets()
        outcome = session.outcome
        self.outcome = outcome.value if outcome else ""
        self.title = f"{session.program.name}  ({session.program.id})"
        self.ids.outcome_band.background_color = OUTCOME_COLOUR.get(outcome, theme.MUTED_INK)
        self.ids.outcome_band.text = f"Outcome: {self.outcome}"
        content.add_widget(_text(OUTCOME_TEXT.get(outcome, ""), size=sp(22)))
        for note in notes(session):
            content.add_widget(_text(f"Note: {note}"))
        if session.red_flag and session.baseline is None:
            content.add_widget(_text(f"Red-flag screen: yes to {session.red_flag}."))
        rows = timeline(session)
        if rows:
            content.add_widget(_text("Check-ins", bold=True, size=sp(24)))
            content.add_widget(self._table(session))
            content.add_widget(_text("Where the symptoms were (solid: pain; stripes: numbness or tingling)",
                                     bold=True, size=sp(24)))
            content.add_widget(self._maps(rows))
            content.add_widget(_text("Pain intensity (NPRS 0-10) by check-in number; squares: red responses",
                                     bold=True, size=sp(24)))
            plot = IntensityPlot(size_hint_y=None, height=dp(260))
            plot.points = [(number, check_in.intensity, red) for number, _, check_in, red in rows]
            self.ids.plot = plot
            content.add_widget(plot)
        if outcome is Outcome.KNEE_TESTS_RECOMMENDED:
            content.add_widget(_text("Recommended: knee special tests and a hip screen", bold=True, size=sp(24)))
            for group in TestGroup:
                tests = [test for test in special_tests if test.group is group]
                if not tests:
                    continue
                content.add_widget(_text(GROUP_TITLE[group], bold=True))
                for test in tests:
                    content.add_widget(_text(f"[b]{escape_markup(test.name)}[/b] ({escape_markup(test.target)}). "
                                             f"{escape_markup(test.how)} Positive: {escape_markup(test.positive)}",
                                             markup=True))
        self.ids.scroll.scroll_y = 1

    def _table(self, session: Session) -> BoxLayout:
        table = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(4))
        table.bind(minimum_height=table.setter("height"))
        table.add_widget(_row(("#", "Exercise and set", "Symptoms", "Response", "Decision"), bold=True))
        if session.baseline is not None:
            table.add_widget(_row(("0", "Baseline", describe_check_in(session.baseline), "-", "-")))
        for number, step in enumerate(session.steps, 1):
            planned = step.planned
            what = "recheck after rest" if step.kind == "recheck" else f"set {planned.set_number} of {planned.sets}"
            light = LIGHT[step.response]
            early = " (stopped early: pain worse)" if step.stopped_early else ""
            table.add_widget(_row((str(number), f"{planned.exercise.name} ({planned.role.value}), {what}{early}",
                                   describe_check_in(step.check_in), f"{step.response.value} ({LIGHT_WORD[light]})",
                                   step.decision.value),
                                  colours={3: theme.STOP} if light is Light.RED else None))
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
