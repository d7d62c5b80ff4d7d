"""The library as plain values: JSON that can only be rebuilt into the kiosk's own dataclasses and enums.

The library cache (kiosk.content.library_cache) is kept in this form and not as a
pickle: unpickling runs whatever code the file names, so a planted or damaged cache
could run anything with the kiosk's rights. Here a file can only name a class of the
kiosk's content model (`MODULES`: a dataclass or an Enum defined there), and a
dataclass is rebuilt field by field, exactly its fields, without calling any code
of it (as pickle itself restores a dataclass). Anything else is refused with a
`PlainDataError`, and the caller reads the exercise files instead.

Shapes: JSON's own values stand for themselves and a list for a list; the rest is an
object with one tag: {"t": [...]} a tuple, {"s": [...]} a frozenset, {"d": [[key,
value], ...]} a dict, {"p": "..."} a path, {"e": "module:Class", "v": value} an
enum member, {"c": "module:Class", "f": {field: value}} a dataclass.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
from pathlib import Path, PurePath

MODULES = ("kiosk.clinical.program", "kiosk.demos.animation", "kiosk.content.library", "kiosk.content.problems")
"""The only modules whose classes a file may name: the dataclasses and enums of a loaded library."""


class PlainDataError(ValueError):
    """What was read is not plain data of the kiosk's content model."""


def encode(value):
    """`value` as plain JSON values (raises PlainDataError for anything that is not plain data)."""
    if value is None or isinstance(value, (bool, int, float, str)) and not isinstance(value, enum.Enum):
        return value
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return {"t": [encode(item) for item in value]}
    if isinstance(value, frozenset):
        return {"s": [encode(item) for item in value]}
    if isinstance(value, dict):
        return {"d": [[encode(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, PurePath):
        return {"p": str(value)}
    if isinstance(value, enum.Enum):
        return {"e": _name(type(value)), "v": encode(value.value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"c": _name(type(value)),
                "f": {field.name: encode(getattr(value, field.name)) for field in dataclasses.fields(value)}}
    raise PlainDataError(f"{type(value).__qualname__} is not plain data")


def _name(cls: type) -> str:
    if cls.__module__ not in MODULES:
        raise PlainDataError(f"{cls.__module__}.{cls.__qualname__} is not a class of the content model")
    return f"{cls.__module__}:{cls.__qualname__}"


def decode(node):
    """The value `encode` gave `node` for (raises PlainDataError for anything else)."""
    return _Decoder().decode(node)


_SCALARS = (str, int, float, bool, type(None))


class _Decoder:
    """One decoding: the classes it met, looked up and checked once each (a start waits for this)."""

    def __init__(self) -> None:
        self.classes: dict[tuple, tuple[type, tuple[str, ...]]] = {}

    def decode(self, node):
        kind = type(node)
        if kind in _SCALARS:
            return node
        if kind is list:
            return [self.decode(item) for item in node]
        if kind is not dict or not 1 <= len(node) <= 2:
            raise PlainDataError(f"unexpected {kind.__name__}")
        tag = next(iter(node))
        body = node[tag]
        if tag == "c" and type(node.get("f")) is dict:
            cls, names = self._class(body, None)
            return self._dataclass(cls, names, node["f"])
        if tag == "t" and type(body) is list:
            return tuple([self.decode(item) for item in body])
        if tag == "d" and type(body) is list:
            return self._dict(body)
        if tag == "e" and "v" in node:
            cls, _ = self._class(body, enum.Enum)
            try:
                return cls(self.decode(node["v"]))
            except ValueError as error:
                raise PlainDataError(str(error)) from None
        if tag == "s" and type(body) is list:
            return frozenset([self.decode(item) for item in body])
        if tag == "p" and type(body) is str:
            return Path(body)
        raise PlainDataError(f"unexpected object with keys {sorted(node)[:3]}")

    def _dict(self, pairs: list) -> dict:
        made = {}
        for pair in pairs:
            if type(pair) is not list or len(pair) != 2:
                raise PlainDataError("a dict's items are [key, value] pairs")
            key = self.decode(pair[0])
            try:
                made[key] = self.decode(pair[1])
            except TypeError:
                raise PlainDataError(f"a {type(key).__name__} cannot be a dict key") from None
        return made

    def _class(self, name, base: type | None) -> tuple[type, tuple[str, ...]]:
        """The class `name` ('module:Class') names, if it is a dataclass (or a subclass of `base`) of MODULES,
        with its fields' names."""
        key = (name, base) if type(name) is str else None
        found = self.classes.get(key)
        if found is None:
            cls = _class(name, base)
            found = (cls, tuple(f.name for f in dataclasses.fields(cls)) if base is None else ())
            if key is not None:
                self.classes[key] = found
        return found

    def _dataclass(self, cls: type, names: tuple[str, ...], fields: dict):
        """An instance of `cls` with exactly its fields, set as pickle would: no __init__, no __post_init__."""
        if len(fields) != len(names) or not all(name in fields for name in names):
            raise PlainDataError(f"{cls.__qualname__} has fields {list(names)}, the file gave {sorted(fields)[:12]}")
        instance = object.__new__(cls)
        setter = object.__setattr__
        for name in names:
            setter(instance, name, self.decode(fields[name]))
        return instance


def _class(name, base: type | None) -> type:
    """The class `name` ('module:Class') names, if it is a dataclass (or a subclass of `base`) of MODULES."""
    module_name, _, qualname = name.partition(":") if isinstance(name, str) else ("", "", "")
    if module_name not in MODULES or not qualname.isidentifier():
        raise PlainDataError(f"{str(name)[:80]!r} is not a class of the content model")
    cls = getattr(importlib.import_module(module_name), qualname, None)
    if not isinstance(cls, type) or cls.__module__ != module_name:
        raise PlainDataError(f"{name!r} is not a class of the content model")
    wanted = issubclass(cls, base) if base is not None else dataclasses.is_dataclass(cls)
    if not wanted:
        raise PlainDataError(f"{name!r} is not a {'dataclass' if base is None else base.__name__}")
    return cls
