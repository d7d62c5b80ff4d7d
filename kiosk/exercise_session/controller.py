"""The session controller: the core's Session in charge of the screens.

The session state decides which screen shows; screens report answers as events
and the controller passes them to the session. Nothing of a patient outlives
`reset()`: the screens are built anew for every session, ahead of need, a slice
per frame while the start screen waits (kiosk.exercise_session.preparing).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from kivy.event import EventDispatcher
from kivy.properties import StringProperty

from kiosk.app.common import KioskScreenManager
from kiosk.clinical.engine import Outcome
from kiosk.clinical.red_flags import RED_FLAGS
from kiosk.clinical.session import Event, Session, State
from kiosk.content.languages import offered_languages, program_languages
from kiosk.content.library import Library
from kiosk.language import DEFAULT_LANGUAGE

from .preparing import Preparer, Screens, screens_ahead, words_ahead
from .screens import screen_class
from .words import say

log = logging.getLogger("kiosk.exercise_session")

CHECK_IN_MODE = {State.BASELINE: "baseline", State.CHECK_IN: "after_set", State.RECHECK: "recheck"}


class SessionController(EventDispatcher):
    """Runs one session at a time on a ScreenManager."""

    __events__ = ("on_session_started", "on_screening_answer", "on_baseline", "on_step", "on_session_ended",
                  "on_screen", "on_finished")
    language = StringProperty(DEFAULT_LANGUAGE)
    """The patient's language: what every patient screen shows and the voice says."""

    def __init__(self, library: Library, assets: Path, speed: float = 1.0,
                 programs: list[str] | None = None, default_language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__()
        self.default_language = self.language = default_language
        """The clinic's language: each session starts in it, and the idle reset comes back to it."""
        self.library = library
        self.assets = assets
        self.speed = speed
        self.program_ids = [p for p in (programs or list(library.programs))
                            if p in library.programs and library.programs[p].offered]  # never a draft
        self.session: Session | None = None
        self.record_of_session = None
        self.staff_findings = None
        """A StaffFindings (set by the plugin when records are kept): the summary's reference and test results."""
        """Set by the recorder: session -> its SessionRecord as stored (with the times of each answer)."""
        self.manager = KioskScreenManager()
        self.handouts = None
        """The kiosk's handouts (kiosk.exercise_session.handouts), for the end screen's print button."""
        self.voice = None
        """The kiosk's voice, handed to the screens that speak (None: a silent kiosk)."""
        self._flag_index = 0
        self._worrying = False
        self.staff_gate = None
        """Asks staff for the PIN, then calls what it is given (the shell's PIN pad); None: the staff-only
        summary never opens."""
        self.preparer = Preparer()
        """Builds and fills the screens that come next, a slice per frame."""
        self._build_screens()

    # Events (documented no-op defaults) ---------------------------------------------

    def on_session_started(self, session: Session) -> None:
        """A patient started a program."""

    def on_screening_answer(self, session: Session, flag_id: str, yes: bool, during: bool) -> None:
        """A red-flag question was answered (during: asked again after "something new")."""

    def on_baseline(self, session: Session, check_in) -> None:
        """The baseline check-in was answered."""

    def on_step(self, session: Session, step) -> None:
        """A check-in after the baseline was answered and classified."""

    def on_session_ended(self, session: Session) -> None:
        """The session ended in its outcome (incomplete included)."""

    def on_screen(self, name: str) -> None:
        """A screen was shown."""

    def on_finished(self) -> None:
        """The patient touched Finish on the end screen."""

    # Life cycle ---------------------------------------------------------------------

    def _build_screens(self) -> None:
        """A fresh set of screens: the start screen now, the others built ahead, a slice per frame (and
        any still missing when it is needed, then)."""
        self.manager.clear_widgets()
        say.language = self.language  # before any screen is built: each reads its words as it is built
        self.screens = Screens(self._build_screen)
        languages = self.languages_offered()
        programs = [self.library.programs[p] for p in self.program_ids]
        self.screens["attract"].show([p for p in programs if self.language in program_languages(p)],
                                     languages if len(languages) > 1 else [], self.language)
        self.preparer.restart(screens_ahead(self))  # the old screens' jobs go with them
        self._show("attract")  # after the restart: what a listener queues as the start screen shows is kept

    def languages_offered(self) -> list[str]:
        """Each language at least one offered program is complete in, the clinic's first."""
        return offered_languages([self.library.programs[p] for p in self.program_ids], self.default_language)

    def choose_language(self, language: str) -> None:
        """The patient touched their language on the start screen: the start screen, and every screen
        after it, in that language (the screens are built anew, so no word of the last one stays)."""
        if self.session is not None or language not in self.languages_offered():
            log.warning("ignored the choice of language %r", language)
            return
        self.language = language
        self._build_screens()

    def _build_screen(self, name: str):
        """Build one screen, put it on the manager and listen to it."""
        events = {
            "attract": {"on_start": self._on_start, "on_language": lambda _, language: self.choose_language(language)},
            "safety": {"on_answer": self._on_safety_answer, "on_back": lambda *_: self._end_worry(),
                       "on_previous": lambda *_: self._previous_question()},
            "staff_alert": {},
            "check_in": {"on_check_in": self._on_check_in, "on_worry": lambda *_: self._start_worry()},
            "exercise": {"on_set_done": self._on_set_done},
            "recheck_rest": {"on_rest_done": self._on_rest_done},
            "end": {"on_finished": lambda *_: self.dispatch("on_finished"),
                    "on_staff_summary": lambda *_: self.ask_for_summary(),
                    "on_print_home": lambda *_: self._print_home()},
            "summary": {"on_close": lambda *_: self._show("end")},
        }[name]
        kind = screen_class(name)  # imported here the first time (a slice of its own when built ahead)
        if name == "exercise":
            screen = kind(name=name, assets=self.assets,
                          media_file=lambda exercise, relative: self.library.media_file(exercise.id, relative,
                                                                                        self.assets))
        else:
            screen = kind(name=name)
        screen.speed = self.speed
        if hasattr(screen, "voice"):
            screen.voice = self.voice
        screen.bind(**events)
        self.manager.add_widget(screen)
        return screen

    def reset(self, because: str | None = None) -> None:
        """Back to the attract screen; an unfinished session ends as incomplete, left `because` ("staff",
        "timeout", "stop", "patient_left": kiosk.clinical.ending)."""
        if self.session is not None and not self.session.ended:
            self.session.leave(because)
            self.dispatch("on_session_ended", self.session)
        self.session = None
        if self.voice is not None:
            self.voice.reset()  # the next patient starts with the staff's choice of speech
        self.language = self.default_language  # and in the clinic's language
        self._build_screens()

    @property
    def awaiting_patient(self) -> bool:
        screen = self.manager.current_screen
        return screen is not None and screen.awaiting_patient

    @property
    def current_screen_name(self) -> str:
        return self.manager.current

    @property
    def question_asked(self) -> int:
        """Which safety question is (or will be) on the screen, 0-based: the next one is worth preparing."""
        return self._flag_index

    # Answers from the screens ---------------------------------------------------------

    def _on_start(self, screen, program_id: str) -> None:
        self.session = Session(self.library.programs[program_id])
        self._flag_index = 0
        self.dispatch("on_session_started", self.session)
        self._follow_session()

    def _on_safety_answer(self, screen, flag_id: str, yes: bool) -> None:
        if not self._expects(screen, Event.RED_FLAG):
            return
        self.dispatch("on_screening_answer", self.session, flag_id, yes, self._worrying)
        if self._worrying:
            self._on_worry_answer(flag_id, yes)
            return
        if yes:
            self.session.report_red_flag(flag_id)
        else:
            self._flag_index += 1
            if self._flag_index == len(RED_FLAGS):
                self.session.pass_screening()
        self._follow_session()

    def _previous_question(self) -> None:
        """Back one safety question: its No is answered again (the later answer is the one that counts)."""
        if self.session is None or self._flag_index == 0:
            return
        if self._worrying:
            self._flag_index -= 1
            self._ask_worry()
        elif self.session.state is State.SCREENING:
            self._flag_index -= 1
            self._follow_session()

    def _start_worry(self) -> None:
        """The patient reports something new: the safety questions again, with a way back."""
        self._worrying = True
        self._flag_index = 0
        self._ask_worry()

    def _ask_worry(self) -> None:
        self.screens["safety"].show(RED_FLAGS[self._flag_index], self._flag_index + 1, len(RED_FLAGS),
                                    during=True)
        self._show("safety")

    def _on_worry_answer(self, flag_id: str, yes: bool) -> None:
        if yes:
            self._worrying = False
            self.session.report_red_flag(flag_id)
            self._follow_session()
            return
        self._flag_index += 1
        if self._flag_index == len(RED_FLAGS):
            self._end_worry()
        else:
            self._ask_worry()

    def _end_worry(self) -> None:
        """Back to the check-in the patient left, as they left it."""
        self._worrying = False
        self._show("check_in")

    def _on_check_in(self, screen, check_in) -> None:
        if not self._expects(screen, Event.CHECK_IN):
            return
        step = self.session.check_in(check_in)
        if step is not None:
            self.dispatch("on_step", self.session, step)
        else:
            self.dispatch("on_baseline", self.session, check_in)
        self._follow_session()

    def _on_set_done(self, screen, pain_worse: bool) -> None:
        if not self._expects(screen, Event.SET_DONE):
            return
        self.session.finish_set(pain_worse, *(screen.set_seconds or (None, None)))
        self._follow_session()

    def _on_rest_done(self, screen) -> None:
        if not self._expects(screen, Event.REST_DONE):
            return
        self.session.finish_rest()
        self._follow_session()

    def _expects(self, screen, event: Event) -> bool:
        """Is this answer for the screen on show, and can the session take it now?

        A late answer (a second finger, a timer that fired as the screen changed)
        is logged and dropped: it must never answer a question the patient has not seen.
        """
        if self.session is None or self.manager.current != screen.name or not self.session.can(event):
            state = self.session.state.value if self.session is not None else "no session"
            log.warning("ignored a late %s from the %s screen (%s)", event.value, screen.name, state)
            return False
        return True

    # Which screen ---------------------------------------------------------------------

    def _follow_session(self) -> None:
        """Show the screen for the session's state."""
        session = self.session
        state = session.state
        if state is State.SCREENING:
            self.screens["safety"].show(RED_FLAGS[self._flag_index], self._flag_index + 1, len(RED_FLAGS))
            self._show("safety")
        elif state in CHECK_IN_MODE:
            self.screens["check_in"].show(CHECK_IN_MODE[state], session.reference)
            self._show("check_in")
        elif state is State.EXERCISE:
            self.screens["exercise"].show(session.current)
            self._show("exercise")
        elif state is State.RESTING:
            self.screens["recheck_rest"].show(session.recheck_after)
            self._show("recheck_rest")
        else:
            self._on_ended()

    def _on_ended(self) -> None:
        session = self.session
        self.dispatch("on_session_ended", session)
        if session.outcome is Outcome.RED_FLAG_STOP:
            self.screens["staff_alert"].show(session.red_flag)
            self._show("staff_alert")
        elif session.outcome is Outcome.INCOMPLETE:
            self.reset()
        else:
            self.screens["end"].show(session.outcome, printable=self._printable(session.outcome))
            self._show("end")

    def ask_for_summary(self) -> None:
        """Staff held "For staff": the summary, through the PIN (a patient at the screen never reads one)."""
        if self.staff_gate is not None:
            self.staff_gate(self._open_summary)

    def _session_record(self):
        from kiosk.clinical.report import record_of  # imported ahead while the start screen waited

        record = self.record_of_session(self.session) if self.record_of_session else record_of(self.session)
        return replace(record, language=self.language)  # as recorded; also when the records failed

    def _open_summary(self) -> None:
        """The summary of the session that just ended (none once the next patient's screens are up)."""
        if self.session is None or not self.session.ended:
            return
        record = self._session_record()
        tests = list(self.library.special_tests.values())
        summary = self.screens["summary"]
        summary.show(record, tests, self.staff_findings)
        if self.handouts is not None:
            from .handout_section import home_program_row
            from .export_targets import export_folders

            summary.ids.content.add_widget(home_program_row(self.handouts, record,
                                                            export_folders(self.handouts.data_dir)))
        self._show("summary")

    def _printable(self, outcome: Outcome) -> bool:
        """Does the end screen offer the patient their handout? After a session that did the home
        exercises' blocks, on a kiosk with a printer chosen."""
        from .handouts import PATIENT_OUTCOMES

        return self.handouts is not None and bool(self.handouts.printer) and outcome in PATIENT_OUTCOMES

    def _print_home(self) -> None:
        """The patient touched "Print my exercises": the handout goes to the print queue; nothing about
        the printer can reach the session (it has ended; the staff screen shows the job's state)."""
        try:
            record = self._session_record()
            self.handouts.print_session(record, f"Session {record.id} (patient's touch)")
        except Exception:  # never the patient's problem: staff see it on the staff screen and in the log
            log.exception("the handout could not be handed to the print queue")

    def _show(self, name: str) -> None:
        self.manager.current = name
        self.dispatch("on_screen", name)
        self.preparer.add(words_ahead(self, name))
