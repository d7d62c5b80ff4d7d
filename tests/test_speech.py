"""Speech below the screen: real eSpeak NG into the WAV cache, background preparation, faults."""

import array
import logging
import subprocess
import wave

import pytest

from kiosk.speech.phrases import phrase, spoken
from kiosk.speech.preparation import Preparation
from kiosk.speech.synthesis import SpeechError, Synthesizer, cache_folder


def loudness(path) -> tuple[float, float]:
    """(seconds, root-mean-square amplitude) of a 16-bit mono WAV, decoded by the standard library."""
    with wave.open(str(path), "rb") as sound:
        assert (sound.getnchannels(), sound.getsampwidth()) == (1, 2)
        samples = array.array("h", sound.readframes(sound.getnframes()))
        seconds = sound.getnframes() / sound.getframerate()
    return seconds, (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5


def test_a_phrase_becomes_a_wav_that_decodes_and_is_not_silent(tmp_path):
    synth = Synthesizer(cache_folder(tmp_path))
    path = synth.synthesize(phrase("set.end"))
    assert path.parent == tmp_path / "speech-cache" and path.suffix == ".wav"
    seconds, rms = loudness(path)
    assert 1.0 < seconds < 10.0
    assert rms > 300  # speech, not a file of zeros


def test_the_chime_comes_before_the_words(tmp_path):
    synth = Synthesizer(tmp_path)
    plain = loudness(synth.synthesize(phrase("set.end")))[0]
    chimed = synth.synthesize(phrase("set.end", chime=True))
    assert loudness(chimed)[0] == pytest.approx(plain + 0.5, abs=0.01)


def test_spanish_words_are_spoken_with_the_spanish_voice(tmp_path):
    synth = Synthesizer(tmp_path)
    words = spoken("exercise.prone_lying", "Túmbese boca abajo en la colchoneta.", "es")
    assert synth.voice("es") == "es"
    assert loudness(synth.synthesize(words))[1] > 300
    assert synth.path_of(words) != synth.path_of(spoken("exercise.prone_lying", words.text, "en"))


def espeak_frames(tmp_path, voice: str, text: str, rate: int) -> bytes:
    """The samples eSpeak NG itself makes for `text` in `voice` (it is deterministic)."""
    out = tmp_path / f"direct-{voice}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), "--", text], check=True)
    with wave.open(str(out), "rb") as sound:
        return sound.readframes(sound.getnframes())


@pytest.mark.parametrize("lang, voice, other", [("es", "es", "en-gb"), ("en", "en-gb", "es")])
def test_espeak_receives_the_voice_of_the_phrase_language(tmp_path, lang, voice, other):
    """What is played is what eSpeak NG makes in the language's own voice, not another voice's sound."""
    text = "Túmbese boca abajo en la colchoneta." if lang == "es" else "Lie on your front on the mat."
    synth = Synthesizer(tmp_path / "cache")
    with wave.open(str(synth.synthesize(spoken("exercise.prone_lying", text, lang))), "rb") as sound:
        made = sound.readframes(sound.getnframes())
    assert made == espeak_frames(tmp_path, voice, text, synth.rate)
    assert made != espeak_frames(tmp_path, other, text, synth.rate)


def test_the_second_request_is_served_from_the_cache_without_espeak(tmp_path, monkeypatch):
    synth = Synthesizer(tmp_path)
    first = synth.synthesize(phrase("hold"))
    made = first.stat().st_mtime_ns
    monkeypatch.setenv("PATH", "")  # a second synthesis would now fail
    assert synth.synthesize(phrase("hold")) == first and first.stat().st_mtime_ns == made
    assert synth.cached(phrase("hold")) == first


def test_the_cache_key_is_text_language_voice_and_rate(tmp_path):
    slow, quick = Synthesizer(tmp_path, rate=120), Synthesizer(tmp_path, rate=175)
    names = {slow.path_of(phrase("hold")), quick.path_of(phrase("hold")), slow.path_of(phrase("relax")),
             Synthesizer(tmp_path, voices={"en": "en-us"}).path_of(phrase("hold"))}
    assert len(names) == 4


def test_no_espeak_on_path_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SpeechError, match="espeak-ng is not installed"):
        Synthesizer(tmp_path).synthesize(phrase("hold"))
    assert not list(tmp_path.glob("*.wav*"))


def test_a_failed_synthesis_is_a_speech_error_with_the_programs_words_and_leaves_no_file(tmp_path, monkeypatch):
    # A broken installation: an espeak-ng that writes nothing and complains (eSpeak NG itself
    # quietly falls back to its default voice for an unknown one, so it can't be made to fail).
    broken = tmp_path / "bin" / "espeak-ng"
    broken.parent.mkdir()
    broken.write_text("#!/bin/sh\necho 'cannot open data folder' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", str(broken.parent))
    cache = tmp_path / "cache"
    with pytest.raises(SpeechError, match="made no sound for phrase 'hold' .voice en-gb.: cannot open data folder"):
        Synthesizer(cache).synthesize(phrase("hold"))
    assert not list(cache.glob("*"))


def test_background_preparation_fills_the_cache_and_never_makes_a_phrase_twice(tmp_path):
    preparation = Preparation(Synthesizer(tmp_path))
    assert not preparation.busy  # nothing queued
    phrases = [phrase("count.start"), phrase("count.2"), phrase("count.1"), phrase("count.go")]
    assert preparation.prepare(phrases) == 4
    assert preparation.busy  # four phrases take eSpeak NG longer than this line
    assert preparation.prepare(phrases) == 0  # already queued
    preparation.wait()
    assert not preparation.busy
    assert all(preparation.ready(each) for each in phrases)
    assert preparation.prepare(phrases) == 0  # already made
    preparation.close()


def test_preparation_without_espeak_logs_once_and_answers_not_ready(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("PATH", str(tmp_path))
    preparation = Preparation(Synthesizer(tmp_path))
    with caplog.at_level(logging.WARNING, logger="kiosk.speech"):
        preparation.prepare([phrase("hold"), phrase("relax"), phrase("count.go")])
        preparation.wait()
        assert preparation.ready(phrase("hold")) is None
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.speech"]
    assert lines == ["speech: espeak-ng is not installed (not found on PATH); the kiosk stays silent"]
    assert preparation.fault
    preparation.close()
