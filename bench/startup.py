"""Child process: start the kiosk, or a bare Kivy App with one Label, and report its first frame.

    python -m bench.startup kiosk|bare [--profile FILE]

Both kinds set Kivy up the same way (`kiosk.app.kivy_setup.prepare`, 1280x800,
max_fps 60). "First interactive frame": the first frame drawn (on_flip, after
glFinish so the picture is really finished) once the kiosk's attract screen is
the current screen, or once the bare App's Label is on the window. The time is
`time.monotonic()`, which is system-wide on Linux, so the parent subtracts the
moment it spawned this process: interpreter start-up and imports are counted.
Peak memory is VmHWM a few frames later. `window_made` is when the window
exists: from there to the first frame is what the kiosk adds to Kivy's own start
(its imports, its build, its first frame), steadier than the whole when other
work shares the machine. --profile saves a cProfile of the
child from its first line to the first frame (pstats format).
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import sys  # noqa: E402

from bench.common import SIZE, report, require_headless_env, status_mb  # noqa: E402

SETTLE_SECONDS = 0.3
"""Kept running after the first frame, so the peak memory includes a few ordinary frames."""
GIVE_UP_SECONDS = 60


def kiosk_app():
    """The kiosk as `kiosk run` builds it: every plugin, the records in $KIOSK_DATA."""
    from kiosk.app.shell import KioskApp, ShellOptions

    app = KioskApp(ShellOptions())

    def attract_is_current() -> bool:
        if getattr(app, "manager", None) is None or app.manager.current != "plugin:exercise_session":
            return False
        controller = next(p for p in app.plugins if p.id == "exercise_session").controller
        return controller.current_screen_name == "attract"

    return app, attract_is_current, app.exit_kiosk


def bare_app():
    """The baseline: a Kivy App whose whole content is one Label."""
    from kivy.app import App
    from kivy.uix.label import Label

    class OneLabel(App):
        def build(self):
            return Label(text="Touch the screen to start", font_size="32sp")

    app = OneLabel()
    return app, lambda: app.root is not None and app.root.get_root_window() is not None, app.stop


def main(kind: str, profile: str | None = None) -> None:
    require_headless_env()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    if kind == "kiosk":  # as `kiosk run` does before anything else
        from kiosk.app import collector

        collector.hold()
    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=SIZE, max_fps=60))
    from kivy.clock import Clock
    from kivy.core.window import Window

    window_made = time.monotonic()  # importing Window creates it: all before this is the same for both kinds
    from kivy.graphics.opengl import GL_RENDERER, glFinish, glGetString
    from kivy.lang import Builder

    app, ready, stop = kiosk_app() if kind == "kiosk" else bare_app()
    figures: dict = {"kind": kind, "script_started": STARTED, "window_made": window_made}

    def on_flip(*_):
        if "first_frame" in figures or not ready():
            return
        glFinish()
        figures["first_frame"] = time.monotonic()
        figures["cpu_s"] = time.process_time()  # this process's CPU time (all threads): steadier on a busy machine
        figures["modules"] = len(sys.modules)  # what was imported before the first frame, a count that never jitters
        figures["kv_files"] = len(Builder.files)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile)
        figures["gl_renderer"] = glGetString(GL_RENDERER).decode(errors="replace")
        figures["rss_at_first_frame_mb"] = status_mb("VmRSS")
        Window.unbind(on_flip=on_flip)
        Clock.schedule_once(lambda dt: finish(), SETTLE_SECONDS)

    def finish():
        figures["peak_rss_mb"] = status_mb("VmHWM")
        stop()

    def give_up(dt):
        figures["error"] = f"no first frame after {GIVE_UP_SECONDS} s"
        stop()

    Window.bind(on_flip=on_flip)
    Clock.schedule_once(give_up, GIVE_UP_SECONDS)
    app.run()
    figures.setdefault("peak_rss_mb", status_mb("VmHWM"))
    report(figures)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "kiosk", sys.argv[3] if sys.argv[2:3] == ["--profile"] else None)
