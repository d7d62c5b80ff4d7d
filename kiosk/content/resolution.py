"""Programs built once every file's exercises are known: each block's exercises by id.

A mixin of `kiosk.content.assembly.Assembly`, kept apart for size: it reads the
assembly's `library`, `pending` and `broken_programs` (programs waiting, and
programs dropped for their own errors), `rejected` (exercises dropped for theirs)
and `bundled_ids` (for the hint on a bundled exercise a folder can't see).
"""

from __future__ import annotations

import re

from kiosk.clinical.program import AfterNoEffect, Block, Exercise, Policy, Program, Role

from .checks import Checker
from .doses import entry_id, with_dose
from .fields import POLICY
from .home import home_of
from .spec import IDENTIFIER_PATTERN
from .wording import close_match
from .yamlsafe import MAP, SEQ, Node


class ProgramResolution:
    """Resolving the programs of one load (see the module docstring for what it reads)."""

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
            home = ()
            if None not in blocks and "home" in values:
                home = home_of(values["home"], item.value["home"], tuple(blocks), self.library.exercises,
                               f"{where}.home", checker, self._unknown_home_exercise)
            if None in blocks or home is None:
                self.library.rejected_programs[values["id"]] = (checker.shown, where)
                continue
            policy = {**POLICY.defaults(), **values.get("policy", {})}
            self.library.programs[values["id"]] = Program(
                values["id"], values["name"], tuple(blocks),
                Policy(policy["mcid"], policy["recheck_after"], AfterNoEffect(policy["after_no_effect"])),
                values.get("description", ""), f"{checker.shown}:{item.line}", sha256,
                {language: words["name"] for language, words in values.get("translations", {}).items()}, home,
                values.get("offered", True))

    def _unknown_home_exercise(self, exercise_id: str) -> str:
        if exercise_id in self.rejected:
            return (f"exercise '{exercise_id}' has errors (see {self.rejected[exercise_id]}), so the home program "
                    "can't use it; expected a valid exercise: fix that one first")
        return self.unknown_exercise(exercise_id, list(self.library.exercises) + list(self.rejected))

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
            for number, entry_node in enumerate(exercises.value):
                id_node = entry_node.value.get("id") if entry_node.kind == MAP else entry_node
                if id_node is None:
                    continue
                exercise_id = id_node.value
                if (id_node.tag == "str" and re.match(IDENTIFIER_PATTERN, exercise_id)
                        and exercise_id not in known):
                    checker.error(id_node.line, f"{where}.blocks[{index}].exercises[{number}]",
                                  self.unknown_exercise(exercise_id, list(known)))

    def exercises_of(self, block: dict, node: Node, where: str, checker: Checker) -> tuple[Exercise, ...] | None:
        """The block's exercises, or None when one is missing or was rejected (reported)."""
        found, ok = [], True
        for index, (entry, entry_node) in enumerate(zip(block["exercises"], node.value["exercises"].value)):
            exercise_id, id_node = entry_id(entry, entry_node)
            exercise = self.library.exercises.get(exercise_id)
            spot = f"{where}.exercises[{index}]"
            if exercise is not None:
                exercise = with_dose(exercise, entry, entry_node, spot, checker)  # this program's own dose
                found.append(exercise)
                ok = ok and exercise is not None
                continue
            ok = False
            if exercise_id in self.rejected:
                checker.error(id_node.line, spot, f"exercise '{exercise_id}' has errors (see "
                              f"{self.rejected[exercise_id]}), so this program can't use it; expected a valid "
                              "exercise: fix that one first")
            else:
                known = list(self.library.exercises) + list(self.rejected)
                checker.error(id_node.line, spot, self.unknown_exercise(exercise_id, known))
        return tuple(found) if ok else None

    def unknown_exercise(self, exercise_id: str, known: list[str]) -> str:
        """The message for a reference to an exercise the load does not have; it tells a folder that
        does not build on the bundled library when the id is (or is like) a bundled exercise."""
        near = close_match(exercise_id, known)
        message = f"unknown exercise '{exercise_id}'" + (f" (did you mean '{near}'?)" if near else "")
        if self.bundled_ids is not None and not self.library.uses_bundled:
            bundled = self.bundled_ids()
            if exercise_id in bundled:
                return (f"{message}; '{exercise_id}' is a bundled exercise: to use it, write `use_bundled: true` "
                        "at the top of one file of this folder")
            near_bundled = None if near else close_match(exercise_id, bundled)
            if near_bundled:
                return (f"{message} (did you mean the bundled exercise '{near_bundled}'? to use it, write "
                        "`use_bundled: true` at the top of one file of this folder)")
        return message + "; expected the id of an exercise defined in the folder"
