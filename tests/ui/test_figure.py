"""The drawn demonstration: live on screen at any size, baked into videos, and chosen when a video can't play.

Videos are decoded back picture by picture (PyAV, FFmpeg's decoder, in the
test's own thread): the first picture, the size, the length, the last picture.
That they play in the kiosk's own player is test_demo_video's.
"""

from __future__ import annotations

import logging

import pytest
from kivy.app import App
from kivy.graphics import Line
from media import write_video, write_zero_byte
from pilot import ScreenHost

from kiosk.app import shell  # noqa: F401  (loads the shell's kv rules: KioskButton)
from kiosk.clinical.plan import PlannedSet
from kiosk.clinical.program import Role
from kiosk.content import loader
from kiosk.exercise_session.render import FPS, SIZE, frame_count, render_video
from kiosk.exercise_session.screens.exercise import ExerciseScreen
from kiosk.exercise_session.widgets.figure import FigureView

MAX_BYTES = 1_000_000


class Host(App):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget

    def build(self):
        return self.widget


@pytest.fixture(scope="module")
def exercises():
    return loader.load().exercises


def drawn_points(view: FigureView) -> list[tuple[float, float]]:
    lines = [child for child in view._figure.children if isinstance(child, Line)]
    return [(line.points[i], line.points[i + 1]) for line in lines for i in range(0, len(line.points), 2)]


