"""Saves a clinic program over and over until killed: the child of tests/test_program_save_crash.py.

Alternates two versions of one program (a save of each, then an undo now and then),
printing `saved <sha256>` once each change is complete, and `step <event> <file>`
just before each file is opened, renamed or removed in the folder (from Python's
audit hooks, so the code under test is not touched), so the test can kill it at
random moments inside a save as well as between saves.
"""

import sys
from dataclasses import replace
from pathlib import Path

from kiosk.clinical.program import Block, Program, Role
from kiosk.content import loader
from kiosk.content.program_files import save_program, undo_last_change


NOTES = " ".join(["Written again and again until the process is killed."] * 36)
"""Notes near the format's 2000 characters: the longer the file, the longer a write would be open."""


def versions(library: loader.Library) -> list[Program]:
    """Two versions of one program: press-up in 2 sets of 10, or in 4 sets of 12 with longer rests."""
    exercises = library.exercises
    plain = Program("crash_test", "Crash test programme", (
        Block(Role.SPINAL, (exercises["prone_lying"], exercises["press_up"])),
        Block(Role.STRENGTHENING, (exercises["bridge"],)),
    ), description=NOTES)
    dosed = replace(exercises["press_up"], sets=4, reps=12, rest=60)
    return [plain, replace(plain, name="Crash test programme, new dose",
                           blocks=(Block(Role.SPINAL, (exercises["prone_lying"], dosed)), *plain.blocks[1:]))]


def announce_file_steps(folder: Path) -> None:
    """Print a line before each open, rename or removal of a file in `folder`."""
    inside = str(folder)

    def hook(event: str, args: tuple) -> None:
        if event in ("open", "os.rename", "os.remove") and str(args[0]).startswith(inside):
            print(f"step {event} {Path(str(args[0])).name}", flush=True)

    sys.addaudithook(hook)


def main(folder: Path) -> None:
    library = loader.load()
    announce_file_steps(folder)
    programs = versions(library)
    for number in range(10**9):
        if number % 3 == 2:
            change = undo_last_change(folder, "crash_test")
        else:
            change = save_program(programs[number % 2], library, folder)
        print(f"saved {change.sha256_after}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
