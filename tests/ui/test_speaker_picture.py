"""The speaker button's picture is kept between starts: a start shows the kept one instead of drawing it.

Drawn for real into a framebuffer the first time, read back and kept in the
cache folder; the next start (a fresh picture memory here) makes its texture
from the file: the same pixels, and no drawing. A file from another drawing,
size or density, or one cut short, is never shown: the picture is drawn again.
"""

from __future__ import annotations

from kivy.uix.boxlayout import BoxLayout
from kivy.uix.screenmanager import Screen
from pilot import ScreenHost

from kiosk.exercise_session.widgets import speaker
from kiosk.exercise_session.widgets.speaker import SpeakerIcon


def show_icon(pilot, speaking: bool = True) -> SpeakerIcon:
    """A speaker icon as on the button (48 x 64: dp is 1 here), on screen for a few frames."""
    screen = Screen(name="speaker")
    box = BoxLayout(padding=40)
    icon = SpeakerIcon(speaking=speaking, size_hint=(None, None), size=(48, 64))
    box.add_widget(icon)
    screen.add_widget(box)
    pilot.start(ScreenHost(screen))
    pilot.frames(4)
    return icon


def new_start(monkeypatch, folder) -> None:
    """What a new kiosk process starts with: no picture in memory, kept ones in `folder`."""
    monkeypatch.setattr(speaker, "_pictures", {})
    monkeypatch.setattr(speaker, "_kept_in", None)
    speaker.keep_pictures_in(folder)


def test_a_picture_drawn_at_one_start_is_read_back_at_the_next_without_drawing(pilot, tmp_path, monkeypatch):
    new_start(monkeypatch, tmp_path)
    drawn = speaker.drawn
    first = show_icon(pilot)
    assert speaker.drawn == drawn + 1
    kept = tmp_path / "speaker-on-48x64.rgba"
    assert kept.is_file() and kept.stat().st_mode & 0o777 == 0o600
    picture = first._shown.texture.pixels

    new_start(monkeypatch, tmp_path)
    second = show_icon(pilot)
    assert speaker.drawn == drawn + 1  # read, not drawn
    assert second._shown.texture is not first._shown.texture
    assert second._shown.texture.pixels == picture
    assert picture.count(b"\x00\x00\x00\x00") < 48 * 64  # something was drawn: not all see-through


def test_a_kept_picture_of_another_drawing_or_cut_short_is_drawn_again(pilot, tmp_path, monkeypatch):
    new_start(monkeypatch, tmp_path)
    first = show_icon(pilot, speaking=False)
    kept = tmp_path / "speaker-off-48x64.rgba"
    good = kept.read_bytes()
    picture = first._shown.texture.pixels
    for bad in (good.replace(speaker._drawing().encode(), b"0" * 64),  # drawn by another version
                good.replace(b" 48x64", b" 48x65"),  # the stamp of another size
                good[:-4]):  # a partial file
        kept.write_bytes(bad)
        new_start(monkeypatch, tmp_path)
        drawn = speaker.drawn
        again = show_icon(pilot, speaking=False)
        assert speaker.drawn == drawn + 1
        assert again._shown.texture.pixels == picture
        assert kept.read_bytes() == good  # kept anew


def test_without_a_cache_folder_the_picture_is_drawn_and_nothing_is_written(pilot, tmp_path, monkeypatch):
    new_start(monkeypatch, None)
    monkeypatch.chdir(tmp_path)
    drawn = speaker.drawn
    show_icon(pilot)
    assert speaker.drawn == drawn + 1
    assert list(tmp_path.iterdir()) == []
