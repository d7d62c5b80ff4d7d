"""The autopilot: a scripted patient who uses the real screens by touch.

It reads a `kiosk simulate` script and, frame after frame, touches what a
patient would touch on whatever screen the session shows: Yes or No to the
safety questions, body-map regions, pain numbers, the weakness answer. Sets and
rests run their real timelines (sped up by the shell). A script that runs out
stops touching, and the kiosk's own idle timeout ends the session, as when a
patient walks away. With a screenshots folder it saves one PNG per screen shown
(each set of each exercise, each check-in page, each rest) and, at the end, the
whole staff summary, one PNG per screenful as it scrolls. At the end it prints
the same JSON as `kiosk simulate --json`.
"""

from __future__ import annotations

import logging
import math
import sys
from pathlib import Path
from typing import Callable

from kivy.clock import Clock

from kiosk.app import touch
from kiosk.clinical.simulate import first_red_flag, result_json
from kiosk.content.script import PatientScript, ScriptAnswer

from .screens.end import STAFF_HOLD_SECONDS

log = logging.getLogger("kiosk.autopilot")

SETTLE_FRAMES = 3
"""Frames to let a screen draw and settle before touching it again."""
SUMMARY_WAIT = 10.0
"""Seconds past the staff hold to wait for the summary to open before giving up on its pictures."""


def summary_pages(scroll) -> list[float]:
    """The `scroll_y` of each screenful of a ScrollView, top (1) to bottom (0), screens not overlapping
    except the last, which ends at the bottom."""
    hidden = scroll.children[0].height - scroll.height if scroll.children else 0
    if hidden <= 0:
        return [1.0]
    count = math.ceil(hidden / scroll.height) + 1
    return [max(0.0, 1 - index * scroll.height / hidden) for index in range(count)]


class AutopilotError(RuntimeError):
    """The script asks for something a patient cannot do by touch."""


