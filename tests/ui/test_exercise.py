"""The exercise screen, by touch: a set runs its timeline, and the patient can always stop, pause or skip.

With `speed` 60 one pilot frame (1/60 s of virtual time) is one kiosk second,
so a set's length in kiosk seconds is its length in frames.
"""

import threading

import pytest
from kivy.clock import Clock
from kivy.core.image import Image as CoreImage
from kivy.core.text import Label as CoreLabel
from kivy.core.window import Window
from kivy.metrics import dp, sp
from media import write_video
from pilot import ScreenHost
from uptimes import UPTIMES

from kiosk.app import shell  # noqa: F401  (loads the shell's kv rules: KioskButton)
from kiosk.app import touch
from kiosk.app import theme
from kiosk.clinical.plan import PlannedSet
from kiosk.clinical.program import Exercise, ExerciseKind, Role
from kiosk.exercise_session import words
from kiosk.exercise_session.screens.exercise import ExerciseScreen

ONE_SECOND_A_FRAME = 60
INSTRUCTIONS = ("Lie on your back with both knees bent and your feet flat on the floor. "
                "Squeeze your buttocks and lift your hips slowly until your body is in a straight line, "
                "then lower them slowly.")
BUTTONS = ("pause", "done_set", "pain_worse", "start_now")


def planned(kind="reps", reps=3, hold=2, sets=3, rest=0, set_number=1, video=None, safety="",
            name="Bridge") -> PlannedSet:
    exercise = Exercise(name.lower(), name, INSTRUCTIONS, ExerciseKind(kind), reps=reps, hold=hold,
                        sets=sets, rest=rest, safety=safety, video=video)
    return PlannedSet(0, Role.STRENGTHENING, exercise, set_number)


@pytest.fixture
def open_screen(pilot, tmp_path):
    """open_screen(size=...) -> the exercise screen on a window of that size; `.events` lists on_set_done."""
    opened = []

    def open_(size=(1280, 800), speed=ONE_SECOND_A_FRAME) -> ExerciseScreen:
        screen = ExerciseScreen(name="exercise", assets=tmp_path)
        screen.speed = speed
        screen.events = []
        screen.bind(on_set_done=lambda _, pain_worse: screen.events.append(pain_worse))
        pilot.start(ScreenHost(screen), size=size)
        opened.append(screen)
        return screen

    yield open_
    for screen in opened:
        screen.ids.demo.stop()


def test_a_set_of_reps_runs_to_its_end_then_reports_no_worse_pain(open_screen, pilot):
    screen = open_screen()
    seen = []
    screen.bind(headline=lambda _, text: seen.append(text), detail=lambda _, text: seen.append(text))
    screen.show(planned(reps=3, hold=2))  # 5 s get ready + 3 x (3 s move + 2 s hold) = 20 kiosk seconds
    assert screen.headline == words.GET_READY and screen.ids.countdown.text == "5"
    assert screen.ids.demo.showing_placeholder  # no video for this exercise: its written steps
    pilot.frames(18)
    assert screen.events == [] and screen.awaiting_patient is False
    pilot.frames(4)
    assert screen.events == [False] and screen.awaiting_patient is True
    assert [text for text in seen if text.startswith("Movement")] == [
        "Movement 1 of 3", "Movement 2 of 3", "Movement 3 of 3"]
    assert "Hold for 2 seconds" in seen
    pilot.frames(30)
    assert screen.events == [False]


@pytest.mark.parametrize("clock_origin", UPTIMES, indirect=True)
def test_a_long_hold_counts_down_in_minutes_and_seconds(clock_origin, open_screen, pilot):
    screen = open_screen()
    screen.show(planned(kind="hold", reps=2, hold=240))
    pilot.frames(7)
    assert screen.headline == "Hold 1 of 2" and screen.ids.countdown.text == "3:58"
    assert screen.ids.detail.text == "Hold for 4 minutes"
    shown = ["4:00", "3:59", "3:58"]
    while screen.headline == "Hold 1 of 2":
        pilot.frames(1)
        shown.append(screen.ids.countdown.text)
    # each frame a kiosk second: every second of the four minutes shown once, in order, then the relax
    assert shown == [f"{s // 60}:{s % 60:02d}" if s >= 60 else str(s) for s in range(240, 0, -1)] + ["3"]


def _count_in(screen, pilot):
    screen.show(planned())
    pilot.frames(2)
    assert screen.phase == "get_ready"


def _movement(screen, pilot):
    screen.show(planned())
    pilot.frames(7)
    assert screen.phase in ("move", "hold")


