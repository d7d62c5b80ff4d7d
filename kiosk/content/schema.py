"""The exercise-file format as JSON Schema (draft 2020-12), for editors and other tools.

Written from the same field descriptions the loader checks against
(`kiosk.content.fields`), so the two agree by construction. What JSON Schema can't
say (ids unique across files, exercises a program refers to, paths that
normalize outside assets/) only the loader checks.
"""

from __future__ import annotations

from .fields import (ANIMATION, BLOCK, EXERCISE, EXERCISE_DOSE, FILE, MOVE, POLICY, POSE, PROGRAM, SPECIAL_TEST,
                     TRANSLATION)
from .spec import (Boolean, Choice, Field, Identifier, ListOf, MapOf, MediaPath, Number, OneOf, Record, Rule, Spec,
                   Text, Whole)

SCHEMA_ID = "https://kiosk.example/schemas/exercise-file.json"
_DEFINED = (EXERCISE, TRANSLATION, ANIMATION, POSE, MOVE, PROGRAM, POLICY, BLOCK, EXERCISE_DOSE, SPECIAL_TEST)


def json_schema() -> dict:
    """The whole exercise-file schema; an empty file (null) is valid too."""
    root = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Exercise kiosk: exercise file",
        "description": FILE.description + " An empty file is valid.",
    }
    root.update(record_schema(FILE))
    root["type"] = ["object", "null"]
    root["$defs"] = {record.name: record_schema(record) for record in _DEFINED}
    return root


def record_schema(record: Record) -> dict:
    """An object with exactly the record's fields, its required ones and its rules."""
    schema = {
        "type": "object",
        "description": record.description,
        "properties": {field.name: field_schema(field) for field in record.fields},
        "additionalProperties": False,
    }
    required = [field.name for field in record.fields if field.required]
    if required:
        schema["required"] = required
    if record.rules:
        schema["allOf"] = [_rule_schema(record, rule) for rule in record.rules]
    return schema


def field_schema(field: Field) -> dict:
    schema = spec_schema(field.spec)
    schema["description"] = field.description
    if field.default is not None:
        schema["default"] = field.default
    return schema


def spec_schema(spec: Spec) -> dict:
    """The JSON Schema of one kind of value; records are referenced from $defs."""
    kind = type(spec)
    if kind is Record:
        defined = any(spec is record for record in _DEFINED)
        return {"$ref": f"#/$defs/{spec.name}"} if defined else record_schema(spec)
    if kind is Whole:
        return {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    if kind is Number:
        return {"type": "number", "minimum": spec.minimum, "maximum": spec.maximum}
    if kind is Text:
        text_pattern = r"^[^\r\n]*\S[^\r\n]*$" if spec.one_line else r"\S"
        return {"type": "string", "minLength": 1, "maxLength": spec.max_length, "pattern": text_pattern}
    if kind is Identifier:
        return {"type": "string", "pattern": spec.pattern, "maxLength": spec.max_length}
    if kind is Choice:
        return {"type": "string", "enum": list(spec.values)}
    if kind is Boolean:
        return {"type": "boolean"}
    if kind is MediaPath:
        return {"type": "string", "pattern": media_pattern(spec.extensions)}
    if kind is ListOf:
        schema = {"type": "array", "items": spec_schema(spec.item)}
        return {**schema, "minItems": spec.min_items} if spec.min_items else schema
    if kind is MapOf:
        return {"type": "object", "propertyNames": {"pattern": spec.key_pattern},
                "additionalProperties": spec_schema(spec.value)}
    if kind is OneOf:
        return {"oneOf": [spec_schema(option) for option in spec.options]}
    raise TypeError(f"no JSON Schema for {spec!r}")


def media_pattern(extensions: tuple[str, ...]) -> str:
    """Relative, `/`-separated, not starting with ../, with one of the extensions (any case)."""
    def any_case(extension: str) -> str:
        return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in extension.lstrip("."))

    endings = "|".join(any_case(extension) for extension in extensions)
    return rf"^(?![A-Za-z]:)(?!/)(?!\.\.(/|$))(?!.*\\)(?!.*://).+\.({endings})$"


def _rule_schema(record: Record, rule: Rule) -> dict:
    if rule.equals is not None:
        condition = {"properties": {rule.when: {"const": rule.equals}}, "required": [rule.when]}
    else:
        condition = {"properties": {rule.when: {"minItems": 1}}, "required": [rule.when]}
    then: dict = {}
    if rule.required:
        then["required"] = list(rule.required)
    if rule.minimum:
        then["properties"] = {name: {"minimum": minimum} for name, minimum in rule.minimum}
    return {"if": condition, "then": then}
