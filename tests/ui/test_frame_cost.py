"""What a patient screen asks the renderer for on every frame, drawn for real.

Without a graphics card (Mesa's llvmpipe draws on the CPU) every pixel a texture
covers costs, see-through or not, and so do lines. So: centred words are drawn
over their own width (the same picture as a Label's), the speaker icon and the
body map are pictures drawn once (the same pixels as their shapes), and hidden
buttons draw no words.
"""

from __future__ import annotations

from kivy.core.image import Image as CoreImage
from kivy.core.window import Window
from kivy.factory import Factory
from kivy.graphics import Rectangle
from kivy.graphics.opengl import GL_SAMPLE_BUFFERS, GL_SAMPLES, glGetIntegerv
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget
from pilot import ScreenHost
from test_preparing import prepared, start

from kiosk.app import common  # noqa: F401  (KioskButton)
from kiosk.app.ink import InkLabel
from kiosk.exercise_session.widgets.speaker import SpeakerIcon, draw_speaker

QUESTION = "Have you lost control of your bladder or bowels,\nor felt numb between your legs?"
INK = (0.1, 0.1, 0.1, 1)


def screenshot(pilot, tmp_path, monkeypatch, screen, page=(1, 1, 1, 1)):
    """The window's picture with `screen` shown on a page of that colour."""
    monkeypatch.setattr(Window, "clearcolor", page)
    pilot.start(ScreenHost(screen))
    pilot.frames(4)
    monkeypatch.chdir(tmp_path)
    Window.dispatch("on_draw")  # read what was just drawn
    return CoreImage(Window.screenshot(name="frame.png"), keep_data=True)


def unmatched_pixels(image, left: Widget, right: Widget) -> int:
    """Light pixels of one widget's area with no light pixel at or next to the same place in the other's
    (both ways): edge pixels that rasterize apart are forgiven, a shape moved or missing is not. Asserts
    there is something light to compare."""
    top = Window.height - int(left.top)  # read_pixel counts rows from the top of the picture

    def light(widget) -> set[tuple[int, int]]:
        return {(x, y) for x in range(int(widget.width)) for y in range(int(widget.height))
                if image.read_pixel(int(widget.x) + x, top + y)[0] > 0.8}

    ours, theirs = light(left), light(right)
    assert len(ours) > 100  # there is something to compare

    def near(point, other) -> bool:
        return any((point[0] + dx, point[1] + dy) in other for dx in (-1, 0, 1) for dy in (-1, 0, 1))

    return sum(not near(p, theirs) for p in ours) + sum(not near(p, ours) for p in theirs)


def test_centred_words_are_drawn_over_their_own_width_where_a_label_draws_them(pilot, tmp_path, monkeypatch):
    screen = Screen(name="words")
    column = BoxLayout(orientation="vertical")
    options = dict(text=QUESTION, font_size=30, color=INK, halign="center")
    label, ours = Label(**options), InkLabel(**options)
    for widget in (label, ours):
        widget.bind(width=lambda widget, width: setattr(widget, "text_size", (width, None)))
        column.add_widget(widget)
    screen.add_widget(column)
    image = screenshot(pilot, tmp_path, monkeypatch, screen)
    widest = max(line.w for line in ours._label._cached_lines)
    assert label.texture_size[0] == int(label.width)  # a Label's texture spans its whole box
    assert widest <= ours.texture_size[0] <= widest + 4 < label.width * 0.8  # ours: only its lines
    assert ours.texture_size[1] == label.texture_size[1]
    # The same picture: the lower half shows the upper half's words, at the same places.
    top = Window.height - int(label.top)
    other = Window.height - int(ours.top)
    differ = inked = 0
    for x in range(0, Window.width, 2):
        for y in range(0, int(label.height), 2):
            a, b = image.read_pixel(x, top + y)[0] < 0.5, image.read_pixel(x, other + y)[0] < 0.5
            inked += a
            differ += a != b
    assert inked > 300 and differ == 0


def test_a_kiosk_buttons_word_is_drawn_over_its_own_width():
    button = Factory.KioskButton(text="No", size=(560, 120))
    button.texture_update()
    assert button.texture_size[0] < 100 and button.texture_size[1] > 20  # "No", not a 544 px box


