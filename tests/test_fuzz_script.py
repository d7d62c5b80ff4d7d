"""Fuzzing the patient-script reader: whatever a script holds, never a crash, always PATH:LINE.

The same two kinds of input as the exercise loader's fuzzing: YAML documents
generated from the script format's field names, region ids and red-flag ids,
and the example scripts mutated at random. The reader runs without its safety
net, so a crash fails the test (tests/fuzzing.py). A script comes back only
when there is no error, and an error always comes with no script.
"""

import tempfile
from pathlib import Path

import yaml
from fuzzing import FUZZ, assert_messages, documents, mutated
from hypothesis import example, given
from hypothesis import strategies as st

from kiosk.clinical.red_flags import RED_FLAG_IDS
from kiosk.clinical.regions import REGION_IDS
from kiosk.content.script import ANSWER, SCRIPT, load_script

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "patients").glob("*.yaml"))
FIELD_NAMES = sorted({f.name for record in (SCRIPT, ANSWER) for f in record.fields})
WORDS = sorted(REGION_IDS)[:6] + sorted(RED_FLAG_IDS)[:3] + ["knee_right", "knee_from_spine", "5", "yes"]
script_documents = documents(WORDS, FIELD_NAMES, max_leaves=30)
check_in = st.fixed_dictionaries({}, optional={name: script_documents for name in
                                               ("symptoms", "numbness", "intensity", "weakness", "red_flag")})
scripts = st.fixed_dictionaries({}, optional={"program": script_documents, "description": script_documents,
                                              "red_flags": script_documents, "baseline": check_in | script_documents,
                                              "check_ins": st.lists(check_in, max_size=4) | script_documents})


def read(data: bytes) -> list[str]:
    """Read one script holding `data`; return the problems as printed. Raises if the reader does."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "script.yaml"
        path.write_bytes(data)
        script, problems = load_script(path, safety_net=False)
        printed = assert_messages(problems, data)
        assert (script is None) == any(problem.is_error for problem in problems), printed
        return printed


@FUZZ
@given(scripts)
@example({"baseline": {"symptoms": ["knee_right"], "intensity": 4.5}})  # a float where a whole number goes
def test_generated_scripts_give_messages_never_crashes(document):
    read(yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(script_documents)
def test_any_yaml_value_at_the_top_of_a_script_gives_a_message(document):
    read(yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(mutated(EXAMPLES))
def test_mutated_example_scripts_give_messages_never_crashes(data):
    read(data)
