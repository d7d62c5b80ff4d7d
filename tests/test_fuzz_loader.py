"""Fuzzing the exercise loader: whatever a file holds, never a traceback, always PATH:LINE.

Two kinds of input: YAML documents generated from the format's own field names
with values of every type (so the checks deep inside records are reached), and
the bundled files mutated at random (cut, doubled and swapped lines, stray
YAML punctuation, tabs, broken indentation, bytes that are not UTF-8).
"""

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import loader
from kiosk.content.fields import BLOCK, EXERCISE, POLICY, PROGRAM, SPECIAL_TEST, TRANSLATION

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "exercises").glob("*.yaml"))
PROBLEM = re.compile(r"^(?P<path>[^\n]+?\.yaml)(?::(?P<line>\d+))?: (?P<where>[^\n]+?): \S[^\n]*$")
FIELD_NAMES = sorted({f.name for record in (EXERCISE, PROGRAM, BLOCK, POLICY, SPECIAL_TEST, TRANSLATION)
                      for f in record.fields} | {"exercises", "programs", "special_tests", "es", "video"})
FUZZ = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=40), st.sampled_from(["reps", "hold", "spinal", "end", "knee", "press_up",
                                                           "videos/x.mp4", "../outside.mp4", "2.0", "yes"]))
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=12))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                         st.dictionaries(keys, inner, max_size=8)),
                         max_leaves=40)
top_level = st.dictionaries(st.sampled_from(["exercises", "programs", "special_tests", "extra"]),
                            st.lists(st.dictionaries(keys, documents, max_size=10), max_size=4), max_size=3)


def yaml_lines(data: bytes) -> int:
    """Lines as YAML counts them: NEL, LS and PS (and a lone CR) break lines too."""
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return sum(text.count(brk) for brk in ("\n", "\r", "\x85", "\u2028", "\u2029")) + 1


def load_text(data: bytes) -> list[str]:
    """Load one file holding `data`; return the problems as printed. Raises if the loader does."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        library = loader.load([path])
        lines = yaml_lines(data)
        printed = [str(problem) for problem in library.problems]
        for problem, text in zip(library.problems, printed):
            assert PROBLEM.match(text), f"not a PATH:LINE message: {text!r}"
            assert 0 <= problem.line <= lines + 1, f"line {problem.line} of a {lines}-line file: {text!r}"
            assert "Traceback" not in text
        return printed


@FUZZ
@given(top_level)
def test_generated_documents_give_messages_never_tracebacks(document):
    load_text(yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(documents)
def test_any_yaml_value_at_the_top_gives_a_message(document):
    load_text(yaml.safe_dump(document, allow_unicode=True).encode())


PUNCTUATION = [":", "-", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object ", "|", ">", "'", '"', "#",
               "\t", "\n", "  ", "%", "@", "`", ",", "? ", "<<: *a", "---\n", "\x00", "\ufeff"]


@st.composite
def mutated(draw):
    text = Path(draw(st.sampled_from(BUNDLED))).read_text(encoding="utf-8")
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


@FUZZ
@given(mutated())
def test_mutated_bundled_files_give_messages_never_tracebacks(data):
    load_text(data)
