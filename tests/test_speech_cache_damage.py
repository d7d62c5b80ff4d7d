"""A damaged speech file is made again: zero bytes, cut short, a header with no sound, a named pipe.

Real eSpeak NG makes the first file; each damage is done to the real cached file; the
next look at the cache sees it (without waiting on a pipe) and the next synthesis makes
a whole WAV again.
"""

from __future__ import annotations

import logging
import wave

import pytest
from damaged_files import damage

from kiosk.speech.phrases import Phrase
from kiosk.speech.preparation import Preparation
from kiosk.speech.synthesis import Synthesizer, sound_problem

PHRASE = Phrase("test.damage", "en", "Breathe out slowly.")


@pytest.mark.parametrize("how", ["zero bytes", "cut short", "a header with no sound", "junk", "a named pipe"])
def test_a_damaged_speech_file_is_seen_and_made_again(tmp_path, how, caplog):
    synthesizer = Synthesizer(tmp_path / "speech-cache")
    path = synthesizer.synthesize(PHRASE)
    assert synthesizer.cached(PHRASE) == path and not sound_problem(path)
    damage(path, how)
    assert synthesizer.cached(PHRASE) is None and sound_problem(path)
    preparation = Preparation(synthesizer)
    try:
        with caplog.at_level(logging.WARNING, logger="kiosk.speech"):
            assert preparation.prepare([PHRASE]) == 1  # queued to be made again
            preparation.wait(60)
    finally:
        preparation.close()
    assert "made again" in caplog.text and not preparation.fault
    assert synthesizer.cached(PHRASE) == path
    with wave.open(str(path)) as sound:
        assert sound.getnframes() > 1000
