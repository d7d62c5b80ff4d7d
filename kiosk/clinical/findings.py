"""What the therapist found after the kiosk's part: special-test results and the patient reference.

Staff enter these on the summary (never the patient). Each entry is kept: a change is a
new entry, and the latest entry of a test is its current result. The words are the
clinic's (positive, negative, not tested, could not be tested); nothing here turns a
result into a diagnosis.

`rank_tests` puts the tests that matter most for where the symptoms were first: a test
of the catalogue names the body areas it is for (`regions:`), and the baseline's
symptoms say which areas and which side.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .checkin import CheckIn
from .program import SpecialTest
from .regions import REGIONS, Side


class TestResult(enum.Enum):
    """What a special test showed."""

    __test__ = False  # not a pytest test class, whatever its name

    POSITIVE = "positive"
    NEGATIVE = "negative"
    NOT_TESTED = "not_tested"
    COULD_NOT_TEST = "could_not_test"


RESULT_WORDS = {TestResult.POSITIVE: "positive", TestResult.NEGATIVE: "negative",
                TestResult.NOT_TESTED: "not tested", TestResult.COULD_NOT_TEST: "could not be tested"}
"""The result in the clinic's words, for the summary, history and exports."""


class TestSide(enum.Enum):
    """Which side a test was done on (the patient's own left and right)."""

    __test__ = False

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


NOTE_MAX = 200
"""A result's note is short: at most this many characters."""
ENTERED_BY_STAFF = "staff"
"""Who entered a result: always staff, behind the PIN (the patient never sees the tests)."""


@dataclass(frozen=True)
class TestFinding:
    """One entry of a test's result. A later entry for the same test replaces it; both are kept."""

    __test__ = False

    seq: int
    test_id: str
    test_name: str
    result: str
    side: str | None
    note: str
    entered_at: str
    entered_by: str = ENTERED_BY_STAFF
    test_group: str = ""
    """knee, hip or nerve, as the catalogue said when the result was entered."""
    snomed_code: str = ""
    """The catalogue's verified SNOMED CT code for the test ("": none)."""
    snomed_display: str = ""

    def words(self) -> str:
        """'Lachman test, left: negative. Note: guarded' (clinical words, never a diagnosis)."""
        result = RESULT_WORDS.get(TestResult(self.result), self.result) if self.result in _RESULTS else self.result
        side = f", {self.side}" if self.side else ""
        note = f". Note: {self.note}" if self.note else ""
        return f"{self.test_name}{side}: {result}{note}"


_RESULTS = {r.value for r in TestResult}


@dataclass(frozen=True)
class ReferenceChange:
    """The patient reference a session was given (None: taken off), and when."""

    seq: int
    patient_ref: str | None
    changed_at: str


def current(findings) -> list[TestFinding]:
    """The latest entry of each test, in the order the tests were first entered."""
    latest: dict[str, TestFinding] = {}
    for finding in sorted(findings, key=lambda f: f.seq):
        latest[finding.test_id] = finding
    order = {}
    for finding in sorted(findings, key=lambda f: f.seq):
        order.setdefault(finding.test_id, finding.seq)
    return sorted(latest.values(), key=lambda f: order[f.test_id])


def check_finding(result: str, side: str | None, note: str) -> None:
    """ValueError with a clear message unless the result, side and note are ones the records keep."""
    if result not in _RESULTS:
        raise ValueError(f"result {result!r}: expected one of {', '.join(sorted(_RESULTS))}")
    if side is not None and side not in {s.value for s in TestSide}:
        raise ValueError(f"side {side!r}: expected left, right, both or none")
    if len(note) > NOTE_MAX or not note.isprintable():
        raise ValueError(f"a note is one line of at most {NOTE_MAX} characters; got {len(note)}")


def symptom_areas(check_in: CheckIn | None) -> set[str]:
    """The body areas (knee, thigh_front, groin ...) with pain or numbness in `check_in`."""
    if check_in is None:
        return set()
    return {REGIONS[r].area for r in check_in.pain | check_in.numbness}


def symptom_side(check_in: CheckIn | None) -> str | None:
    """left, right or both: the sides with symptoms below the back (None: none, or only the back)."""
    if check_in is None:
        return None
    sides = {REGIONS[r].side for r in check_in.pain | check_in.numbness
             if REGIONS[r].area != "back" and REGIONS[r].side is not Side.CENTRAL}
    if sides == {Side.LEFT}:
        return TestSide.LEFT.value
    if sides == {Side.RIGHT}:
        return TestSide.RIGHT.value
    return TestSide.BOTH.value if sides else None


def rank_tests(tests: list[SpecialTest], baseline: CheckIn | None) -> tuple[list[SpecialTest], list[SpecialTest]]:
    """(the tests for the areas where the symptoms were, the rest), each in catalogue order.

    With no symptoms marked, or a catalogue that names no areas, every test comes first."""
    areas = symptom_areas(baseline)
    first = [test for test in tests if areas & set(test.regions)]
    if not first:
        return list(tests), []
    return first, [test for test in tests if test not in first]
