"""The demonstration area plays real H.264 videos, and shows the written steps for any it can't play.

The decoder runs in its own threads on real time, while the pilot's clock is
virtual. Waiting for a picture therefore uses `wait_in_real_time`: it steps the
virtual clock no faster than real time passes (so the widget's load timeout
can't fire early), and in between runs Kivy's event loop without moving the
clock, so Kivy keeps drawing and taking the decoder's frames. It is bounded by
a real-time deadline, a guard against a hang that only ever fails a test (a
minute: a slow or busy machine only takes longer; what stays real-time is the
widget's own 5 s wait for a first picture, as on the kiosk); nothing sleeps, and
no test waits for time to pass: a paused video is shown to hold by the decoder
thread itself, parked until woken, frame after frame (`decoder_parked`).
"""

import logging
import threading
import time

import pytest
from kivy.app import App
from kivy.base import EventLoop
from kivy.clock import Clock
from kivy.graphics import Rectangle
from kivy.uix.floatlayout import FloatLayout

from media import decoder_parked, write_not_a_video, write_truncated, write_video, write_zero_byte
from pilot import FRAME

from kiosk.content import loader
from kiosk.exercise_session.widgets import demo_video
from kiosk.exercise_session.widgets.demo_video import LOAD_TIMEOUT, DemoVideo

TITLE = "Bridge"
INSTRUCTIONS = "Lie on your back with your knees bent. Lift your hips slowly, then lower them."


class Host(App):
    """An app whose window shows one widget."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget

    def build(self):
        return self.widget


def wait_in_real_time(pilot, condition, what: str, seconds: float = 60.0) -> None:
    """Step frames until `condition()`, never letting the virtual clock run ahead of real time."""
    start = time.monotonic()
    stepped = 0
    while not condition():
        elapsed = time.monotonic() - start
        if elapsed > seconds:
            raise AssertionError(f"gave up after {seconds} s of real time waiting for: {what}")
        if stepped * FRAME < elapsed:
            pilot.frames(1)
            stepped += 1
        else:
            EventLoop.idle()  # a frame in which no virtual time passes


def decoder_threads() -> list[str]:
    """Threads Kivy's ffpyplayer provider starts per video (named "Next frame")."""
    return [thread.name for thread in threading.enumerate() if thread.name == "Next frame"]


