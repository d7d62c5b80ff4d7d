"""The staff side of the shell: the PIN pad, and the staff screen behind it.

Holding the top-left corner for 5 seconds opens the PIN pad (or, on a kiosk
where no PIN was ever set, the staff screen with a warning to set one). Five
wrong PINs lock the pad for five minutes (kiosk.records.pin). The staff screen
has the kiosk's own controls (back, end the session, exit kiosk mode), notices
about the records, and a panel from every plugin that offers one.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import Screen

from kiosk.records.pin import PIN_PATTERN, PinLock  # noqa: F401  (PinLock: the type of `lock`)

from . import keyboard  # noqa: F401  (FieldKeyboard, at the foot of the staff screen in the kv)

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


class StaffScreen(Screen):
    """What staff see after the PIN: the kiosk's controls and each plugin's panel."""

    shell = ObjectProperty(None, allownone=True)
    notices = StringProperty("")

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
        """Built afresh every time: the sessions, problems and notices are always current."""
        self.keyboard.hide()
        self.notices = "\n".join(self.shell.staff_notices())
        panels = self.ids.panels
        panels.clear_widgets()
        for plugin in self.shell.plugins:
            panel = plugin.staff_panel()
            if panel is not None:
                panels.add_widget(panel)
        self.ids.scroll.scroll_y = 1
