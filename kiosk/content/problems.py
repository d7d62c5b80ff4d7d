"""A problem found in a file a person wrote: where it is, and what is wrong.

Shared by the exercise-file loader and the patient-script reader, and printed
one per line as `PATH:LINE: where: message` so editors can jump to it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """An error drops what it spoils; a warning only tells."""

    ERROR = "error"
    WARNING = "warning"


def one_line(text: str) -> str:
    """Control characters (line breaks, tabs, NUL ...) written as escapes, so a message stays one line."""
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


@dataclass(frozen=True)
class Problem:
    """One problem at PATH:LINE (1-based). `where` is a field path, or `file` / `yaml`.

    Line 0 means the file as a whole (it could not be opened), printed as `PATH: ...`.
    """

    path: str
    line: int
    where: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """One line, always: a key or value holding a line break or a tab is shown escaped."""
        place = f"{self.path}:{self.line}" if self.line > 0 else self.path
        warning = "warning: " if self.severity is Severity.WARNING else ""
        return one_line(f"{place}: {self.where or '?'}: {warning}{self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
