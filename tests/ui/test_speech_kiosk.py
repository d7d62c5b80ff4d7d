"""Speech in the whole kiosk, by touch: the speaker button, the idle reset, the staff's settings,
and a session's speech log from the autopilot."""

import json

import pytest

from kivy.metrics import dp
from test_journeys import ROOT, play, plugin_of
from test_staff import panel_of, tap_in_staff

from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.exercise_session import coaching
from kiosk.exercise_session.coaching import program_phrases, question_phrases
from kiosk.exercise_session.speaking import speech_settings
from kiosk.exercise_session.widgets.speaker import SOUND_OFF, SOUND_ON


def start(pilot, tmp_path, **extra):
    options = ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path / "data",
                           extra={"programs": ["knee_from_spine"], "speech_log": tmp_path / "speech.jsonl", **extra})
    return pilot.start(KioskApp(options))


def logged(tmp_path) -> list[dict]:
    path = tmp_path / "speech.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_the_speaker_button_turns_speech_off_for_this_session_and_the_idle_reset_brings_it_back(pilot, tmp_path):
    app = start(pilot, tmp_path)
    plugin = plugin_of(app)
    root, controller, voice = plugin.root, plugin.controller, plugin.voice
    speaker = root.speaker
    assert speaker.get_root_window() is not None and speaker.height >= dp(48) and speaker.width >= dp(48)
    assert speaker.ids.caption.text == SOUND_ON
    pilot.tap(speaker)
    assert not voice.on and speaker.ids.caption.text == SOUND_OFF
    pilot.tap(controller.screens["attract"].ids.choices.children[0])
    assert controller.current_screen_name == "safety" and speaker.get_root_window() is not None
    pilot.seconds(1)
    assert logged(tmp_path) == []  # the question is on screen, not read aloud
    plugin.reset("timeout")  # the idle reset: the next patient starts with the staff's default
    pilot.frames(2)
    assert voice.on and speaker.ids.caption.text == SOUND_ON
    pilot.tap(controller.screens["attract"].ids.choices.children[0])
    # The question's sound is made by eSpeak NG on a worker thread in real time, while the pilot's frames
    # run as fast as they can: let the worker finish (bounded) so a busy machine cannot outrun it.
    voice.preparation.wait(timeout=60)
    pilot.wait_until(lambda: logged(tmp_path), "the first question read aloud", 600)
    assert [e["phrase"] for e in logged(tmp_path)] == ["question.saddle_numbness"]
    pilot.tap(speaker)  # off again, mid-session, from the safety screen
    pilot.tap(controller.screens["safety"].ids.no)
    pilot.seconds(1)
    assert len(logged(tmp_path)) == 1


def test_the_questions_are_made_while_the_kiosk_waits_for_a_patient(pilot, tmp_path):
    """Before anyone touches the screen, every question is in the cache, in every language offered:
    the first safety question is asked the moment a program is touched. Their words are worked out in
    the slices that follow the start screen's first frame, so no frame of the start waits on them."""
    app = start(pilot, tmp_path)
    plugin = plugin_of(app)
    controller, voice = plugin.controller, plugin.voice
    pilot.wait_until(lambda: not controller.preparer.busy, "the start screen's slices all run", 600)
    assert controller.current_screen_name == "attract" and controller.session is None
    languages = controller.languages_offered()
    assert len(languages) >= 2, languages
    voice.preparation.wait(timeout=120)  # eSpeak NG works in real time on its own thread: bounded
    missing = [(lang, phrase.id) for lang in languages for phrase in question_phrases(lang)
               if voice.preparation.synthesizer.cached(phrase) is None]
    assert missing == []