def _rest(screen, pilot):
    screen.show(planned(rest=60, set_number=2))
    pilot.frames(2)
    assert screen.phase == "rest"


def _paused(screen, pilot):
    _movement(screen, pilot)
    pilot.tap(screen.ids.pause)
    assert screen.paused


@pytest.mark.parametrize("reach", [_count_in, _movement, _rest, _paused], ids=lambda f: f.__name__.strip("_"))
def test_stop_my_pain_is_worse_ends_the_set_at_once_in_every_phase(reach, open_screen, pilot):
    screen = open_screen()
    reach(screen, pilot)
    assert screen.ids.pain_worse.text == words.PAIN_WORSE
    pilot.tap(screen.ids.pain_worse)
    assert screen.events == [True]
    pilot.frames(60)
    pilot.tap(screen.ids.pain_worse)
    assert screen.events == [True] and screen.phase == "idle"


def test_pause_freezes_the_set_and_the_video_and_carry_on_resumes(open_screen, pilot):
    screen = open_screen()
    screen.show(planned(reps=2, hold=0))  # 5 + 2 x 3 = 11 kiosk seconds
    pilot.frames(6)
    assert screen.awaiting_patient is False
    pilot.tap(screen.ids.pause)
    assert screen.paused and screen.awaiting_patient is True and screen.ids.demo.playing is False
    assert screen.ids.pause.text == words.CARRY_ON and screen.ids.detail.text == words.PAUSED
    frozen = (screen.elapsed, screen.headline, screen.ids.countdown.text)
    pilot.frames(300)
    assert (screen.elapsed, screen.headline, screen.ids.countdown.text) == frozen and screen.events == []
    pilot.tap(screen.ids.pause)
    assert not screen.paused and screen.awaiting_patient is False and screen.ids.demo.playing is True
    assert screen.ids.pause.text == words.PAUSE and screen.ids.detail.text != words.PAUSED
    pilot.wait_until(lambda: screen.events == [False], "the end of the set", max_frames=20)


def test_start_now_skips_the_rest_between_sets_and_is_not_drawn_outside_it(open_screen, pilot):
    screen = open_screen(speed=1)
    start_now = screen.ids.start_now
    screen.show(planned(rest=0, set_number=1))  # no rest: not in the window at all (so not drawn, unseen)
    pilot.frames(2)
    assert screen.phase == "get_ready" and start_now.get_root_window() is None
    screen.show(planned(rest=120, set_number=2))
    pilot.frames(2)
    assert screen.headline == words.REST_BETWEEN and screen.ids.countdown.text == "2:00"
    assert start_now.opacity == 1 and not start_now.disabled and start_now.height >= dp(48)
    pilot.tap(start_now)
    assert screen.phase == "get_ready" and screen.headline == words.GET_READY
    assert start_now.opacity == 0 and start_now.disabled and start_now.get_root_window() is None


def test_i_have_finished_this_set_ends_it_without_worse_pain(open_screen, pilot):
    screen = open_screen()
    screen.show(planned())  # 5 s get ready, then 3 x (3 s move + 2 s hold) = 15 s of movements
    pilot.frames(8)
    pilot.tap(screen.ids.done_set)
    assert screen.events == [False] and screen.phase == "idle"
    exercised, planned_seconds = screen.set_seconds
    assert planned_seconds == 15 and 2 < exercised < 4  # 8 frames in, 3 s past the count-in


def test_i_have_finished_this_set_is_not_offered_before_the_set_has_begun(open_screen, pilot):
    """A touch during the rest or the count-in never skips the set (a 180 s hold once went unrecorded)."""
    screen = open_screen()
    done = screen.ids.done_set
    screen.show(planned(kind="hold", reps=1, hold=180, rest=30, set_number=2))
    pilot.frames(2)
    assert screen.phase == "rest" and done.get_root_window() is None
    screen.finish_set()  # even called, it does nothing before the set has begun
    pilot.tap(screen.ids.start_now)
    assert screen.phase == "get_ready" and done.get_root_window() is None and screen.events == []
    pilot.frames(5 + 40)
    assert screen.phase == "hold" and done.get_root_window() is not None
    pilot.tap(done)
    assert screen.events == [False] and round(screen.set_seconds[0]) == 2 + 40 and screen.set_seconds[1] == 180  # the taps: 2 frames


