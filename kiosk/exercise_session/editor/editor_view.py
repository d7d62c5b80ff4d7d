"""The program editor: a full-screen view over the staff screen, for one program.

Name and description (typed on the on-screen keyboard), the id the name gives, the policy, the
blocks and their exercises with this program's doses, "Check this program" (the
example patients through the engine), Save and "Offer to patients". Save goes
through the same loader as every file: a refusal shows the loader's message and
the editing stays as it was, to be corrected. After a save the program keeps its
id, whatever its name. A new program or a copy is saved as a draft (`offered:
false` in its file, so also on every kiosk the clinic server gives it to); Offer
to patients saves it offered, and only after a passing check of the program as it
stands. An offered program stays offered when edited.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import BooleanProperty, ColorProperty, StringProperty
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
from .refusals import at_bound, draft_problems, refusal_lines, still_there
from .wording import check_lines, check_summary

Factory.register("BlocksView", cls=BlocksView)
Factory.register("FieldKeyboard", cls=FieldKeyboard)
Builder.load_file(str(Path(__file__).with_suffix(".kv")))


class ProgramEditor(ModalView):
    """Edits `draft`; `on_saved(change, offered_now)` is called after each save that was written
    (`offered_now`: this save offered a draft to patients)."""

    title = StringProperty("")
    """"New program", "Copy of <name>", or "Edit program" for a program that has its file; "(draft)" after
    it until the program is offered to patients."""
    id_line = StringProperty("")
    """The id the program is (or will be) saved under, and whether it still follows the name."""
    message = StringProperty("")
    """The result of the last save or check: the loader's messages when a save was refused."""
    message_colour = ColorProperty(theme.MUTED_INK)
    check_text = StringProperty("")
    """The details of the last "Check this program" (its answer is the message), at the top of the editing:
    the duration, each example patient that fits the program, those left out."""
    offered = BooleanProperty(False)
    """The program is offered to patients (False: a draft, whatever was saved)."""
    offer_ready = BooleanProperty(False)
    """The program as it stands passed its check: Offer to patients may offer it."""

    def __init__(self, plugin, draft: ProgramDraft, on_saved=None, **kwargs) -> None:
        self.plugin = plugin
        self.draft = draft
        self.on_saved = on_saved
        self.widgets: dict[str, object] = {}
        self.picker = None
        self.saved = 0
        self.refused: tuple[str, list[str], list[str]] | None = None
        """The last refused save: the draft then, its lines in the screen's words, those the draft showed."""
        self.refusal_text = ""
        """The refused save's banner as it last showed, and the draft it was made for."""
        self.banner_for = ""
        self.checked_as: str | None = None
        """The draft as it stood when its check last passed: Offer to patients offers only that."""
        super().__init__(**kwargs)
        self.offered = draft.offered
        self.keyboard = self.ids.keyboard
        self.keyboard.watch(self.ids.name)
        self.keyboard.watch(self.ids.description)
        self.ids.name.text = draft.name
        self.ids.description.text = draft.description
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
        self._banner_after_change()

    def description_changed(self, text: str) -> None:
        self.draft.description = text

    def dose_refused(self, stepper, highest: bool) -> None:
        """A stepper's + (or −) touched at its bound: say the limit, in the screen's words, above a refused
        save's lines if they show (they stay: the limit is not one of them)."""
        words = at_bound(stepper.where, self.draft, int(stepper.value), highest)
        if self.refused is None:
            self.say(words, theme.CAUTION)
        else:
            self.message = f"{words}\n{self.refusal_text}"

    def _show_title(self) -> None:
        program_id = self.draft.program_id(self.taken())
        if not self.draft.fixed_id and not self.draft.name.strip():
            self.title, self.id_line = "New program", "Id: made from the name once it is typed"
        elif self.draft.fixed_id:
            self.title = "Edit program" if self.offered else "Edit program (draft)"
            self.id_line = f"Id: {program_id} (kept for good: sessions and records know the program by it)"
        else:
            self.title = f"Copy of {self.draft.copied_from} (draft)" if self.draft.copied_from \
                else "New program (draft)"
            self.id_line = f"Id: {program_id} (from the name; fixed once the program is saved)"

    def check(self) -> None:
        """Run every example patient through the program as it stands (nothing is saved)."""
        program = self.draft.to_program(self.library.exercises, self.taken())
        if not program.blocks or not all(block.exercises for block in program.blocks):
            # the engine needs a set to run; the loader would refuse such a program anyway
            self.say("Nothing to check yet: " + " ".join(draft_problems(self.draft)[-1:] or
                                                        ["every block needs at least one exercise."]), theme.CAUTION)
            return
        patients, problems = load_example_patients()
        checked = check_program(program, patients)
        self.check_text = "\n".join(check_lines(checked) + [f"Not run: {problem}" for problem in problems])
        self.checked_as = repr(self.draft) if checked.works else None
        self._sync_offer()
        self.say(check_summary(checked, offer=not self.offered), theme.GO if checked.works else theme.STOP)
        self.ids.scroll.scroll_y = 1  # the details are the first thing under the answer

    def offer(self):
        """Offer to patients: save the program offered, only if its check passed as it stands now."""
        if self.offered:
            return None
        if not self._sync_offer():
            self.say("Not offered yet: first touch Check this program. Offer to patients needs the check to "
                     "pass on the program as it stands now.", theme.CAUTION)
            return None
        self.draft.offered = True
        change = self.save()
        if change is None:  # refused by the loader: still a draft, with the loader's message
            self.draft.offered = False
        return change

    def _sync_offer(self) -> bool:
        self.offer_ready = self.checked_as is not None and self.checked_as == repr(self.draft)
        return self.offer_ready

    def on_touch_up(self, touch):
        """After every touch: a change since the last passing check takes Offer to patients back (on the
        next frame: the button that changes the program has the touch, and releases after the editor)."""
        handled = super().on_touch_up(touch)
        self.changed()
        return handled

    def changed(self) -> None:
        """The draft may have changed: the offer and a refusal's banner follow it (on the next frame)."""
        Clock.schedule_once(self._after_touch)

    def _after_touch(self, _dt) -> None:
        self._sync_offer()
        self._banner_after_change()

    def save(self):
        """Save through the loader; a refusal leaves the editing untouched, with the loader's messages."""
        shell = self.plugin.shell
        program = self.draft.to_program(self.library.exercises, self.taken())
        try:
            change = program_editing.save(shell.records, program, self.library, self.data_dir,
                                          shell.options.exercises)
        except ProgramRefused as refused:
            lines = refusal_lines(refused.problems, self.draft)
            self.refused = (repr(self.draft), lines, draft_problems(self.draft))
            self.banner_for = repr(self.draft)
            self._say_refused(lines)
            return None
        self.refused = None
        offered_now = self.draft.offered and not self.offered
        self.draft.fixed_id = change.program_id
        self.as_saved = repr(self.draft)
        self.checked_as = self.as_saved if self.offer_ready else None
        self.saved += 1
        self.offered = self.draft.offered
        if self.on_saved is not None:
            self.on_saved(change, offered_now)
        self._show_title()
        self.say(self._saved_words(program_path(programs_dir(self.data_dir), change.program_id), offered_now),
                 theme.GO)
        return change

    def _saved_words(self, where: Path, offered_now: bool) -> str:
        if offered_now:
            return f"Offered to patients: saved to {where}. The next session on this kiosk offers it."
        if self.offered:
            return f"Saved to {where}. The next session on this kiosk offers this version."
        return (f"Saved as a draft to {where}. Patients are not offered it until you touch Offer to patients "
                "(after a passing check).")

    def say(self, text: str, colour) -> None:
        self.message, self.message_colour = text, colour
        if colour is not theme.STOP:
            self.refused = None

    def _say_refused(self, lines: list[str]) -> None:
        self.refusal_text = "Not saved; nothing was written. Please correct:\n" + "\n".join(lines)
        self.message, self.message_colour = self.refusal_text, theme.STOP

    def _banner_after_change(self) -> None:
        """A refusal's banner follows the editing: each problem fixed leaves it, and with none left it clears
        (looked at again only once the draft changed: a limit said above it stays until then)."""
        if self.refused is None or self.banner_for == repr(self.draft):
            return
        self.banner_for = repr(self.draft)
        _, lines, seen_then = self.refused
        left = still_there(lines, seen_then, self.draft)
        if left:
            self._say_refused(left)
        else:
            self.say("Fixed: touch Save to save it.", theme.MUTED_INK)

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