def test_a_programs_phrases_are_worked_out_and_queued_while_the_start_screen_waits(pilot, tmp_path,
                                                                                  monkeypatch):
    """Every phrase of the program on the start screen is queued for eSpeak NG before the patient
    touches it, in the language on show: the touch on Start works none of them out and queues none."""
    app = start(pilot, tmp_path)
    plugin = plugin_of(app)
    controller, voice = plugin.controller, plugin.voice
    program = controller.library.programs["knee_from_spine"]
    worked_out, queued = [], []  # at the touch: phrase lists worked out, phrases handed to the worker
    original_phrases, original_prepare = coaching.program_phrases, voice.preparation.prepare
    monkeypatch.setattr(coaching, "program_phrases", lambda *args: worked_out.append(args) or original_phrases(*args))
    monkeypatch.setattr(voice.preparation, "prepare", lambda phrases: queued.append(original_prepare(phrases)))
    for language in ("Español", "English"):  # each language chosen has its own phrases made ahead
        row = controller.screens["attract"].ids.languages  # the start screen is built anew in each
        pilot.tap(next(button for button in row.children if button.text == language))
        pilot.wait_until(lambda: not controller.preparer.busy, "the start screen's slices all run", 600)
        assert worked_out[-1] == (program, voice.lang, voice.rate)
        assert original_prepare(program_phrases(program, voice.lang, voice.rate)) == 0  # all queued already
    worked_out.clear(), queued.clear()
    pilot.tap(controller.screens["attract"].ids.choices.children[0])
    assert controller.session is not None and controller.session.program is program
    assert worked_out == [] and sum(queued) == 0


def test_a_whole_session_logs_every_cue_in_order_with_its_moment(pilot, tmp_path):
    app = start(pilot, tmp_path)
    plugin = plugin_of(app)
    plugin.root.wait_for_phrases = True  # as the autopilot does: every phrase made before the session goes on
    result = play(pilot, app, ROOT / "examples" / "patients" / "spinal_source_likely.yaml")
    entries = logged(tmp_path)
    ids = [e["phrase"] for e in entries]
    assert ids[:9] == [f"question.{flag}" for flag in (
        "saddle_numbness", "bladder_bowel_change", "progressive_weakness", "both_legs", "recent_trauma",
        "cancer_history", "fever_weight_loss", "night_pain", "steroids_or_osteoporosis")]
    assert ids.count("set.end") == len(result["steps"])  # every set ran to its end, and each end was said
    assert ids.count("exercise.prone_lying") == 1 and "position.lying_front" in ids
    times = [e["t"] for e in entries]
    assert times == sorted(times)
    assert {e["source"] for e in entries} == {"synthesized"} and {e["lang"] for e in entries} == {"en"}


def test_staff_choose_silent_sessions_and_the_volume_and_it_is_kept(pilot, tmp_path):
    app = start(pilot, tmp_path)
    plugin = plugin_of(app)
    app.open_staff()
    pilot.frames(3)
    panel = panel_of(app)
    for name in ("speech:default", "speech:quieter", "speech:quieter"):
        tap_in_staff(pilot, app, panel.widgets[name])
    assert plugin.voice.default_on is False and plugin.voice.on is False  # no patient yet: silent at once
    assert panel.widgets["speech:volume"].text == "Volume 80%" and plugin.voice.volume == 0.8
    assert "starts silent" in panel.widgets["speech:default"].text
    assert speech_settings(app.records) == (False, 0.8)  # kept in the records for the next start


def played_volume(voice) -> float:
    """The volume of the sound being played: Kivy's SDL2 provider sets its mixer channel to it on play
    (SDL_mixer's channel volume itself is not readable from Python)."""
    assert voice._playing is not None and voice._playing.state == "play"
    return voice._playing.volume


def test_the_volume_the_staff_chose_is_the_one_the_questions_are_played_at(pilot, tmp_path):
    app = start(pilot, tmp_path)
    plugin = plugin_of(app)
    app.open_staff()
    pilot.frames(3)
    panel = panel_of(app)
    for name in ("speech:quieter", "speech:quieter", "speech:quieter"):
        tap_in_staff(pilot, app, panel.widgets[name])
    app.close_staff()
    pilot.frames(3)
    for started in range(2):  # now, and after the kiosk starts again with the volume kept
        voice = plugin.voice
        pilot.tap(plugin.controller.screens["attract"].ids.choices.children[0])
        voice.preparation.wait(timeout=60)  # eSpeak NG works in real time on its own thread: bounded
        pilot.wait_until(lambda: len(logged(tmp_path)) > started, "the first question read aloud", 600)
        assert played_volume(voice) == pytest.approx(0.7, abs=0.01)
        if not started:
            pilot.stop()
            plugin = plugin_of(start(pilot, tmp_path))
