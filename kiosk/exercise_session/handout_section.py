"""The staff side of the handouts: a self-contained section of the staff screen, and the summary's row.

`HandoutSection` (its own heading, for wherever the staff screen places it): the
clinic's name printed on the page, the printer, chosen by name from the printers
CUPS knows (asked in the background, so a CUPS that does not answer never holds
the screen), and every handout sent this run with its state, asked again every
few seconds. `home_program_row` is the summary's "Print home program" and
"Write home program to ..." (a USB stick, like the exports).
"""

from __future__ import annotations

import threading
from pathlib import Path

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.textinput import TextInput

from kiosk.app import staff, theme  # noqa: F401  (staff: the StaffText and StaffButton rules, for the summary too)
from kiosk.app.staff_sections import bring_into_view
from kiosk.handout.make import NoHandout
from kiosk.handout.printing import printers

from .handouts import CLINIC, PRINTER, Handouts

REFRESH_SECONDS = 3


class HandoutSection(BoxLayout):
    """Home program handouts: clinic name, printer, jobs."""

    def __init__(self, handouts: Handouts, **kwargs) -> None:
        super().__init__(orientation="vertical", size_hint_y=None, spacing=dp(8), **kwargs)
        self.bind(minimum_height=self.setter("height"))
        self.handouts = handouts
        self.widgets: dict[str, object] = {}
        self.add_widget(Factory.StaffText(text="Home program handouts", bold=True, font_size=sp(26)))
        row = BoxLayout(size_hint_y=None, height=dp(56), spacing=dp(8))
        self.clinic = TextInput(text=handouts.clinic, hint_text="clinic name printed on the handout",
                                multiline=False, font_size=sp(20), size_hint_x=0.7, write_tab=False)
        save = Factory.StaffButton(text="Save name", size_hint_x=0.3)
        save.bind(on_release=lambda *_: self.save_clinic())
        self.clinic.bind(on_text_validate=lambda *_: self.save_clinic())
        row.add_widget(self.clinic)
        row.add_widget(save)
        self.add_widget(row)
        self.widgets["clinic"], self.widgets["save_clinic"] = self.clinic, save
        self.printer_rows = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(6))
        self.printer_rows.bind(minimum_height=self.printer_rows.setter("height"))
        self.add_widget(self.printer_rows)
        self.message = Factory.StaffMessage(text="Asking CUPS for its printers...", color=theme.MUTED_INK)
        """What a choice or a save did: for the staff screen's status line (the caller places it)."""
        self.jobs = Factory.StaffText(text="", color=theme.INK)
        self.add_widget(self.jobs)
        threading.Thread(target=self._ask_printers, daemon=True, name="kiosk-printers").start()
        self._tick = Clock.schedule_interval(lambda dt: self.refresh_jobs(), REFRESH_SECONDS)
        self.bind(parent=lambda *_: self._tick.cancel() if self.parent is None else None)
        self.show_jobs()

    def _ask_printers(self) -> None:
        found = printers()
        Clock.schedule_once(lambda dt: self.show_printers(found))

    def show_printers(self, names) -> None:
        """One toggle per printer CUPS knows, and "No printer"."""
        self.printer_rows.clear_widgets()
        chosen = self.handouts.printer
        for name in (*names, None):
            button = Factory.ToggleButton(group="handout-printer", size_hint_y=None, height=dp(56),
                                          font_size=sp(22), state="down" if name == chosen else "normal",
                                          text=f"Printer: {name}" if name else "No printer (handouts to a USB stick "
                                          "from a session's summary)")
            button.bind(on_release=lambda button, n=name: self.choose(n, button))
            self.widgets[f"printer:{name or ''}"] = button
            self.printer_rows.add_widget(button)
        if not names:
            self.message.text = "CUPS knows no printer (or is not running): add the clinic's printer in CUPS."
        elif chosen and chosen not in names:
            self.message.text = f"The chosen printer {chosen} is not known to CUPS now."
        else:
            self.message.text = f"Handouts print on {chosen}." if chosen else "No printer chosen."

    def choose(self, name: str | None, button) -> None:
        if button.state != "down":  # a second touch on the chosen one leaves it chosen
            button.state = "down"
        self.handouts.records.set_setting(PRINTER, name)
        self.message.text = f"Handouts print on {name}." if name else "No printer chosen."

    def save_clinic(self) -> None:
        self.handouts.records.set_setting(CLINIC, self.clinic.text.strip() or None)
        self.message.text = "Clinic name saved."

    def refresh_jobs(self) -> None:
        self.handouts.queue.refresh()
        self.show_jobs()

    def show_jobs(self) -> None:
        jobs = self.handouts.queue.jobs
        self.jobs.text = "\n".join(f"{job.label}: {job.state}" for job in jobs[-8:]) if jobs else \
            "No handout sent since the kiosk started."
        self.jobs.color = theme.STOP if any(job.failed for job in jobs[-8:]) else theme.INK


def home_program_row(handouts: Handouts, record, folders: list[Path]) -> BoxLayout:
    """The summary's buttons: print the session's handout, or write it to a folder (a USB stick)."""
    box = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(6))
    box.bind(minimum_height=box.setter("height"))
    box.add_widget(Factory.StaffText(text="Home program", bold=True, font_size=sp(24)))
    said = Factory.StaffText(text="", color=theme.MUTED_INK)
    box.buttons = {}

    def act(do, done) -> None:
        try:
            said.text, said.color = done(do()), theme.GO
        except (NoHandout, OSError) as problem:
            said.text, said.color = f"Not made: {problem}", theme.STOP
        Clock.schedule_once(lambda dt: bring_into_view(said), 0)  # its new height laid out first

    if handouts.printer:
        button = Factory.StaffButton(text=f"Print home program (on {handouts.printer})", size_hint_y=None,
                                     height=dp(56))
        button.bind(on_release=lambda *_: act(lambda: handouts.print_session(record, f"Session {record.id}"),
                                              lambda job: "Handed to the print queue: its state is on the staff screen."))
        box.buttons["print"] = button
        box.add_widget(button)
    for folder in folders:
        button = Factory.StaffButton(text=f"Write home program to {folder}", size_hint_y=None, height=dp(56))
        button.bind(on_release=lambda *_, f=folder: act(lambda: handouts.save_session(record, f),
                                                        lambda path: f"Written: {path}"))
        box.buttons[f"save:{folder}"] = button
        box.add_widget(button)
    box.add_widget(said)
    box.said = said
    return box
