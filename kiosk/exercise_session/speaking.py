"""Speech wired into the plugin: the voice made from the staff's settings, the speaker bar over
the screens, and every question read aloud as it appears.

The controller knows only that its exercise and rest screens have a voice; what
is read aloud when is decided here, from the controller's own events.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kivy.metrics import dp
from kivy.uix.anchorlayout import AnchorLayout
from kivy.uix.boxlayout import BoxLayout

from kiosk.clinical.red_flags import BY_ID
from kiosk.records.store import default_data_dir
from kiosk.speech import cache_folder

from .voice import Voice
from .widgets.speaker import SpeakerButton

log = logging.getLogger("kiosk.speech")

SPEECH_DEFAULT = "speech_default"
"""Settings key: "on" or "off", whether each session starts speaking (absent: on)."""
SPEECH_VOLUME = "speech_volume"
"""Settings key: the volume from 0 to 1 (absent: 1)."""
STAFF_ONLY = ("summary",)
"""Screens for staff, where the patient's speaker button is not shown."""


def speech_settings(records) -> tuple[bool, float]:
    """(speaking by default, volume) as the staff left them."""
    if records is None:
        return True, 1.0
    volume = records.setting(SPEECH_VOLUME)
    return records.setting(SPEECH_DEFAULT, "on") != "off", min(1.0, max(0.0, float(volume or 1.0)))


def make_voice(shell, assets: Path) -> Voice:
    """The kiosk's voice: cache under the data folder, the staff's settings, `--speech-log` if given."""
    options = shell.options
    default_on, volume = speech_settings(getattr(shell, "records", None))
    data = Path(options.data) if options.data else default_data_dir()
    return Voice(assets, cache_folder(data), default_on, volume, options.speed, options.extra.get("speech_log"))


class SpeakingRoot(BoxLayout):
    """The plugin's root: the speaker bar, then the session's screens."""

    def __init__(self, controller, voice: Voice, wait_for_phrases: bool = False, **kwargs) -> None:
        super().__init__(orientation="vertical", **kwargs)
        self.controller, self.voice = controller, voice
        self.wait_for_phrases = wait_for_phrases
        """The autopilot: make every phrase before the session goes on, so its speech log is complete."""
        self.bar = AnchorLayout(anchor_x="right", anchor_y="center", size_hint_y=None, height=dp(72),
                                padding=(dp(8), dp(4)))
        self.speaker = SpeakerButton(speaking=voice.on)
        self.speaker.bind(on_release=lambda *_: self.toggle())
        self.bar.add_widget(self.speaker)
        self.add_widget(self.bar)
        self.add_widget(controller.manager)
        controller.bind(on_screen=self._on_screen, on_session_started=self._on_session_started,
                        language=lambda *_: self._follow_language())
        self._check_in = None
        self._queued_ahead: dict[tuple[str, str, int], object] = {}
        """(program id, language, rate) -> the Program whose phrases were queued while the start screen waited."""
        self._follow_language()
        self._prepare_for_patient()  # the start screen is already up: the controller showed it when built

    def _follow_language(self) -> None:
        """The patient's language is the voice's and the speaker button's too."""
        self.voice.lang = self.speaker.language = self.controller.language

    def toggle(self) -> None:
        self.voice.toggle()
        self.speaker.speaking = self.voice.on

    def _on_session_started(self, controller, session) -> None:
        program, voice = session.program, self.voice
        if self._queued_ahead.get((program.id, voice.lang, voice.rate)) is not program:  # not while it waited
            voice.prepare(_coaching().program_phrases(program, voice.lang, voice.rate))
        if self.wait_for_phrases:
            self.voice.preparation.wait()
        self.voice.start_session()

    def _on_screen(self, controller, name: str) -> None:
        patient = name not in STAFF_ONLY
        self.bar.height, self.bar.opacity, self.bar.disabled = (dp(72) if patient else 0), int(patient), not patient
        self.speaker.speaking = self.voice.on  # a reset may have restored the default
        screen = controller.screens[name]
        if name == "attract":
            self._prepare_for_patient()
        elif name == "safety":
            self.voice.ask(_coaching().safety_question(BY_ID[screen.flag_id], self.voice.lang))
        elif name == "staff_alert":
            self.voice.ask(_coaching().staff_alert(screen.urgent, self.voice.lang))
        elif name == "check_in":
            if self._check_in is not screen:  # screens are rebuilt for each session
                self._check_in = screen
                screen.bind(page=lambda *_: self._read_check_in())
            self._read_check_in()

    def _prepare_for_patient(self) -> None:
        """While the kiosk waits for a patient: the questions in every language offered, then every phrase
        of each program on the start screen, made ahead.

        The first safety question is asked the moment a patient touches a program; made only
        then, on a cold cache and a busy machine, it could come too late and stay unsaid. Once
        made they stay in the cache, so this costs nothing at the next start screen. A program's
        phrases (every set's cues worked out, a few milliseconds, and each one looked up in the
        cache) are queued here too, so the touch on Start has none of that to do. Their words
        (another language's catalogue read) are a slice per language and per program after the
        start screen's first frame, queued behind the screens built ahead.
        """
        jobs = [lambda lang=lang: self._questions_in(lang) for lang in self.controller.languages_offered()]
        attract = self.controller.screens["attract"]
        self.controller.preparer.add(jobs + [lambda program_id=program_id: self._program_ahead(program_id)
                                             for program_id in attract.program_ids])

    def _questions_in(self, lang: str) -> bool:
        self.voice.prepare(_coaching().question_phrases(lang))
        return False

    def _program_ahead(self, program_id: str) -> bool:
        """Queue the phrases of a program offered on the start screen, in the language it is offered in."""
        program, voice = self.controller.library.programs.get(program_id), self.voice
        if program is not None and self.controller.session is None:  # a patient who started has them
            voice.prepare(_coaching().program_phrases(program, voice.lang, voice.rate))
            self._queued_ahead[program.id, voice.lang, voice.rate] = program
        return False

    def _read_check_in(self) -> None:
        screen = self._check_in
        if self.controller.manager.current == "check_in":
            self.voice.ask(_coaching().check_in_question(screen.page, screen.mode, self.voice.lang))


def _coaching():
    """What is said when (kiosk.exercise_session.coaching, with the sets' timing and cues it works out):
    imported by the first phrase asked for, after the start screen's first frame (it queues its
    phrases in slices then), never while the start screen is built."""
    from . import coaching

    return coaching
