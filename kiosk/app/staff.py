"""The staff side of the shell: the PIN pad, and the staff screen behind it.

Holding the top-left corner for 5 seconds opens the PIN pad (or, on a kiosk
where no PIN was ever set, the staff screen with a warning to set one). Five
wrong PINs lock the pad for five minutes (kiosk.records.pin). The staff screen
has Back at the top, then a row of section buttons (kiosk.app.staff_sections):
each plugin's sections, "This session" (end it) and "Kiosk" (notices about the
records, exit kiosk mode), one section shown at a time.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.screenmanager import Screen

from kiosk.records.pin import PIN_PATTERN, PinLock  # noqa: F401  (PinLock: the type of `lock`)

from . import keyboard  # noqa: F401  (FieldKeyboard, at the foot of the staff screen in the kv)
from .staff_sections import KIOSK, THIS_SESSION, Section, StaffSection, build_sections, make_tab, parts_of

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

MAX_DIGITS = 8


class PinScreen(Screen):
    """A number pad for the staff PIN."""

    shell = ObjectProperty(None, allownone=True)
    typed = StringProperty("")
    message = StringProperty("")
    locked = BooleanProperty(False)
    locked_for = NumericProperty(0)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._tick = None

    @property
    def lock(self) -> PinLock | None:
        return self.shell.staff_pin() if self.shell is not None else None

    def on_pre_enter(self, *args) -> None:
        self.typed = ""
        self.message = ""
        self._update_lock()
        self._tick = Clock.schedule_interval(lambda dt: self._update_lock(), 1)

    def on_leave(self, *args) -> None:
        if self._tick is not None:
            self._tick.cancel()
            self._tick = None
        self.typed = ""

    def _update_lock(self) -> None:
        if self.lock is None:  # the kiosk stopped with the pad showing
            self.on_leave()
            return
        self.locked_for = self.lock.locked_for()
        was_locked, self.locked = self.locked, self.locked_for > 0
        if self.locked:
            minutes, seconds = divmod(int(self.locked_for + 0.999), 60)
            self.message = f"Locked after five wrong PINs. Try again in {minutes}:{seconds:02d}."
        elif was_locked:
            self.message = ""

    def press(self, digit: str) -> None:
        if not self.locked and len(self.typed) < MAX_DIGITS:
            self.typed += digit

    def delete(self) -> None:
        self.typed = self.typed[:-1]

    def enter(self) -> None:
        if self.locked or not self.typed:
            return
        if not PIN_PATTERN.match(self.typed):
            self.typed, self.message = "", "A PIN has 4 to 8 digits."
            return
        attempt = self.lock.try_pin(self.typed)
        self.typed = ""
        if attempt.ok:
            self.shell.pin_accepted()
            return
        self._update_lock()
        if not self.lock.checkable:
            self.message = "The records cannot be read, so no PIN can be checked: see the log."
        elif not self.locked:
            self.message = f"Wrong PIN. {attempt.tries_left} {'try' if attempt.tries_left == 1 else 'tries'} left."

    def cancel(self) -> None:
        self.shell.close_staff()


class StaffSessionPart(BoxLayout):
    """The shell's part of the "This session" section: End this session (staff.kv)."""

    screen = ObjectProperty(None, allownone=True)


class StaffKioskPart(BoxLayout):
    """The shell's part of the "Kiosk" section: the notices and Exit kiosk mode (staff.kv)."""

    screen = ObjectProperty(None, allownone=True)


class StaffScreen(Screen):
    """What staff see after the PIN: the Back button, a row of section buttons, and the section chosen."""

    shell = ObjectProperty(None, allownone=True)
    notices = StringProperty("")
    chosen = StringProperty("")
    """The title of the section showing ("" before the screen is built)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.panels: list = []
        """Each plugin's staff panel, as built the last time the screen opened."""
        self.sections: dict[str, StaffSection] = {}
        self.tabs: dict[str, object] = {}

    @property
    def keyboard(self):
        """The staff screen's on-screen keyboard: panels `watch(field, kind)` their text fields with it."""
        return self.ids.keyboard

    def ask_restart(self):
        """"End this session, go to the start" asks first: a patient's session would end at once."""
        from .confirm import ask

        return ask("End this session and go to the start?",
                   "Whatever is on screen ends now. A running session is recorded as ended by staff, "
                   "with what its check-ins showed so far.",
                   keep="Keep the session", go="End the session", on_go=self.shell.restart)

    def ask_exit(self):
        """"Exit kiosk mode" asks first: the kiosk closes and patients cannot use it until it is started again."""
        from .confirm import ask

        return ask("Exit kiosk mode?",
                   "The kiosk program closes. Patients cannot use this screen until it is started again.",
                   keep="Stay in kiosk mode", go="Exit kiosk mode", on_go=self.shell.exit_kiosk)

    def on_pre_enter(self, *args) -> None:
        """Built afresh every time: the sessions, problems and notices are always current. A rebuild while
        the screen shows (after the program editor saved) keeps the section chosen."""
        self.keyboard.hide()
        said = {title: section.said() for title, section in self.sections.items()}  # empty unless showing
        self.notices = "\n".join(self.shell.staff_notices())
        self.panels, plugin_parts = [], []
        for plugin in self.shell.plugins:
            panel = plugin.staff_panel()
            if panel is not None:
                self.panels.append(panel)
                plugin_parts += parts_of(plugin, panel)
        self.session_part = StaffSessionPart(screen=self)
        self.kiosk_part = StaffKioskPart(screen=self)
        self.sections = build_sections([Section(THIS_SESSION, self.session_part), Section(KIOSK, self.kiosk_part)],
                                       plugin_parts)
        self.ids.tabs.clear_widgets()
        self.tabs = {title: make_tab(title, self.show) for title in self.sections}
        for tab in self.tabs.values():
            self.ids.tabs.add_widget(tab)
        count = self.notices.count("\n") + 1 if self.notices else 0
        if count:  # a warning is never out of sight: its tab says so
            self.tabs[KIOSK].text = f"{KIOSK}: {count} notice{'s' if count > 1 else ''}"
            self.tabs[KIOSK].warn = True
        for title, lines in said.items():  # what a touch did stays said after the rebuild
            if title in self.sections:
                self.sections[title].say_again(lines)
        self.show(self.chosen if self.chosen in self.sections else next(iter(self.sections)))

    def on_leave(self, *args) -> None:
        self.chosen, self.sections = "", {}  # the next opening starts at the first section, nothing said yet

    def show(self, title: str) -> StaffSection:
        """Show one section (what its tab does), from its top."""
        self.keyboard.hide()
        self.chosen = title
        for name, tab in self.tabs.items():
            tab.state = "down" if name == title else "normal"
        section = self.sections[title]
        self.ids.area.clear_widgets()
        self.ids.area.add_widget(section)
        section.scroll.scroll_y = 1
        return section

    def section_of(self, widget) -> str | None:
        """The title of the section that holds `widget` (shown or not), or None."""
        while widget is not None and widget is not widget.parent:
            if isinstance(widget, StaffSection) and self.sections.get(widget.title) is widget:
                return widget.title
            widget = widget.parent
        return None
