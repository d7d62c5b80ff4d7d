"""The `Library`: every valid exercise, program and special test read from exercise files.

Built by `kiosk.content.loader.load`; the app, the CLI and the tests read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.clinical.program import Exercise, Program, SpecialTest

from .problems import Problem, Severity


@dataclass
class Library:
    """Everything valid that was read, and every problem found on the way."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    special_tests: dict[str, SpecialTest] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    rejected_programs: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Programs left out for their errors: id -> (file as shown in problems, where in it)."""
    uses_bundled: bool = False
    """The folder builds on the bundled library (`use_bundled: true`), which was read too."""
    bundled_files: list[Path] = field(default_factory=list)
    """The files of `files` read as the bundled library under the folder's own."""
    media_folders: dict[str, Path] = field(default_factory=dict)
    """Exercise id -> the assets folder its media paths are relative to."""

    def media_file(self, exercise_id: str, relative: str, default: Path) -> Path:
        """Where an exercise's media file is: in the assets of the folder that defined the exercise
        (a bundled exercise used by a clinic folder keeps the bundled assets), else under `default`."""
        return self.media_folders.get(exercise_id, default) / relative

    def problems_of_program(self, program_id: str) -> list[Problem]:
        """The errors that kept a program out of the library (empty when it loaded or never existed)."""
        if program_id not in self.rejected_programs:
            return []
        path, where = self.rejected_programs[program_id]
        return [p for p in self.errors if p.path == path and (p.where == where or p.where.startswith(where + "."))]

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors (warnings left out)."""
        return [problem for problem in self.problems if problem.severity is Severity.ERROR]
