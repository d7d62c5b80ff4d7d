"""Check YAML nodes against a format description (`kiosk.content.spec`).

Every problem names the field path and the line, says what is wrong and what is
expected: `exercises[2].reps: must be a whole number from 1 to 50, got "ten"`.
A check returns the plain value, or `INVALID` when anything inside was wrong, so
the caller drops exactly what the problem spoils.
"""

from __future__ import annotations

import json
import math
import posixpath
import re

from .problems import Problem
from .spec import (Boolean, Choice, Identifier, ListOf, MapOf, MediaPath, Number, OneOf, Record, Rule, Spec, Text,
                   Whole)
from .wording import LONG_CHOICE, a, close_match, describe, did_you_mean, expectation, join, quote_hint
from .yamlsafe import MAP, SCALAR, SEQ, Node

INVALID = object()
"""Returned by a check when the value had errors (already reported)."""


class Checker:
    """Checks nodes of one file, adding problems to `problems`."""

    def __init__(self, shown: str, problems: list[Problem]) -> None:
        self.shown = shown
        self.problems = problems

    def error(self, line: int, where: str, message: str) -> None:
        self.problems.append(Problem(self.shown, line, where or "file", message))

    def wrong(self, spec: Spec, node: Node, where: str, hint: str = "") -> object:
        """Report `must be <expectation>, got <what is there>` and return INVALID."""
        self.error(node.line, where, f"must be {expectation(spec)}, got {describe(node)}{hint}")
        return INVALID

    def check(self, spec: Spec, node: Node, where: str):
        """The value `node` holds if it matches `spec`, else INVALID (problems reported)."""
        return _CHECKS[type(spec)](self, spec, node, where)

    def duplicates(self, node: Node, where: str) -> bool:
        """Report keys a mapping repeats (YAML keeps the last silently); True when none."""
        for key, line, first in node.duplicates:
            self.error(line, join(where, key), f"is set twice in one mapping (first on line {first}); YAML would "
                       "silently keep only the last one, expected it once: remove one")
        return not node.duplicates

    def keys(self, record: Record, node: Node, where: str) -> bool:
        """Report repeated and unknown keys of a mapping; True when there are none."""
        ok = self.duplicates(node, where)
        for key, child in node.value.items():
            if key not in record.by_name:
                match = close_match(key, record.by_name)
                expected = f", did you mean '{match}'?" if match else f"; expected one of: {', '.join(record.by_name)}"
                self.error(child.key_line, join(where, key), f"unknown field{expected}")
                ok = False
        return ok

    def swallowed(self, record: Record, node: Node, where: str) -> frozenset[str]:
        """Fields a mapping lacks that are written inside one of its block texts: after
        `instructions: |`, a line `kind: reps` indented like the text is text. Reported at that line."""
        found: set[str] = set()
        for key, child in node.value.items():
            for line, name in child.field_lines:
                if name in record.by_name and name not in node.value and name not in found:
                    found.add(name)
                    self.error(line, join(where, name), f"this line is inside the text of '{key}' (which starts on "
                               f"line {child.key_line}): it is indented like that text, so it is read as words "
                               f"for the patient, not as the field '{name}'; expected '{name}:' lined up with "
                               f"'{key}:' on line {child.key_line}")
        return frozenset(found)

    def rules(self, record: Record, node: Node, where: str, values: dict, swallowed=frozenset()) -> bool:
        """Check required fields and the record's conditional rules; True when all hold.
        A field in `swallowed` was reported already (written inside a block text)."""
        ok = not swallowed
        for field in record.fields:
            if field.required and field.name not in node.value and field.name not in swallowed:
                self.error(node.line, join(where, field.name), f"missing; expected {expectation(field.spec)}")
                ok = False
        for rule in record.rules:
            if _applies(rule, values):
                ok = self._rule(record, rule, node, where, values, swallowed) and ok
        return ok

    def _rule(self, record: Record, rule: Rule, node: Node, where: str, values: dict, swallowed) -> bool:
        ok = True
        minimums = dict(rule.minimum)
        for name in rule.required:
            if name not in node.value and name not in swallowed:
                self.error(node.line, join(where, name), f"missing (required when {rule.condition}); "
                           f"expected {expectation(_raised(record.by_name[name].spec, minimums.get(name)))}")
                ok = False
        for name, minimum in rule.minimum:
            if isinstance(values.get(name), int) and values[name] < minimum:
                wanted = _raised(record.by_name[name].spec, minimum)
                self.error(node.value[name].line, join(where, name), f"must be {expectation(wanted)} when "
                           f"{rule.condition}, got {values[name]}")
                ok = False
        return ok


