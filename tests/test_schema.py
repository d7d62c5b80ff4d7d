"""The JSON Schema agrees with the loader: same fields, and the same verdict on a table of files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from yaml_files import DATA, GOOD_PROGRAM, one_exercise, one_program

from kiosk.content import loader
from kiosk.content.fields import (ANIMATION, BLOCK, EXERCISE, EXERCISE_DOSE, MOVE, POLICY, POSE, PROGRAM, SPECIAL_TEST,
                                  TRANSLATION)
from kiosk.content.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
EXERCISE_FILES = sorted((ROOT / "exercises").glob("*.yaml")) + sorted((DATA / "exercises").glob("*.yaml"))

SPECIAL_TEST_TEXT = ("special_tests:\n  - id: lachman\n    name: Lachman test\n    group: knee\n    target: ACL\n"
                     "    how: Draw the tibia forward.\n    positive: ACL tear.\n")


def schema_accepts(text: str) -> bool:
    return Draft202012Validator(json_schema()).is_valid(yaml.safe_load(text))


def loader_accepts(text: str, folder: Path) -> bool:
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    return not loader.load([folder]).errors


def test_schema_is_valid_draft_2020_12():
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] and schema["description"]
    assert set(schema["$defs"]) == {"exercise", "program", "block", "policy", "special_test", "translation",
                                    "animation", "pose", "move", "exercise_dose"}


def test_schema_fields_are_the_loaders_fields():
    defs = json_schema()["$defs"]
    for record in (EXERCISE, PROGRAM, BLOCK, POLICY, SPECIAL_TEST, TRANSLATION, ANIMATION, POSE, MOVE, EXERCISE_DOSE):
        assert list(defs[record.name]["properties"]) == [field.name for field in record.fields]
        assert defs[record.name].get("required", []) == [field.name for field in record.fields if field.required]


def _objects(schema):
    """Every sub-schema that lists properties."""
    if isinstance(schema, dict):
        if "properties" in schema and "type" in schema:
            yield schema
        for value in schema.values():
            yield from _objects(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _objects(value)


def test_every_object_is_closed_and_every_field_described():
    whole = json_schema()
    objects = list(_objects(whole))
    defined = whole["$defs"]
    assert {id(schema) for schema in defined.values()} <= {id(schema) for schema in objects}  # each looked at
    assert len(objects) == 14  # the file, its ten $defs, and in a program: home, a home exercise, a translation
    for schema in objects:
        assert schema["additionalProperties"] is False
        assert schema["description"]
        assert all(prop.get("description") for prop in schema["properties"].values())


def test_defaults_and_conditions_are_published():
    exercise = json_schema()["$defs"]["exercise"]
    assert exercise["properties"]["sets"]["default"] == 1
    assert exercise["properties"]["reps"] == {"type": "integer", "minimum": 1, "maximum": 50, "default": 1,
                                              "description": exercise["properties"]["reps"]["description"]}
    assert {"if": {"properties": {"kind": {"const": "hold"}}, "required": ["kind"]},
            "then": {"required": ["hold"], "properties": {"hold": {"minimum": 1}}}} in exercise["allOf"]


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_exercise_files_validate_against_the_schema(path):
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
              for error in Draft202012Validator(json_schema()).iter_errors(document)]
    assert errors == []


GOOD = [
    pytest.param("", id="empty-file"),
    pytest.param("# nothing yet\n", id="comments-only"),
    pytest.param("exercises: []\nprograms: []\nspecial_tests: []\n", id="empty-sections"),
    pytest.param(one_exercise(), id="minimal-reps-exercise"),
    pytest.param(one_exercise(kind="hold", reps=None, hold="30"), id="minimal-hold-exercise"),
    pytest.param(one_exercise(hold="0", sets="3", rest="600", safety="Stop if it hurts more.",
                              video="videos/./press_up.MP4", image="images/press_up.jpeg",
                              translations="{es: {name: Flexión, instructions: Empuje., safety: Pare.}, "
                                           "pt_BR: {name: Flexão, instructions: Empurre.}}"), id="every-field"),
    pytest.param(one_exercise(id="ex_2", name="Ça va, “press-up”",
                              instructions="|\n      Line one.\n      Line two."),
                 id="unicode-and-block-text"),
    pytest.param(one_program(*GOOD_PROGRAM), id="program"),
    pytest.param(one_program("    description: For therapists.", "    policy: {mcid: 5, recheck_after: 10, "
                             "after_no_effect: continue}", *GOOD_PROGRAM[:2],
                             "      - {role: spinal, name: Back, exercises: [press_up, press_up]}",
                             "      - {role: postural, exercises: [press_up]}"), id="program-with-policy"),
    pytest.param(SPECIAL_TEST_TEXT, id="special-test"),
]

BAD = [
    pytest.param("- a list\n", id="top-level-list"),
    pytest.param("exercise: []\n", id="unknown-section"),
    pytest.param("exercises:\n", id="section-empty"),
    pytest.param("exercises: {id: x}\n", id="section-mapping"),
    pytest.param("exercises: [press_up]\n", id="item-not-mapping"),
    pytest.param(one_exercise(colour="red"), id="unknown-field"),
    pytest.param(one_exercise(name=None), id="missing-name"),
    pytest.param(one_exercise(kind=None), id="missing-kind"),
    pytest.param(one_exercise(reps=None), id="missing-reps-for-reps"),
    pytest.param(one_exercise(kind="hold", reps=None), id="missing-hold-for-hold"),
    pytest.param(one_exercise(kind="hold", hold="0"), id="hold-0-for-hold"),
    pytest.param(one_exercise(reps="ten"), id="reps-text"),
    pytest.param(one_exercise(reps="yes"), id="reps-yes"),
    pytest.param(one_exercise(reps="2.5"), id="reps-float"),
    pytest.param(one_exercise(reps='"10"'), id="reps-quoted"),
    pytest.param(one_exercise(reps="51"), id="reps-51"),
    pytest.param(one_exercise(sets="0"), id="sets-0"),
    pytest.param(one_exercise(rest="601"), id="rest-601"),
    pytest.param(one_exercise(name="123"), id="name-number"),
    pytest.param(one_exercise(name="no"), id="name-no"),
    pytest.param(one_exercise(name='""'), id="name-empty"),
    pytest.param(one_exercise(name='"   "'), id="name-blank"),
    pytest.param(one_exercise(name='"Press\\nup"'), id="name-two-lines"),
    pytest.param(one_exercise(name="x" * 81), id="name-too-long"),
    pytest.param(one_exercise(safety="z" * 301), id="safety-too-long"),
    pytest.param(one_exercise(kind="rep"), id="kind-typo"),
    pytest.param(one_exercise(id="Press-Up"), id="id-not-snake-case"),
    pytest.param(one_exercise(id="a" * 65), id="id-too-long"),
    pytest.param(one_exercise(video="../secret.mp4"), id="video-parent"),
    pytest.param(one_exercise(video="/etc/x.mp4"), id="video-absolute"),
    pytest.param(one_exercise(video="C:/videos/x.mp4"), id="video-drive-letter"),
    pytest.param(one_exercise(video="videos\\x.mp4"), id="video-backslash"),
    pytest.param(one_exercise(video="videos/x.gif"), id="video-extension"),
    pytest.param(one_exercise(image="images/x.gif"), id="image-extension"),
    pytest.param(one_exercise(translations="{Spanish: {name: x, instructions: y}}"), id="translation-language"),
    pytest.param(one_exercise(translations="{es: {name: x}}"), id="translation-missing-instructions"),
    pytest.param(one_exercise(translations="{es: {name: x, instructions: y, note: z}}"), id="translation-unknown"),
    pytest.param(one_program("    name: Knee", "    blocks: []"), id="no-blocks"),
    pytest.param(one_program("    name: Knee"), id="missing-blocks"),
    pytest.param(one_program("    name: Knee", "    blocks: [{role: spinal, exercises: []}]"), id="empty-block"),
    pytest.param(one_program("    name: Knee", "    blocks: [{role: core, exercises: [press_up]}]"), id="bad-role"),
    pytest.param(one_program("    policy: {mcid: 6}", *GOOD_PROGRAM), id="mcid-6"),
    pytest.param(one_program("    policy: {recheck_after: 901}", *GOOD_PROGRAM), id="recheck-901"),
    pytest.param(one_program("    policy: {after_no_effect: off}", *GOOD_PROGRAM), id="after-no-effect-off"),
    pytest.param(one_program("    policy: {mcdi: 3}", *GOOD_PROGRAM), id="policy-typo"),
    pytest.param(SPECIAL_TEST_TEXT.replace("group: knee", "group: ankle"), id="special-test-group"),
    pytest.param(SPECIAL_TEST_TEXT.replace("    positive: ACL tear.\n", ""), id="special-test-missing-field"),
]


@pytest.mark.parametrize("text", GOOD)
def test_good_documents_are_accepted_by_both(text, tmp_path):
    assert (schema_accepts(text), loader_accepts(text, tmp_path)) == (True, True)


@pytest.mark.parametrize("text", BAD)
def test_bad_documents_are_rejected_by_both(text, tmp_path):
    assert (schema_accepts(text), loader_accepts(text, tmp_path)) == (False, False)
