"""Text that changes during a set, on the real window: the right words at every tick, drawn as a Label
would draw them, and never rendered over a texture that is on screen (that stalls the video).

With `speed` 60 one pilot frame (1/60 s of virtual time) is one kiosk second.
"""

import pytest
from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, Rectangle
from kivy.metrics import sp
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.label import Label
from kivy.uix.screenmanager import ScreenManager
from pilot import ScreenHost
from uptimes import UPTIMES

from kiosk.app import shell  # noqa: F401  (loads the shell's kv rules: KioskButton)
from kiosk.app import theme
from kiosk.app.ink import trimmed
from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.clinical.plan import PlannedSet
from kiosk.clinical.program import Exercise, ExerciseKind, Role
from kiosk.exercise_session import words
from kiosk.exercise_session.screens.exercise import ExerciseScreen
from kiosk.exercise_session.screens.recheck_rest import TICK, RecheckRestScreen
from kiosk.exercise_session.timing import count_text
from kiosk.exercise_session.widgets.steady_text import GlyphText, SteadyLabel, glyph

ONE_SECOND_A_FRAME = 60


def hold_set(hold=65, reps=2) -> PlannedSet:
    exercise = Exercise("prone", "Lying face down", "Lie on your front and relax.", ExerciseKind.HOLD,
                        reps=reps, hold=hold, sets=1)
    return PlannedSet(0, Role.SPINAL, exercise, 1)


@pytest.fixture
def screen(pilot, tmp_path):
    shown = ExerciseScreen(name="exercise", assets=tmp_path)
    shown.speed = ONE_SECOND_A_FRAME
    pilot.start(ScreenHost(shown))
    yield shown
    shown.ids.demo.stop()
    words.say.language = "en"


def rectangles(widget: GlyphText) -> list[Rectangle]:
    return [instruction for instruction in widget.canvas.children if isinstance(instruction, Rectangle)]


def composed(widget: GlyphText) -> str:
    """The text as placed on the canvas: each Rectangle's glyph, left to right, touching the next."""
    placed = rectangles(widget)
    by_texture = {id(texture): character for character, texture in widget.glyphs}
    for left, right in zip(placed, placed[1:]):
        assert left.pos[0] + left.size[0] == right.pos[0] and left.pos[1] == right.pos[1]
    return "".join(by_texture[id(rectangle.texture)] for rectangle in placed)


def countdown_(seconds: int) -> list[str]:
    return [count_text(second) for second in range(seconds, 0, -1)]


@pytest.mark.parametrize("clock_origin", UPTIMES, indirect=True)
def test_the_countdown_shows_every_second_composed_from_glyphs_rendered_once(clock_origin, screen, pilot):
    """Each frame is a kiosk second: every frame shows the next second, from the first to the last, once
    each, with no "0" before the end, however long the machine has been up."""
    screen.show(hold_set(hold=65))
    seen = [(screen.phase, screen.big_text)]  # as the set starts: the next frame is a second on
    pilot.frames(1)
    countdown = screen.ids.countdown
    glyphs_before = len(glyph.__globals__["_glyphs"])
    while screen.phase != "idle":
        expected = count_text(screen._timeline.at(screen.elapsed).remaining)
        assert countdown.text == screen.big_text == expected
        assert composed(countdown) == expected
        left = rectangles(countdown)[0].pos[0]
        assert left == int(countdown.center_x - countdown.texture_size[0] / 2)  # centred, as a Label
        seen.append((screen.phase, expected))
        pilot.frames(1)
    assert seen == [("get_ready", second) for second in countdown_(5)] + [
        ("hold", second) for second in countdown_(65)] + [("relax", second) for second in countdown_(3)] + [
        ("hold", second) for second in countdown_(65)]
    assert len(glyph.__globals__["_glyphs"]) == glyphs_before  # every glyph was ready before the set


def test_composed_digits_look_as_a_label_draws_them_in_each_colour(screen, pilot):
    root = FloatLayout()
    screen.add_widget(root)
    for text, size, colour in [("1:05", theme.HUGE, theme.PRIMARY), ("47", theme.HUGE, theme.MUTED_INK),
                               ("9", sp(40), theme.INK)]:
        options = dict(text=text, font_size=size, bold=True, color=colour, size_hint=(None, None),
                       size=(400, 200), pos=(100, 100))
        root.clear_widgets()
        ours, label = GlyphText(**options), Label(**options)
        root.add_widget(ours)
        pilot.frames(2)
        ours_pixels = ours.export_as_image().texture.pixels
        root.clear_widgets()
        root.add_widget(label)
        pilot.frames(2)
        assert ours.texture_size == label.texture_size
        theirs = label.export_as_image().texture.pixels
        # The same pixels, where they are; a tint of white and a colour rendered in may round apart by 1.
        assert len(ours_pixels) == len(theirs) and any(theirs[3::4]), text
        assert max(abs(a - b) for a, b in zip(ours_pixels, theirs)) <= 1, text


def test_a_new_font_size_renders_the_glyphs_at_that_size(screen, pilot):
    screen.show(hold_set())
    pilot.frames(3)
    countdown = screen.ids.countdown
    text, height = countdown.text, countdown.texture_size[1]
    countdown.font_size = sp(140)
    pilot.frames(1)
    assert countdown.text == composed(countdown) == screen.big_text
    bigger = CoreLabel(text=countdown.text, font_size=sp(140), bold=True)
    bigger.refresh()
    assert countdown.texture_size == list(bigger.texture.size) and countdown.texture_size[1] > height
    assert all(texture.height == bigger.texture.height for _, texture in countdown.glyphs), text


