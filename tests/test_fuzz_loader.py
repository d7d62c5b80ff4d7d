"""Fuzzing the exercise loader: whatever a file holds, never a crash, always PATH:LINE.

Two kinds of input: YAML documents generated from the format's own field names
with values of every type (so the checks deep inside records are reached), and
the bundled files mutated at random (cut, doubled and swapped lines, stray
YAML punctuation, tabs, broken indentation, bytes that are not UTF-8). The
loader runs without its safety net, so a crash fails the test (tests/fuzzing.py).
"""

import tempfile
from pathlib import Path

import yaml
from fuzzing import FUZZ, assert_messages, documents, mutated
from hypothesis import example, given
from hypothesis import strategies as st

from kiosk.content import loader
from kiosk.content.fields import BLOCK, EXERCISE, POLICY, PROGRAM, SPECIAL_TEST, TRANSLATION

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "exercises").glob("*.yaml"))
FIELD_NAMES = sorted({f.name for record in (EXERCISE, PROGRAM, BLOCK, POLICY, SPECIAL_TEST, TRANSLATION)
                      for f in record.fields} | {"exercises", "programs", "special_tests", "es", "video"})
WORDS = ["reps", "hold", "spinal", "end", "knee", "press_up", "videos/x.mp4", "../outside.mp4", "2.0", "yes"]
exercise_documents = documents(WORDS, FIELD_NAMES)
top_level = st.dictionaries(st.sampled_from(["exercises", "programs", "special_tests", "extra"]),
                            st.lists(st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(min_size=1, max_size=12),
                                                     exercise_documents, max_size=10), max_size=4), max_size=3)


def load_text(data: bytes) -> list[str]:
    """Load one file holding `data`; return the problems as printed. Raises if the loader does."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        library = loader.load([path], safety_net=False)
        return assert_messages(library.problems, data)


@FUZZ
@given(top_level)
@example({"exercises": [{"id": "press_up", "reps": 2.5, "hold": 1.0}]})  # a float deep in an exercise, always
def test_generated_documents_give_messages_never_crashes(document):
    load_text(yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(exercise_documents)
def test_any_yaml_value_at_the_top_gives_a_message(document):
    load_text(yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(mutated(BUNDLED))
def test_mutated_bundled_files_give_messages_never_crashes(data):
    load_text(data)

