"""One load of exercise files: check each item, keep what is valid, resolve programs.

`kiosk.content.loader.load` parses the files and hands each one to an `Assembly`
with its `Layer` (the folder's own files, or the bundled library under them). An
error drops only what it spoils; a second definition of an id is an error within
the folder, and replaces the bundled one across layers.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kiosk.clinical.program import Exercise, ExerciseKind, Position, SpecialTest, TestGroup, Text

from . import media
from .animation_checks import build_animation
from .checks import INVALID, Checker
from .fields import FILE, SECTIONS
from .folders import shown
from .library import Library
from .positions import infer_position
from .problems import Problem, Severity
from .resolution import ProgramResolution
from .spec import IDENTIFIER_PATTERN
from .wording import describe
from .yamlsafe import MAP, SEQ, Node, is_empty, read_yaml


@dataclass(frozen=True)
class Layer:
    """Where a file's media are, and whether it is the bundled library under a folder's own files."""

    assets: Path | None
    assets_shown: str
    probe_videos: bool
    base: bool = False

    @classmethod
    def of(cls, assets: Path | None, bundled: bool, probe_videos: bool, base: bool = False) -> "Layer":
        assets_shown = shown(assets, bundled).replace(os.sep, "/") if assets is not None else ""
        return cls(assets, assets_shown, probe_videos, base)


@dataclass
class Parsed:
    """One file read as YAML, not yet checked."""

    path: Path
    shown: str
    root: Node | None
    data: bytes
    problems: list[Problem]


@dataclass
class _First:
    """The first definition of an id: where, and the file's checker (to add a note to it)."""

    source: str
    item: Node
    where: str
    checker: Checker
    layer: Layer


