"""Read a YAML file safely into plain nodes that remember their line numbers.

Nothing is ever constructed from the file: the YAML event stream is read
(libyaml when present) and turned into `Node`s here, so tags such as
`!!python/object` are refused instead of obeyed, anchors and aliases are refused
before anything can expand ("billion laughs"), nesting depth is capped, and
duplicate keys, which YAML would silently drop, are kept for the checker to
report. Every refusal is a `Problem` with the file's PATH:LINE.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent)

from .problems import Problem
from .yaml_words import field_lines, plain_words

MAX_BYTES = 1_000_000
"""Files larger than this are refused: an exercise file is a few kilobytes."""

MAX_DEPTH = 50
"""Deepest nesting accepted; the formats need five or six levels."""

MAP, SEQ, SCALAR = "mapping", "list", "scalar"

_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STANDARD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_STANDARD + name for name in ("str", "int", "float", "bool", "null", "seq", "map")}
_STR = _STANDARD + "str"
_BOM = b"\xef\xbb\xbf"
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; expected the few levels the file format uses"


class Node:
    """One value of the file: a mapping, a list or a scalar, and the line it starts on.

    `value` is a dict of key text -> Node (mapping), a list of Nodes, or the
    scalar read as str, int, float, bool or None. `text` is the scalar as written
    and `tag` its YAML type (str, int, float, bool, null, timestamp ...).
    `key_line` is the line of the key a mapping value sits under; `duplicates`
    lists (key, line, first line) for keys a mapping repeats.
    """

    __slots__ = ("kind", "value", "line", "text", "tag", "key_line", "duplicates", "field_lines")

    def __init__(self, kind: str, value, line: int, text: str = "", tag: str = "") -> None:
        self.kind = kind
        self.value = value
        self.line = line
        self.text = text
        self.tag = tag
        self.key_line = line
        self.duplicates: list[tuple[str, int, int]] = []
        self.field_lines: tuple[tuple[int, str], ...] = ()
        """In a block text (after `|` or `>`): (line, name) of each line that reads `name: ...`."""


def is_empty(root: Node | None) -> bool:
    """An empty file, or one with only comments or a lone `---`."""
    return root is None or (root.kind == SCALAR and root.value is None)


def read_yaml(path: Path, shown: str) -> tuple[Node | None, bytes, list[Problem]]:
    """The file's root node (None when empty or refused), its bytes, and any problems."""
    problems: list[Problem] = []
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        problems.append(Problem(shown, 0, "file", f"can't be read: {error.strerror or error}"))
        return None, b"", problems
    if len(data) > MAX_BYTES:
        problems.append(Problem(shown, 1, "file", f"is larger than 1 MB ({MAX_BYTES:,} bytes); expected a few "
                                "kilobytes of YAML: split it, or remove what is not YAML"))
        return None, data, problems
    text = _decode(data, shown, problems)
    if text is None:
        return None, data, problems
    return _Builder(shown, problems).build(text), data, problems


def _decode(data: bytes, shown: str, problems: list[Problem]) -> str | None:
    body = data[len(_BOM):] if data.startswith(_BOM) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line = body[:error.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "file", f"is not UTF-8 text: byte 0x{body[error.start]:02x} on this "
                                "line can't be read; expected UTF-8 text: save the file as UTF-8"))
        return None


def _line_at(text: str, position: int) -> int:
    """The 1-based line of a reader error; libyaml counts bytes, PyYAML characters."""
    if _PARSER is not yaml.SafeLoader:
        text = text.encode("utf-8")[:position].decode("utf-8", errors="ignore")
        position = len(text)
    return text.count("\n", 0, position) + 1


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(_STANDARD):] if tag.startswith(_STANDARD) else tag