class Autopilot:
    """Plays one PatientScript through a SessionController's screens."""

    def __init__(self, controller, script: PatientScript, on_done: Callable[[dict], None],
                 screenshots: Path | None = None, language: str | None = None) -> None:
        self.controller = controller
        self.language = language
        """The language the patient touches on the start screen (None: they keep the clinic's)."""
        self.script = script
        self.screenshots = screenshots
        self.on_done = on_done
        self.result: dict | None = None
        self._answers = iter(script.check_ins)
        self._yes_to = first_red_flag(script.red_flags)
        self._reporting: str | None = None
        """A red flag the script reports during the session, while the autopilot reports it."""
        self._settle = SETTLE_FRAMES
        self._acted = False
        self._last_view = None
        self._shots = 0
        self._event = None
        self._shown_anew = False
        self._held = None  # the screen whose countdown waits for its picture
        self.summary_scrolls: list[float] = []
        """The summary's scroll positions pictured, top (1) to bottom (0)."""
        controller.bind(on_session_ended=self._ended, on_screen=self._on_screen)

    def start(self) -> None:
        self._event = Clock.schedule_interval(self._frame, 0)

    def stop(self) -> None:
        """Stop touching; let go of the controller so a finished autopilot can be freed."""
        if self._event is not None:
            self._event.cancel()
            self._event = None
        self._release()
        self.controller.unbind(on_session_ended=self._ended, on_screen=self._on_screen)

    def _on_screen(self, controller, name: str) -> None:
        """A screen was shown, perhaps the same one again (the next set of an exercise)."""
        self._shown_anew = True

    # One frame ---------------------------------------------------------------------

    def _frame(self, dt: float) -> None:
        if self.result is not None:
            return
        view = self._view()
        if view != self._last_view or self._shown_anew:
            self._last_view, self._settle, self._acted, self._shown_anew = view, SETTLE_FRAMES, False, False
            self._hold(view)
        if self._settle > 0:
            self._settle -= 1
            if self._settle == 0:
                self._screenshot(view)
                self._release()
            return
        if self._acted:
            return  # one action per visit to a screen; then wait for the session to move on
        self._acted = True
        try:
            self._act(view)
        except AutopilotError as error:
            self.stop()
            print(f"kiosk autopilot: {error}", file=sys.stderr)
            self.result = {"error": str(error)}
            self.on_done(self.result)

    def _hold(self, view: tuple[str, str]) -> None:
        """Stop a set's or a rest's countdown until its picture is taken: sped up, a short set would
        otherwise end before it is drawn. Only the picture waits; the answers are the same."""
        self._release()
        if self.screenshots is not None:
            self._held = self.controller.screens[view[0]]
            self._held.speed = 0

    def _release(self) -> None:
        if self._held is not None:
            self._held.speed = self.controller.speed
            self._held = None

    def _view(self) -> tuple[str, str]:
        name = self.controller.current_screen_name
        screen = self.controller.screens[name]
        return name, str(getattr(screen, "page", getattr(screen, "flag_id", "")))

    def _act(self, view: tuple[str, str]) -> None:
        name, _ = view
        screen = self.controller.screens[name]
        if name == "attract" and self.language not in (None, self.controller.language):
            touch.tap(self._language_button(screen))  # the start screen is built anew in it: a new view
        elif name == "attract":
            button = self._program_button(screen)
            screen.bring_into_view(button)  # a long list scrolls: the patient brings their program into sight
            touch.tap(button)
        elif name == "safety":
            wanted = self._reporting if screen.during else self._yes_to
            touch.tap(screen.ids.yes if screen.flag_id == wanted else screen.ids.no)
        elif name == "check_in":
            self._check_in(screen)
        # exercise, recheck_rest: the set or rest runs by itself; end screens are handled in _ended

    def _language_button(self, screen):
        buttons = [b for b in screen.ids.languages.children if b.language == self.language]
        if not buttons:
            offered = ", ".join(screen.languages) or "only the clinic's"
            raise AutopilotError(f"the start screen does not offer language {self.language!r} (it offers: {offered})")
        return buttons[0]

    def _program_button(self, screen):
        """The script's program on the start screen; the only one offered wins (`--program`)."""
        buttons = list(reversed(screen.ids.choices.children))
        wanted = self.script.program
        chosen = buttons if len(buttons) == 1 else [b for b in buttons if b.program_id == wanted]
        if not chosen:
            offered = ", ".join(b.program_id for b in buttons) or "none"
            raise AutopilotError(f"the start screen does not offer program {wanted!r} (it offers: {offered})")
        return chosen[0]

    # Check-ins ------------------------------------------------------------------------

    def _check_in(self, screen) -> None:
        if screen.page == "where":
            answer = self._next_answer(screen)
            if answer is None:
                return  # the patient walked away: the kiosk's idle timeout ends the session
            if answer.red_flag:
                self._reporting = answer.red_flag
                touch.tap(screen.ids.something_new)
                return
            self._current = answer.check_in
            self._where(screen, self._current)
        elif screen.page == "how_strong":
            touch.tap(screen.intensity_button(self._current.intensity))
        elif screen.page == "weakness":
            touch.tap(screen.ids.weak_yes if self._current.weakness else screen.ids.weak_no)

    def _next_answer(self, screen):
        """The script's answer to this check-in: a ScriptAnswer, or None when the script ran out."""
        if screen.mode == "baseline":
            return ScriptAnswer(check_in=self.script.baseline)
        return next(self._answers, None)

    def _where(self, screen, wanted) -> None:
        if screen.previous is not None and wanted == screen.previous:
            touch.tap(screen.ids.same_as_before)
            return
        if not wanted.regions and wanted.intensity == 0:
            touch.tap(screen.ids.no_pain)
            return
        body_map = screen.ids.body_map
        for mode, button, regions in (("pain", screen.ids.mark_pain, wanted.pain),
                                      ("numbness", screen.ids.mark_numb, wanted.numbness)):
            touch.tap(button)
            marked = set(body_map.pain if mode == "pain" else body_map.numbness)
            for region in sorted(marked ^ set(regions)):
                touch.tap_at(*body_map.region_window_point(region))
        touch.tap(screen.ids.next)

    # The end -------------------------------------------------------------------------

    def _ended(self, controller, session) -> None:
        if self.result is not None or session is None:
            return
        self.result = result_json(session)
        Clock.schedule_once(lambda dt: self._finish(), SETTLE_FRAMES / 60)

    def _finish(self) -> None:
        self._screenshot((self.controller.current_screen_name, "end"))
        self.stop()
        if self.screenshots is not None and self.controller.current_screen_name == "end":
            self._open_summary()
        else:
            self.on_done(self.result)

    def _open_summary(self) -> None:
        """For the pictures: a member of staff holds "For staff" and the summary opens."""
        button = self.controller.screens["end"].ids.staff
        held = {"since": Clock.get_time(), "finger": None}

        def hold_until_open(dt: float) -> bool:
            # Let go once the summary is there (a busy machine may be late), or give up well after the hold.
            opened = self.controller.current_screen_name == "summary"
            if opened or Clock.get_time() - held["since"] >= STAFF_HOLD_SECONDS + SUMMARY_WAIT:
                if held["finger"] is not None:
                    touch.touch_up(held["finger"])
                Clock.schedule_once(lambda dt: self._summary_taken(), 0.5)
                return False
            if self.controller.current_screen_name == "end" and button.state != "down":
                # Not pressed: on a busy machine the first touch can come while the end screen is still
                # being switched to, and the screens take no touch then. Lift that finger, press again.
                if held["finger"] is not None:
                    touch.touch_up(held["finger"])
                held["finger"] = touch.touch_down(*touch.window_center(button))
            return True

        Clock.schedule_interval(hold_until_open, 0)

    def _summary_taken(self) -> None:
        if self.controller.current_screen_name != "summary":
            log.warning("the staff summary did not open after holding the staff button")
            self.on_done(self.result)
            return
        self.summary_scrolls = summary_pages(self.controller.screens["summary"].ids.scroll)
        self._settle = 0
        self._page = 0
        self._event = Clock.schedule_interval(self._summary_page, 0)

    def _summary_page(self, dt: float) -> None:
        """One screenful of the summary per picture, top to bottom: scroll, let it draw, take it."""
        scroll = self.controller.screens["summary"].ids.scroll
        if self._settle == 0:
            scroll.scroll_y = self.summary_scrolls[self._page]
            self._settle = SETTLE_FRAMES
            return
        self._settle -= 1
        if self._settle > 0:
            return
        self._page += 1
        self._screenshot(("summary", str(self._page) if len(self.summary_scrolls) > 1 else ""))
        if self._page == len(self.summary_scrolls):
            self._event.cancel()
            self._event = None
            self.on_done(self.result)

    def _screenshot(self, view: tuple[str, str]) -> None:
        if self.screenshots is None:
            return
        self.screenshots.mkdir(parents=True, exist_ok=True)
        self._shots += 1
        name = "-".join(part for part in view if part)
        path = self.screenshots / f"{self._shots:02d}-{name}.png"
        self.controller.manager.export_to_png(str(path))
