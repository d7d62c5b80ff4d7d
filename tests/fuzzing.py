"""Shared by the fuzz tests of exercise files and patient scripts.

Both readers print every problem as `PATH:LINE: where: message`; these helpers
build the inputs (YAML documents of any shape, files mutated line by line) and
check each message. The readers are called with their safety net off, so an
unexpected exception fails the test with its own traceback instead of hiding in
an ordinary-looking "could not be loaded ...: please report this" line.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROBLEM = re.compile(r"^(?P<path>[^\n]+?\.yaml)(?::(?P<line>\d+))?: (?P<where>[^\n]+?): \S[^\n]*$")
SAFETY_NET = "please report this"
"""The words the readers' safety net puts in the problem it makes of a crash."""
FUZZ = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
PUNCTUATION = [":", "-", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object ", "|", ">", "'", '"', "#",
               "\t", "\n", "  ", "%", "@", "`", ",", "? ", "<<: *a", "---\n", "\x00", "\ufeff"]


def scalars(words: list[str]) -> st.SearchStrategy:
    """Any YAML scalar, and `words` the format knows, so the checks deep inside are reached."""
    return st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                     st.text(max_size=40), st.sampled_from(words))


def documents(words: list[str], keys: list[str], max_leaves: int = 40) -> st.SearchStrategy:
    """Nested lists and mappings of scalars, keyed by the format's field names or any text."""
    any_key = st.one_of(st.sampled_from(keys), st.text(min_size=1, max_size=12))
    return st.recursive(scalars(words), lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(any_key, inner, max_size=8)), max_leaves=max_leaves)


def yaml_lines(data: bytes) -> int:
    """Lines as YAML counts them: NEL, LS and PS (and a lone CR) break lines too."""
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return sum(text.count(brk) for brk in ("\n", "\r", "\x85", "\u2028", "\u2029")) + 1


def assert_messages(problems, data: bytes) -> list[str]:
    """Every problem one PATH:LINE line inside the file, none of them a crash the safety net caught."""
    lines = yaml_lines(data)
    printed = [str(problem) for problem in problems]
    for problem, text in zip(problems, printed):
        assert PROBLEM.match(text), f"not a PATH:LINE message: {text!r}"
        assert 0 <= problem.line <= lines + 1, f"line {problem.line} of a {lines}-line file: {text!r}"
        assert "Traceback" not in text
        assert SAFETY_NET not in text, f"a crash caught by the safety net: {text!r}"
    return printed


@st.composite
def mutated(draw, files: list[Path]) -> bytes:
    """One of `files`, cut, with lines doubled, swapped or re-indented, YAML punctuation and bad bytes."""
    text = Path(draw(st.sampled_from(files))).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "truncate"]))
        at = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "insert":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.sampled_from(PUNCTUATION)) + lines[at][column:]
        elif kind == "indent":
            lines[at] = draw(st.sampled_from(["", " ", "   ", "\t"])) + lines[at].lstrip()
        else:
            lines = lines[:at]
    data = "".join(lines).encode("utf-8")
    if draw(st.booleans()) and data:
        spot = draw(st.integers(0, len(data) - 1))
        data = data[:spot] + draw(st.sampled_from([b"\xff", b"\xc3", b"\x80\x80", b""])) + data[spot:]
    return data