def _raised(spec: Spec, minimum: int | None) -> Spec:
    """A whole-number field with the higher minimum a rule asks for."""
    return Whole(minimum, spec.maximum) if minimum is not None and type(spec) is Whole else spec


def _applies(rule: Rule, values: dict) -> bool:
    value = values.get(rule.when)
    if value is INVALID:
        return False
    return bool(value) if rule.equals is None else value == rule.equals


def _whole(checker: Checker, spec: Whole, node: Node, where: str):
    value = node.value
    if node.kind == SCALAR and node.tag == "int" and isinstance(value, int):
        if spec.minimum <= value <= spec.maximum:
            return value
    quoted = node.kind == SCALAR and node.tag == "str" and re.fullmatch(r"\s*-?\d+\s*", node.text)
    return checker.wrong(spec, node, where, "; remove the quotes to make it a number" if quoted else "")


def _number(checker: Checker, spec: Number, node: Node, where: str):
    value = node.value
    if node.kind == SCALAR and node.tag in ("int", "float") and isinstance(value, (int, float)):
        if math.isfinite(value) and spec.minimum <= value <= spec.maximum:
            return value
    quoted = node.kind == SCALAR and node.tag == "str" and re.fullmatch(r"\s*-?\d+(\.\d*)?\s*", node.text)
    hint = "; remove the quotes to make it a number" if quoted else ""
    if node.kind == SCALAR and node.tag == "str" and re.fullmatch(r"\s*-?\d+,\d+\s*", node.text):
        hint = "; write decimals with a point (1.5), not a comma"
    return checker.wrong(spec, node, where, hint)


def _text(checker: Checker, spec: Text, node: Node, where: str):
    if node.kind != SCALAR or node.tag not in ("str", "null"):
        return checker.wrong(spec, node, where, quote_hint(node))
    value = (node.value or "").strip()
    if not value:
        checker.error(node.line, where, f"must not be empty; expected {expectation(spec)}")
    elif spec.one_line and "\n" in value:
        checker.error(node.line, where, f"must be one line; expected {expectation(spec)}")
    elif len(value) > spec.max_length:
        checker.error(node.line, where, f"is {len(value)} characters long; expected {expectation(spec)}")
    else:
        return value
    return INVALID


def _choice(checker: Checker, spec: Choice, node: Node, where: str):
    if node.kind != SCALAR or node.tag != "str":
        return checker.wrong(spec, node, where, quote_hint(node))
    if node.value in spec.values:
        return node.value
    hint = did_you_mean(node.value, spec.values)
    if not hint and len(spec.values) > LONG_CHOICE:
        hint = f"; known: {', '.join(spec.values)}"
    return checker.wrong(spec, node, where, hint)


def _identifier(checker: Checker, spec: Identifier, node: Node, where: str):
    if node.kind != SCALAR or node.tag != "str":
        return checker.wrong(spec, node, where, quote_hint(node))
    text = node.value
    if re.match(spec.pattern, text) and len(text) <= spec.max_length:
        return text
    snake = re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")
    good = re.match(spec.pattern, snake) and len(snake) <= spec.max_length and snake != text
    return checker.wrong(spec, node, where, f" (did you mean '{snake}'?)" if good else "")


