"""YAML parser errors in plain words that name the fix.

The parser says "mapping values are not allowed in this context" or "did not find
expected '-' indicator". What a therapist needs is which line, and what to line it
up with: `'kind:' is indented 6 spaces, more than 'name:' on line 3 (4 spaces) ...;
expected 'kind:' lined up with line 3: indent it by 4 spaces`. `plain_words` reads
the lines above the error to find the field or list item it most likely belongs
with; for anything it does not recognise it gives None and the parser's words stay.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:(\s|$)")


class Place(NamedTuple):
    """Where a line starts: a field (`key:`) or a list item (`- `), at which column."""

    line: int  # 1-based
    kind: str  # "key" or "dash"
    column: int
    label: str  # 'name:' or '-'


_BLOCK_START = re.compile(r"[|>][-+0-9]*\s*(#.*)?$")


def places(text: str) -> list[Place | None]:
    """Each line's field or list item (None for text, comments, blank lines and the lines of a block
    text after `|` or `>`, which are words however they look)."""
    found: list[Place | None] = []
    block_column = None  # the column of the key whose block text is running
    text_column = None  # that text's indentation, set by its first line
    for number, line in enumerate(text.split("\n"), 1):
        rest = line.lstrip(" ")
        column = len(line) - len(rest)
        if block_column is not None and column > block_column and text_column is None and rest:
            text_column = column
        if block_column is not None and (not rest or (text_column is not None and column >= text_column)):
            found.append(None)
            continue
        block_column = text_column = None
        if rest.startswith("- ") or rest == "-":
            found.append(Place(number, "dash", column, "-"))
            rest, column = rest[1:].lstrip(" "), len(line) - len(rest[1:].lstrip(" "))
            key = _KEY.match(rest)
            if key and _BLOCK_START.match(rest[key.end():].strip()):
                block_column = column
            continue
        key = _KEY.match(rest)
        found.append(Place(number, "key", column, f"{key.group(1)}:") if key else None)
        if key and _BLOCK_START.match(rest[key.end():].strip()):
            block_column = column
    return found


def _levels(place: Place, raw: list[str]) -> list[Place]:
    """The indentation levels a line opens, deepest first: '- id: x' opens the field `id` at the
    column after '- ', inside the list item at the column of '-'."""
    if place.kind != "dash":
        return [place]
    line = raw[place.line - 1]
    inner = line[place.column + 1:].lstrip(" ")
    key = _KEY.match(inner)
    return ([Place(place.line, "key", len(line) - len(inner), f"{key.group(1)}:")] if key else []) + [place]


def _chain(lines: list[Place | None], text: str, before: int) -> list[Place]:
    """The levels a line at `before` could line up with: the line above it, then, going up, each
    line less indented than the last one taken (its parents). Lines of other items don't count."""
    raw, chain, limit = text.split("\n"), [], None
    for place in reversed(lines[:before - 1]):
        if place is None:
            continue
        for level in _levels(place, raw):
            if limit is None or level.column < limit:
                chain.append(level)
                limit = level.column
        if limit == 0:
            break
    return chain


def _line_up_with(text: str, number: int) -> tuple[Place, Place] | None:
    """The line at `number` and the line above it that it most likely belongs with (the nearest
    column, the most recent line on a tie), when its column lines up with none of them."""
    lines = places(text)
    if number > len(lines) or lines[number - 1] is None:
        return None
    bad = lines[number - 1]
    above = [place for place in _chain(lines, text, number) if place.kind == bad.kind]
    if not above or any(place.column == bad.column for place in above):
        return None
    target = min(above, key=lambda place: abs(place.column - bad.column))  # the most recent on a tie
    return bad, target


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _indentation(text: str, number: int) -> str | None:
    found = _line_up_with(text, number)
    if found is None:
        return None
    bad, target = found
    how = "more" if bad.column > target.column else "less"
    if bad.kind == "dash":
        return (f"this list item ('-') is indented {_spaces(bad.column)}, {how} than the item on line "
                f"{target.line} ({target.column}); expected the '-' lined up with line {target.line}: "
                f"indent it by {_spaces(target.column)}")
    message = (f"'{bad.label}' is indented {_spaces(bad.column)}, {how} than '{target.label}' on line "
               f"{target.line} ({target.column}), so YAML can't tell what it belongs to; expected '{bad.label}' "
               f"lined up with line {target.line}: indent it by {_spaces(target.column)}")
    before = _column_before(text.split("\n"), target.line)
    if (before is not None and before[1] == bad.column and places(text)[before[0] - 1] is not None
            and bad.column > target.column):  # the fields around line X agree: X may be the odd one out
        message += (f"; or, as line {before[0]} is at {bad.column} too, line {target.line} may be the one out "
                    f"of line: then indent line {target.line} by {_spaces(bad.column)}")
    return message


