"""The staff screen's "Programs" section: every program, New / Edit / Copy / Undo, and the recent changes.

Bundled programs (and those of an exercise folder given with --exercises) are
read-only: they can be copied, and the copy edited. The clinic's own programs
(the data folder's programs/) can be edited and their last change undone. Every
save and undo is listed from the records in words ("Saved: Press up 2 -> 3
sets"), with the fingerprints of the file before and after under them, smaller,
so staff can tell which version the day's sessions ran.
"""

from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout

from kiosk.app import theme
from kiosk.app.confirm import ask
from kiosk.clinical.program import Program
from kiosk.content.program_files import ProgramRefused
from kiosk.records.programs_folder import programs_dir

from .. import program_editing
from ..screens.summary import local_time
from .draft import ProgramDraft, draft_of
from .publish import after_change
from .refusals import undo_refusal

RECENT_CHANGES = 10


def is_clinic_program(program: Program, data_dir: Path | None) -> bool:
    """Whether the program's file is in the clinic's programs folder (the only one the editor writes)."""
    source = Path(program.source.rsplit(":", 1)[0])
    return source.parent.resolve() == programs_dir(data_dir).resolve()


def change_words(change) -> str:
    """A recorded change in words; one recorded before the words were kept says only what it was."""
    if change.summary:
        return change.summary
    return ("Saved" if change.action == "save" else "Undone") + " (what changed was not kept then)"


def short(sha256: str | None) -> str:
    return sha256[:10] if sha256 else "none"