def _media_path(checker: Checker, spec: MediaPath, node: Node, where: str):
    if node.kind != SCALAR or node.tag != "str" or not node.value.strip():
        return checker.wrong(spec, node, where, quote_hint(node))
    text = node.value.strip()
    normal = posixpath.normpath(text)
    example = f"; expected a path relative to assets/ such as {spec.noun}s/press_up{spec.extensions[0]}"
    if "\\" in text:
        problem = "must use / between folders, not \\"
    elif text.startswith("/") or re.match(r"[A-Za-z]:", text) or "://" in text:
        problem = "must be a path relative to the assets folder, not an absolute path or address"
    elif normal == ".." or normal.startswith("../"):
        problem = "must stay inside assets/"
    elif not normal.lower().endswith(spec.extensions):
        problem, example = f"must be {a(spec.noun)} file ending in {', '.join(spec.extensions)}", ""
    else:
        return normal
    checker.error(node.line, where, f"{problem}, got {describe(node)}{example}")
    return INVALID


def _boolean(checker: Checker, spec: Boolean, node: Node, where: str):
    if node.kind == SCALAR and node.tag == "bool":
        return node.value
    return checker.wrong(spec, node, where)


def _list(checker: Checker, spec: ListOf, node: Node, where: str):
    if node.kind != SEQ:
        one = node.kind == SCALAR and node.tag != "null"
        return checker.wrong(spec, node, where, f"; write it as [{node.text}] or as a '- ' line" if one else "")
    if len(node.value) < spec.min_items:
        checker.error(node.line, where, f"must not be empty; expected at least {spec.min_items} {spec.noun}")
        return INVALID
    items = [checker.check(spec.item, child, f"{where}[{index}]") for index, child in enumerate(node.value)]
    return INVALID if any(item is INVALID for item in items) else items


def _map(checker: Checker, spec: MapOf, node: Node, where: str):
    if node.kind != MAP:
        return checker.wrong(spec, node, where)
    ok = checker.duplicates(node, where)
    values = {}
    for key, child in node.value.items():
        if not re.match(spec.key_pattern, key):
            checker.error(child.key_line, join(where, key), f"must be {spec.key_noun}, got {json.dumps(key)}")
            ok = False
            continue
        values[key] = checker.check(spec.value, child, join(where, key))
        ok = ok and values[key] is not INVALID
    return values if ok else INVALID


def _record(checker: Checker, spec: Record, node: Node, where: str):
    if node.kind != MAP:
        return checker.wrong(spec, node, where)
    ok = checker.keys(spec, node, where)
    values = {}
    for key, child in node.value.items():
        field = spec.by_name.get(key)
        if field is not None:
            values[key] = checker.check(field.spec, child, join(where, key))
            ok = ok and values[key] is not INVALID
    ok = checker.rules(spec, node, where, values, checker.swallowed(spec, node, where)) and ok
    for field in spec.fields:
        if field.name not in values and field.default is not None:
            values[field.name] = field.default
    return values if ok else INVALID


def _one_of(checker: Checker, spec: OneOf, node: Node, where: str):
    """Check against the option written in the node's YAML kind (a word, a list or a mapping)."""
    for option in spec.options:
        if yaml_kind(option) == node.kind:
            return checker.check(option, node, where)
    return checker.wrong(spec, node, where)


def yaml_kind(spec: Spec) -> str:
    """The YAML kind a value of `spec` is written as: mapping, list or a plain scalar."""
    if isinstance(spec, (Record, MapOf)):
        return MAP
    return SEQ if isinstance(spec, ListOf) else SCALAR


_CHECKS = {Whole: _whole, Number: _number, Text: _text, Choice: _choice, Identifier: _identifier,
           MediaPath: _media_path,
           Boolean: _boolean, ListOf: _list, MapOf: _map, Record: _record, OneOf: _one_of}
