"""A program's phrases synthesized in the background, so that no cue ever waits on eSpeak NG.

`Preparation.prepare(phrases)` hands the phrases not yet cached to one worker
thread (the kiosk shares two cores with the video) and returns at once;
`ready(phrase)` answers from the cache without waiting. The first fault (no
`espeak-ng`, a failed synthesis) is logged once and kept in `fault`; the kiosk
then carries on silently.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Callable, Iterable

from .phrases import Phrase
from .synthesis import SpeechError, Synthesizer

log = logging.getLogger("kiosk.speech")


class Preparation:
    """Background synthesis of phrases into the cache."""

    def __init__(self, synthesizer: Synthesizer) -> None:
        self.synthesizer = synthesizer
        self.fault: str = ""
        """The first reason speech could not be made ("" while all is well)."""
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-speech")
        self._pending: dict[Path, Future] = {}

    def prepare(self, phrases: Iterable[Phrase]) -> int:
        """Queue every phrase that is not cached yet; returns how many were queued. Never blocks."""
        queued = 0
        for phrase in phrases:
            path = self.synthesizer.path_of(phrase)
            if path in self._pending or self.synthesizer.cached(phrase) is not None:
                continue
            self._pending[path] = self._pool.submit(self._make, phrase)
            queued += 1
        return queued

    def ready(self, phrase: Phrase) -> Path | None:
        """The phrase's WAV when it is made, else None (and it is queued if it never was)."""
        path = self.synthesizer.cached(phrase)
        if path is None and not self.fault:
            self.prepare([phrase])
        return path

    def when_made(self, phrase: Phrase, then: Callable[[], None]) -> None:
        """Call `then()` once the phrase is made or has failed (queued now if it never was).

        It is called on the worker thread (or at once when already done): a caller on a UI
        thread hands it over to that thread itself.
        """
        self.prepare([phrase])
        future = self._pending.get(self.synthesizer.path_of(phrase))
        if future is None:  # already in the cache before it was ever queued
            then()
        else:
            future.add_done_callback(lambda _future: then())

    @property
    def busy(self) -> bool:
        """True while a queued phrase is still being made (eSpeak NG is working)."""
        return any(not future.done() for future in self._pending.values())

    def wait(self, timeout: float | None = None) -> None:
        """Until everything queued is made or failed (for `kiosk` start-up checks, tests and the bench)."""
        wait(list(self._pending.values()), timeout=timeout)

    def close(self) -> None:
        """Stop taking work; phrases being made are finished, the others dropped."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _make(self, phrase: Phrase) -> Path | None:
        if self.fault:
            return None  # one failure is enough: the same cause would fail every phrase
        try:
            return self.synthesizer.synthesize(phrase)
        except SpeechError as error:
            self._fail(str(error))
        except Exception as error:  # speech must never take the session down
            self._fail(f"speech synthesis failed: {type(error).__name__}: {error}")
        return None

    def _fail(self, reason: str) -> None:
        if not self.fault:
            self.fault = reason
            log.warning("speech: %s", reason)
