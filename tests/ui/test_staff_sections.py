"""The staff screen in sections, by touch on the real window: the tabs switch them, each section fits the
window at the clinic's three screen sizes (a long one scrolls in its own area), and every confirmation shows
at once, wherever the control that made it sits."""

import pytest
from recorded import record_script
from staff_touch import open_section, panel_of, staff_screen, tap_in_staff

from kivy.core.window import Window
from kivy.metrics import dp
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView

from kiosk.app.plugins import Plugin
from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.content import loader
from kiosk.records.store import Records

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]
TITLES = ["Programs", "This session", "Sessions", "Speech and sound", "Export and print", "Kiosk: 1 notice"]
SESSIONS = 21  # more than the 20 listed: the Sessions section is longer than any screen


def start(pilot, data, size=(1280, 800), sessions: int = SESSIONS):
    records = Records.open(data).records
    program = loader.load().programs["knee_from_spine"]
    for number in range(sessions):
        record_script(records, program, "spinal_source_likely", f"2026-03-02T{8 + number // 6:02d}:{number % 6}0:00Z")
    records.close()
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=data)), size)
    app.open_staff()
    pilot.frames(3)
    assert app.manager.current == "staff"
    return app


def window_rect(widget) -> tuple[float, float, float, float]:
    left, bottom = widget.to_window(widget.x, widget.y)
    right, top = widget.to_window(widget.right, widget.top)
    return left, bottom, right, top


def inside(rect, outer, slack: float = 0.5) -> bool:
    return (rect[0] >= outer[0] - slack and rect[1] >= outer[1] - slack and rect[2] <= outer[2] + slack
            and rect[3] <= outer[3] + slack)


def seen(widget) -> bool:
    """On screen now: in the window, not scrolled out of any scrolling area around it, drawn, with room."""
    if widget.get_root_window() is None or widget.opacity == 0 or widget.height <= 0:
        return False
    rect, parent = window_rect(widget), widget.parent
    while parent is not None and parent is not parent.parent:
        if isinstance(parent, ScrollView) and not inside(rect, window_rect(parent)):
            return False
        parent = parent.parent
    return inside(rect, (0, 0, Window.width, Window.height))


def tree(widget):
    yield widget
    for child in widget.children:
        yield from tree(child)


def texts(widget) -> str:
    return "\n".join(w.text for w in tree(widget) if isinstance(w, Label))


