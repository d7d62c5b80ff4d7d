"""The staff's way in and out of the kiosk: the PIN pad, the staff screen, and what staff should know.

A part of the shell (`KioskApp` takes it in), kept apart so the shell only wires.
The staff screens' module and kv rules, and the PIN's (scrypt and its settings),
are read the first time staff need them: the attract screen needs neither.
"""

from __future__ import annotations

from kiosk.records.store import database_path

from . import clinic


class StaffAccess:
    """The shell's staff side; the shell provides `manager`, `records`, `plugins`, `go_home()` and the
    clinic copy's state."""

    def _staff_screens(self) -> None:
        """The PIN pad and the staff screen are built the first time staff need them (a faster start:
        their module and kv rules are read then too, not before the attract screen is shown)."""
        if not self.manager.has_screen("staff"):
            from .staff import PinScreen, StaffScreen

            self.manager.add_widget(PinScreen(name="staff_pin", shell=self))
            self.manager.add_widget(StaffScreen(name="staff", shell=self))

    def open_staff(self, then=None) -> None:
        """The staff gesture: the PIN pad, or the staff screen where no PIN was ever set. `then`: what
        the PIN opens instead of the staff screen (a plugin's staff-only screen, such as the session's
        summary), called back on the screen staff came from."""
        self._staff_screens()
        if self.manager.current not in ("staff", "staff_pin"):
            self._return_to = self.manager.current
        self._after_pin = then
        lock = self.staff_pin()
        if lock is not None and lock.is_set:
            self.manager.current = "staff_pin"
        else:
            self.pin_accepted()

    def pin_accepted(self) -> None:
        """The right PIN (or none set): the staff screen, or what the gesture asked for."""
        then, self._after_pin = getattr(self, "_after_pin", None), None
        if then is None:
            self.show_staff()
        else:
            self.close_staff()
            then()

    def staff_pin(self):
        """The PIN lock (kiosk.records.pin.PinLock): on the records, or, when they could not be opened, on
        what can be read of their file; None once the kiosk has stopped or where no database exists.
        The same lock every time, so wrong tries that could not be written are still counted."""
        from kiosk.records.pin import KeptSettings, PinLock

        if getattr(self, "_stopped", False):
            return None
        held = getattr(self, "_pin_lock", None)
        if held is not None and (held.records is self.records or self.records is None):
            return held
        if self.records is not None:
            self._pin_lock = PinLock(self.records)
        elif database_path(self.options.data).exists():
            self._pin_lock = PinLock(KeptSettings(database_path(self.options.data)))
        else:
            return None
        return self._pin_lock

    def show_staff(self) -> None:
        self._staff_screens()
        self.manager.current = "staff"

    def close_staff(self) -> None:
        """Back to where the patient was (the start, if staff came straight here)."""
        back = getattr(self, "_return_to", None)
        if back:
            self.manager.current = back
        else:
            self.go_home()

    def staff_notices(self) -> list[str]:
        """What staff should know: no PIN, records that failed or were repaired."""
        notices = []
        lock = self.staff_pin()
        if self.records is None:
            notices.append("Records are NOT being kept on this kiosk: see the log.")
        if lock is None or not lock.is_set:
            notices.append("No staff PIN is set: anyone can open this screen. Set one with: kiosk set-pin")
        notices.extend(self.record_notices)
        notices.extend(clinic.copy_notices(self.copier))
        notices.extend(clinic.program_notices(self.program_sync))
        for plugin in self.plugins:
            notices.extend(plugin.staff_notices())
        return notices
