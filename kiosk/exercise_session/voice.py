"""The kiosk's voice: plays the speech room's cues through Kivy's SoundLoader, never in the way.

A timed cue (a count, "hold") cuts whatever is still being said, so it is on
time; a question waits for the sentence before it to end. Every fault (no
`espeak-ng`, a phrase not made, a recording that won't load, no audio device)
is logged once and the session carries on silently, everything still on
screen. With a speech log, every cue played is written as one JSON line.
"""

from __future__ import annotations

import json
import logging
import os
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from kivy.clock import Clock

from kiosk.language import DEFAULT_LANGUAGE
from kiosk.speech import DEFAULT_RATE

if TYPE_CHECKING:
    from kiosk.speech.phrases import Phrase
    from kiosk.speech.preparation import Preparation
    from kiosk.speech.schedule import Cue

log = logging.getLogger("kiosk.speech")

QUESTION_TRIES, QUESTION_RETRY = 20, 0.1
"""A question not made yet is looked for again every 0.1 s, for up to 2 s, then left unsaid."""
LOADED_SOUNDS = 48
"""Sounds kept loaded (a program has about 40 phrases); older ones are unloaded, so memory stays flat."""


class Voice:
    """Speech for one kiosk: on or off for this session, the staff's default and volume."""

    def __init__(self, assets: Path, cache: Path, default_on: bool = True, volume: float = 1.0,
                 speed: float = 1.0, speech_log: Path | None = None, lang: str = DEFAULT_LANGUAGE,
                 rate: int = DEFAULT_RATE) -> None:
        self.assets, self.speed, self.lang, self.rate = Path(assets), speed, lang, rate
        self._cache = Path(cache)
        self._preparation: Preparation | None = None
        self.default_on, self.on, self.volume = default_on, default_on, volume
        self.faults: set[str] = set()
        self._sounds: OrderedDict[str, object] = OrderedDict()
        self._playing = None
        self._busy_until = 0.0  # real (clock) time the sentence being said ends
        self._waiting = None  # a question waiting for the sentence before it
        self._started = Clock.get_time()
        self._log = _open_speech_log(speech_log) if speech_log else None

    @property
    def preparation(self) -> Preparation:
        """The background synthesis into the cache, made when first needed: the first phrases are queued
        after the start screen's first frame, which need not wait for the speech modules and their thread."""
        if self._preparation is None:
            from kiosk.speech.preparation import Preparation
            from kiosk.speech.synthesis import Synthesizer

            self._preparation = Preparation(Synthesizer(self._cache, self.rate))
        return self._preparation

    # What the staff, the patient and the session change ------------------------------

    def start_session(self) -> None:
        """t = 0 of the speech log."""
        self._started = Clock.get_time()

    def reset(self) -> None:
        """The idle reset or the next patient: silent now, and back to the staff's default."""
        self.silence()
        self.on = self.default_on

    def toggle(self) -> None:
        """The speaker button: speech off (and silent at once) or back on, for this session."""
        self.on = not self.on
        if not self.on:
            self.silence()

    def silence(self) -> None:
        if self._waiting is not None:
            self._waiting.cancel()
            self._waiting = None
        if self._playing is not None:
            self._playing.stop()
            self._playing = None

    def close(self) -> None:
        self.silence()
        if self._preparation is not None:
            self._preparation.close()
        for sound in self._sounds.values():
            sound.unload()
        self._sounds.clear()
        if self._log is not None:
            self._log.close()
            self._log = None

    # What is said ----------------------------------------------------------------------

    def prepare(self, phrases) -> None:
        """Make these phrases in the background (when a program is chosen)."""
        self.preparation.prepare(phrases)

    def play(self, cue: Cue, late: float = 0.0) -> None:
        """Say a timed cue now, cutting what is still being said; `late`: kiosk seconds since its moment
        (a frame's worth at most), so the speech log gives the moment the cue was due."""
        if self.on:
            self._start(cue, late)

    def ask(self, phrase: Phrase) -> None:
        """Read a question aloud once the sentence being said is over (a newer question replaces it)."""
        if not self.on:
            return
        if self._waiting is not None:
            self._waiting.cancel()
        # In kiosk time: at the autopilot's speed a question comes at once, cutting the sentence before.
        wait = max(0.0, self._busy_until - Clock.get_time()) / self.speed
        self._waiting = Clock.schedule_once(lambda _dt: self._asked(phrase, QUESTION_TRIES), wait)

    def _asked(self, phrase: Phrase, tries: int) -> None:
        """Say the question; if it is still being made (the first question of a cold cache), look again soon."""
        self._waiting = None
        if self.preparation.ready(phrase) is None and not self.preparation.fault and tries > 1:
            self._waiting = Clock.schedule_once(lambda _dt: self._asked(phrase, tries - 1), QUESTION_RETRY)
            return
        from kiosk.speech.schedule import Cue  # read with the first question, not at the kiosk's start

        self.play(Cue(0.0, phrase))

    def now(self) -> float:
        """Kiosk seconds since the session started (real seconds x speed)."""
        return (Clock.get_time() - self._started) * self.speed

    def load_ahead(self, cues) -> None:
        """Load the sounds of these cues now, so the touch that starts them does not wait for the decoder
        to open each file (tens of ms); a phrase not made yet is left for later."""
        if self.on:
            for cue in cues:
                self._sound_for(cue)

    def _sound_for(self, cue: Cue):
        """(the cue's sound, loaded, or None; what it is: the recording's path or "synthesized")."""
        sound = None
        if cue.recording:
            sound = self._recording(cue.recording)
            if sound is not None:
                return sound, cue.recording
        path = self.preparation.ready(cue.phrase)
        return (self._load(path, "speech") if path is not None else None), "synthesized"

    def _start(self, cue: Cue, late: float) -> None:
        sound, source = self._sound_for(cue)
        if sound is None:
            return
        if self._playing is not None:
            self._playing.stop()
        sound.volume = self.volume
        try:
            sound.play()
        except Exception as error:  # a device that fails only when played
            self._fault("audio", f"could not play sound: {type(error).__name__}: {error}")
            return
        self._playing = sound
        self._busy_until = Clock.get_time() + (sound.length or 0.0)
        self._write(cue.phrase, source, self.now() - late)

    def _recording(self, relative: str):
        """A clinic's recording, loaded, or None: one that is a named pipe, a device or a link out of the
        assets folder is never handed to the sound loader (a pipe would hang it, a device never ends)."""
        from kiosk.content.media import file_problem

        path = self.assets / relative
        problem = "" if str(path) in self._sounds else file_problem(path, self.assets)
        if problem:
            self._fault(str(path), f"recording assets/{relative} will not play ({path.name}: {problem}); the "
                        "kiosk's own voice is used instead")
            return None
        return self._load(path, f"recording assets/{relative}")

    def _load(self, path: Path, what: str):
        """A loaded sound, or None (the fault logged once). Our own WAV that will not load means
        the sound output is at fault, not the file: then the kiosk stays silent from here on."""
        if "audio" in self.faults:
            return None
        key = str(path)
        if key in self._sounds:
            self._sounds.move_to_end(key)
            return self._sounds[key]
        from kivy.core.audio import SoundLoader  # its providers are found with the first sound, after the start

        try:
            sound = SoundLoader.load(key)
        except Exception as error:  # the FFmpeg provider raises when no audio device can be opened
            sound, reason = None, f"{type(error).__name__}: {error}"
        else:
            reason = "no sound could be loaded"
        if sound is None or not sound.length:
            if what == "speech":
                self._fault("audio", f"no sound output, the kiosk stays silent ({reason}: {path.name})")
            else:
                self._fault(key, f"{what} will not play ({path.name}); the kiosk's own voice is used instead")
            return None
        self._sounds[key] = sound
        while len(self._sounds) > LOADED_SOUNDS:
            self._sounds.popitem(last=False)[1].unload()
        return sound

    def _fault(self, key: str, message: str) -> None:
        if key not in self.faults:
            self.faults.add(key)
            log.warning("speech: %s", message)

    def _write(self, phrase: Phrase, source: str, seconds: float) -> None:
        if self._log is None:
            return
        self._log.write(json.dumps({"t": round(seconds, 2), "phrase": phrase.id, "lang": phrase.lang, "text": phrase.text,
                                    "source": source}, ensure_ascii=False) + "\n")
        self._log.flush()


def _open_speech_log(path: Path):
    """The speech log, appended to, 0600 like the records: its cues tell what a patient answered."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    os.fchmod(handle, 0o600)
    return os.fdopen(handle, "a", encoding="utf-8")
