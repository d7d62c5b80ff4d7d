"""The exercise-file fields for spoken coaching: position, get_ready and audio (with translations)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from yaml_files import one_exercise, write

from kiosk.clinical.plan import FLOOR_GET_READY_SECONDS, PlannedSet, get_ready_seconds
from kiosk.clinical.program import Position, Role
from kiosk.content import loader
from kiosk.content.schema import json_schema
from kiosk.exercise_session.coaching import coached_set

RECORDING = "audio/press_up.wav"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path("exercises")


def spoken_wav(path: Path) -> None:
    """A real recording: eSpeak NG saying the instructions (as a clinic's own recording would)."""
    import subprocess

    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["espeak-ng", "-w", str(path), "Lie on your front and push up."], check=True)


def messages(library) -> list[str]:
    return [str(problem) for problem in library.problems]


def test_position_and_get_ready_are_read_and_set_the_count_in(folder):
    write(folder, "a.yaml", one_exercise(position="lying_front", get_ready="20"))
    press_up = loader.load([folder]).exercises["press_up"]
    assert (press_up.position, press_up.get_ready, get_ready_seconds(press_up)) == (Position.LYING_FRONT, 20, 20)


@pytest.mark.parametrize("position, seconds", [("standing", 5), ("sitting", 5), ("lying_front", 15),
                                               ("lying_back", 15), ("kneeling", 15), ("side_lying", 15)])
def test_the_default_count_in_is_15_seconds_to_get_down_to_the_floor_else_5(folder, position, seconds):
    write(folder, "a.yaml", one_exercise(position=position))
    assert get_ready_seconds(loader.load([folder]).exercises["press_up"]) == seconds


def test_a_missing_position_is_read_from_the_animation_for_every_bundled_exercise():
    library = loader.load()
    got = {exercise.id: exercise.position.value for exercise in library.exercises.values()}
    assert got == {"prone_lying": "lying_front", "prone_on_elbows": "lying_front", "press_up": "lying_front",
                   "standing_extension": "standing", "flexion_lying": "lying_back", "flexion_sitting": "sitting",
                   "flexion_standing": "standing", "abdominal_bracing": "lying_back", "bridge": "lying_back",
                   "bird_dog": "kneeling", "dead_bug": "lying_back", "side_plank": "side_lying",
                   "curl_up": "lying_back", "slouch_overcorrect": "sitting", "lumbar_roll": "sitting"}


def test_no_position_and_no_animation_is_unknown_floor_time_and_a_warning(folder):
    """A clinic's own face-down exercise with a video and no position: never "Stand up", the floor's time."""
    write(folder, "a.yaml", one_exercise())
    library = loader.load([folder])
    press_up = library.exercises["press_up"]
    assert press_up.position is None and get_ready_seconds(press_up) == FLOOR_GET_READY_SECONDS
    assert [str(p) for p in library.problems] == [
        f"{folder.name}/a.yaml:2: exercises[0].position: warning: no position and no animation to show it: "
        "the kiosk says only \"Get into the starting position shown\" and allows the floor's get-ready time; "
        "write position: (standing, sitting, lying_front, lying_back, kneeling or side_lying)"]
    said = [cue.phrase.text for cue in coached_set(PlannedSet(0, Role.SPINAL, press_up, 1), True)[1]]
    assert "Get into the starting position shown." in said
    assert not any("Stand up" in words for words in said)


@pytest.mark.parametrize("fields, message", [
    ({"position": "on_the_floor"}, "a.yaml:7: exercises[0].position: must be one of standing, sitting, "
                                   "lying_front, lying_back, kneeling, side_lying"),
    ({"get_ready": "121"}, "a.yaml:7: exercises[0].get_ready: must be a whole number from 0 to 120, got 121"),
    ({"audio": "audio/press_up.txt"}, "a.yaml:7: exercises[0].audio: "),
    ({"audio": "../press_up.wav"}, "a.yaml:7: exercises[0].audio: "),
], ids=["unknown position", "get_ready too long", "not a sound file", "outside assets"])
def test_bad_values_are_one_clear_line_each(folder, fields, message):
    write(folder, "a.yaml", one_exercise(**fields))
    library = loader.load([folder])
    assert "press_up" not in library.exercises
    assert any(line.startswith("exercises/" + message) for line in messages(library)), messages(library)


def test_a_recording_is_read_with_its_translation(folder):
    spoken_wav(Path("assets") / RECORDING)
    write(folder, "a.yaml", one_exercise(audio=RECORDING, translations="{es: {name: Flexiones, instructions: "
                                         "Empuje., audio: audio/press_up.wav}}", position="standing"))
    library = loader.load([folder], probe_videos=True)
    assert library.problems == []
    press_up = library.exercises["press_up"]
    assert (press_up.audio, press_up.text().audio, press_up.text("es").audio) == (RECORDING, RECORDING, RECORDING)


def test_validate_warns_about_a_missing_or_undecodable_recording_and_keeps_the_exercise(folder):
    Path("assets/audio").mkdir(parents=True)
    Path("assets/audio/broken.wav").write_bytes(b"RIFF\x00\x00not really a sound file at all")
    write(folder, "a.yaml", one_exercise(audio="audio/missing.wav", translations="{es: {name: Flexiones, "
                                         "instructions: Empuje., audio: audio/broken.wav}}", position="standing"))
    library = loader.load([folder], probe_videos=True)
    assert "press_up" in library.exercises
    assert messages(library) == [
        "exercises/a.yaml:7: exercises[0].audio: warning: file not found: assets/audio/missing.wav",
        "exercises/a.yaml:8: exercises[0].translations.es.audio: warning: will not decode as sound: "
        "assets/audio/broken.wav"]


def test_the_schema_publishes_the_new_fields():
    exercise = json_schema()["$defs"]["exercise"]["properties"]
    assert exercise["position"]["enum"] == ["standing", "sitting", "lying_front", "lying_back", "kneeling",
                                            "side_lying"]
    assert (exercise["get_ready"]["minimum"], exercise["get_ready"]["maximum"]) == (0, 120)
    assert "audio" in json_schema()["$defs"]["translation"]["properties"]
    assert shutil.which("espeak-ng")
