"""Spoken coaching on the real exercise and rest screens, stepped on the virtual clock.

Real eSpeak NG makes the phrases, Kivy's SoundLoader loads and plays them (SDL's
dummy audio driver: no device needed), and the speech log is what the voice
says it played, with the moment each cue was due.
"""

import json
import logging
import subprocess
from pathlib import Path

import pytest
from pilot import FRAME, ScreenHost

from kiosk.app import shell  # noqa: F401  (loads the shell's kv rules: KioskButton)
from kiosk.clinical.plan import PlannedSet
from kiosk.clinical.program import Exercise, ExerciseKind, Position, Role
from kiosk.exercise_session.coaching import coached_set
from kiosk.exercise_session.screens.exercise import ExerciseScreen
from kiosk.exercise_session.screens.recheck_rest import RecheckRestScreen
from kiosk.exercise_session.voice import Voice
from kiosk.speech.schedule import every_phrase, rest_cues

SPEED = 10
"""Kiosk seconds per real second: a frame is 1/6 of a kiosk second."""


def bridge(audio=None, reps=2, hold=2) -> PlannedSet:
    exercise = Exercise("bridge", "Bridge", "Lift your hips slowly.", ExerciseKind.REPS, reps=reps, hold=hold,
                        sets=2, position=Position.LYING_BACK, get_ready=6, audio=audio)
    return PlannedSet(0, Role.STRENGTHENING, exercise, 1)


def logged(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture
def voice(tmp_path):
    made = Voice(tmp_path / "assets", tmp_path / "cache", speed=SPEED, speech_log=tmp_path / "speech.jsonl")
    made.log_path = tmp_path / "speech.jsonl"
    yield made
    made.close()


@pytest.fixture
def exercise_screen(pilot, tmp_path, voice):
    screen = ExerciseScreen(name="exercise", assets=tmp_path / "assets")
    screen.speed, screen.voice, screen.done = SPEED, voice, []
    screen.bind(on_set_done=lambda _, worse: screen.done.append(worse))
    pilot.start(ScreenHost(screen))
    yield screen
    screen.ids.demo.stop()


def ready(voice, planned):
    """Make the set's phrases first, as choosing the program does."""
    voice.prepare(every_phrase(coached_set(planned, True)[1]))
    voice.preparation.wait()


def test_a_set_is_coached_aloud_cue_by_cue_at_the_moment_the_screen_shows_it(exercise_screen, voice, pilot):
    planned = bridge()
    ready(voice, planned)
    _timeline, cues = coached_set(planned, True)
    voice.start_session()
    exercise_screen.show(planned)
    assert voice._playing is not None and voice._playing.state == "play"  # the intro, from the first frame
    pilot.wait_until(lambda: exercise_screen.done, "the end of the set", 2000)
    entries = logged(voice.log_path)
    assert [e["phrase"] for e in entries] == [c.phrase.id for c in cues] == [
        "exercise.bridge", "position.lying_back", "count.start", "count.2", "count.1", "count.go+rep", "hold",
        "relax+rep", "hold", "set.end"]
    assert [e["t"] for e in entries] == pytest.approx([c.at for c in cues], abs=0.01)
    assert entries[0] == {"t": 0.0, "phrase": "exercise.bridge", "lang": "en",
                          "text": "Bridge. Lift your hips slowly.", "source": "synthesized"}
    # The screen waited for the instructions: the count-in it shows is as long as the one said.
    assert cues[5].at == pytest.approx(planned.exercise.get_ready + coached_set(planned, True)[1][1].at)


def test_speech_turned_off_after_the_set_was_filled_in_ahead_gives_the_silent_count_in(exercise_screen, voice,
                                                                                         pilot):
    """The set's timeline is worked out ahead with its words; the patient then turns speech off before
    the set starts: the set is not the spoken one (that waits for the instructions to be said)."""
    planned = bridge()
    silent, spoken = coached_set(planned, False)[0], coached_set(planned, True)[0]
    assert silent.at(0).big_text != spoken.at(0).big_text  # the spoken count-in is longer
    exercise_screen.show_words(planned)  # ahead, with speech on
    voice.toggle()
    exercise_screen.show(planned)
    assert not voice.on and exercise_screen.big_text == silent.at(0).big_text
    pilot.frames(3)
    assert logged(voice.log_path) == []


def test_nothing_is_said_during_a_pause_and_the_set_carries_on_where_it_was(exercise_screen, voice, pilot):
    planned = bridge()
    ready(voice, planned)
    exercise_screen.show(planned)
    pilot.frames(3)  # half a kiosk second into the instructions
    said = len(logged(voice.log_path))
    exercise_screen.pause()
    pilot.seconds(60)  # ten kiosk minutes
    assert len(logged(voice.log_path)) == said == 1
    exercise_screen.resume()
    pilot.wait_until(lambda: exercise_screen.done, "the end of the set", 2000)
    assert [e["phrase"] for e in logged(voice.log_path)][-1] == "set.end"
    assert len(logged(voice.log_path)) == 10  # each cue once


def test_speech_off_plays_nothing_and_silences_what_was_being_said(exercise_screen, voice, pilot):
    planned = bridge()
    ready(voice, planned)
    exercise_screen.show(planned)
    voice.toggle()
    assert voice._playing is None and not voice.on
    pilot.wait_until(lambda: exercise_screen.done, "the end of the set", 2000)
    assert len(logged(voice.log_path)) == 1  # only the intro, said before the patient turned it off


def test_a_clinics_recording_wins_over_synthesis(exercise_screen, voice, tmp_path, pilot):
    recording = tmp_path / "assets" / "audio" / "bridge.wav"
    recording.parent.mkdir(parents=True)
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(recording), "Bridge, recorded by your therapist."],
                   check=True)
    planned = bridge(audio="audio/bridge.wav")
    ready(voice, planned)
    exercise_screen.show(planned)
    first = logged(voice.log_path)[0]
    assert (first["phrase"], first["source"]) == ("exercise.bridge", "audio/bridge.wav")
    assert Path(voice._playing.source) == recording


