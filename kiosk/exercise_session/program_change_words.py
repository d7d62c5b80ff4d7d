"""A program change in the staff screen's words: "Saved: Press up 2 -> 3 sets". No Kivy.

The records keep the sha256 of each program file before and after a save, which
says which version a session ran but not what a therapist changed. At save time
the program as it was and as it is saved are compared here, and the difference is
said as the editor's screen says things (the clinical name of an exercise, "Block
2", the dose with its unit); the records keep those words beside the hashes.
"""

from __future__ import annotations

from collections import Counter

from kiosk.clinical.program import Block, Exercise, ExerciseKind, Program

MOST = 4
"""At most this many changes are named; the rest are counted ("and 2 more changes")."""
POLICY_WORDS = (("mcid", "MCID", ""), ("recheck_after", "Recheck rest", " s"))


def clinical_name(exercise_id: str) -> str:
    """An exercise's name for staff, from its id ("lumbar_roll": "Lumbar roll"); its `name` is the patient's."""
    return exercise_id.replace("_", " ").capitalize()


def dose_change(exercise: Exercise, before: Exercise) -> list[str]:
    """ "Press up 2 -> 3 sets", "Bridge hold 5 -> 8 s": each dose number that differs."""
    name, found = clinical_name(exercise.id), []
    reps = "holds" if exercise.kind is ExerciseKind.HOLD else "reps"
    for field, label, unit in (("sets", "", " sets"), ("reps", "", f" {reps}"), ("hold", " hold", " s"),
                               ("rest", " rest", " s")):
        old, new = getattr(before, field), getattr(exercise, field)
        if old != new:
            found.append(f"{name}{label} {old} -> {new}{unit}")
    return found


def block_changes(number: int, before: Block, after: Block) -> list[str]:
    """What changed in Block `number`: its role and name, the exercises added or removed, their order and dose."""
    where, found = f"Block {number}", []
    if before.role is not after.role:
        found.append(f"{where}: role {before.role.value} -> {after.role.value}")
    if before.name != after.name:
        found.append(f'{where}: name "{before.name}" -> "{after.name}"')
    old_ids, new_ids = [e.id for e in before.exercises], [e.id for e in after.exercises]
    added, removed = Counter(new_ids) - Counter(old_ids), Counter(old_ids) - Counter(new_ids)
    found += [f"{where}: added {clinical_name(i)}" for i in added.elements()]
    found += [f"{where}: removed {clinical_name(i)}" for i in removed.elements()]
    kept_old = [i for i in old_ids if i in new_ids]
    kept_new = [i for i in new_ids if i in old_ids]
    if not added and not removed and kept_old != kept_new:
        found.append(f"{where}: exercises put in a new order")
    earlier = {exercise.id: exercise for exercise in reversed(before.exercises)}  # the first of each id
    for exercise in after.exercises:
        if exercise.id in earlier:
            found += dose_change(exercise, earlier.pop(exercise.id))
    return found


def differences(before: Program, after: Program) -> list[str]:
    """Every change from `before` to `after` but whether it is offered, in the screen's words."""
    found = [f'Name "{before.name}" -> "{after.name}"'] if before.name != after.name else []
    if before.description != after.description:
        found.append("Description changed" if after.description else "Description removed")
    for field, label, unit in POLICY_WORDS:
        old, new = getattr(before.policy, field), getattr(after.policy, field)
        if old != new:
            found.append(f"{label} {old} -> {new}{unit}")
    if before.policy.after_no_effect != after.policy.after_no_effect:
        found.append(f"After no effect: {before.policy.after_no_effect.value} -> "
                     f"{after.policy.after_no_effect.value}")
    found += _blocks(before.blocks, after.blocks)
    if before.home != after.home:
        found.append("Home program changed")
    return found


def matched(before: tuple[Block, ...], after: tuple[Block, ...]) -> dict[int, int]:
    """Which block of `after` is which of `before` (index -> index): most exercises in common first, then
    the same role and name; a block with none of these is new (or, in `before`, removed)."""
    def score(old: Block, new: Block) -> int:
        common = sum((Counter(e.id for e in old.exercises) & Counter(e.id for e in new.exercises)).values())
        return 10 * common + (old.role is new.role) + (old.name == new.name)

    pairs = sorted(((score(old, new), -abs(i - j), j, i) for i, old in enumerate(before)
                    for j, new in enumerate(after)), reverse=True)
    found: dict[int, int] = {}
    for points, _, j, i in pairs:
        if points >= 2 and j not in found and i not in found.values():
            found[j] = i
    return found


def _blocks(before: tuple[Block, ...], after: tuple[Block, ...]) -> list[str]:
    pairs = matched(before, after)
    kept = [pairs[j] for j in sorted(pairs)]
    found = ["Blocks put in a new order"] if kept != sorted(kept) else []
    for j, block in enumerate(after):
        if j in pairs:
            found += block_changes(j + 1, before[pairs[j]], block)
        else:
            names = ", ".join(clinical_name(e.id) for e in block.exercises)
            found.append(f"Added Block {j + 1} ({block.role.value}: {names})")
    found += [f"Removed a {block.role.value} block ({', '.join(clinical_name(e.id) for e in block.exercises)})"
              for i, block in enumerate(before) if i not in pairs.values()]
    return found


def change_summary(before: Program | None, after: Program) -> str:
    """One save in words: "Saved: Press up 2 -> 3 sets", "Offered to patients", "Saved: new program ..."."""
    if before is None:
        count = sum(len(block.exercises) for block in after.blocks)
        state = "" if after.offered else ", a draft"
        return (f"Saved: new program, {len(after.blocks)} {'block' if len(after.blocks) == 1 else 'blocks'} "
                f"of {count} {'exercise' if count == 1 else 'exercises'}{state}")
    said = []
    if before.offered != after.offered:
        said.append("Offered to patients" if after.offered else "Made a draft (no longer offered)")
    found = differences(before, after)
    if found:
        more = f"; and {len(found) - MOST} more {'change' if len(found) - MOST == 1 else 'changes'}" \
            if len(found) > MOST else ""
        said.append("Saved: " + "; ".join(found[:MOST]) + more)
    return "; ".join(said) or "Saved: no change"
