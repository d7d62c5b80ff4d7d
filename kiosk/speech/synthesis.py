"""eSpeak NG synthesis into a cache of WAV files under the data folder.

One file per phrase, named by a hash of its text, language, voice and rate (and
chime), so a phrase is synthesized once per kiosk and a change of any of them
makes a new file. Files are written under a temporary name and renamed, so a
half-written WAV is never taken for a finished one. What is read back is checked
(`sound_problem`: a regular file, a WAV header, as many bytes of sound as it says,
some sound at all): a zero-byte, truncated or junk file, or a named pipe, is made again.
"""

from __future__ import annotations

import array
import hashlib
import math
import logging
import os
import shutil
import stat
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
WAV_HEADER_BYTES = 44
"""The smallest WAV header (RIFF, fmt and data chunk heads): a file no longer has no sound."""

log = logging.getLogger("kiosk.speech")


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
        """The phrase's WAV if it is already made, whole; never synthesizes."""
        path = self.path_of(phrase)
        return path if not sound_problem(path) else None

    def synthesize(self, phrase: Phrase) -> Path:
        """The phrase's WAV, made now if it is not in the cache (or is damaged); SpeechError when it can't be made."""
        path = self.path_of(phrase)
        problem = sound_problem(path)
        if not problem:
            return path
        if problem != "missing":
            log.warning("speech: the cached %s was %s; it is made again", path.name, problem)
            _remove(path)
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


def sound_problem(path: Path) -> str:
    """Why the cached WAV at `path` cannot be played ("" when it can, "missing" when there is none).

    Only the header is read (a start checks every phrase): the sound's length it states must be
    there and be more than nothing. Never waits on a named pipe, never follows a link."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        return f"not readable ({error.strerror})"
    with os.fdopen(handle, "rb") as file:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            return "not a regular file"
        try:
            with wave.open(file, "rb") as sound:
                length = sound.getnframes() * sound.getsampwidth() * sound.getnchannels()
        except (wave.Error, EOFError, OSError) as error:
            return f"not a WAV file ({str(error)[:60] or 'empty'})"
    if length == 0:
        return "a WAV with no sound"
    if status.st_size < WAV_HEADER_BYTES + length:
        return "cut short"
    return ""


def _remove(path: Path) -> None:
    """A damaged cache file out of the way (a folder where a file should be is left: it is not ours to empty)."""
    try:
        path.unlink()
    except OSError:
        pass


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