class Assembly(ProgramResolution):
    """The state of one load: what is defined so far, and each file's problems."""

    def __init__(self, bundled_ids: Callable[[], set[str]] | None, safety_net: bool = True) -> None:
        self.safety_net = safety_net
        """False: an unexpected exception is raised, not turned into a problem line (for the fuzz tests)."""
        self.library = Library()
        self.layer = Layer(None, "", False)  # the layer of the file being read
        self.first: dict[tuple[str, str], _First] = {}  # (section, id) -> its first definition
        self.rejected: dict[str, str] = {}  # exercise id -> PATH:LINE, for exercises dropped with errors
        self.pending: list[tuple[dict, Node, str, Checker, str]] = []  # programs waiting for all exercises
        self.broken_programs: list[tuple[Node, str, Checker]] = []  # dropped programs, references still checked
        self.problems: list[list[Problem]] = []
        self.bundled_ids = bundled_ids
        """The bundled exercise ids, asked for only when a reference is unknown (None: don't suggest)."""

    def parse(self, path: Path, shown: str) -> Parsed:
        """The file read as YAML (root None when it can't be read; the problems say why)."""
        try:
            root, data, problems = read_yaml(path, shown)
        except Exception as error:  # belt and braces: one file must never take the others down
            if not self.safety_net:
                raise
            root, data, problems = None, b"", [_unexpected(shown, error)]
        return Parsed(path, shown, root, data, problems)

    def read(self, parsed: Parsed, layer: Layer) -> None:
        """Check one parsed file and keep what is valid in it."""
        self.layer = layer
        self.library.files.append(parsed.path)
        if layer.base:
            self.library.bundled_files.append(parsed.path)
        self.problems.append(parsed.problems)
        try:
            self._read(parsed)
        except Exception as error:  # belt and braces: one file must never take the others down
            if not self.safety_net:
                raise
            parsed.problems.append(_unexpected(parsed.shown, error))

    def _read(self, parsed: Parsed) -> None:
        root = parsed.root
        if is_empty(root):
            return
        checker = Checker(parsed.shown, parsed.problems)
        if root.kind != MAP:
            checker.error(root.line, "file", f"must be a mapping with exercises:, programs: and/or special_tests:, "
                          f"got {describe(root)}")
            return
        checker.keys(FILE, root, "")
        if "use_bundled" in root.value:
            checker.check(FILE.by_name["use_bundled"].spec, root.value["use_bundled"], "use_bundled")
        sha256 = hashlib.sha256(parsed.data).hexdigest()
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
        if item_id is not None and not self.first_definition(section, item_id, _First(source, item, where, checker,
                                                                                      self.layer)):
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
            if self.layer.assets is not None:
                self.library.media_folders[item_id] = self.layer.assets
        elif section == "programs":
            self.pending.append((values, item, where, checker, sha256))
        else:
            self.library.special_tests[item_id] = SpecialTest(
                item_id, values["name"], TestGroup(values["group"]), values["target"], values["how"],
                values["positive"], source, tuple(values.get("regions") or ()),
                (str(values["snomed_code"]), values.get("snomed_display") or "") if values.get("snomed_code")
                else None)

    def first_definition(self, section: str, item_id: str, this: _First) -> bool:
        """Is this the id's first definition? A second one in the folder is an error; a bundled one
        that the folder already defines is left out, and the folder's gets a note."""
        first = self.first.setdefault((section, item_id), this)
        if first is this:
            return True
        if this.layer.base and not first.layer.base:
            noun = FILE.by_name[section].spec.item.noun
            first.checker.problems.append(Problem(
                first.checker.shown, first.item.value["id"].line, f"{first.where}.id",
                f"replaces the bundled {noun} '{item_id}' ({this.source}); this folder's definition is the one "
                "used everywhere, by the bundled programs too (expected: rename it to keep both)", Severity.WARNING))
        else:
            this.checker.error(this.item.value["id"].line, f"{this.where}.id",
                               f"duplicate id '{item_id}', first defined at {first.source}; "
                               "expected ids unique across the folder's files")
        return False

    def media_warnings(self, media_paths: dict, item: Node, where: str, checker: Checker) -> None:
        """Warn about media files that can't be shown (`media_paths`: field name -> path under assets)."""
        assets = self.layer.assets
        for name, relative in media_paths.items():
            if assets is None:
                return
            problem = self.media_problem(name.rsplit(".", 1)[-1], assets / relative)
            if problem:
                checker.problems.append(Problem(checker.shown, _node_at(item, name).line, f"{where}.{name}",
                                                f"{problem}: {self.layer.assets_shown}/{relative}", Severity.WARNING))

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
        if not position and values.get("animation") is None:
            checker.problems.append(Problem(
                checker.shown, item.line, f"{where}.position", "no position and no animation to show it: the "
                "kiosk says only \"Get into the starting position shown\" and allows the floor's get-ready "
                "time; write position: (standing, sitting, lying_front, lying_back, kneeling or side_lying)",
                Severity.WARNING))
        return Exercise(values["id"], values["name"], values["instructions"], ExerciseKind(values["kind"]),
                        values["reps"], values["hold"], values["sets"], values["rest"], values.get("safety", ""),
                        values.get("video"), values.get("image"), translations, source, values.get("animation"),
                        Position(position) if position else infer_position(values.get("animation")),
                        values.get("get_ready"), values.get("audio"))

    def media_problem(self, name: str, path: Path) -> str:
        """Why a media file can't be shown ("" when it can, as far as this load looks)."""
        if not path.is_file():
            return "file not found"
        if name == "video" and self.layer.probe_videos:
            return media.video_problem(path)
        if name == "audio" and self.layer.probe_videos:
            return media.audio_problem(path)
        return ""

    def finish(self, problems: list[Problem]) -> Library:
        """The library, with problems in file order, then line order within a file."""
        self.library.problems = problems + [p for each in self.problems for p in sorted(each, key=_line)]
        return self.library


def _unexpected(shown: str, error: Exception) -> Problem:
    return Problem(shown, 1, "file", f"could not be loaded ({type(error).__name__}: {error}); "
                   "expected a valid exercise file: please report this")


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