def test_a_broken_recording_is_logged_once_and_the_kiosk_says_it_itself(exercise_screen, voice, tmp_path, pilot,
                                                                         caplog):
    broken = tmp_path / "assets" / "audio" / "bridge.wav"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt not a sound at all")
    planned = bridge(audio="audio/bridge.wav")
    ready(voice, planned)
    with caplog.at_level(logging.WARNING, logger="kiosk.speech"):
        for _ in range(2):  # two first sets: the second try is not logged again
            exercise_screen.show(planned)
            pilot.frames(2)
    assert [e["source"] for e in logged(voice.log_path)] == ["synthesized"] * 2
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.speech"]
    assert lines == ["speech: recording assets/audio/bridge.wav will not play (bridge.wav); the kiosk's own "
                     "voice is used instead"]


def test_the_recheck_rest_says_what_to_do_the_minutes_left_and_calls_at_the_end(pilot, voice):
    screen = RecheckRestScreen(name="recheck_rest")
    screen.speed = voice.speed = 60 * SPEED  # a frame is ten kiosk seconds
    screen.voice, screen.done = voice, []
    screen.bind(on_rest_done=lambda _: screen.done.append(True))
    pilot.start(ScreenHost(screen))
    voice.prepare(every_phrase(rest_cues(150)))
    voice.preparation.wait()
    voice.start_session()
    screen.show(150)
    pilot.wait_until(lambda: screen.done, "the end of the rest", 600)
    entries = logged(voice.log_path)
    assert [e["phrase"] for e in entries] == ["recheck.start", "time_left.minutes", "time_left.minute", "recheck.end"]
    assert [e["t"] for e in entries] == pytest.approx([0.0, 30.0, 90.0, 150.0], abs=0.01)


