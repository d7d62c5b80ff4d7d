"""A refused save in the editor's words: "Block 2 has no exercises", not `programs[0].blocks[1].exercises`.

The loader checks every save and names each problem by PATH:LINE and field path,
which is right for a file written by hand but not for the editor's screen, where
the program is a name, a policy and numbered blocks of named exercises. Here each
problem is said in those words. The problems the editor itself can see (no name,
no block, a block with no exercise) are also found on the draft as it stands, so
the banner can tell when they have been fixed. A number out of its range is
said with the exercise, the value, its unit and the limit: "Press up (Block 1):
60 sets is more than the 10 allowed".
"""

from __future__ import annotations

import re

from kiosk.content.problems import Problem

from .draft import ProgramDraft
from .wording import DOSE_LABELS, clinical_name

NO_NAME = "The program needs a name: touch the Name field and type one."
NO_BLOCK = "The program has no blocks: touch Add a block, then add an exercise to it."
POLICY_LABELS = {"mcid": "MCID", "recheck_after": "Recheck rest", "after_no_effect": "After no effect"}
OUT_OF_RANGE = re.compile(r"must be a whole number from (-?\d+) to (-?\d+)\b.*, got (-?\d+)(?![\w.])")
"""The loader's words for a number out of its range (`kiosk.content.wording`), with the number given."""
COUNTS = {"sets": ("set", "sets"), "reps": ("rep", "reps"), "mcid": ("point", "points")}
SECONDS = {"hold": "hold", "rest": "rest", "recheck_after": "recheck rest"}


def empty_block(number: int) -> str:
    return f"Block {number} has no exercises: add one, or remove the block."


def draft_problems(draft: ProgramDraft) -> list[str]:
    """What the loader would refuse that the editor can see on the draft itself, in the screen's words."""
    found = [NO_NAME] if not draft.name.strip() else []
    if not draft.blocks:
        found.append(NO_BLOCK)
    found += [empty_block(number) for number, block in enumerate(draft.blocks, 1) if not block.items]
    return found


def screen_words(problem: Problem, draft: ProgramDraft) -> str:
    """One loader problem said as the editor's screen says things (no file path, line or field path)."""
    where = re.sub(r"^programs\[\d+\]\.?", "", problem.where)
    message = problem.message
    empty = message.startswith("must not be empty") or message.endswith("got nothing")
    if where == "name" and empty:
        return NO_NAME
    if where == "blocks" and empty:
        return NO_BLOCK
    block = re.fullmatch(r"blocks\[(\d+)\]\.exercises", where)
    if block and empty:
        return empty_block(int(block.group(1)) + 1)
    bounds = OUT_OF_RANGE.search(message)
    field = where.rsplit(".", 1)[-1]
    if bounds and (field in COUNTS or field in SECONDS):
        return out_of_range(where, draft, *map(int, bounds.groups()))
    return f"{place(where, draft)}: {message}"


def out_of_range(where: str, draft: ProgramDraft, low: int, high: int, value: int) -> str:
    """ "Press up (Block 1): 60 sets is more than the 10 allowed"; "Prone lying (Block 1): a 0 s hold is
    shorter than the 1 s allowed"; a policy number by its label ("Recheck rest: ...")."""
    field = where.rsplit(".", 1)[-1]
    who, exercise = _who(where, draft)
    above = value > high
    side = ("longer" if above else "shorter") if field in SECONDS else ("more" if above else "fewer")
    limit = f"{high if above else low}{' s' if field in SECONDS else ''}"
    return f"{who}: {amount(field, value, exercise)} is {side} than the {limit} allowed"


def at_bound(where: str, draft: ProgramDraft, value: int, highest: bool) -> str:
    """A stepper's disabled + or − touched: "Press up (Block 1): 10 sets is the most allowed"."""
    field = where.rsplit(".", 1)[-1]
    who, exercise = _who(where, draft)
    word = ("longest" if highest else "shortest") if field in SECONDS else ("most" if highest else "fewest")
    return f"{who}: {amount(field, value, exercise)} is the {word} allowed"


def amount(field: str, value: int, exercise: bool) -> str:
    """A number with its unit: "60 sets", "1 set", "a 700 s rest" (of an exercise), "5 s" (the policy's)."""
    if field in SECONDS:
        return f"a {value} s {SECONDS[field]}" if exercise else f"{value} s"
    one, many = COUNTS[field]
    return f"{value} {one if value == 1 else many}"


def _who(where: str, draft: ProgramDraft) -> tuple[str, bool]:
    """Whose number it is, as the screen names it ("Press up (Block 1)", "MCID"); and whether an exercise's."""
    field = where.rsplit(".", 1)[-1]
    words = place(where, draft).split(", ")[:-1]  # "Block 1", "Press up": the field is said by its unit
    if len(words) == 2 and words[0].startswith("Block "):
        return f"{words[1]} ({words[0]})", True
    return POLICY_LABELS.get(field) or place(where, draft), False


def place(where: str, draft: ProgramDraft) -> str:
    """A field path in the editor's words: blocks[1].exercises[0].sets -> "Block 2, Press up, Sets"."""
    words, block = [], None
    for part in where.split("."):
        indexed = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        name, index = (indexed.group(1), int(indexed.group(2))) if indexed else (part, None)
        if name == "blocks" and index is not None:
            block = draft.blocks[index] if index < len(draft.blocks) else None
            words.append(f"Block {index + 1}")
        elif name == "exercises" and index is not None:
            items = block.items if block is not None else []
            words.append(clinical_name(items[index].exercise_id) if index < len(items) else f"exercise {index + 1}")
        elif name:
            words.append(DOSE_LABELS.get(name) or POLICY_LABELS.get(name) or name.replace("_", " ").capitalize())
    return ", ".join(words) or "The program"


def refusal_lines(problems: list[Problem], draft: ProgramDraft) -> list[str]:
    """Each problem once, in the screen's words, in the loader's order."""
    return list(dict.fromkeys(screen_words(problem, draft) for problem in problems if problem.is_error))


def undo_refusal(problems: list[Problem]) -> str:
    """A refused undo in the staff screen's words. The version it would go back to is not a program the
    editor holds, so its blocks are named by number and its exercises by place ("Block 1, exercise 2")."""
    lines = [problem.message if problem.where == "file" else screen_words(problem, ProgramDraft())
             for problem in problems if problem.is_error]
    return "Not undone: the version before cannot be used now. " + " ".join(
        line if line.endswith(".") else f"{line}." for line in dict.fromkeys(lines))


def still_there(lines: list[str], seen_then: list[str], draft: ProgramDraft) -> list[str]:
    """Of a refusal's lines, those not yet fixed: a problem the draft shows (`seen_then`) is fixed once the
    draft no longer has it; any other stays until the next save says."""
    now = set(draft_problems(draft))
    return [line for line in lines if line in now or line not in seen_then]