def test_touching_a_tab_shows_its_section_alone_and_marks_the_tab(pilot, tmp_path):
    app = start(pilot, tmp_path, sessions=1)
    staff = staff_screen(app)
    assert [tab.text for tab in staff.tabs.values()] == TITLES  # no PIN set: the Kiosk tab says so
    assert staff.chosen == "Programs" and seen(panel_of(app).widgets["program:knee_from_spine"])
    for title in [*reversed(staff.sections), "Programs"]:
        open_section(pilot, app, title)
        shown = [name for name, section in staff.sections.items() if section.get_root_window() is not None]
        assert shown == [title]
        assert [tab.state for tab in staff.tabs.values()] == ["down" if t == title else "normal" for t in staff.tabs]
        assert all(tab.height >= dp(48) and tab.width >= dp(48) for tab in staff.tabs.values())
        assert seen(staff.ids.back)  # always at the top
    open_section(pilot, app, "This session")
    assert seen(staff.session_part.ids.restart) and "No session is running" in texts(staff.sections["This session"])
    pilot.tap(staff.tabs["This session"])  # the chosen tab touched again stays chosen
    assert staff.chosen == "This session" and staff.tabs["This session"].state == "down"
    open_section(pilot, app, "Kiosk")
    assert seen(staff.kiosk_part.ids.notices) and "kiosk set-pin" in staff.kiosk_part.ids.notices.text
    assert seen(staff.kiosk_part.ids.exit) and "Exercise files" in texts(staff.sections["Kiosk"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_section_fits_the_window_and_scrolls_to_its_last_control(pilot, tmp_path, size):
    app = start(pilot, tmp_path, size)
    staff = staff_screen(app)
    window = (0, 0, Window.width, Window.height)
    assert all(inside(window_rect(tab), window) for tab in staff.tabs.values())
    for title, section in staff.sections.items():
        open_section(pilot, app, title)
        for widget in [*tree(section), *staff.tabs.values(), staff.ids.back]:
            rect = window_rect(widget)
            assert rect[0] >= -0.5 and rect[2] <= Window.width + 0.5, f"{title}: {widget!r} spills sideways"
            if isinstance(widget, Label) and widget.text:
                assert widget.texture_size[0] <= widget.width + 1, f"{title}: {widget.text!r} wider than its widget"
                assert widget.texture_size[1] <= widget.height + 1, f"{title}: {widget.text!r} taller than its widget"
        scroll = section.scroll
        assert inside(window_rect(scroll), window)
        if section.content.height > scroll.height:  # longer than the screen: it scrolls, with a bar
            assert scroll.bar_width >= dp(8) and "bars" in scroll.scroll_type and scroll.bar_inactive_color[3] >= 0.5
        scroll.scroll_y = 0
        pilot.frames(2)
        last = section.content.children[0]
        while last.children and not isinstance(last, Label):  # the lowest control of the section
            last = last.children[0]
        assert seen(last), f"{title}: the last control cannot be scrolled to"
    if size == (1280, 800):  # 20 sessions are longer than this screen (the test's own check that it scrolls)
        assert staff.sections["Sessions"].content.height > staff.sections["Sessions"].scroll.height


def test_each_confirmation_is_on_screen_at_once_after_the_touch(pilot, tmp_path):
    """"Written: ..." used to stay below the edge of the screen; a reference saved on the last session too."""
    app = start(pilot, tmp_path)
    panel = panel_of(app)
    exports = tmp_path / "exports"
    tap_in_staff(pilot, app, panel.widgets[f"export:csv:{exports}"])
    [written] = exports.glob("*.csv")
    assert panel.export_message.text == f"Written: {written}" and seen(panel.export_message)
    oldest = min(record.id for record in app.records.recent(20))
    panel.widgets[f"reference:{oldest}"].text = "PT-0042"
    tap_in_staff(pilot, app, panel.widgets[f"save:{oldest}"])  # the bottom of a section longer than the screen
    assert panel.reference_message.text == f"Reference saved for session {oldest}." and seen(panel.reference_message)
    assert not seen(panel.export_message)  # each section says its own
    tap_in_staff(pilot, app, panel.widgets["program:flexion_progression"])
    assert panel.program_message.text.startswith("Offered: ") and seen(panel.program_message)
    open_section(pilot, app, "Export and print")
    assert seen(panel.export_message)  # back in its section, what was done there is still said


def test_the_summarys_home_program_confirmation_is_scrolled_into_view(pilot, tmp_path):
    """The summary's last buttons write the home program; what they did shows below them, brought on screen."""
    app = start(pilot, tmp_path, sessions=1)
    panel = panel_of(app)
    [record] = app.records.recent()
    tap_in_staff(pilot, app, panel.widgets[f"summary:{record.id}"])
    summary = panel.summary_view.children[0]
    row = next(child for child in summary.ids.content.children if hasattr(child, "said"))
    button = row.buttons[f"save:{tmp_path / 'exports'}"]
    summary.ids.scroll.scroll_to(button, padding=dp(4), animate=False)  # swiped just far enough to touch it
    pilot.frames(2)
    assert seen(button) and not seen(row.said)
    pilot.tap(button)
    pilot.frames(2)
    [written] = (tmp_path / "exports").glob("*.pdf")
    assert row.said.text == f"Written: {written}" and seen(row.said)


def test_what_a_save_in_the_editor_did_is_still_said_when_the_staff_screen_comes_back(pilot, tmp_path):
    from editor_touch import section_of, tap_in_editor

    app = start(pilot, tmp_path, sessions=0)
    tap_in_staff(pilot, app, section_of(app).widgets["programs:copy:knee_from_spine"])
    editor = section_of(app).editor
    tap_in_editor(pilot, editor, "save")
    tap_in_editor(pilot, editor, "close")
    pilot.frames(2)
    staff = staff_screen(app)
    message = section_of(app).message  # the staff screen was built again
    assert staff.chosen == "Programs" and message.text.startswith("Saved ") and "as a draft" in message.text
    assert seen(message)
    pilot.tap(staff.ids.back)
    app.open_staff()
    pilot.frames(3)
    assert section_of(app).message.text == "" and staff.chosen == "Programs"  # a new opening starts afresh


def test_this_session_says_what_the_kiosk_runs_now(pilot, tmp_path):
    app = start(pilot, tmp_path, sessions=0)
    pilot.tap(staff_screen(app).ids.back)
    controller = app.plugins[0].controller
    pilot.tap(controller.screens["attract"].ids.choices.children[-1])  # a patient starts the first program
    assert controller.session is not None
    app.open_staff()
    pilot.frames(3)
    section = open_section(pilot, app, "This session")
    words = texts(section)
    assert f"Running now: {controller.session.program.name} ({controller.session.program.id})." in words
    assert "answering the red-flag screening questions" in words and "after the baseline: 0." in words


class Balance(Plugin):
    """A plugin whose staff panel is one widget, and one with no panel at all (the shell knows neither)."""

    id, title = "balance", "Balance practice"

    def build(self):
        return Label(text="Stand on one leg")

    def staff_panel(self):
        return Label(text="Balance: nothing to set", size_hint_y=None, height=dp(48))


class Quiet(Plugin):
    id, title = "quiet", "Quiet"

    def build(self):
        return Label(text="Nothing")


def test_a_panel_that_is_one_widget_is_one_section_before_the_shells_own(pilot):
    app = pilot.start(KioskApp(ShellOptions(), plugin_classes=[Balance, Quiet]))
    app.show_staff()
    pilot.frames(2)
    staff = staff_screen(app)
    assert list(staff.sections) == ["Balance practice", "This session", "Kiosk"] and staff.chosen == "Balance practice"
    assert seen(staff.panels[0])
    tap_in_staff(pilot, app, staff.kiosk_part.ids.exit)
    from kiosk.app import confirm

    pilot.tap(confirm.showing().ids.keep)  # Exit kiosk mode asks first; staying leaves the kiosk as it was
    assert staff.chosen == "Kiosk" and not app.exiting
