"""The shell: kiosk behaviour, plugin discovery through entry points, idle reset."""

import sys
import textwrap

import pytest
from staff_touch import tap_control
from kivy.core.window import Window

from kiosk.app.plugins import GROUP, Plugin, discover
from kiosk.app.shell import KioskApp, ShellOptions


@pytest.fixture
def tiny_plugin(tmp_path, monkeypatch):
    """A second plugin, registered the way any package would: an installed entry point."""
    (tmp_path / "tiny_kiosk_plugin.py").write_text(textwrap.dedent('''
        from kivy.uix.button import Button
        from kiosk.app.plugins import Plugin

        class TinyPlugin(Plugin):
            id = "tiny"
            title = "Say hello"
            order = 200
            touched = 0

            def build(self):
                self.button = Button(text="Hello")
                self.button.bind(on_release=self.finish)
                return self.button

            def finish(self, *_):
                TinyPlugin.touched += 1
                self.shell.plugin_finished(self)
    '''))
    dist = tmp_path / "tiny_kiosk_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-kiosk-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[{GROUP}]\ntiny = tiny_kiosk_plugin:TinyPlugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    sys.modules.pop("tiny_kiosk_plugin", None)


def test_the_exercise_session_is_a_registered_plugin():
    assert "exercise_session" in [cls.id for cls in discover()]


def test_a_second_plugin_is_found_and_offered_on_the_home_screen(tiny_plugin, pilot):
    ids = [cls.id for cls in discover()]
    assert ids == ["exercise_session", "tiny"]
    app = pilot.start(KioskApp(ShellOptions()))
    assert app.manager.current == "home"
    tiny_button = next(b for b in app.manager.get_screen("home").ids.choices.children if b.text == "Say hello")
    pilot.tap(tiny_button)
    assert app.manager.current == "plugin:tiny"
    pilot.tap(app.plugins[1].button)
    assert app.manager.current == "home" and app.plugins[1].touched == 1


def test_a_broken_plugin_is_left_out_and_the_kiosk_still_starts(tmp_path, monkeypatch):
    dist = tmp_path / "broken-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[{GROUP}]\nbroken = no_such_module_here:Plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert [cls.id for cls in discover()] == ["exercise_session"]


class Waiting(Plugin):
    id = "waiting"
    resets: list = []

    def build(self):
        from kivy.uix.label import Label
        return Label(text="A question")

    @property
    def awaiting_patient(self):
        return True

    def reset(self, reason):
        Waiting.resets.append(reason)


def test_escape_and_window_close_do_not_quit(pilot):
    app = pilot.start(KioskApp(ShellOptions(), plugin_classes=[Waiting]))
    assert Window.dispatch("on_request_close") is True
    Window.dispatch("on_keyboard", 27, 0, None, [])
    pilot.frames(2)
    assert app.root.get_root_window() is not None


def test_idle_asks_then_resets_and_a_touch_keeps_the_patient(pilot):
    Waiting.resets = []
    app = pilot.start(KioskApp(ShellOptions(speed=2000, idle_ask_after=60, idle_give_up_after=30),
                               plugin_classes=[Waiting]))
    pilot.wait_until(lambda: app.still_there.parent is not None, "the still-there question")
    pilot.tap(app.still_there.ids.here)
    assert app.still_there.parent is None and Waiting.resets == []
    pilot.wait_until(lambda: Waiting.resets == ["timeout"], "the idle reset")
    assert app.still_there.parent is None


def test_are_you_still_there_is_made_on_the_frame_after_the_first_not_before_it(pilot):
    """The first frame does without the question (its widgets, its words, Kivy's theme image: about 10 ms
    before the attract screen); the next frame makes it, with no touch and long before anyone is idle."""
    app = KioskApp(ShellOptions(), plugin_classes=[Waiting])
    at_first_frame = []

    def drawn(*_):
        at_first_frame.append(app._still_there)
        Window.unbind(on_flip=drawn)

    Window.bind(on_flip=drawn)
    app._run_prepare()
    pilot.app = app
    pilot.frames(1)
    assert at_first_frame == [None]
    pilot.frames(1)
    made = app._still_there
    assert made is not None and made.parent is None and app.still_there is made


def test_a_single_plugin_is_the_start_and_leaving_the_staff_screen_goes_back_to_it(pilot):
    app = pilot.start(KioskApp(ShellOptions(), plugin_classes=[Waiting]))
    assert app.manager.current == "plugin:waiting" and not app.manager.has_screen("home")
    app.show_staff()  # reached without the staff gesture: nothing to go back to but the start
    pilot.frames(2)
    pilot.tap(app.manager.get_screen("staff").ids.back)
    assert app.manager.current == "plugin:waiting"


def test_holding_the_staff_corner_opens_the_staff_screen_and_exit_quits(pilot):
    from kiosk.app import touch
    app = pilot.start(KioskApp(ShellOptions(), plugin_classes=[Waiting]))
    corner = app.root.ids.corner
    finger = touch.touch_down(*corner.to_window(*corner.center))
    pilot.wait_until(lambda: app.manager.current == "staff", "the staff screen")
    touch.touch_up(finger)
    pilot.frames(2)
    pilot.tap(app.manager.get_screen("staff").ids.back)
    assert app.manager.current == "plugin:waiting"
    app.open_staff()
    pilot.frames(2)
    tap_control(pilot, app, "exit")
    assert not app.exiting, "exit asks first"
    from kiosk.app import confirm
    pilot.tap(confirm.showing().ids.keep)
    assert not app.exiting and confirm.showing() is None
    tap_control(pilot, app, "exit")
    pilot.tap(confirm.showing().ids.go)
    assert app.exiting
    pilot.app = None