def test_a_spanish_set_shows_spanish_words_and_the_same_figures(screen, pilot):
    words.say.language = "es"
    screen.show(hold_set(hold=30))
    pilot.frames(1)
    while screen.phase != "hold":
        pilot.frames(1)
    pilot.frames(2)
    ids = screen.ids
    assert ids.headline.text == words.say.HOLD_OF.format(rep=1, reps=2) != "Hold 1 of 2"
    spanish = CoreLabel(text=ids.headline.text, font_size=theme.TITLE, bold=True, color=theme.INK,
                        text_size=(ids.headline.width, None), halign="center")
    spanish.refresh()
    # What is drawn is that text, as a Label renders it, of which the columns its centred lines use.
    assert ids.headline.texture.pixels == trimmed(spanish).pixels
    assert ids.countdown.text == composed(ids.countdown) == screen.big_text and screen.big_text in ("27", "28")


def test_a_changed_text_goes_into_a_new_texture_and_leaves_the_one_on_screen_alone(screen, pilot):
    label = SteadyLabel(text="Hold 1 of 10", font_size=theme.TITLE, bold=True, color=theme.INK)
    screen.add_widget(label)
    pilot.frames(2)
    first = label.texture
    pixels = first.pixels
    label.text = "Hold 2 of 10"
    pilot.frames(2)
    assert label.texture is not first and first.pixels == pixels
    label.text = "Hold 1 of 10"  # a text seen lately is only swapped back in
    pilot.frames(2)
    assert label.texture is first


def test_each_headline_is_rendered_before_the_frame_that_shows_it(screen, pilot):
    screen.show(hold_set(hold=3, reps=3))  # get ready, hold 1, relax, hold 2, relax, hold 3
    pilot.frames(2)
    headline, shown = screen.ids.headline, []
    while screen.phase != "idle":
        ready = {key: kept[0] for key, kept in headline._kept.items()}
        before = headline.text
        pilot.frames(1)
        if screen.phase != "idle" and headline.text != before:
            shown.append(headline.text)
            assert headline.texture is ready.get(headline._key(headline.text)), headline.text
    assert shown == ["Hold 1 of 3", "Relax", "Hold 2 of 3", "Relax", "Hold 3 of 3"]


def instructions_drawn(group) -> list[str]:
    return [type(instruction).__name__ for instruction in getattr(group, "children", ())] + [
        name for instruction in getattr(group, "children", ()) for name in instructions_drawn(instruction)]


def test_the_whole_kiosk_draws_its_frames_without_a_stencil(pilot, tmp_path):
    """Kivy's ScreenManager clips with a stencil, which makes every pixel of every frame dearer (llvmpipe);
    the kiosk never slides a screen in, so none of its managers (shell, session, check-in pages) has one."""
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path / "data",
                                            extra={"programs": ["knee_from_spine"]})))
    controller = app.plugins[0].controller
    # every session screen built ahead first: a screen half built has nothing drawn to look at
    pilot.wait_until(lambda: not controller.preparer.busy, "the session's screens to be built", 600)
    managers = [widget for widget in app.root.walk() if isinstance(widget, ScreenManager)]
    assert len(managers) == 2 and controller.manager in managers  # the shell's, the session's
    assert isinstance(controller.screens["check_in"].ids.pages, ScreenManager)  # and the check-in's pages
    for shown in [app.root, *controller.screens.values()]:
        drawn = instructions_drawn(shown.canvas)
        assert "Rectangle" in drawn and not [name for name in drawn if name.startswith("Stencil")], shown


def test_the_rest_before_a_recheck_counts_down_composed_from_glyphs(pilot):
    rest = RecheckRestScreen(name="recheck_rest")
    rest.speed = 60 / TICK  # each tick of the rest's timer is a kiosk minute
    pilot.start(ScreenHost(rest))
    rest.show(300)
    seen = []
    while rest.seconds_left > 0:
        pilot.frames(1)
        countdown = rest.ids.countdown
        assert isinstance(countdown, GlyphText) and countdown.text == composed(countdown)
        seen.append(countdown.text)
    assert list(dict.fromkeys(seen)) == ["5:00", "4:00", "3:00", "2:00", "1:00", "0:00"]


def test_paused_the_countdown_turns_to_the_paused_colour_without_a_render(screen, pilot):
    screen.show(hold_set(hold=30))
    pilot.frames(3)
    countdown = screen.ids.countdown
    tint = next(instruction for instruction in countdown.canvas.children if isinstance(instruction, Color))
    assert list(tint.rgba) == pytest.approx(theme.PRIMARY)
    glyphs = list(countdown.glyphs)
    screen.pause()
    pilot.frames(2)
    assert list(tint.rgba) == pytest.approx(theme.MUTED_INK) and countdown.glyphs == glyphs
    assert screen.ids.detail.text == words.say.PAUSED and screen.ids.pause.text == words.say.CARRY_ON
    screen.resume()
    pilot.frames(1)
    assert list(tint.rgba) == pytest.approx(theme.PRIMARY)


def test_the_same_text_in_a_new_size_or_colour_is_rendered_anew_not_swapped_in(screen, pilot):
    """A kept texture is the text as rendered with the label's options: another size or colour of the same
    words (a headline on a resized window, a line turning to the paused colour) is drawn as it now is."""
    label = SteadyLabel(text="Hold 1 of 10", font_size=theme.TITLE, bold=True, color=theme.INK)
    screen.add_widget(label)
    pilot.frames(2)
    for change in ({"font_size": theme.TITLE * 1.5}, {"color": (0.8, 0.1, 0.1, 1)}, {"bold": False}):
        for name, value in change.items():
            setattr(label, name, value)
        pilot.frames(2)
        expected = CoreLabel(text=label.text, font_size=label.font_size, bold=label.bold, color=label.color)
        expected.refresh()
        assert label.texture.pixels == trimmed(expected).pixels, change
