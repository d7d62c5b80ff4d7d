"""The words a file format is described in: field kinds, fields, records and rules.

Pure data. `kiosk.content.checks` reads a description to check a file and
`kiosk.content.schema` reads the same description to write JSON Schema, so the two
can never disagree about a name, a range or a default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

IDENTIFIER_PATTERN = r"^[a-z][a-z0-9_]*$"
IDENTIFIER_MAX = 64


@dataclass(frozen=True)
class Whole:
    """A whole number from `minimum` to `maximum`, both included."""

    minimum: int
    maximum: int


@dataclass(frozen=True)
class Number:
    """A number, whole or decimal (1.5), from `minimum` to `maximum`, both included; `unit` names it."""

    minimum: float
    maximum: float
    unit: str = ""


@dataclass(frozen=True)
class Text:
    """Non-blank text of at most `max_length` characters; surrounding spaces are dropped."""

    max_length: int
    one_line: bool = False


@dataclass(frozen=True)
class Identifier:
    """A lower_snake_case id: a-z, 0-9 and _, starting with a letter."""

    pattern: str = IDENTIFIER_PATTERN
    max_length: int = IDENTIFIER_MAX


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of words; `noun` names them in messages ("body region")."""

    values: tuple[str, ...]
    noun: str = "value"


@dataclass(frozen=True)
class Boolean:
    """true or false."""


@dataclass(frozen=True)
class MediaPath:
    """A file under the assets folder, written relative to it with `/`."""

    extensions: tuple[str, ...]
    noun: str = "file"


@dataclass(frozen=True)
class ListOf:
    """A list of `item`s; `noun` names one item in messages."""

    item: "Spec"
    noun: str
    min_items: int = 0


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys match `key_pattern` (e.g. language codes) and values are `value`."""

    key_pattern: str
    key_noun: str
    value: "Spec"


@dataclass(frozen=True)
class OneOf:
    """One of several shapes, told apart by what the file holds: a plain word or a mapping.

    E.g. an item of a block's `exercises:` is an exercise id, or a mapping of the id and
    this program's dose. Each option must take a different YAML kind (scalar, list,
    mapping) so a value always matches exactly one (JSON Schema `oneOf`)."""

    options: tuple["Spec", ...]
    noun: str


@dataclass(frozen=True)
class Field:
    """One key of a record. `default` (when not None) is used when the key is left out."""

    name: str
    spec: "Spec"
    description: str
    required: bool = False
    default: Any = None


@dataclass(frozen=True)
class Rule:
    """When `when` equals `equals` (or, with equals None, is a non-empty list),
    the `required` fields must be present and each (field, minimum) must hold."""

    when: str
    equals: str | None = None
    required: tuple[str, ...] = ()
    minimum: tuple[tuple[str, int], ...] = ()

    @property
    def condition(self) -> str:
        """The rule's condition in words, for messages."""
        return f"{self.when} is {self.equals}" if self.equals is not None else f"{self.when} is not empty"


@dataclass(frozen=True)
class Record:
    """A mapping with known keys. `name` is its JSON Schema `$defs` name and `noun` its plain name."""

    name: str
    noun: str
    description: str
    fields: tuple[Field, ...]
    rules: tuple[Rule, ...] = ()
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def defaults(self) -> dict[str, Any]:
        """The value of every field that has a default, as when the record is left out."""
        return {f.name: f.default for f in self.fields if f.default is not None}


Spec = Union[Whole, Number, Text, Identifier, Choice, Boolean, MediaPath, ListOf, MapOf, Record, OneOf]
