"""Child process: from a patient's touch to the first frame of the next screen, in frames and ms.

    python -m bench.touch_frames kiosk|bare

kiosk: the real kiosk (1280x800, frames stepped as fast as they go). Each touch is
made inside a frame, as a finger's would be (from a Clock callback, before the
frame's layout and drawing), then frames are counted until one is drawn
(on_flip, glFinish) with the next screen current: 1 means the very frame that
took the touch already shows the next screen. Before every touch the kiosk is
left to settle: nothing left to redraw, and nothing left that it prepares ahead
(a patient reads each screen for a second or more; the kiosk uses those frames to
build what comes next, a slice per frame), the speech it queued made included. The journey: Start on the attract
screen, the nine safety questions (No), then the three pages of the baseline
check-in, into the exercise screen. bare: the same count and timing for a button that
switches between two plain Kivy screens, each a Label and a Button.
"""

from __future__ import annotations

import functools
import sys
import time

from bench.common import SIZE, report, require_headless_env

MAX_FRAMES = 120
SETTLE_ROUNDS = 10


class Counted:
    """Counts the calls of a method of a class (label renders, widgets made): steadier than milliseconds
    on a busy machine."""

    def __init__(self, owner, name: str) -> None:
        self.calls = 0
        original = getattr(owner, name)

        @functools.wraps(original)  # Kivy's WeakMethod finds a bound method again by its __name__
        def counted(instance, *args, **kwargs):
            self.calls += 1
            return original(instance, *args, **kwargs)

        setattr(owner, name, counted)


class Measure:
    """Touches a widget inside a frame and counts frames until the view changed and was drawn."""

    def __init__(self, stepper, view, preparing=lambda: False, background=lambda: None, quiet=lambda: True) -> None:
        from kivy.core.text import LabelBase
        from kivy.core.window import Window
        from kivy.uix.widget import Widget

        self.stepper, self.view, self.preparing = stepper, view, preparing
        self.background, self.quiet = background, quiet
        self.drawn: list[float] = []
        self.renders, self.widgets = Counted(LabelBase, "_render_real"), Counted(Widget, "__init__")
        Window.bind(on_flip=self._flipped)

    def _flipped(self, *_) -> None:
        from kivy.graphics.opengl import glFinish

        glFinish()  # the picture is finished, not just queued
        self.drawn.append(time.perf_counter())

    def __call__(self, label: str, widget_of) -> dict:
        from kivy.clock import Clock

        from kiosk.app import touch

        for _ in range(SETTLE_ROUNDS):  # what the frames prepare may queue work on other threads, and back
            self.background()  # work on other threads, waited for without frames
            self.stepper.run_until(lambda: not self.preparing(), "the kiosk to prepare what comes next", MAX_FRAMES)
            if self.quiet():
                break
        self.stepper.settle()
        before = self.view()
        widget = widget_of()
        tapped: list[float] = []
        renders, widgets, cpu = self.renders.calls, self.widgets.calls, time.thread_time()
        Clock.schedule_once(lambda dt: (tapped.append(time.perf_counter()), touch.tap(widget)), 0)
        for frame in range(1, MAX_FRAMES + 1):
            self.drawn.clear()
            self.stepper.step()
            if tapped and self.drawn and self.view() != before:
                # main-thread CPU (not llvmpipe's drawing threads), label textures rendered, widgets made
                return {"touch": label, "to": "/".join(str(part) for part in self.view() if part),
                        "frames": frame, "ms": round((self.drawn[-1] - tapped[0]) * 1000, 2),
                        "cpu_ms": round((time.thread_time() - cpu) * 1000, 2),
                        "label_renders": self.renders.calls - renders, "widgets_made": self.widgets.calls - widgets}
        return {"touch": label, "frames": None, "error": f"no new screen within {MAX_FRAMES} frames"}


def kiosk_journey(stepper) -> list[dict]:
    """Start, nine safety answers, the baseline check-in's three pages: thirteen touches."""
    from kiosk.app import touch
    from kiosk.app.shell import KioskApp, ShellOptions

    app = KioskApp(ShellOptions(plugins=["exercise_session"], extra={"programs": ["knee_from_spine"]}))
    stepper.start(app)
    controller = next(p for p in app.plugins if p.id == "exercise_session").controller
    screens = controller.screens

    def view() -> tuple:
        screen = screens[controller.current_screen_name]
        return controller.current_screen_name, getattr(screen, "flag_id", None), getattr(screen, "page", None)

    # Settled: the screens prepared ahead, and the speech the start screen queued made (on a kiosk's first
    # day eSpeak NG makes each phrase once, then they come from its cache; a bench run starts cold).
    speech = controller.voice.preparation
    measure = Measure(stepper, view, preparing=lambda: controller.preparer.busy,
                      background=lambda: speech.wait(timeout=120), quiet=lambda: not speech.busy)
    steps = [measure("attract: Start", lambda: screens["attract"].ids.choices.children[0])]
    for number in range(1, 10):
        steps.append(measure(f"safety {number}: No", lambda: screens["safety"].ids.no))
    check_in = screens["check_in"]
    stepper.settle()
    touch.tap_at(*check_in.ids.body_map.region_window_point("knee_right"))  # a mark, not a new screen
    steps.append(measure("check-in where: Next", lambda: check_in.ids.next))
    steps.append(measure("check-in how strong: 5", lambda: check_in.intensity_button(5)))
    steps.append(measure("check-in weakness: No", lambda: check_in.ids.weak_no))
    return steps


def bare_journey(stepper) -> list[dict]:
    """The baseline: two plain Kivy screens (a question Label and a Button), the Button flips between them."""
    from kivy.app import App
    from kivy.uix.boxlayout import BoxLayout
    from kivy.uix.button import Button
    from kivy.uix.label import Label
    from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

    class TwoScreens(App):
        def build(self):
            manager = ScreenManager(transition=NoTransition())
            for name in ("a", "b"):
                screen = Screen(name=name)
                box = BoxLayout(orientation="vertical", padding=40, spacing=20)
                screen.question = Label(text="Question 1", font_size="32sp")
                screen.button = Button(text="No", font_size="28sp", size_hint_y=0.3)
                screen.button.bind(on_release=lambda _: self.next_question())
                box.add_widget(screen.question)
                box.add_widget(screen.button)
                screen.add_widget(box)
                manager.add_widget(screen)
            self.asked = 1
            return manager

        def next_question(self):
            self.asked += 1
            other = self.root.get_screen("b" if self.root.current == "a" else "a")
            other.question.text = f"Question {self.asked}: have you had this recently?"
            self.root.current = other.name

    app = TwoScreens()
    stepper.start(app)
    measure = Measure(stepper, lambda: (app.root.current, app.asked))
    return [measure(f"question {number}: No", lambda: app.root.current_screen.button) for number in range(1, 14)]


def main(kind: str) -> None:
    require_headless_env()
    from kiosk.app.kivy_setup import Display, prepare

    prepare(Display(windowed=True, size=SIZE, max_fps=0))
    from bench.stepping import Stepper

    stepper = Stepper(virtual_time=False)
    steps = (kiosk_journey if kind == "kiosk" else bare_journey)(stepper)
    stepper.stop()
    report({"kind": kind, "steps": steps})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "kiosk")
