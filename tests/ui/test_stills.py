"""Still pictures for the exercise picker: real decoded video frames, the drawn figure, private PNG files."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from ffpyplayer.pic import ImageLoader
from kivy.app import App
from kivy.uix.widget import Widget

from kiosk.content import loader
from kiosk.exercise_session.editor import stills as stills_module
from kiosk.exercise_session.editor.stills import SIZE, Stills
from media import BACKGROUND, SQUARE, write_not_a_video, write_truncated, write_video, write_zero_byte

WAIT_SECONDS = 20.0
"""Upper bound for the worker thread (it takes a few hundredths of a second here)."""


def picture(path: Path) -> tuple[tuple[int, int], bytes, int]:
    """A PNG read back by FFmpeg: size, RGBA rows, row stride."""
    image, _ = ImageLoader(str(path)).next_frame()
    assert image.get_pixel_format() == "rgba", image.get_pixel_format()
    return image.get_size(), bytes(image.to_bytearray()[0]), image.get_linesizes()[0]


def colour_at(read, x: int, y: int) -> tuple[int, int, int]:
    (width, height), pixels, stride = read
    start = y * stride + x * 4
    return tuple(pixels[start:start + 3])


def near(colour, wanted, slack: int = 40) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(colour, wanted))


def made(pilot, stills: Stills, video, animation) -> list:
    """Ask for one still and step frames until it has come back; what `ready` was called with."""
    got: list = []
    stills.request(video, animation, got.append)
    assert stills.settled(WAIT_SECONDS), "the worker thread never finished"
    pilot.wait_until(lambda: got, "the still to come back to the Kivy thread", max_frames=600)
    return got


class Blank(App):
    def build(self):
        return Widget()


@pytest.fixture
def window(pilot):
    """The real window, with a blank app: the figure is drawn in its OpenGL context."""
    pilot.start(Blank())


@pytest.fixture
def stills(window, tmp_path):
    previous = os.umask(0o022)  # the usual umask: the still must be private all the same
    yield Stills(tmp_path / "data")
    os.umask(previous)


def test_video_still_is_a_decoded_frame_a_third_in(pilot, stills, tmp_path):
    video = write_video(tmp_path / "squares.mp4", size=(320, 240), seconds=3, fps=15)
    [path] = made(pilot, stills, video, None)
    read = picture(path)
    assert read[0] == (180, 135)  # 4:3 kept, inside the 240 x 135 box
    # 45 frames; the blue square moves right. A third in it covers (60, 75); the first frame's is at x 0..34.
    assert near(colour_at(read, 60, 75), SQUARE), colour_at(read, 60, 75)
    assert near(colour_at(read, 15, 75), BACKGROUND), colour_at(read, 15, 75)
    assert path.parent == tmp_path / "data" / "stills"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # nothing left aside


def test_a_changed_video_gets_a_new_still_and_an_unchanged_one_is_reused(pilot, stills, tmp_path):
    video = write_video(tmp_path / "squares.mp4", seconds=1)
    [first] = made(pilot, stills, video, None)
    first_made = first.stat().st_mtime_ns
    [again] = made(pilot, stills, video, None)
    assert again == first and again.stat().st_mtime_ns == first_made
    write_video(video, seconds=2)
    [changed] = made(pilot, stills, video, None)
    assert changed != first and changed.exists()


def test_animation_still_draws_the_figure(pilot, stills):
    animation = loader.load().exercises["press_up"].animation
    [path] = made(pilot, stills, None, animation)
    read = picture(path)
    assert read[0] == SIZE
    colours = {colour_at(read, x, y) for x in range(0, SIZE[0], 4) for y in range(0, SIZE[1], 4)}
    figure_blue = (23, 92, 153)  # the figure's near limbs (FigureView's NEAR)
    assert any(near(colour, figure_blue, 12) for colour in colours), "no figure drawn"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    [again] = made(pilot, stills, None, animation)
    assert again == path


def test_no_media_gives_no_still(pilot, stills):
    assert made(pilot, stills, None, None) == [None]


BROKEN = {
    "missing": (lambda path: path, "file not found"),
    "empty": (write_zero_byte, "the file is empty"),
    "not_a_video": (write_not_a_video, "will not decode"),
    "truncated": (lambda path: write_truncated(path, write_video(path.with_name("whole.mp4"))), "will not decode"),
}


@pytest.mark.parametrize("broken", list(BROKEN))
def test_missing_or_broken_video_logs_once_and_falls_back(pilot, stills, tmp_path, caplog, broken):
    write, reason = BROKEN[broken]
    video = write(tmp_path / f"{broken}.mp4")
    stills_module._REPORTED.clear()  # each case starts as a fresh run of the kiosk would
    with caplog.at_level(logging.WARNING, logger="kiosk.media"):
        assert made(pilot, stills, video, None) == [None]
        assert made(pilot, stills, video, None) == [None]
    lines = [record.getMessage() for record in caplog.records if record.name == "kiosk.media"]
    assert len(lines) == 1 and str(video) in lines[0] and reason in lines[0] and "initials" in lines[0], lines
    animation = loader.load().exercises["bridge"].animation
    [path] = made(pilot, stills, video, animation)  # with an animation, the figure stands in
    assert path is not None and path.name.startswith("figure-")


def test_closing_drops_the_work_not_started(pilot, stills, tmp_path):
    videos = [write_video(tmp_path / f"clip_{index}.mp4", seconds=1) for index in range(12)]
    got: list = []
    for video in videos:
        stills.request(video, None, got.append)
    stills.close()
    assert stills.settled(WAIT_SECONDS)
    pilot.frames(3)
    assert len(got) < len(videos)  # the one being decoded when the picker closed may still come back


def test_a_data_folder_that_cannot_be_written_gives_initials_and_one_line(pilot, window, tmp_path, caplog):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the data folder should be\n")
    stills = Stills(not_a_folder)
    stills_module._REPORTED.clear()
    exercises = loader.load().exercises
    video = write_video(tmp_path / "squares.mp4", seconds=1)
    with caplog.at_level(logging.WARNING, logger="kiosk.media"):
        assert made(pilot, stills, video, exercises["bridge"].animation) == [None]
        assert made(pilot, stills, None, exercises["press_up"].animation) == [None]
    lines = [record.getMessage() for record in caplog.records if record.name == "kiosk.media"]
    assert len(lines) == 1 and "no still pictures can be kept in" in lines[0] and "initials" in lines[0], lines
