"""The kiosk shell: a Kivy App that hosts the plugins and keeps the kiosk a kiosk.

It only wires: plugins come from entry points (kiosk.app.plugins), idleness is
judged by kiosk.app.idle, the staff corner and "still there?" live in
kiosk.app.overlays, the way to the staff screen in kiosk.app.staff_access.
Escape and closing the window do nothing; staff leave through the staff screen.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import NumericProperty, ObjectProperty
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.screenmanager import NoTransition, Screen

from kiosk.language import DEFAULT_LANGUAGE
from kiosk.records.store import Records, RecordsError, cache_dir

from . import clinic, collector, common, theme  # noqa: F401  (common: KioskButton, PatientLabel)
from .idle import IdleWatcher
from .overlays import StillThere
from .plugins import Plugin, discover
from .staff_access import StaffAccess
from .watchdog import ServiceWatch, StopOnSigterm

Builder.load_file(str(Path(__file__).with_suffix(".kv")))
log = logging.getLogger("kiosk.shell")

IDLE_TICK = 0.25


@dataclass
class ShellOptions:
    """What `kiosk run` was asked for."""

    exercises: Path | None = None
    speed: float = 1.0
    """Kiosk seconds per real second: 1 on the wall, more for demos and tests."""
    idle_ask_after: float = 90
    idle_give_up_after: float = 30
    plugins: list[str] | None = None
    """Only these plugin ids (default: every registered plugin)."""
    extra: dict = field(default_factory=dict)
    """Plugin-specific options (e.g. the autopilot's script)."""
    data: Path | None = None
    """The folder of the records database (default: $KIOSK_DATA or the user's data folder)."""
    database: str | None = None
    """The clinic server's connection string: records are copied there (kiosk.app.clinic)."""


class ShellRoot(FloatLayout):
    """The window's content: the screens, with the staff corner on top."""

    shell = ObjectProperty(None, allownone=True)


class HomeScreen(Screen):
    """Offers each plugin when the kiosk has more than one."""

    shell = ObjectProperty(None, allownone=True)

    def offer(self, plugins: list[Plugin]) -> None:
        """One big button per plugin."""
        for plugin in plugins:
            button = Factory.KioskButton(text=plugin.title)
            button.bind(on_release=lambda _, plugin_id=plugin.id: self.shell.open_plugin(plugin_id))
            self.ids.choices.add_widget(button)


class KioskApp(StaffAccess, App):
    """The kiosk: one window, one plugin at a time."""

    speed = NumericProperty(1.0)
    """Kiosk seconds per real second (see ShellOptions.speed)."""

    def __init__(self, options: ShellOptions | None = None, plugin_classes: list[type[Plugin]] | None = None,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.title = "Exercise kiosk"
        self.options = options or ShellOptions()
        self.speed = self.options.speed
        if plugin_classes is None:
            plugin_classes = discover(self.options.plugins, cache_folder=cache_dir(self.options.data))
        self.plugin_classes = plugin_classes
        self.plugins: list[Plugin] = []
        self.exiting = False
        self.idle = IdleWatcher(self.options.idle_ask_after, self.options.idle_give_up_after,
                                waiting=self._awaiting_patient, ask=self._ask_still_there,
                                give_up=self._give_up)
        self._still_there: StillThere | None = None
        self._tick_event = None
        self._stopped = False
        self.service: ServiceWatch | None = None
        """systemd's READY and watchdog pings, from the first frame on."""
        self.sigterm: StopOnSigterm | None = None
        self.records = None
        self.copier = None
        """The background copy to the clinic server, if there is one."""
        self.program_sync = None
        """The clinic's programs kept in step with the server, if there is one."""
        self.received_programs = clinic.ReceivedPrograms()
        self.unwritten = 0
        """Answers the plugins could not write to the records, counted as the kiosk stopped."""

    def build(self):
        self._open_records()
        root = self._build_root()
        Window.clearcolor = theme.BACKGROUND  # the page colour, for free: see shell.kv
        Window.bind(on_request_close=self._on_request_close)
        Window.bind(on_touch_down=self._on_any_touch)
        self._tick_event = Clock.schedule_interval(self._tick, IDLE_TICK)
        Window.bind(on_flip=self._after_first_frame)
        self.sigterm = StopOnSigterm(self.exit_kiosk)
        return root

    def _after_first_frame(self, *_) -> None:
        """What the attract screen does not show is made on the next frame, long before it is needed."""
        Window.unbind(on_flip=self._after_first_frame)
        Clock.schedule_once(lambda _dt: self.still_there, 0)
        Clock.schedule_once(lambda _dt: collector.release(), 0)  # held by `kiosk run` while it started
        self.service = ServiceWatch()

    @property
    def still_there(self) -> StillThere:
        """"Are you still there?": made just after the first frame (its kv rules, its words and Kivy's
        theme image cost about 10 ms that the attract screen does not need), or when first asked for."""
        if self._still_there is None:
            self._still_there = StillThere()
        return self._still_there

    def _build_root(self):
        root = ShellRoot(shell=self)
        manager = root.ids.manager
        manager.transition = NoTransition()
        self.plugins = [cls(self) for cls in self.plugin_classes]
        for plugin in self.plugins:
            screen = Screen(name=f"plugin:{plugin.id}")
            screen.add_widget(plugin.build())
            manager.add_widget(screen)
        if len(self.plugins) != 1:  # a single plugin is the start: no choice to offer (none: an empty home)
            if not self.plugins:
                log.error("no kiosk plugin could be loaded: the kiosk shows an empty start screen")
            home = HomeScreen(name="home", shell=self)
            home.offer(self.plugins)
            manager.add_widget(home)
        root.ids.corner.bind(on_staff=lambda *_: self.open_staff())
        self.manager = manager
        self.go_home()
        return root

    def _open_records(self) -> None:
        """The records every plugin writes to; a kiosk that cannot record says so to staff."""
        self.records = None
        self.record_notices: list[str] = []
        try:
            opened = Records.open(self.options.data)
        except (RecordsError, sqlite3.Error, OSError) as error:
            message = f"records are NOT being kept: {error}"
            log.error("%s", message)
            self.record_notices.append(message)
            return
        self.records = opened.records
        self.record_notices = opened.notices
        self.copier = clinic.start_copy(self.records, self.options.database)
        self.program_sync = clinic.start_programs(self.records, self.options.database, self.options.data,
                                                  self.options.exercises, self.received_programs.received)
        for notice in opened.notices:
            log.warning("records: %s", notice)

    # Navigation ------------------------------------------------------------------

    @property
    def shown_plugin(self) -> Plugin | None:
        name = self.manager.current
        return next((p for p in self.plugins if f"plugin:{p.id}" == name), None)

    def go_home(self) -> None:
        """The start: the only plugin, or the choice between several."""
        if len(self.plugins) == 1:
            self.manager.current = f"plugin:{self.plugins[0].id}"
        else:
            self.manager.current = "home"

    def open_plugin(self, plugin_id: str) -> None:
        self.manager.current = f"plugin:{plugin_id}"

    def plugin_finished(self, plugin: Plugin) -> None:
        """A plugin is done with its patient: back to the start."""
        plugin.reset("finished")
        self.go_home()

    def restart(self) -> None:
        """Staff end whatever a patient left on screen (a red-flag alert, say) and start again."""
        for plugin in self.plugins:
            plugin.reset("staff")
        self.go_home()

    def exit_kiosk(self) -> None:
        """Staff leave kiosk mode: the only way the app quits."""
        self.exiting = True
        self.stop()

    # Kiosk behaviour ---------------------------------------------------------------

    def _on_request_close(self, *args, **kwargs) -> bool:
        return not self.exiting

    def _on_any_touch(self, window, touch) -> None:
        self.idle.touched()
        if self._still_there is not None and self._still_there.parent is not None:  # never made in a touch
            self._still_there.dismiss(animation=False)

    def _tick(self, dt: float) -> None:
        self.idle.advance(dt * self.speed)
        self.received_programs.offer(self.plugins)
        if self.idle.asking:
            remaining = self.idle.ask_after + self.idle.give_up_after - self.idle.idle
            self.still_there.seconds_left = max(0, remaining)

    def _awaiting_patient(self) -> bool:
        plugin = self.shown_plugin
        return plugin is not None and plugin.awaiting_patient

    def _ask_still_there(self) -> None:
        plugin = self.shown_plugin
        self.still_there.language = getattr(plugin, "language", DEFAULT_LANGUAGE)  # the patient's, if it has one
        self.still_there.open(animation=False)

    def _give_up(self) -> None:
        self.still_there.dismiss(animation=False)
        plugin = self.shown_plugin
        if plugin is not None:
            log.info("no touch for a while: %s reset", plugin.id)
            plugin.reset("timeout")
        self.go_home()

    def on_stop(self) -> None:
        """Leaving kiosk mode: a session still running ends as incomplete; videos and records close.

        Kivy may call on_stop twice: the second call finds nothing left to do.
        """
        if self._tick_event is not None:
            self._tick_event.cancel()
            self._tick_event = None
        Window.unbind(on_request_close=self._on_request_close)
        Window.unbind(on_touch_down=self._on_any_touch)
        Window.unbind(on_flip=self._after_first_frame)
        if self.service is not None:
            self.service.stop()
            self.service = None
        if self.sigterm is not None:
            self.sigterm.release()
            self.sigterm = None
        if not self._stopped:
            self._stopped = True
            for plugin in self.plugins:
                plugin.reset("stop")
            self.unwritten = sum(plugin.unwritten() for plugin in self.plugins)
            if self.unwritten:
                log.error("the kiosk stops with %d answer(s) that could not be written to the records: "
                          "they are lost", self.unwritten)
        clinic.stop_copy(self.copier)
        self.copier = None
        clinic.stop_programs(self.program_sync)
        self.program_sync = None
        if self.records is not None:
            self.records.close()
            self.records = None
