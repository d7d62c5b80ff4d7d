"""Touching the staff screen as staff do: a section's tab first, then the control in that section."""

from __future__ import annotations


def staff_screen(app):
    return app.manager.get_screen("staff")


def panel_of(app):
    """The exercise session's staff panel (rebuilt each time the staff screen opens)."""
    return staff_screen(app).panels[0]


def open_section(pilot, app, title: str):
    """Touch a section's tab; returns the section now showing."""
    staff = staff_screen(app)
    pilot.tap(staff.tabs[title])
    assert staff.chosen == title and staff.sections[title].get_root_window() is not None
    return staff.sections[title]


def tap_in_staff(pilot, app, widget) -> None:
    """Touch the tab of the widget's section (unless it shows), scroll the section to the widget, touch it."""
    staff = staff_screen(app)
    title = staff.section_of(widget)
    assert title is not None, f"{widget!r} is in no section of the staff screen"
    if staff.chosen != title:
        open_section(pilot, app, title)
    staff.sections[title].scroll.scroll_to(widget, padding=40, animate=False)
    pilot.frames(2)
    pilot.tap(widget)


def tap_control(pilot, app, name: str) -> None:
    """Touch one of the shell's own controls: "restart" (This session) or "exit" (Kiosk)."""
    staff = staff_screen(app)
    part = staff.session_part if name == "restart" else staff.kiosk_part
    tap_in_staff(pilot, app, part.ids[name])


__all__ = ["staff_screen", "panel_of", "open_section", "tap_in_staff", "tap_control"]