class ProgramsSection(BoxLayout):
    """Part of the exercise session's staff panel; rebuilt after every save or undo."""

    def __init__(self, panel, **kwargs) -> None:
        super().__init__(orientation="vertical", size_hint_y=None, spacing=dp(8), **kwargs)
        self.bind(minimum_height=self.setter("height"))
        self.panel = panel
        self.plugin = panel.plugin
        self.widgets = panel.widgets
        self.editor = None
        self.message_text, self.message_colour = "", theme.MUTED_INK
        self.message = Factory.StaffMessage(text="")
        """What a save or an undo did: shown in the section's status line (the staff panel puts it there)."""
        self.refresh()

    @property
    def data_dir(self) -> Path | None:
        return self.plugin.shell.options.data

    def refresh(self) -> None:
        for key in [key for key in self.widgets if key.startswith("programs:")]:
            del self.widgets[key]  # programs and changes come and go: no key may point at a widget gone
        self.clear_widgets()
        self.add_widget(Factory.StaffText(text="Programs: build and change", bold=True, font_size=sp(26)))
        self.add_widget(Factory.StaffText(text="Bundled programs are read-only: copy one to change it. The "
                                          "clinic's own programs are saved in the data folder (programs/).",
                                          color=theme.MUTED_INK))
        new = Factory.StaffButton(text="New program (blank)", size_hint_x=None, width=dp(360))
        new.bind(on_release=lambda *_: self.open_editor(ProgramDraft()))
        self.widgets["programs:new"] = new
        self.add_widget(new)
        for program in self.plugin.library.programs.values():
            self.add_widget(self._program_row(program))
        for program_id in self._undone_away():
            self.add_widget(self._removed_row(program_id))
        self.message.text, self.message.color = self.message_text, self.message_colour
        self._history()

    def _program_row(self, program: Program) -> BoxLayout:
        clinic = is_clinic_program(program, self.data_dir)
        row = BoxLayout(size_hint_y=None, height=dp(64), spacing=dp(8))
        where = ("clinic" if clinic else "bundled, read-only") + ("" if program.offered else "; draft")
        row.add_widget(Factory.StaffText(text=f"{program.name}  ({program.id}; {where})", size_hint_x=0.55))
        buttons = [("copy", "Copy", lambda p=program: self.open_editor(draft_of(p, keep_id=False)))]
        if clinic:
            buttons += [("edit", "Edit", lambda p=program: self.open_editor(draft_of(p, keep_id=True))),
                        ("undo", "Undo last change", lambda p=program: self.ask_undo(p.id, p.name))]
        for key, text, action in buttons:
            button = Factory.StaffButton(text=text, size_hint_x=0.15, font_size=sp(20))
            button.bind(on_release=lambda _, act=action: act())
            self.widgets[f"programs:{key}:{program.id}"] = button
            row.add_widget(button)
        return row

    def _undone_away(self) -> list[str]:
        """Clinic programs an undo removed (saved once, then undone): a second undo brings them back."""
        folder = programs_dir(self.data_dir)
        kept = sorted(path.name[:-len(".yaml.previous")] for path in folder.glob("*.yaml.previous"))
        return [program_id for program_id in kept if not (folder / f"{program_id}.yaml").exists()]

    def _removed_row(self, program_id: str) -> BoxLayout:
        row = BoxLayout(size_hint_y=None, height=dp(64), spacing=dp(8))
        row.add_widget(Factory.StaffText(text=f"{program_id}  (clinic; removed by an undo)", size_hint_x=0.85))
        button = Factory.StaffButton(text="Undo last change", size_hint_x=0.15, font_size=sp(20))
        button.bind(on_release=lambda *_: self.ask_undo(program_id, program_id))
        self.widgets[f"programs:undo:{program_id}"] = button
        row.add_widget(button)
        return row

    def _history(self) -> None:
        self.add_widget(Factory.StaffText(text=f"Recent program changes (newest first, up to {RECENT_CHANGES})",
                                          bold=True))
        records = self.plugin.shell.records
        if records is None:
            self.add_widget(Factory.StaffText(text="Records are not being kept: changes are not listed."))
            return
        changes = program_editing.history(records, limit=RECENT_CHANGES)
        if not changes:
            self.add_widget(Factory.StaffText(text="No program saved or undone yet."))
        for change in changes:
            line = Factory.StaffText(text=f"{local_time(change.changed_at)}  {change.program_id}: {change_words(change)}",
                                     font_size=sp(20))
            audit = Factory.StaffText(text=f"file sha256 {short(change.sha256_before)} -> {short(change.sha256_after)}",
                                      font_size=sp(15), color=theme.MUTED_INK)
            self.widgets[f"programs:change:{change.id}"] = line
            self.widgets[f"programs:change:{change.id}:sha256"] = audit
            self.add_widget(line)
            self.add_widget(audit)

    def open_editor(self, draft: ProgramDraft):
        from .editor_view import ProgramEditor  # the editor's widgets are built only when staff open it

        self.editor = ProgramEditor(self.plugin, draft, on_saved=self.saved)
        self.editor.open(animation=False)
        return self.editor

    def saved(self, change, offered_now: bool = False) -> None:
        """The editor saved a program: the next session gets it (a draft stays off the start screen), and
        this section shows it."""
        if offered_now:
            self.panel.offer_new_program(change.program_id)
        after_change(self.plugin, change)
        program = self.plugin.library.programs.get(change.program_id)
        if program is not None and not program.offered:
            self._say(f"Saved {change.program_id} as a draft: not offered to patients yet.", theme.GO)
        else:
            self._say(f"Saved {change.program_id}. The next session offers this version.", theme.GO)

    def ask_undo(self, program_id: str, name: str):
        """Undo asks first, and says so plainly when it would remove the program (it was saved only once)."""
        if program_editing.undo_removes(program_id, self.data_dir):
            return ask(f"Undo removes {name}, which was saved only once. Remove it?",
                       "It leaves the patients' start screen now. Undo again brings it back.",
                       keep="Keep the program", go="Remove it", on_go=lambda: self.undo(program_id))
        if not program_editing.undo_possible(program_id, self.data_dir):
            return ask(f"Undo brings {name} back?", "It was removed by an undo; it returns as it was then.",
                       keep="Leave it removed", go="Bring it back", on_go=lambda: self.undo(program_id))
        return ask(f"Undo the last change to {name}?",
                   "It goes back to the version saved before. Undo again puts this version back.",
                   keep="Keep this version", go="Undo the change", on_go=lambda: self.undo(program_id))

    def undo(self, program_id: str) -> None:
        shell = self.plugin.shell
        try:
            change = program_editing.undo(shell.records, program_id, self.data_dir, shell.options.exercises)
        except ProgramRefused as refused:
            self._say(undo_refusal(refused.problems), theme.STOP)
            return
        after_change(self.plugin, change)
        gone = " It had no earlier version, so it is removed; undo again to bring it back." \
            if change.sha256_after is None else ""
        self._say(f"Undone: {program_id} is back to its version before the last change.{gone}", theme.GO)

    def _say(self, text: str, colour) -> None:
        self.message_text, self.message_colour = text, colour
        self.refresh()