def test_show_starts_afresh_from_the_new_set(open_screen, pilot):
    screen = open_screen()
    screen.show(planned(rest=30, set_number=2, safety="Stop if pain spreads down your leg."))
    pilot.frames(40)
    pilot.tap(screen.ids.pause)
    screen.show(planned(name="Press up", kind="hold", reps=1, hold=10, sets=1))
    pilot.frames(2)
    assert not screen.paused and screen.awaiting_patient is False and screen.elapsed < 3
    assert (screen.exercise_name, screen.set_text, screen.safety) == ("Press up", "Set 1 of 1", "")
    assert screen.ids.safety.height == 0 and screen.headline == words.GET_READY
    assert screen.ids.demo.title == "Press up"


def test_leaving_the_screen_stops_the_timeline_and_unloads_the_video(open_screen, pilot, tmp_path):
    write_video(tmp_path / "bridge.mp4")
    screen = open_screen()
    screen.show(planned(video="bridge.mp4"))
    pilot.frames(3)
    assert screen.ids.demo.source == str(tmp_path / "bridge.mp4")
    screen.manager.current = "other"
    pilot.frames(2)
    elapsed = screen.elapsed
    pilot.frames(60)
    assert screen.elapsed == elapsed and screen.events == []
    assert screen.ids.demo.source == "" and not screen.ids.demo.ids.video.loaded
    assert [t for t in threading.enumerate() if t.name == "Next frame"] == []
    assert screen.phase == "idle" and screen.awaiting_patient is True


def test_my_pain_is_worse_shows_the_next_screen_before_the_video_is_unloaded(open_screen, pilot, tmp_path,
                                                                           monkeypatch):
    """Unloading a video waits for its decoder's thread to end: that comes in the frame after the touch,
    so the frame of the touch only stops the picture and ends the set."""
    write_video(tmp_path / "bridge.mp4")
    screen = open_screen()
    screen.show(planned(video="bridge.mp4"))
    pilot.frames(3)
    video, unloads = screen.ids.demo.ids.video, []
    original = video.unload
    monkeypatch.setattr(video, "unload", lambda: unloads.append(screen.events[:]) or original())
    Clock.schedule_once(lambda dt: touch.tap(screen.ids.pain_worse))  # inside a frame, as a finger's
    pilot.frames(1)
    assert screen.events == [True] and unloads == [] and not screen.ids.demo.playing
    pilot.frames(1)
    assert unloads and screen.ids.demo.source == "" and not video.loaded  # (Kivy unloads once more itself)
    assert [t for t in threading.enumerate() if t.name == "Next frame"] == []


def test_a_session_reset_while_paused_unloads_the_video_of_the_removed_screen(open_screen, pilot, tmp_path):
    write_video(tmp_path / "bridge.mp4")
    screen = open_screen()
    screen.show(planned(video="bridge.mp4"))
    pilot.frames(3)
    pilot.tap(screen.ids.pause)
    screen.manager.clear_widgets()  # what the controller's reset does before building new screens
    pilot.frames(2)
    assert screen.ids.demo.source == "" and screen.phase == "idle" and screen.events == []
    assert [t for t in threading.enumerate() if t.name == "Next frame"] == []


def inside_window(widget) -> bool:
    left, bottom = widget.to_window(widget.x, widget.y)
    return left >= 0 and bottom >= 0 and left + widget.width <= Window.width and bottom + widget.height <= Window.height


def apart(a, b, gap) -> bool:
    (ax, ay), (bx, by) = a.to_window(a.x, a.y), b.to_window(b.x, b.y)
    return (ax + a.width + gap <= bx or bx + b.width + gap <= ax
            or ay + a.height + gap <= by or by + b.height + gap <= ay)


def fits(label) -> bool:
    """Would the label's whole text fit in it (a label cuts off lines that don't)?"""
    needed = CoreLabel(text=label.text, font_size=label.font_size, text_size=(label.width, None))
    needed.refresh()
    return needed.texture.height <= label.height


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1080, 1920)], ids=lambda s: "x".join(map(str, s)))
def test_everything_fits_the_window_with_big_buttons_well_apart(size, open_screen, pilot):
    screen = open_screen(size=size, speed=1)
    screen.show(planned(rest=60, set_number=2, safety="Stop if pain spreads down your leg."))
    pilot.frames(4)
    ids = screen.ids
    buttons = [ids[name] for name in BUTTONS]
    for button in buttons:
        assert inside_window(button), button.text
        assert button.height >= dp(48) and button.opacity == 1, button.text
    for i, a in enumerate(buttons):
        for b in buttons[i + 1:]:
            assert apart(a, b, dp(16)), (a.text, b.text)
    for name in ("name", "set_of", "demo", "instructions", "safety", "headline", "countdown", "detail"):
        assert inside_window(ids[name]), name
    assert min(ids.instructions.font_size, ids.safety.font_size, ids.detail.font_size) >= sp(24)
    ids.demo.showing_placeholder = False  # as with a video: the instructions beside it, and they fit
    pilot.frames(2)
    assert ids.instructions.text == INSTRUCTIONS and fits(ids.instructions)
    if size[0] > size[1]:
        assert ids.demo.right <= ids.now.x  # video beside the words
    else:
        assert ids.demo.y >= ids.now.top  # video above the words