def _column_before(raw: list[str], number: int) -> tuple[int, int] | None:
    """(line, column) of the nearest line above `number` that is not blank or a comment."""
    for index in range(number - 2, -1, -1):
        rest = raw[index].lstrip(" ")
        if rest and not rest.startswith("#"):
            return index + 1, len(raw[index]) - len(rest)
    return None


def _text_above(raw: list[str], number: int) -> tuple[int, int] | None:
    """(line, column) of the nearest line above `number` that is text (not a field, list item or
    comment), or None when the nearest line is not text."""
    for index in range(number - 2, -1, -1):
        rest = raw[index].lstrip(" ")
        if rest and not rest.startswith("#"):
            if _KEY.match(rest) or rest.startswith("- ") or rest == "-":
                return None
            return index + 1, len(raw[index]) - len(rest)
    return None


def _text_line(raw: list[str], number: int) -> str | None:
    """A line of a block text out of line with the text above it."""
    here = raw[number - 1] if number <= len(raw) else ""
    rest = here.lstrip(" ")
    above = _text_above(raw, number)
    if not rest or _KEY.match(rest) or rest.startswith("- ") or above is None or above[1] == len(here) - len(rest):
        return None
    line, column = above
    how = "more" if len(here) - len(rest) > column else "less"
    return (f"this line of text is indented {_spaces(len(here) - len(rest))}, {how} than the text above it on line "
            f"{line} ({column}); expected every line of one text lined up with its first line, which sets the "
            f"indentation for all of it: indent it by {_spaces(column)}")


def _no_colon(raw: list[str], number: int) -> str:
    """A line read as a field name that has no ':' (text not indented like the text above it)."""
    above = _text_above(raw, number)
    if above is None:
        return ("this line has no ':', so it can't be a field; expected 'name: value', or text indented under "
                "the field it belongs to")
    here = raw[number - 1]
    return (f"this line has no ':', so it can't be a field, and it is indented {_spaces(len(here) - len(here.lstrip(' ')))}"
            f", less than the text above it on line {above[0]} ({above[1]}); if it is more of that text, "
            f"indent it by {_spaces(above[1])}")


def _colon_in_value(line: str) -> str | None:
    """`name: Press-up: top`: text holding ': ' after a field, on one line."""
    rest = line.lstrip(" ").removeprefix("- ").lstrip(" ")
    key = _KEY.match(rest)
    if key is None:
        return None
    value = re.split(r"\s#", rest[key.end():], maxsplit=1)[0].strip()  # without a comment after it
    if ": " not in value and not value.endswith(":"):
        return None
    return (f"the text after '{key.group(1)}:' holds ': ' (a colon and a space), which YAML reads as another "
            f"field; expected the text in quotes: {key.group(1)}: \"{value}\"")


def plain_words(text: str, problem: str, context: str, line: int, column: int,
                context_line: int) -> tuple[int, str] | None:
    """(line, message) for a common parser error, or None to keep the parser's words.

    `line`, `column` and `context_line` are 1-based, from the error's marks."""
    raw = text.split("\n")
    here = raw[line - 1] if line <= len(raw) else ""
    if "tab" in problem or "\t" in here[:column]:
        return line, ("a tab is used for indenting here; YAML allows only spaces: replace the tab with spaces, "
                      "lined up with the field or list item it belongs with")
    if "quoted scalar" in context:
        return context_line, ("the quote opened on this line is never closed; expected a closing quote at the "
                              "end of the text, on this line")
    if "flow sequence" in context or "flow mapping" in context:
        opening = "[" if "sequence" in context else "{"
        closing = "]" if opening == "[" else "}"
        return context_line, (f"the '{opening}' opened on this line is not closed; expected a '{closing}' after "
                              "the last item, on the same line")
    if "cannot start any token" in problem and column <= len(here):
        character = here[column - 1:column] or "?"
        return line, (f"a value can't start with '{character}'; expected the text in quotes, e.g. "
                      f"\"{here[column - 1:].strip()}\"")
    if "mapping values are not allowed" in problem:
        message = _indentation(text, line) or _colon_in_value(here)
        return (line, message) if message else None
    if "expected ':'" in problem and "simple key" in context:
        return context_line, _no_colon(raw, context_line)
    if any(words in problem for words in ("expected '-' indicator", "did not find expected key",
                                          "expected <block end>")):  # libyaml's words, then PyYAML's
        indented = _indentation(text, line) or _text_line(raw, line)
        return (line, indented) if indented else None
    return None


def field_lines(lines: list[str], first: int, end) -> tuple[tuple[int, str], ...]:
    """The lines of a block text (from 0-based line `first` to the `end` mark) that read like a field,
    `name: value`: a field indented like the text is taken into it without a word from YAML."""
    last = end.line if end.column > 0 else end.line - 1
    found = []
    for index, line in enumerate(lines[first:last + 1], first + 1):
        key = _KEY.match(line.lstrip(" "))
        if key:
            found.append((index, key.group(1)))
    return tuple(found)
