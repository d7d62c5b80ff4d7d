"""Exercise files -> a `Library` of exercises, programs and special tests.

Reads every `*.yaml` file of a folder (sorted by name, not recursive), checks it
against `kiosk.content.fields` and builds the dataclasses of `kiosk.clinical.program`.
Every problem is a `Problem` printed as `PATH:LINE: where: message`. One bad
file never stops the good ones: an error drops only what it spoils (an
exercise, a program, or a file that can't be read at all).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kiosk.clinical.program import (AfterNoEffect, Block, Exercise, ExerciseKind, Policy, Position, Program, Role,
                                    SpecialTest, TestGroup, Text)

from . import media
from .animation_checks import build_animation
from .checks import INVALID, Checker
from .fields import FILE, POLICY, SECTIONS
from .positions import infer_position
from .problems import Problem, Severity
from .spec import IDENTIFIER_PATTERN
from .wording import describe, did_you_mean
from .yamlsafe import MAP, SEQ, Node, is_empty, read_yaml

__all__ = ["Library", "Problem", "Severity", "bundled_exercises_dir", "default_assets_dir", "load"]


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


def bundled_exercises_dir() -> Path:
    """The exercise folder that ships with the kiosk: <repo>/exercises (or kiosk/exercises)."""
    package = Path(__file__).resolve().parents[1]  # kiosk/
    beside = package.parent / "exercises"
    inside = package / "exercises"
    return inside if not beside.is_dir() and inside.is_dir() else beside


def default_assets_dir(exercises_dir: Path) -> Path:
    """Media paths in exercise files are relative to the `assets` folder beside the exercise folder."""
    return Path(exercises_dir).parent / "assets"


def load(paths: Iterable[str | Path] | None = None, assets: Path | None = None,
         probe_videos: bool = False) -> Library:
    """Read exercise files and folders (None: the bundled folder) into a Library.

    With `probe_videos`, every video that exists is also opened and its first picture decoded
    (`kiosk validate` does; it takes a moment per video), and one that won't decode is a warning."""
    if isinstance(paths, (str, Path)):  # one path given on its own, not in a list
        paths = [paths]
    bundled = paths is None
    given = [bundled_exercises_dir()] if bundled else [Path(path) for path in paths]
    files, problems = _files(given, bundled)
    if assets is None and given:
        assets = default_assets_dir(given[0] if given[0].is_dir() else given[0].parent)
    loading = _Loading(Path(assets) if assets is not None else None, bundled, probe_videos)
    for path, shown in files:
        loading.read_file(path, shown)
    loading.resolve_programs()
    return loading.finish(problems)


def _shown(path: Path, bundled: bool) -> str:
    """How a path is printed: as given, or relative to the working folder for the bundled one."""
    if bundled:
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            return relative
    return str(path)


def _files(given: list[Path], bundled: bool) -> tuple[list[tuple[Path, str]], list[Problem]]:
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in given:
        if path.is_dir():
            children = sorted((child for child in path.iterdir() if not child.name.startswith(".")),
                              key=lambda child: child.name)
            for child in children:
                if child.suffix == ".yml" and child.is_file():
                    problems.append(Problem(_shown(child, bundled), 0, "file", "ignored: only *.yaml files are "
                                            "read; expected the .yaml ending, so rename it", Severity.WARNING))
            chosen = [child for child in children if child.suffix == ".yaml" and child.is_file()]
        elif path.is_file():
            chosen = [path]
        else:
            problems.append(Problem(_shown(path, bundled), 0, "file",
                                    "no such file or folder; expected an exercise file or a folder of them"))
            chosen = []
        for file in chosen:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                found.append((file, _shown(file, bundled)))
    return found, problems