def media_warnings(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kiosk.media" and r.levelno >= logging.WARNING]


@pytest.fixture
def demo(pilot):
    """A DemoVideo filling the window; its video is unloaded afterwards whatever happened."""
    widget = DemoVideo()
    pilot.start(Host(widget))
    yield widget
    widget.stop()


@pytest.fixture
def video_file(tmp_path):
    return write_video(tmp_path / "bridge.mp4", seconds=1)


def shows_picture(demo) -> bool:
    video = demo.ids.video
    return video.loaded and video.texture is not None and tuple(video.texture.size) == (320, 240)


def drawn_area(widget) -> float:
    """Pixels the renderer fills for `widget` and its children, visible or not (opacity 0 is still filled)."""
    def area(group) -> float:
        total = 0.0
        for instruction in getattr(group, "children", ()):
            if isinstance(instruction, Rectangle):
                total += instruction.size[0] * instruction.size[1]
            total += area(instruction)
        return total
    return sum(area(canvas) for child in widget.walk(restrict=True)
               for canvas in (child.canvas.before, child.canvas, child.canvas.after))


def test_while_the_video_plays_the_figure_and_the_written_steps_cost_no_drawing(demo, video_file, pilot):
    demo.play(video_file, TITLE, INSTRUCTIONS)
    wait_in_real_time(pilot, lambda: shows_picture(demo), "the first frame")
    pilot.frames(2)
    assert demo.ids.figure.opacity == 0 and demo.ids.placeholder.opacity == 0
    assert drawn_area(demo.ids.figure) == 0 and drawn_area(demo.ids.placeholder) == 0
    assert drawn_area(demo.ids.video) > 0
    # The panel colour only beside the picture (4:3 in a wider area): each pixel of the area drawn once.
    assert drawn_area(demo.ids.video) < 0.9 * demo.width * demo.height
    assert filled_once(demo) == pytest.approx(demo.width * demo.height)


def filled_once(widget) -> float:
    """Pixels the renderer fills for `widget` and all in it, each rectangle counted once (a widget's
    canvas holds its children's canvases too)."""
    found: dict[int, Rectangle] = {}

    def collect(group) -> None:
        for instruction in getattr(group, "children", ()):
            if isinstance(instruction, Rectangle):
                found[id(instruction)] = instruction
            collect(instruction)
    for child in widget.walk(restrict=True):
        for canvas in (child.canvas.before, child.canvas, child.canvas.after):
            collect(canvas)
    return sum(rectangle.size[0] * rectangle.size[1] for rectangle in found.values())


@pytest.fixture(scope="module")
def bridge():
    """The bundled bridge exercise: it has a drawn animation."""
    return loader.load().exercises["bridge"]


def test_while_the_drawn_animation_shows_its_area_is_filled_once(demo, bridge, pilot):
    """The figure's opaque background covers the area: no panel, no empty video picture and no
    background under the floor is drawn beneath it (each would cost the renderer the whole area)."""
    demo.play(None, TITLE, INSTRUCTIONS, bridge.animation, bridge.hold)
    pilot.frames(2)
    assert demo.showing_animation and tuple(demo.ids.figure.size) == tuple(demo.size)
    area = demo.width * demo.height
    assert drawn_area(demo.ids.figure) >= area  # the figure covers it all, floor and props included
    assert filled_once(demo) <= 1.05 * area, "the demonstration area is drawn more than once"


def test_after_the_drawn_animation_a_video_plays_with_no_figure_drawn_under_it(demo, bridge, video_file, pilot):
    demo.play(None, TITLE, INSTRUCTIONS, bridge.animation, bridge.hold)
    pilot.frames(2)
    demo.play(video_file, TITLE, INSTRUCTIONS)
    wait_in_real_time(pilot, lambda: shows_picture(demo), "the first frame")
    pilot.frames(2)
    assert drawn_area(demo.ids.figure) == 0 and drawn_area(demo.ids.video) > 0


def test_a_video_larger_than_its_area_is_decoded_at_the_size_it_is_shown(pilot, tmp_path):
    """The decoder's thread scales the pictures down, so the drawing thread uploads and converts only
    the pixels shown; given more room than it has pixels, a video keeps its own size."""
    big = write_video(tmp_path / "big.mp4", size=(640, 480), seconds=1)
    room = FloatLayout()
    demo = DemoVideo(size_hint=(None, None), size=(320, 300), pos=(0, 0))
    room.add_widget(demo)
    pilot.start(Host(room))
    try:
        demo.play(big, TITLE, INSTRUCTIONS)
        video = demo.ids.video
        wait_in_real_time(pilot, lambda: video.texture is not None and tuple(video.texture.size) == (320, 240),
                          "pictures of 320x240")
        assert list(video.norm_image_size) == [320, 240] and not demo.showing_placeholder
        demo.size = (1280, 800)  # more room than the video has pixels: back to its own size, never more
        wait_in_real_time(pilot, lambda: tuple(video.texture.size) == (640, 480), "pictures of 640x480")
    finally:
        demo.stop()


def test_a_real_h264_video_plays_silently_and_loops(demo, video_file, pilot, caplog):
    demo.play(video_file, TITLE, INSTRUCTIONS)
    video = demo.ids.video
    wait_in_real_time(pilot, lambda: shows_picture(demo), "the first frame")
    assert not demo.showing_placeholder and demo.problem == ""
    assert demo.source == str(video_file) and video.volume == 0 and video.opacity == 1
    assert demo.ids.placeholder.opacity == 0
    seen = []

    def started_again() -> bool:
        seen.append(video.position)
        return max(seen) > 0.5 and video.position < max(seen) - 0.3

    wait_in_real_time(pilot, started_again, "the video to loop back to its start")
    assert video.state == "play" and not video.eos and not demo.showing_placeholder
    assert media_warnings(caplog) == []


def test_pausing_holds_the_picture_and_playing_carries_on(demo, video_file, pilot):
    demo.play(video_file, TITLE, INSTRUCTIONS)
    video = demo.ids.video
    wait_in_real_time(pilot, lambda: shows_picture(demo) and video.position > 0.1, "playback")
    demo.playing = False
    assert video.state == "pause"
    wait_in_real_time(pilot, lambda: decoder_parked(video), "the decoder to be told 'paused' and wait")
    pilot.frames(2)  # a picture decoded just before the pause is shown now, if there was one
    held, pictures = video.position, []
    video._video.bind(on_frame=lambda *_: pictures.append(video.position))
    for _ in range(60):  # a second of the kiosk's time; after each frame, whatever it asked of the decoder done
        pilot.frames(1)
        wait_in_real_time(pilot, lambda: decoder_parked(video), "the decoder to be parked again")
    pilot.frames(1)  # a picture the decoder made during the last frame would be shown now
    assert pictures == [] and video.position == held
    demo.playing = True
    wait_in_real_time(pilot, lambda: len(pictures) >= 3 and (video.position > held + 0.1 or video.position < held),
                      "playback again")


def test_a_video_paused_while_loading_is_not_given_up_on(demo, video_file, pilot):
    demo.play(video_file, TITLE, INSTRUCTIONS)
    demo.playing = False
    pilot.seconds(LOAD_TIMEOUT * 2)
    assert not demo.showing_placeholder
    demo.playing = True
    wait_in_real_time(pilot, lambda: shows_picture(demo), "the first frame")


def test_stop_unloads_the_decoder_and_its_textures_and_the_video_can_play_again(demo, video_file, pilot):
    demo.play(video_file, TITLE, INSTRUCTIONS)
    wait_in_real_time(pilot, lambda: shows_picture(demo), "the first frame")
    assert decoder_threads()
    demo.stop()
    video = demo.ids.video
    assert not video.loaded and video.texture is None and demo.source == ""
    assert decoder_threads() == []
    pilot.frames(3)
    assert video.texture is None
    demo.play(video_file, TITLE, INSTRUCTIONS)
    wait_in_real_time(pilot, lambda: shows_picture(demo), "the first frame again")


BROKEN = {
    "missing": (lambda folder, good: folder / "no_such_video.mp4", "file not found"),
    "zero_byte": (lambda folder, good: write_zero_byte(folder / "empty.mp4"), "the file is empty"),
    "truncated": (lambda folder, good: write_truncated(folder / "cut_short.mp4", good),
                  "Invalid data found when processing input"),
    "text_named_mp4": (lambda folder, good: write_not_a_video(folder / "notes.mp4"),
                       "Invalid data found when processing input"),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_video_that_cant_be_played_shows_the_written_steps_and_is_logged_once(
        kind, demo, video_file, tmp_path, pilot, caplog):
    make, reason = BROKEN[kind]
    path = make(tmp_path, video_file)
    started = Clock.get_time()
    demo.play(path, TITLE, INSTRUCTIONS)
    wait_in_real_time(pilot, lambda: demo.showing_placeholder, "the written steps")
    assert Clock.get_time() - started < LOAD_TIMEOUT  # told by the check or the decoder, not the timeout
    assert reason in demo.problem
    assert demo.ids.placeholder.opacity == 1 and demo.ids.video.opacity == 0
    assert demo.ids.placeholder_title.text == TITLE
    assert demo.ids.placeholder_instructions.text == INSTRUCTIONS
    pilot.seconds(LOAD_TIMEOUT + 1)  # the load timeout, had it been left running, would have fired by now
    warnings = media_warnings(caplog)
    assert len(warnings) == 1 and str(path) in warnings[0].getMessage() and reason in warnings[0].getMessage()
    assert demo.source == "" and decoder_threads() == []


@pytest.fixture
def deaf_to_decoder_errors():
    """As if the decoder's errors never reached Kivy's log (e.g. another log callback was installed)."""
    kivy_log = logging.getLogger("kivy")
    kivy_log.removeHandler(demo_video.DECODER_ERRORS)
    yield
    kivy_log.addHandler(demo_video.DECODER_ERRORS)


def test_without_the_decoders_word_the_load_timeout_still_shows_the_written_steps(
        deaf_to_decoder_errors, demo, video_file, tmp_path, pilot, caplog):
    path = write_not_a_video(tmp_path / "notes.mp4")
    demo.play(path, TITLE, INSTRUCTIONS)
    pilot.seconds(LOAD_TIMEOUT - 0.5)
    assert not demo.showing_placeholder
    pilot.seconds(1)
    assert demo.showing_placeholder and "no picture after 5 s" in demo.problem
    assert len(media_warnings(caplog)) == 1 and decoder_threads() == []


def test_an_exercise_without_a_video_shows_its_written_steps_without_a_warning(demo, pilot, caplog):
    caplog.set_level(logging.INFO, logger="kiosk.media")
    demo.play(None, TITLE, INSTRUCTIONS)
    pilot.frames(2)
    assert demo.showing_placeholder and demo.ids.placeholder_title.text == TITLE
    assert media_warnings(caplog) == []
    assert [r.levelno for r in caplog.records if r.name == "kiosk.media"] == [logging.INFO]
