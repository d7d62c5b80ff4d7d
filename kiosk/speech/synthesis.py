"""eSpeak NG synthesis into a cache of WAV files under the data folder.

One file per phrase, named by a hash of its text, language, voice and rate (and
chime), so a phrase is synthesized once per kiosk and a change of any of them
makes a new file. Files are written under a temporary name and renamed, so a
half-written WAV is never taken for a finished one.
"""

from __future__ import annotations

import array
import hashlib
import math
import os
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from kiosk.files import make_private_folder

from . import DEFAULT_RATE, cache_folder  # noqa: F401  (here too, where they were first)
from .phrases import Phrase

PROGRAM = "espeak-ng"
VOICES = {"en": "en-gb", "es": "es"}
"""Language -> eSpeak NG voice; a language not listed is passed as the voice name."""
CHIME_SECONDS = 0.35
CHIME_HERTZ = 880.0
TIMEOUT_SECONDS = 30


class SpeechError(Exception):
    """A phrase could not be turned into sound; the message says why, in one line."""


class Synthesizer:
    """Turns phrases into cached WAV files with the `espeak-ng` program."""

    def __init__(self, cache: Path, rate: int = DEFAULT_RATE, voices: dict[str, str] | None = None) -> None:
        self.cache = Path(cache)
        self.rate = rate
        self.voices = dict(VOICES if voices is None else voices)

    def voice(self, lang: str) -> str:
        return self.voices.get(lang, lang)

    def path_of(self, phrase: Phrase) -> Path:
        """The cache file of `phrase` (which may not exist yet)."""
        key = "\0".join((phrase.text, phrase.lang, self.voice(phrase.lang), str(self.rate), str(phrase.chime)))
        return self.cache / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.wav"

    def cached(self, phrase: Phrase) -> Path | None:
        """The phrase's WAV if it is already made; never synthesizes."""
        path = self.path_of(phrase)
        return path if path.is_file() else None

    def synthesize(self, phrase: Phrase) -> Path:
        """The phrase's WAV, made now if it is not in the cache; SpeechError when it can't be made."""
        path = self.path_of(phrase)
        if path.is_file():
            return path
        program = shutil.which(PROGRAM)
        if program is None:
            raise SpeechError(f"{PROGRAM} is not installed (not found on PATH); the kiosk stays silent")
        make_private_folder(self.cache)  # which phrases were spoken can tell a patient's answers
        handle, temporary = tempfile.mkstemp(suffix=".wav.part", dir=self.cache)
        os.close(handle)
        try:
            self._run(program, phrase, temporary)
            if phrase.chime:
                _put_chime_first(Path(temporary))
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        return path

    def _run(self, program: str, phrase: Phrase, out: str) -> None:
        command = [program, "-v", self.voice(phrase.lang), "-s", str(self.rate), "-w", out, "--", phrase.text]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpeechError(f"{PROGRAM} failed on phrase {phrase.id!r}: {error}") from error
        if done.returncode != 0 or os.path.getsize(out) <= 44:  # 44 bytes: a WAV header with no sound
            why = done.stderr.decode("utf-8", "replace").strip().splitlines()[:1] or [f"exit {done.returncode}"]
            raise SpeechError(f"{PROGRAM} made no sound for phrase {phrase.id!r} "
                              f"(voice {self.voice(phrase.lang)}): {why[0]}")


def _put_chime_first(path: Path) -> None:
    """Put a short soft tone before the speech in the same file (same rate, 16-bit mono)."""
    with wave.open(str(path), "rb") as speech:
        params, frames = speech.getparams(), speech.readframes(speech.getnframes())
    rate = params.framerate
    count = int(rate * CHIME_SECONDS)
    # A sine that fades out, then a short silence, so the tone is not heard as part of a word.
    tone = array.array("h", (int(9000 * (1 - i / count) * math.sin(2 * math.pi * CHIME_HERTZ * i / rate))
                             for i in range(count)))
    gap = array.array("h", bytes(2 * int(rate * 0.15)))
    with wave.open(str(path), "wb") as out:
        out.setparams(params)
        out.writeframes(tone.tobytes() + gap.tobytes() + frames)