@pytest.mark.parametrize("size", [(1280, 800), (600, 1000)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("exercise_id", ["press_up", "bird_dog", "flexion_sitting"])
def test_the_figure_is_drawn_inside_the_widget_and_moves(pilot, exercises, size, exercise_id):
    exercise = exercises[exercise_id]
    view = FigureView()
    pilot.start(Host(view), size=size)
    view.play_loop(exercise.animation, exercise.hold)
    pilot.frames(2)
    before = drawn_points(view)
    assert len(before) > 20
    for x, y in before:
        assert view.x <= x <= view.right and view.y <= y <= view.top
    wide = (max(x for x, _ in before) - min(x for x, _ in before)) / view.width
    tall = (max(y for _, y in before) - min(y for _, y in before)) / view.height
    assert max(wide, tall) > 0.4  # the figure fills the picture, not a corner
    pilot.seconds(0.75)
    assert drawn_points(view) != before and view.pose != exercise.animation.poses[exercise.animation.start]
    view.stop()
    stopped = drawn_points(view)
    pilot.frames(10)
    assert drawn_points(view) == stopped


def video_facts(path) -> dict:
    """Size, length, first and last picture time of a video, every picture decoded.

    PyAV calls FFmpeg's decoder in this thread, one picture after another, so
    nothing runs on its own clock and nothing is waited for (ffpyplayer's player,
    the kiosk's, decodes on threads of its own and can only be polled).
    """
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        times = [frame.time for frame in container.decode(stream)]
        size = (stream.codec_context.width, stream.codec_context.height)
        duration = container.duration / av.time_base
    assert times, f"{path}: no picture"
    return {"size": size, "first": times[0], "duration": duration, "last": max(times)}


def assert_video_is_one_cycle(path, exercise, size=SIZE):
    frames = frame_count(exercise.animation, exercise.hold)
    facts = video_facts(path)
    assert facts["size"] == size and facts["first"] == 0.0
    assert facts["duration"] == pytest.approx(frames / FPS, abs=1.01 / FPS)
    assert facts["last"] == pytest.approx((frames - 1) / FPS, abs=2.01 / FPS)
    assert path.stat().st_size < MAX_BYTES


def test_render_videos_writes_small_h264_videos_that_decode(pilot, exercises, tmp_path):
    pilot.start(Host(FigureView()))
    for exercise_id, size in (("press_up", SIZE), ("bird_dog", (320, 180))):
        exercise = exercises[exercise_id]
        rendered = render_video(exercise, tmp_path / f"{exercise_id}.mp4", size)
        assert rendered.frames == frame_count(exercise.animation, exercise.hold)
        assert_video_is_one_cycle(rendered.path, exercise, size)
        assert f"kiosk render-videos: {exercise_id}".encode() in rendered.path.read_bytes()


def test_every_shipped_video_decodes_to_one_cycle(root, exercises):
    videos = sorted((root / "assets" / "videos").glob("*.mp4"))
    assert {video.stem for video in videos} == set(exercises)
    for video in videos:
        exercise = exercises[video.stem]
        assert exercise.video == f"videos/{video.stem}.mp4"
        assert_video_is_one_cycle(video, exercise)


@pytest.fixture
def screen(pilot, tmp_path):
    widget = ExerciseScreen(name="exercise", assets=tmp_path)
    widget.speed = 60  # one frame, one kiosk second
    pilot.start(ScreenHost(widget))
    yield widget
    widget.ids.demo.stop()


def show(screen, exercise, video=None):
    from dataclasses import replace

    screen.show(PlannedSet(0, Role.SPINAL, replace(exercise, video=video), 1))
    return screen.ids.demo


def media_warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "kiosk.media" and r.levelno >= logging.WARNING]


def test_a_clinics_own_video_comes_first(screen, exercises, tmp_path):
    write_video(tmp_path / "clinic.mp4", seconds=1)
    demo = show(screen, exercises["bridge"], "clinic.mp4")
    assert demo.source.endswith("clinic.mp4") and not demo.showing_animation and not demo.showing_placeholder


def test_a_missing_or_broken_video_falls_back_to_the_animation(screen, exercises, tmp_path, caplog, pilot):
    caplog.set_level(logging.INFO, logger="kiosk.media")
    for video in ("missing.mp4", write_zero_byte(tmp_path / "empty.mp4").name):
        demo = show(screen, exercises["bridge"], video)
        assert demo.showing_animation and not demo.showing_placeholder and demo.source == ""
        assert demo.ids.figure.opacity == 1 and demo.ids.placeholder.opacity == 0
        assert screen.ids.instructions.text  # the words stay beside the figure
    warnings = media_warnings(caplog)
    assert len(warnings) == 2 and all("showing the drawn animation instead" in w for w in warnings)


def test_without_video_or_animation_the_written_steps_show(screen, exercises):
    from dataclasses import replace

    demo = show(screen, replace(exercises["bridge"], animation=None), "missing.mp4")
    assert demo.showing_placeholder and not demo.showing_animation


def test_a_video_baked_from_the_animation_gives_way_to_the_live_figure(screen, exercises, root, caplog):
    caplog.set_level(logging.INFO, logger="kiosk.media")
    screen.assets = root / "assets"
    demo = show(screen, exercises["bridge"], "videos/bridge.mp4")
    assert demo.showing_animation and media_warnings(caplog) == []
    demo = show(screen, exercises["press_up"], "videos/bridge.mp4")  # baked for another exercise: plays
    assert demo.source.endswith("bridge.mp4") and not demo.showing_animation


def test_the_figure_follows_the_sets_countdown(screen, exercises, pilot):
    press_up = exercises["press_up"]  # the count-in (long: it starts on the floor), then (move 3 s, hold 2 s) x 10
    demo = show(screen, press_up)
    poses = press_up.animation.poses
    pilot.frames(3)
    assert screen.phase == "get_ready" and demo.ids.figure.pose == poses["down"]
    pilot.wait_until(lambda: screen.phase != "get_ready", "the end of the count-in", 200)
    pilot.frames(1)
    assert screen.phase == "move" and demo.ids.figure.pose not in (poses["down"], poses["up"])
    pilot.frames(3)
    assert screen.phase == "hold" and demo.ids.figure.pose == poses["up"]
    pilot.tap(screen.ids.pause)
    paused = demo.ids.figure.pose
    pilot.frames(5)
    assert demo.ids.figure.pose == paused
