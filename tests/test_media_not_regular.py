"""Media that must never be opened: a named pipe, a device or a link out of `assets/` (issue 23, items 6, 11).

A named pipe given as an exercise's audio or picture would hang whatever reads it,
`/dev/zero` never ends, and a link out of the assets folder plays a file the clinic
never put there. `kiosk validate` names each as an error with its file and line and
never opens it; a link that stays inside the assets folder is fine.
"""

from __future__ import annotations

import os
from pathlib import Path

from yaml_files import one_exercise, write

from kiosk.__main__ import main
from kiosk.content import loader


def test_a_pipe_a_device_and_a_link_out_are_errors_that_say_what_they_are(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("assets/audio").mkdir(parents=True)
    Path("assets/images").mkdir()
    os.mkfifo("assets/audio/press_up.wav")
    Path("assets/images/press_up.png").symlink_to("/dev/zero")
    (tmp_path / "elsewhere.wav").write_bytes(b"RIFF")
    Path("assets/audio/es.wav").symlink_to(tmp_path / "elsewhere.wav")
    folder = Path("exercises")
    write(folder, "a.yaml", one_exercise(audio="audio/press_up.wav", image="images/press_up.png",
                                         translations="{es: {name: Flexiones, instructions: Empuje., "
                                         "audio: audio/es.wav}}", position="standing"))
    library = loader.load([folder], probe_videos=True)  # the probe would hang on the pipe: it is never reached
    assert "press_up" in library.exercises  # the exercise runs, without those files
    expected = [
        "exercises/a.yaml:7: exercises[0].audio: not a regular file (a named pipe): assets/audio/press_up.wav",
        "exercises/a.yaml:8: exercises[0].image: not a regular file (a device): assets/images/press_up.png",
        "exercises/a.yaml:9: exercises[0].translations.es.audio: a symbolic link out of the assets folder: "
        "assets/audio/es.wav"]
    assert [str(problem) for problem in library.problems] == expected
    assert all(problem.is_error for problem in library.problems)
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert all(line in out + err for line in expected), out + err


def test_a_link_inside_the_assets_folder_is_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("assets/images").mkdir(parents=True)
    Path("assets/images/real.png").write_bytes(b"\x89PNG")
    Path("assets/images/press_up.png").symlink_to("real.png")
    write(Path("exercises"), "a.yaml", one_exercise(image="images/press_up.png", position="standing"))
    assert loader.load([Path("exercises")]).problems == []


def test_a_handout_picture_that_is_a_pipe_or_a_device_is_no_picture(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    (tmp_path / "zero.png").symlink_to("/dev/zero")
    (tmp_path / "real.png").write_bytes(b"\x89PNG picture")
    # imported here: the module loads Kivy, whose clock must be made after tests/ui/conftest.py set it up
    from kiosk.exercise_session.handout_pictures import _read

    assert [_read(tmp_path / name) for name in ("pipe.png", "zero.png", "real.png")] == [
        None, None, b"\x89PNG picture"]