def test_stop_my_pain_is_worse_cuts_the_sentence_so_the_check_in_question_comes_at_once(exercise_screen, voice,
                                                                                       pilot):
    planned = bridge()
    ready(voice, planned)
    exercise_screen.show(planned)
    pilot.frames(2)
    assert voice._playing is not None and voice._playing.state == "play"  # the instructions
    pilot.tap(exercise_screen.ids.pain_worse)
    assert exercise_screen.done == [True] and voice._playing is None


def test_a_question_waits_for_the_sentence_being_said_to_end(pilot, tmp_path):
    """A question asked while a sentence is being said is read once that sentence is over, not over it."""
    from kiosk.exercise_session.coaching import check_in_question
    from kiosk.speech.phrases import spoken
    from kiosk.speech.schedule import Cue

    voice = Voice(tmp_path / "assets", tmp_path / "cache", speech_log=tmp_path / "speech.jsonl")  # speed 1
    try:
        pilot.start(ScreenHost(RecheckRestScreen(name="recheck_rest")))
        sentence = spoken("exercise.bridge", "Bridge. Lie on your back and lift your hips slowly off the mat.")
        question = check_in_question("how_strong", "after_set")
        voice.prepare([sentence, question])
        voice.preparation.wait()
        voice.start_session()
        voice.play(Cue(0.0, sentence))
        length = voice._playing.length
        assert length > 2.0
        voice.ask(question)
        pilot.wait_until(lambda: len(logged(tmp_path / "speech.jsonl")) == 2, "the question said", 600)
        first, then = logged(tmp_path / "speech.jsonl")
        assert (first["phrase"], then["phrase"]) == ("exercise.bridge", "question.how_strong.after_set")
        assert length <= then["t"] < length + 2 * FRAME  # as soon as the sentence ended, not before
    finally:
        voice.close()


@pytest.fixture
def writer():
    """For a named pipe: a writer process that opens it and closes it at once, the moment anything opens
    it to read (the fault under test): that reader then reads an empty file and the test fails instead of
    hanging for good (a reader stuck in the sound loader holds the interpreter: no thread could free it).
    Still waiting at the end means nothing opened the pipe."""
    started = []

    def start(pipe: Path):
        started.append(subprocess.Popen(["sh", "-c", 'exec 3>"$0"', str(pipe)]))
        return started[-1]

    yield start
    for process in started:
        process.kill()
        process.wait()


@pytest.mark.parametrize("kind", ["named pipe", "device", "link out of assets"])
def test_a_recording_that_is_a_pipe_a_device_or_a_link_out_is_never_opened(exercise_screen, voice, tmp_path,
                                                                            pilot, caplog, writer, kind):
    import os

    recording = tmp_path / "assets" / "audio" / "bridge.wav"
    recording.parent.mkdir(parents=True)
    if kind == "named pipe":
        os.mkfifo(recording)
        waiting = writer(recording)
    elif kind == "device":
        recording.symlink_to("/dev/zero")
    else:  # a real recording, but not the clinic's: outside the assets folder
        subprocess.run(["espeak-ng", "-w", str(tmp_path / "elsewhere.wav"), "Not yours."], check=True)
        recording.symlink_to(tmp_path / "elsewhere.wav")
    planned = bridge(audio="audio/bridge.wav")
    ready(voice, planned)
    with caplog.at_level(logging.WARNING, logger="kiosk.speech"):
        exercise_screen.show(planned)
        pilot.frames(2)
    assert [e["source"] for e in logged(voice.log_path)] == ["synthesized"]
    why = {"named pipe": "not a regular file (a named pipe)", "device": "not a regular file (a device)",
           "link out of assets": "a symbolic link out of the assets folder"}[kind]
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.speech"] == [
        f"speech: recording assets/audio/bridge.wav will not play (bridge.wav: {why}); the kiosk's own voice "
        "is used instead"]
    if kind == "named pipe":
        assert waiting.poll() is None  # the pipe was never opened