class Shapes(Widget):
    """The loudspeaker's shapes drawn straight on the canvas, at whole pixels: what the picture stands for."""

    def __init__(self, speaking: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.speaking = speaking
        self.bind(pos=self._draw, size=self._draw)

    def _draw(self, *_) -> None:
        from kivy.graphics import PopMatrix, PushMatrix, Translate

        self.canvas.clear()
        with self.canvas:
            PushMatrix()
            Translate(int(self.x), int(self.y))
            draw_speaker(self.speaking, int(self.height))
            PopMatrix()


def test_the_speaker_icon_is_its_shapes_drawn_once_into_a_picture(pilot, tmp_path, monkeypatch):
    screen = Screen(name="speaker")
    row = BoxLayout(spacing=40, padding=40)
    size = dict(size_hint=(None, None), size=(48, 64))  # as on the speaker button (dp is 1 here)
    icons = [SpeakerIcon(speaking=True, **size), Shapes(True, **size), SpeakerIcon(speaking=False, **size),
             Shapes(False, **size)]
    for icon in icons:
        row.add_widget(icon)
    screen.add_widget(row)
    image = screenshot(pilot, tmp_path, monkeypatch, screen, page=(0.09, 0.36, 0.60, 1))  # the button's blue
    for picture, shapes in (icons[:2], icons[2:]):
        assert [type(i).__name__ for i in picture.canvas.children if type(i).__name__ in ("Line", "Mesh")] == []
        assert unmatched_pixels(image, picture, shapes) == 0
    on, off = icons[0], icons[2]
    assert unmatched_pixels(image, on, off) > 50  # waves, or a cross
    # A point of the outer wave, up and right of the cone, clear of where the cross is drawn.
    wave_x, wave_row = 39, Window.height - int(on.center_y) - 8
    assert image.read_pixel(int(on.x) + wave_x, wave_row)[0] > 0.8
    assert image.read_pixel(int(off.x) + wave_x, wave_row)[0] < 0.8


def drawn_instructions(canvas) -> list:
    found = [canvas]
    for child in getattr(canvas, "children", None) or []:
        found.extend(drawn_instructions(child))
    return found


def effectively_hidden(widget) -> bool:
    while widget is not None and widget is not Window:
        if widget.opacity == 0:
            return True
        widget = widget.parent
    return False


def frame_problems(where: str) -> list[str]:
    """Lines or meshes drawn on every frame, and words drawn where nothing is seen, in the window now."""
    problems = [f"{where}: a {type(i).__name__} redrawn every frame" for i in drawn_instructions(Window.canvas)
                if type(i).__name__ in ("Line", "Mesh", "SmoothLine")]
    for root in Window.children:
        for widget in root.walk():
            if isinstance(widget, Label) and widget.text and effectively_hidden(widget):
                problems.append(f"{where}: hidden words drawn: {widget.text!r}")
    return problems


def test_the_journeys_screens_redraw_no_outline_and_no_hidden_words(pilot, tmp_path):
    controller = start(pilot, tmp_path)
    prepared(pilot, controller)
    problems = frame_problems("attract")
    pilot.tap(controller.screens["attract"].ids.choices.children[0])
    prepared(pilot, controller)
    problems += frame_problems("safety")
    for _ in range(9):
        pilot.tap(controller.screens["safety"].ids.no)
        prepared(pilot, controller)
    check_in = controller.screens["check_in"]
    pilot.tap_at(*check_in.ids.body_map.region_window_point("knee_right"))
    assert check_in.ids.body_map.pain == ["knee_right"]
    problems += frame_problems("check-in, where")
    pictures = [i for i in drawn_instructions(check_in.ids.body_map.canvas.before) if isinstance(i, Rectangle)]
    assert len(pictures) == 1 and pictures[0].texture is not None  # the figure, as one picture
    pilot.tap(check_in.ids.next)
    prepared(pilot, controller)
    problems += frame_problems("check-in, how strong")
    pilot.tap(check_in.intensity_button(5))
    prepared(pilot, controller)
    problems += frame_problems("check-in, weakness")
    assert problems == [], "\n".join(problems)


def test_the_kiosks_window_draws_each_pixel_once_not_several_samples_of_it():
    # The window kivy_setup.prepare configured (tests/ui/conftest.py). Kivy's own default gives 4 samples a
    # pixel with llvmpipe: four times the filling on every frame, for the same pictures.
    assert (glGetIntegerv(GL_SAMPLE_BUFFERS)[0], glGetIntegerv(GL_SAMPLES)[0]) == (0, 0)


def test_centred_words_are_not_laid_out_in_a_box_of_no_width_but_are_once_it_has_one():
    label = InkLabel(text="Is my knee pain coming from my back?", font_size=30, halign="center")
    label.text_size = (-12, None)  # a button's box before its layout gave it a width
    label.texture_update()
    assert label.texture is None and list(label.texture_size) == [0, 0]
    label.text_size = (600, None)
    label.texture_update()
    assert label.texture is not None and 0 < label.texture_size[0] <= 600 and label.texture_size[1] < 60


def test_the_collector_held_for_the_start_works_again_from_the_frame_after_the_first(pilot, tmp_path):
    import gc

    from kiosk.app import collector
    from kiosk.app.shell import KioskApp, ShellOptions

    collector.hold()
    try:
        app = KioskApp(ShellOptions(plugins=["exercise_session"], data=tmp_path / "data"))
        flips = []

        def flipped(*_):
            flips.append(gc.isenabled())

        Window.bind(on_flip=flipped)
        pilot.start(app)
        pilot.frames(2)
        assert flips[0] is False and gc.isenabled() and not collector.held()
    finally:
        Window.unbind(on_flip=flipped)
        collector.release()
        gc.enable()
