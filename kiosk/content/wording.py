"""How the checker words things: what a file holds, what a field expects, likely typos.

Kept apart from `kiosk.content.checks` so messages read the same everywhere, e.g.
`must be a whole number from 1 to 50, got "ten"` or `(did you mean 'reps'?)`.
"""

from __future__ import annotations

import difflib
import json

from .spec import Boolean, Choice, Identifier, ListOf, MapOf, MediaPath, Number, OneOf, Spec, Text, Whole
from .yamlsafe import SCALAR, Node

_READ_AS = {"bool": "YAML reads yes/no/on/off/true/false as true or false", "timestamp": "YAML reads it as a date"}
_NOT_TEXT = ("int", "float", "bool", "timestamp")
LONG_CHOICE = 8


def close_match(word: str, options) -> str | None:
    """The option most like `word` (a likely typo), or None."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, options) -> str:
    """` (did you mean 'x'?)` for a close match among `options`, else ""."""
    match = close_match(word, options)
    return f" (did you mean '{match}'?)" if match else ""


def a(noun: str) -> str:
    """`a video`, `an image`."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def join(where: str, name: str) -> str:
    """A field path: `exercises[2]` + `reps` -> `exercises[2].reps`."""
    return f"{where}.{name}" if where else name


def describe(node: Node) -> str:
    """What the file holds, as the person wrote it, for `got ...`."""
    if node.kind != SCALAR:
        return f"a {node.kind}"
    if node.tag == "null":
        return "nothing"
    if node.tag == "str":
        text = node.text if len(node.text) <= 60 else node.text[:57] + "..."
        return json.dumps(text, ensure_ascii=False)
    if node.tag in _READ_AS and node.text.lower() not in ("true", "false"):
        return f"{node.text} ({_READ_AS[node.tag]})"
    return node.text


def expectation(spec: Spec) -> str:
    """What a field must hold, in words."""
    kind = type(spec)
    if kind is Whole:
        return f"a whole number from {spec.minimum} to {spec.maximum}"
    if kind is Number:
        unit = f" of {spec.unit}" if spec.unit else ""
        return f"a number{unit} from {spec.minimum:g} to {spec.maximum:g}"
    if kind is Text:
        return f"text{' on one line' if spec.one_line else ''} of at most {spec.max_length} characters"
    if kind is Identifier:
        return (f"a lower_snake_case id (a-z, 0-9 and _, starting with a letter, "
                f"at most {spec.max_length} characters)")
    if kind is Choice:
        return "one of " + ", ".join(spec.values) if len(spec.values) <= LONG_CHOICE else f"a known {spec.noun} id"
    if kind is Boolean:
        return "true or false"
    if kind is MediaPath:
        return f"{a(spec.noun)} path inside assets/ ending in {', '.join(spec.extensions)}"
    if kind is ListOf:
        return f"a list of {spec.noun}s"
    if kind is MapOf:
        return f"a mapping of {spec.key_noun} to {expectation(spec.value)}"
    if kind is OneOf:
        return " or ".join(expectation(option) for option in spec.options)
    return f"a mapping of the {spec.noun}'s fields ({', '.join(spec.by_name)})"


def quote_hint(node: Node) -> str:
    if node.kind == SCALAR and node.tag in _NOT_TEXT:
        return f'; put it in quotes ("{node.text}") if you mean it as text'
    return ""
