"""The summary's special tests, each with what the therapist found: recorded by touch, saved at once.

For `knee_tests_recommended`. The tests for the areas where the baseline's symptoms
were come first (kiosk.clinical.findings.rank_tests); **Show the other tests** opens
the rest. Each test has its result (positive, negative, not tested, could not be
tested), the side (preset to the symptoms' side) and a short note typed on the
on-screen keyboard. Every touch that changes a result is saved at once as a new
entry (the earlier ones are kept); the line under the test says what is recorded,
in clinical words, never a diagnosis. A session recorded on another kiosk is shown
read-only.
"""

from __future__ import annotations

from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout
from kivy.utils import escape_markup

from kiosk.app import staff, theme  # noqa: F401  (staff: its kv rules StaffText and StaffButton)
from kiosk.clinical.findings import RESULT_WORDS, TestResult, TestSide, current, rank_tests, symptom_side
from kiosk.clinical.program import SpecialTest, TestGroup
from kiosk.clinical.record import SessionRecord

from ..typing_dialog import TypingDialog

GROUP_TITLE = {TestGroup.KNEE: "Knee", TestGroup.HIP: "Hip screen", TestGroup.NERVE: "Nerve tension"}
RESULT_BUTTONS = [(r.value, RESULT_WORDS[r].capitalize()) for r in TestResult]
SIDE_BUTTONS = [(s.value, s.value.capitalize()) for s in TestSide]


def _text(text: str, **kwargs):
    return Factory.StaffText(text=text, **kwargs)


class TestResultsSection(BoxLayout):
    """The recommended tests of one session, with their results."""

    __test__ = False

    def __init__(self, record: SessionRecord, tests: list[SpecialTest], staff=None, session_id: int | None = None,
                 **kwargs) -> None:
        super().__init__(orientation="vertical", size_hint_y=None, spacing=dp(10), **kwargs)
        self.bind(minimum_height=self.setter("height"))
        self.record, self.staff, self.session_id = record, staff, session_id
        self.writable = staff is not None and session_id is not None
        baseline = record.baseline.check_in if record.baseline else None
        self.first, self.rest = rank_tests(tests, baseline)
        self.default_side = symptom_side(baseline)
        self.chosen: dict[str, dict] = {}  # test id -> the side and note staff chose before a result
        self.rows: dict[str, dict] = {}  # test id -> its widgets: for tests and the autopilot
        self.message = _text("", color=theme.STOP)
        self.add_widget(self.message)
        self._add_tests(self.first)
        if self.rest:
            self.more = Factory.StaffButton(text=f"Show the other {len(self.rest)} tests "
                                            f"({', '.join(sorted({GROUP_TITLE[t.group] for t in self.rest}))})")
            self.more.bind(on_release=lambda *_: self.show_rest())
            self.add_widget(self.more)

    def show_rest(self) -> None:
        self.remove_widget(self.more)
        self._add_tests(self.rest)

    def _add_tests(self, tests: list[SpecialTest]) -> None:
        for group in TestGroup:
            of_group = [test for test in tests if test.group is group]
            if of_group:
                self.add_widget(_text(GROUP_TITLE[group], bold=True))
            for test in of_group:
                self._add_test(test)

    def _add_test(self, test: SpecialTest) -> None:
        self.add_widget(_text(f"[b]{escape_markup(test.name)}[/b] ({escape_markup(test.target)}). "
                              f"{escape_markup(test.how)} Positive: {escape_markup(test.positive)}",
                              markup=True, font_size=sp(20)))
        row = {"status": _text("", color=theme.MUTED_INK, font_size=sp(20))}
        if self.writable:
            row["results"] = self._buttons(test, RESULT_BUTTONS, self.choose_result)
            row["sides"] = self._buttons(test, SIDE_BUTTONS, self.choose_side)
            note = Factory.StaffButton(text="Note", size_hint_x=0.2)
            note.bind(on_release=lambda *_: self.open_note(test))
            row["note"] = note
            self.add_widget(self._line(list(row["results"].values())))
            self.add_widget(self._line(list(row["sides"].values()) + [note]))
        self.add_widget(row["status"])
        self.rows[test.id] = row
        self._show(test)

    def _buttons(self, test: SpecialTest, choices, act) -> dict:
        found = {}
        for value, label in choices:
            button = Factory.StaffButton(text=label, font_size=sp(20))
            button.bind(on_release=lambda *_, v=value: act(test, v))
            found[value] = button
        return found

    @staticmethod
    def _line(buttons) -> BoxLayout:
        line = BoxLayout(orientation="horizontal", size_hint_y=None, height=dp(64), spacing=dp(8))
        for button in buttons:
            line.add_widget(button)
        return line

    # What is recorded -------------------------------------------------------------------------

    def latest(self, test_id: str):
        return next((f for f in current(self.record.test_results) if f.test_id == test_id), None)

    def _wanted(self, test: SpecialTest) -> dict:
        """The side and note a new entry gets: what staff chose, else what is recorded, else the default."""
        latest = self.latest(test.id)
        wanted = {"side": latest.side if latest else self.default_side, "note": latest.note if latest else ""}
        return {**wanted, **self.chosen.get(test.id, {})}

    def choose_result(self, test: SpecialTest, result: str) -> None:
        self._save(test, result, **self._wanted(test))

    def choose_side(self, test: SpecialTest, side: str) -> None:
        latest = self.latest(test.id)
        self.chosen.setdefault(test.id, {})["side"] = side
        if latest is not None:
            self._save(test, latest.result, **self._wanted(test))
        else:
            self._show(test)

    def open_note(self, test: SpecialTest) -> TypingDialog:
        def saved(text: str) -> str | None:
            self.chosen.setdefault(test.id, {})["note"] = text
            latest = self.latest(test.id)
            if latest is not None:
                return self._save(test, latest.result, **self._wanted(test))
            self._show(test)
            return None

        self.note_dialog = TypingDialog(saved, title=f"Note on the {test.name}",
                                        explanation="A short note, one line (up to 200 characters).",
                                        text=self._wanted(test)["note"])
        return self.note_dialog.show()

    def _save(self, test: SpecialTest, result: str, side: str | None, note: str) -> str | None:
        problem = self.staff.save_result(self.session_id, test, result, side, note)
        self.message.text = problem or ""
        if problem is None:
            self.chosen.pop(test.id, None)
            self.record = self.staff.session(self.session_id)
        self._show(test)
        return problem

    def _show(self, test: SpecialTest) -> None:
        row, latest = self.rows[test.id], self.latest(test.id)
        wanted = self._wanted(test)
        if latest is None:
            side = f" Side: {wanted['side']}." if self.writable and wanted["side"] else ""
            row["status"].text = f"Not recorded yet.{side}"
        else:
            entries = sum(1 for f in self.record.test_results if f.test_id == test.id)
            earlier = f" ({entries - 1} earlier {'entry' if entries == 2 else 'entries'} kept)" if entries > 1 else ""
            row["status"].text = f"Recorded: {latest.words()}{earlier}."
        for group, value in (("results", latest.result if latest else None), ("sides", wanted["side"])):
            for key, button in row.get(group, {}).items():
                button.background_color = theme.GO if key == value else theme.PRIMARY
                button.bold = key == value
