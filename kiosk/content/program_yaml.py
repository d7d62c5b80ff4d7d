"""A program written back as plain YAML, laid out like the README's examples.

Used by the kiosk's program editor: what it writes is a file a technical colleague
can read, diff, keep in version control and edit by hand. A block's exercise is
written as its id, or as `{id: press_up, sets: 3}` when the program gives it a
dose of its own (compared with the exercise as the library defines it).
"""

from __future__ import annotations

import json
import textwrap
from typing import Mapping

import yaml

from kiosk.clinical.program import Block, Exercise, Program

from .fields import DOSE_FIELDS, HOME_DOSE_FIELDS

HEADER = """\
# Written by the kiosk's program editor; you may edit it by hand.
# After editing, run `kiosk validate` to check it. The format is described in the
# README ("Writing exercise files"); the kiosk keeps the previous version beside
# this file as {file_name}.previous.
"""
WIDTH = 88
"""Longest line of wrapped notes, like the bundled files."""


def program_yaml(program: Program, library: Mapping[str, Exercise]) -> str:
    """The file for `program`: the editor's header, then `programs:` with this one program.

    `library` is the exercises as defined (by id): a block exercise that differs from
    its definition in sets, reps, hold or rest is written with that dose."""
    lines = HEADER.format(file_name=f"{program.id}.yaml").splitlines()
    lines += ["programs:", f"  - id: {program.id}", f"    name: {scalar(program.name)}"]
    if program.description:
        lines += _text("description", program.description, "    ")
    if not program.offered:
        lines.append("    offered: false")
    policy = program.policy
    lines += ["    policy:", f"      mcid: {policy.mcid}", f"      recheck_after: {policy.recheck_after}",
              f"      after_no_effect: {policy.after_no_effect.value}", "    blocks:"]
    for block in program.blocks:
        lines += _block(block, library)
    lines += _home(program, library)
    if program.names:
        lines.append("    translations:")
        for language, name in program.names.items():
            lines += [f"      {language}:", f"        name: {scalar(name)}"]
    return "\n".join(lines) + "\n"


def dose_of(exercise: Exercise, library: Mapping[str, Exercise]) -> dict[str, int]:
    """The dose fields where the program's exercise differs from the library's (empty: its own dose)."""
    own = library.get(exercise.id)
    if own is None:
        return {}
    return {name: getattr(exercise, name) for name in DOSE_FIELDS if getattr(exercise, name) != getattr(own, name)}


def _home(program: Program, library: Mapping[str, Exercise]) -> list[str]:
    """The `home:` section: each exercise with the dose it has at home where that differs from the program's
    (else the exercise's own), and its times a day where that differs from the most common one."""
    if not program.home:
        return []
    in_blocks = {exercise.id: exercise for block in program.blocks for exercise in block.exercises}
    counts = [entry.times_a_day for entry in program.home]
    usual = max(sorted(set(counts)), key=counts.count)
    lines = ["    home:", f"      times_a_day: {usual}", "      exercises:"]
    for entry in program.home:
        exercise = entry.exercise
        base = in_blocks.get(exercise.id) or library.get(exercise.id)
        fields = {name: getattr(exercise, name) for name in HOME_DOSE_FIELDS
                  if base is not None and getattr(exercise, name) != getattr(base, name)}
        if entry.times_a_day != usual:
            fields["times_a_day"] = entry.times_a_day
        written = ", ".join(f"{name}: {value}" for name, value in fields.items())
        lines.append(f"        - {{id: {exercise.id}, {written}}}" if fields else f"        - {exercise.id}")
    return lines


def _block(block: Block, library: Mapping[str, Exercise]) -> list[str]:
    lines = [f"      - role: {block.role.value}"]
    if block.name:
        lines.append(f"        name: {scalar(block.name)}")
    doses = [dose_of(exercise, library) for exercise in block.exercises]
    if not any(doses):  # the short form of the README: exercises: [prone_lying, press_up]
        return lines + [f"        exercises: [{', '.join(e.id for e in block.exercises)}]"]
    lines.append("        exercises:")
    for exercise, dose in zip(block.exercises, doses):
        fields = ", ".join(f"{name}: {value}" for name, value in dose.items())
        lines.append(f"          - {{id: {exercise.id}, {fields}}}" if dose else f"          - {exercise.id}")
    return lines


def scalar(text: str) -> str:
    """`text` as one YAML scalar on one line, quoted only when YAML would otherwise read it differently."""
    if "\n" in text or "\r" in text:
        # A JSON string is a YAML double-quoted scalar; YAML refuses raw control characters
        # that JSON leaves alone (DEL, C1), so those are escaped too.
        return "".join(_escape(ch) for ch in json.dumps(text, ensure_ascii=False))
    dumped = yaml.safe_dump({"k": text}, default_flow_style=False, allow_unicode=True, width=10**6)
    return dumped[len("k: "):].rstrip("\n")


def _escape(ch: str) -> str:
    if ch.isprintable():
        return ch
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def _text(key: str, text: str, indent: str) -> list[str]:
    """Notes as a block: folded (`>`, wrapped at spaces) for one paragraph, literal (`|`) for several
    lines; as one quoted line when neither would read back exactly."""
    if "\n" in text:
        block = [f"{indent}{key}: |"] + [f"{indent}  {line}" if line else "" for line in text.split("\n")]
    else:
        wrapped = textwrap.wrap(text, WIDTH - len(indent) - 2, break_long_words=False, break_on_hyphens=False)
        block = [f"{indent}{key}: >"] + [f"{indent}  {line}" for line in wrapped]
    try:
        exact = yaml.safe_load("\n".join(line[len(indent):] for line in block))[key].rstrip("\n") == text
    except yaml.YAMLError:
        exact = False
    return block if exact else [f"{indent}{key}: {scalar(text)}"]
