"""Indentation mistakes and other YAML slips, reported in plain words at the right line.

A field indented like the block text above it (`instructions: |`) is swallowed
into the patient's words without a word from YAML: the loader finds it and says
so at that line. The parser's own complaints ("mapping values are not allowed in
this context") become messages that name the line to line up with. Both YAML
parsers (libyaml and PyYAML's own) give the same words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from yaml_files import write

from kiosk.content import loader, yamlsafe


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request, monkeypatch):
    monkeypatch.setattr(yamlsafe, "_PARSER", yaml.CSafeLoader if request.param == "libyaml" else yaml.SafeLoader)


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path("exercises")


def problems_of(folder: Path, text: str) -> list[str]:
    write(folder, "a.yaml", text)
    return [str(problem) for problem in loader.load([folder]).problems]


SWALLOWED = """\
    exercises:
      - id: press_up
        name: Press-up
        instructions: |
          Lie on your front.
          Push your top half up.
          kind: reps
          reps: 10
        safety: Stop if the pain spreads.
    """


def test_a_field_swallowed_into_a_block_text_is_reported_at_its_own_line(folder, parser):
    assert problems_of(folder, SWALLOWED) == [
        f"exercises/a.yaml:{line}: exercises[0].{name}: this line is inside the text of 'instructions' (which "
        f"starts on line 4): it is indented like that text, so it is read as words for the patient, not as the "
        f"field '{name}'; expected '{name}:' lined up with 'instructions:' on line 4"
        for line, name in ((7, "kind"), (8, "reps"))]  # and no "kind: missing" on the exercise's first line


def test_a_folded_block_and_an_optional_field_are_caught_too(folder, parser):
    text = ("exercises:\n  - id: bridge\n    name: Bridge\n    kind: hold\n    hold: 5\n    instructions: >\n"
            "      Lift your hips.\n      safety: Stop if it hurts.\n")
    assert problems_of(folder, text) == [
        "exercises/a.yaml:8: exercises[0].safety: this line is inside the text of 'instructions' (which starts on "
        "line 6): it is indented like that text, so it is read as words for the patient, not as the field "
        "'safety'; expected 'safety:' lined up with 'instructions:' on line 6"]


def test_text_that_only_looks_like_a_field_is_fine_when_the_field_is_also_there(folder, parser):
    text = ("exercises:\n  - id: bridge\n    name: Bridge\n    kind: hold\n    hold: 5\n    instructions: |\n"
            "      Lift your hips.\n      hold: as long as is comfortable\n    position: lying_back\n")
    assert problems_of(folder, text) == []
    assert "hold: as long" in loader.load([folder]).exercises["bridge"].instructions


CASES = [
    pytest.param("exercises:\n  - id: x\n    name: X\n      kind: reps\n", 4,
                 "'kind:' is indented 6 spaces, more than 'name:' on line 3 (4), so YAML can't tell what it belongs "
                 "to; expected 'kind:' lined up with line 3: indent it by 4 spaces", id="key-too-far-in"),
    pytest.param("exercises:\n  - id: x\n    name: X\n   kind: reps\n    reps: 3\n", 4,
                 "'kind:' is indented 3 spaces, less than 'name:' on line 3 (4), so YAML can't tell what it belongs "
                 "to; expected 'kind:' lined up with line 3: indent it by 4 spaces", id="key-not-far-enough-in"),
    pytest.param("programs:\n  - id: p\n    blocks:\n      - role: spinal\n      exercises: [a]\n", 5,
                 "'exercises:' is indented 6 spaces, less than 'role:' on line 4 (8), so YAML can't tell what it "
                 "belongs to; expected 'exercises:' lined up with line 4: indent it by 8 spaces",
                 id="key-of-a-list-item"),
    pytest.param("exercises:\n  - id: x\n    instructions: |\n      Lie down.\n     kind: reps\n", 5,
                 "'kind:' is indented 5 spaces, more than 'instructions:' on line 3 (4), so YAML can't tell what it "
                 "belongs to; expected 'kind:' lined up with line 3: indent it by 4 spaces", id="key-after-a-block"),
    pytest.param("exercises:\n  - id: x\n    instructions: |\n      Lie down.\n      kind: reps  # text: a note\n"
                 "    reps: 10\n      sets: 2\n", 7,
                 "'sets:' is indented 6 spaces, more than 'reps:' on line 6 (4), so YAML can't tell what it belongs "
                 "to; expected 'sets:' lined up with line 6: indent it by 4 spaces", id="lines-of-a-block-are-text"),
    pytest.param("exercises:\n  - id: x\n    name: X\n    - id: y\n      name: Y\n", 4,
                 "this list item ('-') is indented 4 spaces, more than the item on line 2 (2); expected the '-' "
                 "lined up with line 2: indent it by 2 spaces", id="item-too-far-in"),
    pytest.param("exercises:\n  - id: x\n    name: X\n - id: y\n   name: Y\n", 4,
                 "this list item ('-') is indented 1 space, less than the item on line 2 (2); expected the '-' "
                 "lined up with line 2: indent it by 2 spaces", id="item-not-far-enough-in"),
    pytest.param("exercises:\n  - id: x\n    animation:\n      ground: mat\n    anchor: hip\n      start: down\n", 6,
                 "'start:' is indented 6 spaces, more than 'anchor:' on line 5 (4), so YAML can't tell what it "
                 "belongs to; expected 'start:' lined up with line 5: indent it by 4 spaces; or, as line 4 is at 6 "
                 "too, line 5 may be the one out of line: then indent line 5 by 6 spaces", id="the-line-above-is-odd"),
    pytest.param("exercises:\n  - id: x\n    instructions: |\n      Lie down.\n     Relax.\n      Breathe.\n", 5,
                 "this line of text is indented 5 spaces, less than the text above it on line 4 (6); expected every "
                 "line of one text lined up with its first line, which sets the indentation for all of it: indent "
                 "it by 6 spaces", id="text-line-out-of-line"),
    pytest.param("exercises:\n  - id: x\n    instructions: |\n      Lie down.\n    Relax.\n    kind: reps\n", 5,
                 "this line has no ':', so it can't be a field, and it is indented 4 spaces, less than the text "
                 "above it on line 4 (6); if it is more of that text, indent it by 6 spaces", id="text-at-the-fields"),
    pytest.param("exercises:\n  - id: x\n    name: Press-up: top\n", 3,
                 "the text after 'name:' holds ': ' (a colon and a space), which YAML reads as another field; "
                 'expected the text in quotes: name: "Press-up: top"', id="colon-in-text"),
    pytest.param("exercises:\n  - id: x\n    name: @home\n", 3,
                 "a value can't start with '@'; expected the text in quotes, e.g. \"@home\"", id="at-sign"),
    pytest.param("programs:\n  - id: p\n    blocks:\n      - role: spinal\n        exercises: [a, b\n  - id: q\n", 5,
                 "the '[' opened on this line is not closed; expected a ']' after the last item, on the same line",
                 id="open-bracket"),
]


@pytest.mark.parametrize("text, line, words", CASES)
def test_parser_errors_name_the_line_and_the_fix(folder, parser, text, line, words):
    assert problems_of(folder, text) == [f"exercises/a.yaml:{line}: yaml: {words}"]


def test_a_slip_the_words_do_not_know_keeps_the_parsers_words(folder, parser):
    problems = problems_of(folder, "exercises: ]\n")
    assert len(problems) == 1 and problems[0].startswith("exercises/a.yaml:1: yaml: ")
    assert problems[0].endswith("expected valid YAML: check the indentation, colons, quotes and brackets here "
                                "and just above")
