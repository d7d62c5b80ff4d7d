"""TextAtTop, drawn for real: the same pixels as a top-aligned Label filling its widget, from a texture the
size of the text; of text too long for the widget, the whole lines that fit."""

from kivy.core.image import Image as CoreImage
from kivy.core.window import Window
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.uix.screenmanager import Screen
from pilot import ScreenHost

from kiosk.exercise_session.widgets.text_at_top import TextAtTop

WORDS = ("Lie on your front on the mat. Put your hands under your shoulders. Push up slowly, "
         "keep your hips on the mat, then lower yourself again.")
INK = (0.1, 0.1, 0.1, 1)


def side_by_side(pilot, tmp_path, monkeypatch, text: str):
    """A top-aligned Label (whole-widget texture) on the left, a TextAtTop on the right, on a white page."""
    monkeypatch.setattr(Window, "clearcolor", (1, 1, 1, 1))
    screen = Screen(name="words")
    row = BoxLayout()
    label = Label(text=text, font_size=28, color=INK, valign="top")
    label.bind(size=lambda widget, size: setattr(widget, "text_size", size))
    ours = TextAtTop(text=text, font_size=28, color=INK)
    row.add_widget(label)
    row.add_widget(ours)
    screen.add_widget(row)
    pilot.start(ScreenHost(screen))
    pilot.frames(4)
    monkeypatch.chdir(tmp_path)
    Window.dispatch("on_draw")  # read what was just drawn
    return label, ours, CoreImage(Window.screenshot(name="words.png"), keep_data=True)


def dark(image, x: int, y: int) -> bool:
    return image.read_pixel(x, y)[0] < 0.5


def same_picture(image, label, ours, rows: int) -> None:
    """The left column and the right one show the same dark pixels in their top `rows` rows."""
    differ = inked = 0
    for x in range(0, int(label.width), 3):
        for y in range(0, rows, 3):  # read_pixel counts rows from the top of the picture
            left, right = dark(image, x, y), dark(image, int(ours.x) + x, y)
            inked += left
            differ += left != right
    assert inked > 200  # there is text to compare
    assert differ <= inked // 50  # the same picture, but for edge pixels rounded apart


def test_the_text_is_drawn_where_a_top_aligned_label_draws_it(pilot, tmp_path, monkeypatch):
    label, ours, image = side_by_side(pilot, tmp_path, monkeypatch, WORDS)
    assert ours.texture_size[1] < ours.height / 3  # a few lines: the texture is theirs, not the widget's
    assert tuple(label.texture_size) == tuple(map(int, label.size))  # the Label's covers its whole widget
    same_picture(image, label, ours, image.size[1])


def test_of_text_taller_than_the_widget_the_whole_lines_that_fit_are_drawn(pilot, tmp_path, monkeypatch):
    label, ours, image = side_by_side(pilot, tmp_path, monkeypatch, " ".join([WORDS] * 12))
    assert ours.texture_size[1] > ours.height
    drawn = ours.drawn
    assert drawn.pos[1] + drawn.size[1] == int(ours.top) and int(ours.y) <= drawn.pos[1] < int(ours.y) + 60
    same_picture(image, label, ours, image.size[1])  # the lines that fit whole, where the Label draws them
    lowest = [max(y for y in range(image.size[1]) for x in range(0, int(label.width), 2) if dark(image, left + x, y))
              for left in (0, int(ours.x))]
    assert abs(lowest[0] - lowest[1]) <= 2  # no part of a line that did not fit (rows count from the top)