class _Loading:
    """The state of one load: what is defined so far, and each file's problems."""

    def __init__(self, assets: Path | None, bundled: bool, probe_videos: bool = False) -> None:
        self.assets = assets
        self.probe_videos = probe_videos
        self.assets_shown = _shown(assets, bundled).replace(os.sep, "/") if assets is not None else ""
        self.library = Library()
        self.first: dict[tuple[str, str], tuple[str, Node]] = {}  # (section, id) -> first PATH:LINE, item
        self.rejected: dict[str, str] = {}  # exercise id -> PATH:LINE, for exercises dropped with errors
        self.pending: list[tuple[dict, Node, str, Checker, str]] = []  # programs waiting for all exercises
        self.broken_programs: list[tuple[Node, str, Checker]] = []  # dropped programs, references still checked
        self.problems: list[list[Problem]] = []

    def read_file(self, path: Path, shown: str) -> None:
        self.library.files.append(path)
        problems: list[Problem] = []
        self.problems.append(problems)
        try:
            self._read(path, shown, problems)
        except Exception as error:  # belt and braces: one file must never take the others down
            problems.append(Problem(shown, 1, "file", f"could not be loaded ({type(error).__name__}: {error}); "
                                    "expected a valid exercise file: please report this"))

    def _read(self, path: Path, shown: str, problems: list[Problem]) -> None:
        root, data, found = read_yaml(path, shown)
        problems.extend(found)
        if is_empty(root):
            return
        checker = Checker(shown, problems)
        if root.kind != MAP:
            checker.error(root.line, "file", f"must be a mapping with exercises:, programs: and/or special_tests:, "
                          f"got {describe(root)}")
            return
        checker.keys(FILE, root, "")
        sha256 = hashlib.sha256(data).hexdigest()
        for name in SECTIONS:
            section = root.value.get(name)
            if section is None:
                continue
            spec = FILE.by_name[name].spec
            if section.kind != SEQ:
                checker.wrong(spec, section, name, "" if section.value is None else "; start each item with '- '")
                continue
            for index, item in enumerate(section.value):
                where = f"{name}[{index}]"
                self.add(name, self.checked(name, spec.item, item, where, checker), item, where, checker, sha256)

    def checked(self, section: str, spec, item: Node, where: str, checker: Checker):
        """The item's values, with an exercise's animation built (INVALID when anything is wrong)."""
        values = checker.check(spec, item, where)
        if section == "exercises" and values is not INVALID and "animation" in values:
            animation = build_animation(values["animation"], item.value["animation"], f"{where}.animation", checker)
            values = INVALID if animation is INVALID else {**values, "animation": animation}
        return values

    def add(self, section: str, values, item: Node, where: str, checker: Checker, sha256: str) -> None:
        """Keep one checked item unless it had errors or its id is taken."""
        source = f"{checker.shown}:{item.line}"
        id_node = item.value.get("id") if item.kind == MAP else None
        item_id = values["id"] if values is not INVALID else _readable_id(id_node)
        if item_id is not None:
            first, first_item = self.first.setdefault((section, item_id), (source, item))
            if first_item is not item:
                checker.error(id_node.line, f"{where}.id", f"duplicate id '{item_id}', first defined at {first}; "
                              "expected ids unique across the folder's files")
                return
        if values is INVALID:
            if section == "exercises":
                self.media_warnings(self.media_of_broken_exercise(item, where, checker), item, where, checker)
                if item_id is not None:
                    self.rejected[item_id] = source
            elif section == "programs":
                if item_id is not None:
                    self.library.rejected_programs[item_id] = (checker.shown, where)
                self.broken_programs.append((item, where, checker))
        elif section == "exercises":
            self.library.exercises[item_id] = self.exercise(values, item, where, checker, source)
        elif section == "programs":
            self.pending.append((values, item, where, checker, sha256))
        else:
            self.library.special_tests[item_id] = SpecialTest(
                item_id, values["name"], TestGroup(values["group"]), values["target"], values["how"],
                values["positive"], source)

    def media_warnings(self, media_paths: dict, item: Node, where: str, checker: Checker) -> None:
        """Warn about media files that can't be shown (`media_paths`: field name -> path under assets)."""
        for name, relative in media_paths.items():
            if self.assets is None:
                return
            problem = self.media_problem(name.rsplit(".", 1)[-1], self.assets / relative)
            if problem:
                checker.problems.append(Problem(checker.shown, _node_at(item, name).line, f"{where}.{name}",
                                                f"{problem}: {self.assets_shown}/{relative}", Severity.WARNING))

    def media_of_broken_exercise(self, item: Node, where: str, checker: Checker) -> dict:
        """An exercise dropped for other errors: its media paths that were written correctly,
        so their warnings come in the same run of `kiosk validate` as the errors."""
        if item.kind != MAP:
            return {}
        flagged = {problem.where for problem in checker.problems}
        return {name: item.value[name].value for name in ("video", "image", "audio")
                if name in item.value and item.value[name].tag == "str" and f"{where}.{name}" not in flagged}

    def exercise(self, values: dict, item: Node, where: str, checker: Checker, source: str) -> Exercise:
        translations = {language: Text(words["name"], words["instructions"], words.get("safety", ""),
                                       words.get("audio"))
                        for language, words in values.get("translations", {}).items()}
        found = {name: values[name] for name in ("video", "image", "audio") if name in values}
        found.update({f"translations.{language}.audio": text.audio for language, text in translations.items()
                      if text.audio})
        self.media_warnings(found, item, where, checker)
        position = values.get("position")
        return Exercise(values["id"], values["name"], values["instructions"], ExerciseKind(values["kind"]),
                        values["reps"], values["hold"], values["sets"], values["rest"], values.get("safety", ""),
                        values.get("video"), values.get("image"), translations, source, values.get("animation"),
                        Position(position) if position else infer_position(values.get("animation")),
                        values.get("get_ready"), values.get("audio"))

    def media_problem(self, name: str, path: Path) -> str:
        """Why a media file can't be shown ("" when it can, as far as this load looks)."""
        if not path.is_file():
            return "file not found"
        if name == "video" and self.probe_videos:
            return media.video_problem(path)
        if name == "audio" and self.probe_videos:
            return media.audio_problem(path)
        return ""

    def resolve_programs(self) -> None:
        """Build each program now that every file's exercises are known."""
        for item, where, checker in self.broken_programs:
            self.unknown_references(item, where, checker)
        for values, item, where, checker, sha256 in self.pending:
            blocks = []
            for index, (block, node) in enumerate(zip(values["blocks"], item.value["blocks"].value)):
                exercises = self.exercises_of(block, node, f"{where}.blocks[{index}]", checker)
                blocks.append(None if exercises is None else Block(Role(block["role"]), exercises,
                                                                   block.get("name", "")))
            if None in blocks:
                self.library.rejected_programs[values["id"]] = (checker.shown, where)
                continue
            policy = {**POLICY.defaults(), **values.get("policy", {})}
            self.library.programs[values["id"]] = Program(
                values["id"], values["name"], tuple(blocks),
                Policy(policy["mcid"], policy["recheck_after"], AfterNoEffect(policy["after_no_effect"])),
                values.get("description", ""), f"{checker.shown}:{item.line}", sha256)

    def unknown_references(self, item: Node, where: str, checker: Checker) -> None:
        """In a program dropped for other errors, still report exercise ids that exist nowhere,
        so a therapist sees every problem of the program in one run of `kiosk validate`."""
        blocks = item.value.get("blocks") if item.kind == MAP else None
        if blocks is None or blocks.kind != SEQ:
            return
        known = set(self.library.exercises) | set(self.rejected)
        for index, block in enumerate(blocks.value):
            exercises = block.value.get("exercises") if block.kind == MAP else None
            if exercises is None or exercises.kind != SEQ:
                continue
            for number, id_node in enumerate(exercises.value):
                exercise_id = id_node.value
                if (id_node.tag == "str" and re.match(IDENTIFIER_PATTERN, exercise_id)
                        and exercise_id not in known):
                    checker.error(id_node.line, f"{where}.blocks[{index}].exercises[{number}]",
                                  f"unknown exercise '{exercise_id}'{did_you_mean(exercise_id, list(known))}"
                                  "; expected the id of an exercise defined in the folder")

    def exercises_of(self, block: dict, node: Node, where: str, checker: Checker) -> tuple[Exercise, ...] | None:
        """The block's exercises, or None when one is missing or was rejected (reported)."""
        found, ok = [], True
        for index, (exercise_id, id_node) in enumerate(zip(block["exercises"], node.value["exercises"].value)):
            exercise = self.library.exercises.get(exercise_id)
            if exercise is not None:
                found.append(exercise)
                continue
            ok = False
            spot = f"{where}.exercises[{index}]"
            if exercise_id in self.rejected:
                checker.error(id_node.line, spot, f"exercise '{exercise_id}' has errors (see "
                              f"{self.rejected[exercise_id]}), so this program can't use it; expected a valid "
                              "exercise: fix that one first")
            else:
                known = list(self.library.exercises) + list(self.rejected)
                checker.error(id_node.line, spot, f"unknown exercise '{exercise_id}'{did_you_mean(exercise_id, known)}"
                              "; expected the id of an exercise defined in the folder")
        return tuple(found) if ok else None

    def finish(self, problems: list[Problem]) -> Library:
        """The library, with problems in file order, then line order within a file."""
        self.library.problems = problems + [p for each in self.problems for p in sorted(each, key=_line)]
        return self.library


def _line(problem: Problem) -> int:
    return problem.line


def _node_at(item: Node, dotted: str) -> Node:
    """The node at a dotted path under an item (translations.es.audio), for its line."""
    for key in dotted.split("."):
        item = item.value[key]
    return item


def _readable_id(node: Node | None) -> str | None:
    """The id of an item that has errors, when it is at least a plain word."""
    if node is None or node.tag != "str" or not re.match(IDENTIFIER_PATTERN, node.value):
        return None
    return node.value