def test_a_screenshot_of_the_screen_is_not_blank(open_screen, pilot, tmp_path, monkeypatch):
    monkeypatch.setattr(Window, "clearcolor", theme.BACKGROUND)  # the shell's background
    screen = open_screen()  # the harness's own window size: the headless drawable keeps its first size
    screen.show(planned(kind="hold", reps=2, hold=30, safety="Stop if pain spreads down your leg."))
    pilot.frames(8)
    monkeypatch.chdir(tmp_path)
    Window.dispatch("on_draw")  # read what was just drawn, not a back buffer left from an earlier frame
    image = CoreImage(Window.screenshot(name="exercise.png"), keep_data=True)
    width, height = image.size
    colours = {tuple(round(c, 1) for c in image.read_pixel(x, y)[:3])
               for x in range(0, width, width // 60) for y in range(0, height, height // 60)}
    stop_red = tuple(round(c, 1) for c in theme.STOP[:3])
    assert len(colours) >= 5 and stop_red in colours


def test_the_instructions_hang_from_the_top_in_a_texture_only_as_tall_as_their_text(open_screen, pilot):
    screen = open_screen()
    screen.show(planned())
    screen.ids.demo.showing_placeholder = False  # as with a video: the instructions beside it
    pilot.frames(3)
    instructions = screen.ids.instructions
    width, height = instructions.texture_size
    needed = CoreLabel(text=INSTRUCTIONS, font_size=instructions.font_size, text_size=(instructions.width, None))
    needed.refresh()
    assert (width, height) == tuple(needed.texture.size)  # the text's own height, not the column's
    assert height < instructions.height / 2  # a few lines in a tall column: most of it was transparent
    drawn = instructions.drawn
    assert drawn.texture is instructions.texture and tuple(drawn.size) == (width, height)
    assert drawn.pos[1] + height == int(instructions.top) and drawn.pos[0] == int(instructions.x)


def test_instructions_a_little_too_long_shrink_to_fit_and_never_below_24_sp(open_screen, pilot):
    screen = open_screen()
    screen.show(planned())
    instructions = screen.ids.instructions
    pilot.frames(3)
    assert instructions.font_size == theme.TEXT and not instructions.scrolls  # short: the full size
    for copies in range(2, 6):  # longer and longer, until it no longer fits at the full size
        screen.instructions = " ".join([INSTRUCTIONS] * copies)
        pilot.frames(3)
        if instructions.font_size < theme.TEXT:
            break
    assert sp(24) <= instructions.font_size < theme.TEXT and not instructions.scrolls, copies
    assert instructions.texture_size[1] <= instructions.height and fits(instructions)
    assert tuple(instructions.drawn.size) == tuple(instructions.texture_size)  # every line drawn


def test_instructions_too_long_even_at_24_sp_scroll_with_a_visible_arrow_to_their_last_line(open_screen, pilot):
    screen = open_screen()
    screen.show(planned())
    screen.instructions = " ".join([INSTRUCTIONS] * 6) + " The last words."
    pilot.frames(3)
    instructions = screen.ids.instructions
    assert instructions.font_size == sp(24) and instructions.scrolls and instructions.more_below
    assert instructions.texture_size[1] > instructions.height
    drawn = instructions.drawn
    assert drawn.pos[1] + drawn.size[1] == int(instructions.top)  # hung from the top, cut at the bottom edge
    assert drawn.size[1] <= instructions.height
    for _ in range(20):  # a touch on the text turns a page, until the end
        if not instructions.more_below:
            break
        pilot.tap_at(instructions.center_x, instructions.y + dp(10))
    pilot.frames(2)
    assert not instructions.more_below and any(instructions.cues[1].points)  # at the end: the up arrow
    height = instructions.texture_size[1]
    assert instructions.offset + drawn.size[1] >= height - 1  # the last line is on screen
