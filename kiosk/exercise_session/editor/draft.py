"""The program being edited: plain, changeable data the editor's widgets write into. No Kivy.

A `ProgramDraft` holds what the therapist has touched so far (name, policy, blocks,
each exercise with its dose for this program) and turns into a `Program` only when
checked or saved. Nothing here decides whether the program is valid: the loader
does that at save time, so the editor never disagrees with `kiosk validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from kiosk.clinical.program import AfterNoEffect, Block, Exercise, ExerciseKind, Policy, Program, Role
from kiosk.content.fields import DOSE_FIELDS, EXERCISE, POLICY
from kiosk.content.program_files import program_id_for


@dataclass(frozen=True)
class Bounds:
    """The range a stepper keeps a number in, and how far one touch moves it."""

    low: int
    high: int
    step: int


DOSE_STEPS = {"sets": 1, "reps": 1, "hold": 1, "rest": 5}
"""One touch of +/-: a set, a repetition, a second of hold (more for long holds); rest in 5-second steps."""


def dose_step(name: str, value: int) -> int:
    """How far one touch moves a dose from `value`: a 3-minute hold moves by 15 s, not 1 s at a time."""
    if name != "hold" or value < 10:
        return DOSE_STEPS[name]
    return 5 if value < 60 else 15


def dose_bounds(name: str, kind: ExerciseKind) -> Bounds:
    """The format's range for a dose field; a hold exercise holds at least one second (the loader's rule)."""
    spec = EXERCISE.by_name[name].spec
    low = 1 if name == "hold" and kind is ExerciseKind.HOLD else spec.minimum
    return Bounds(low, spec.maximum, DOSE_STEPS[name])  # the hold's step then follows the value (dose_step)


def policy_bounds(name: str, step: int) -> Bounds:
    spec = POLICY.by_name[name].spec
    return Bounds(spec.minimum, spec.maximum, step)


@dataclass
class ItemDraft:
    """One exercise of a block and its dose for this program (sets, reps, hold, rest)."""

    exercise_id: str
    dose: dict[str, int]


@dataclass
class BlockDraft:
    role: Role = Role.SPINAL
    name: str = ""
    items: list[ItemDraft] = field(default_factory=list)


@dataclass
class ProgramDraft:
    """A program on the editor's screen. `fixed_id` is set once the program has a file: its id no longer
    follows the name (sessions and records know it by that id)."""

    name: str = ""
    fixed_id: str | None = None
    blocks: list[BlockDraft] = field(default_factory=list)
    policy: Policy = Policy()
    description: str = ""
    names: dict[str, str] = field(default_factory=dict)
    home: tuple = ()
    """The program's home program (`home:`), kept as it is: the editor does not change it."""
    offered: bool = False
    """Whether patients are offered it (False: a draft, `offered: false`). A new program or a copy starts
    as a draft, offered only by "Offer to patients" after a passing check; an offered program stays offered
    when edited, its edits going live when saved (every save is checked by the loader)."""
    copied_from: str = ""
    """The name of the program this one is a copy of (its title says "Copy of ..." until saved)."""

    def program_id(self, taken: Iterable[str]) -> str:
        """The id the program is saved under: fixed, or derived from the name and unique among `taken`."""
        return self.fixed_id or program_id_for(self.name, taken)

    def to_program(self, exercises: Mapping[str, Exercise], taken: Iterable[str]) -> Program:
        """The program as the engine and the file writer take it; each exercise as the library defines it
        with this program's dose put in."""
        blocks = tuple(Block(block.role, tuple(replace(exercises[item.exercise_id], **item.dose)
                                               for item in block.items), block.name.strip())
                       for block in self.blocks)
        return Program(self.program_id(taken), self.name.strip(), blocks, self.policy, self.description.strip(),
                       names=dict(self.names), home=self.home, offered=self.offered)


def item_for(exercise: Exercise) -> ItemDraft:
    """An exercise as added from the library (or as a program has it): its dose as it stands."""
    return ItemDraft(exercise.id, {name: getattr(exercise, name) for name in DOSE_FIELDS})


def draft_of(program: Program, keep_id: bool) -> ProgramDraft:
    """A draft of an existing program: to edit it (`keep_id`: same file), or as a copy under a new name.

    A copy leaves the translated names behind: they name the original, not the copy."""
    blocks = [BlockDraft(block.role, block.name, [item_for(e) for e in block.exercises]) for block in program.blocks]
    if keep_id:
        return ProgramDraft(program.name, program.id, blocks, program.policy, program.description, dict(program.names),
                            program.home, program.offered)
    return ProgramDraft(f"{program.name} (copy)", None, blocks, program.policy, program.description, home=program.home,
                        copied_from=program.name)


def move(items: list, index: int, offset: int) -> bool:
    """Move `items[index]` up (-1) or down (+1) by one place; False (nothing moved) at either end."""
    other = index + offset
    if not (0 <= index < len(items) and 0 <= other < len(items)):
        return False
    items[index], items[other] = items[other], items[index]
    return True


def with_after_no_effect(policy: Policy, value: str) -> Policy:
    return replace(policy, after_no_effect=AfterNoEffect(value))
