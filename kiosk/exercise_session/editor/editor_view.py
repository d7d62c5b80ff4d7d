"""The program editor: a full-screen view over the staff screen, for one program.

Name (typed on the on-screen keyboard) and the id it gives, the policy, the
blocks and their exercises with this program's doses, "Check this program" (the
example patients through the engine) and Save. Save goes through the same loader
as every file: a refusal shows the loader's message and the editing stays as it
was, to be corrected. After a save the program keeps its id, whatever its name.
"""

from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import ColorProperty, StringProperty
from kivy.uix.modalview import ModalView

from kiosk.app import theme
from kiosk.app.confirm import ask
from kiosk.app.keyboard import FieldKeyboard
from kiosk.content.program_check import check_program, load_example_patients
from kiosk.content.program_files import ProgramRefused, program_path
from kiosk.records.programs_folder import programs_dir

from .. import program_editing
from .blocks_view import BlocksView
from .draft import ProgramDraft
from .policy_view import add_policy
from .wording import check_lines

Factory.register("BlocksView", cls=BlocksView)
Factory.register("FieldKeyboard", cls=FieldKeyboard)
Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class ProgramEditor(ModalView):
    """Edits `draft`; `on_saved(change)` is called after each save that was written."""

    title = StringProperty("")
    """"New program", or "Edit program" for a program that has its file."""
    id_line = StringProperty("")
    """The id the program is (or will be) saved under, and whether it still follows the name."""
    message = StringProperty("")
    """The result of the last save or check: the loader's messages when a save was refused."""
    message_colour = ColorProperty(theme.MUTED_INK)
    check_text = StringProperty("")
    """The last "Check this program": one line per example patient, and the estimated duration."""

    def __init__(self, plugin, draft: ProgramDraft, on_saved=None, **kwargs) -> None:
        self.plugin = plugin
        self.draft = draft
        self.on_saved = on_saved
        self.widgets: dict[str, object] = {}
        self.picker = None
        self.saved = 0
        super().__init__(**kwargs)
        self.keyboard = self.ids.keyboard
        self.keyboard.watch(self.ids.name)
        self.ids.name.text = draft.name
        self._show_title()
        add_policy(self, self.ids.policy)
        self.ids.blocks.attach(self)
        self.as_saved = repr(draft)
        """The draft as it stood when opened or last saved: Close asks before letting other changes go."""

    @property
    def library(self):
        return self.plugin.library

    @property
    def data_dir(self) -> Path | None:
        return self.plugin.shell.options.data

    def taken(self) -> set[str]:
        """The ids the program may not take: every other program's, and every file's of the clinic's folder
        (one that does not load, or a program an undo removed, would otherwise be written over)."""
        folder = programs_dir(self.data_dir)
        files = {path.name.split(".yaml")[0] for path in folder.glob("*.yaml*")} if folder.is_dir() else set()
        return (set(self.library.programs) | files) - {self.draft.fixed_id}

    def name_changed(self, text: str) -> None:
        self.draft.name = text
        self._show_title()

    def _show_title(self) -> None:
        program_id = self.draft.program_id(self.taken())
        if not self.draft.fixed_id and not self.draft.name.strip():
            self.title, self.id_line = "New program", "Id: made from the name once it is typed"
        elif self.draft.fixed_id:
            self.title = "Edit program"
            self.id_line = f"Id: {program_id} (kept for good: sessions and records know the program by it)"
        else:
            self.title = "New program"
            self.id_line = f"Id: {program_id} (from the name; fixed once the program is saved)"

    def check(self) -> None:
        """Run every example patient through the program as it stands (nothing is saved)."""
        program = self.draft.to_program(self.library.exercises, self.taken())
        if not program.blocks or not all(block.exercises for block in program.blocks):
            # the engine needs a set to run; the loader would refuse such a program anyway
            self.say("Nothing to check yet: every block needs at least one exercise.", theme.CAUTION)
            return
        patients, problems = load_example_patients()
        lines = check_lines(check_program(program, patients))
        self.check_text = "\n".join(lines + [f"Not run: {problem}" for problem in problems])
        self.say("Checked: see the example patients at the bottom.", theme.MUTED_INK)

    def save(self):
        """Save through the loader; a refusal leaves the editing untouched, with the loader's messages."""
        shell = self.plugin.shell
        program = self.draft.to_program(self.library.exercises, self.taken())
        try:
            change = program_editing.save(shell.records, program, self.library, self.data_dir,
                                          shell.options.exercises)
        except ProgramRefused as refused:
            self.say("Not saved; nothing was written. Please correct:\n" + str(refused), theme.STOP)
            return None
        self.draft.fixed_id = change.program_id
        self.as_saved = repr(self.draft)
        self.saved += 1
        if self.on_saved is not None:
            self.on_saved(change)
        self._show_title()
        where = program_path(programs_dir(self.data_dir), change.program_id)
        self.say(f"Saved to {where}. The next session on this kiosk offers this version.", theme.GO)
        return change

    def say(self, text: str, colour) -> None:
        self.message, self.message_colour = text, colour

    @property
    def unsaved(self) -> bool:
        return repr(self.draft) != self.as_saved

    def close(self):
        """Leave the editor; with changes not saved, only after "Leave without saving?" is answered so."""
        if not self.unsaved:
            return self.leave_editor()
        name = self.draft.name.strip() or "this new program"
        return ask("Leave without saving?", f"Your changes to {name} are not saved; leaving now loses them.",
                   keep="Keep editing", go="Leave without saving", on_go=self.leave_editor)

    def leave_editor(self) -> None:
        """Leave the editor (what was not saved is let go); the staff screen shows what changed."""
        self.keyboard.hide()
        self.dismiss(animation=False)
        staff = self.plugin.shell.manager.get_screen("staff") if self.saved else None
        if staff is not None and self.plugin.shell.manager.current == "staff":
            staff.on_pre_enter()