class _Builder:
    """Turns the event stream into Nodes, refusing what an exercise file never needs."""

    def __init__(self, shown: str, problems: list[Problem]) -> None:
        self.shown = shown
        self.problems = problems
        self.stack: list[list] = []  # [open mapping or list, pending key Node or None]
        self.root: Node | None = None
        self.documents = 0
        self.refused: set[str] = set()

    def build(self, text: str) -> Node | None:
        before = len(self.problems)
        self.text = text
        self.lines: list[str] | None = None  # split when a block text needs it
        try:
            for event in yaml.parse(text, Loader=_PARSER):
                if not self.feed(event):
                    break
        except yaml.MarkedYAMLError as error:
            self.syntax_error(error)
        except yaml.reader.ReaderError as error:
            line = _line_at(text, error.position)
            self.problems.append(Problem(self.shown, line, "yaml", f"{error.reason} (character 0x{error.character:x}) "
                                         "on this line; expected printable text"))
        except yaml.YAMLError as error:  # any other complaint of the parser: still a problem, not a traceback
            self.problems.append(Problem(self.shown, 1, "yaml", f"{error}; expected valid YAML"))
        return self.root if len(self.problems) == before else None

    def refuse(self, kind: str, line: int, message: str) -> None:
        """Report each kind of refusal once per file: the file is dropped anyway."""
        if kind not in self.refused:
            self.refused.add(kind)
            self.problems.append(Problem(self.shown, line, "yaml", message))

    def syntax_error(self, error: yaml.MarkedYAMLError) -> None:
        mark = error.problem_mark or error.context_mark
        if "nesting depth" in (error.problem or ""):  # libyaml's own limit, met first in long [[[[ runs
            self.refuse("depth", mark.line + 1, _TOO_DEEP)
            return
        if mark is not None:
            context_line = (error.context_mark or mark).line + 1
            try:
                plain = plain_words(self.text, error.problem or "", error.context or "", mark.line + 1,
                                    mark.column + 1, context_line)
            except Exception:  # the plain words are a help: never let them hide the parser's own
                plain = None
            if plain is not None:
                self.problems.append(Problem(self.shown, plain[0], "yaml", plain[1]))
                return
        message = error.problem or error.context or "invalid YAML"
        if error.context and error.problem and error.context_mark is not None:
            message += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        advice = "expected valid YAML: check the indentation, colons, quotes and brackets here and just above"
        self.problems.append(Problem(self.shown, mark.line + 1 if mark else 1, "yaml", f"{message}; {advice}"))

    def feed(self, event) -> bool:
        """Take one event; False stops reading (the file is refused already)."""
        kind = type(event)
        line = event.start_mark.line + 1
        if kind is ScalarEvent:
            self.attach(self.scalar(event, line))
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            self.check_tag_and_anchor(event, line)
            node = Node(MAP, {}, line) if kind is MappingStartEvent else Node(SEQ, [], line)
            self.attach(node)
            self.stack.append([node, None])
            if len(self.stack) > MAX_DEPTH:
                self.refuse("depth", line, _TOO_DEEP)
                return False
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            self.stack.pop()
        elif kind is AliasEvent:
            self.refuse("alias", line, f"aliases (*{event.anchor}) are not allowed, expected each value written "
                        "out in full (anchors & and aliases * are refused so that nothing can expand)")
            self.attach(Node(SCALAR, None, line, "", "null"))
        elif kind is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.refuse("documents", line, "a second YAML document starts here (---); expected one "
                            "document per file")
                return False
        return True

    def check_tag_and_anchor(self, event, line: int) -> None:
        if event.anchor is not None:
            self.refuse("anchor", line, f"anchors (&{event.anchor}) are not allowed, expected each value written "
                        "out in full (anchors & and aliases * are refused so that nothing can expand)")
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            self.refuse("tag", line, f"the tag {_shown_tag(tag)} is not allowed; expected plain text, numbers, "
                        "lists and mappings (tags are never obeyed): remove the tag")

    def scalar(self, event: ScalarEvent, line: int) -> Node:
        text, tag = event.value, event.tag
        if tag is not None or event.anchor is not None:
            self.check_tag_and_anchor(event, line)
        if tag is None or tag == "!":
            tag = _plain_tag(text) if event.implicit[0] else _STR
        elif tag in _PLAIN_TAGS and tag != _STR:
            if _plain_tag(text) != tag:
                self.refuse("tag", line, f"{text!r} can't be read as {_shown_tag(tag)}; remove the tag")
        elif tag not in _PLAIN_TAGS:
            tag = _STR
        short = tag.rsplit(":", 1)[-1]
        node = Node(SCALAR, _scalar_value(short, tag, text), line, text, short)
        if event.style in ("|", ">"):
            if self.lines is None:
                self.lines = self.text.split("\n")
            node.field_lines = field_lines(self.lines, event.start_mark.line + 1, event.end_mark)
        return node

    def attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        entry = self.stack[-1]
        parent, key = entry
        if parent.kind == SEQ:
            parent.value.append(node)
        elif key is None:
            entry[1] = node
            if node.kind != SCALAR:
                self.refuse("key", node.line, f"a {node.kind} is used as a key; expected a plain name before the colon")
            elif node.tag == "merge":
                self.refuse("merge", node.line, "merge keys (<<) are not allowed; expected the fields written "
                            "out in full")
        else:
            entry[1] = None
            node.key_line = key.line
            first = parent.value.get(key.text)
            if first is None:
                parent.value[key.text] = node
            else:
                parent.duplicates.append((key.text, key.line, first.key_line))


@functools.lru_cache(maxsize=4096)
def _plain_tag(text: str) -> str:
    """The YAML type of an unquoted scalar (keys and small values repeat, so remember them)."""
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))


def _scalar_value(short: str, tag: str, text: str):
    if short == "str":
        return text
    if short == "null":
        return None
    if short == "bool":
        return text.lower() in ("yes", "true", "on")
    if short in ("int", "float"):
        construct = _CONSTRUCTOR.construct_yaml_int if short == "int" else _CONSTRUCTOR.construct_yaml_float
        try:
            return construct(yaml.ScalarNode(tag, text))
        except (ValueError, yaml.YAMLError):
            return text
    return text  # timestamp and the like stay as written; the checker says they are not text
