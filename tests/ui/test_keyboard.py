"""The staff side's on-screen keyboard, by touch on the real window: key sizes at three screen sizes, Shift,
Caps lock, Clear (and putting the text back), digits for codes, and Done saving a reference code."""

import pytest
from editor_touch import section_of, start_staff, tap_in_editor, tap_in_staff
from recorded import record_script
from test_staff import panel_of

from kivy.core.window import Window
from kivy.metrics import dp

from kiosk.app.keyboard import FieldKeyboard
from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.content import loader
from kiosk.records.store import Records

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]


def open_editor(pilot, tmp_path, size=(1280, 800)):
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path)), size)
    app.open_staff()
    pilot.frames(3)
    tap_in_staff(pilot, app, section_of(app).widgets["programs:new"])
    pilot.frames(3)
    editor = section_of(app).editor
    tap_in_editor(pilot, editor, "name")
    pilot.frames(2)
    return app, editor


def with_a_session(pilot, tmp_path, size=(1280, 800)):
    records = Records.open(tmp_path).records
    record_script(records, loader.load().programs["knee_from_spine"], "spinal_source_likely", "2026-03-02T18:00:00Z")
    records.close()
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path)), size)
    app.open_staff()
    pilot.frames(3)
    return app, panel_of(app)


def keys_on_window(keyboard: FieldKeyboard):
    """Every key's box in window pixels: (name, x, y, width, height)."""
    for name, key in keyboard.keys.items():
        x, y = key.to_window(key.x, key.y)
        right, top = key.to_window(key.right, key.top)
        yield name, x, y, right - x, top - y


def assert_finger_sized_and_on_screen(keyboard: FieldKeyboard) -> None:
    assert keyboard.shown and keyboard.keys
    for name, x, y, width, height in keys_on_window(keyboard):
        assert width >= dp(48) and height >= dp(48), f"{name}: {width:.0f}x{height:.0f} px at {Window.size}"
        assert 0 <= x and x + width <= Window.width and 0 <= y and y + height <= Window.height, name


@pytest.mark.parametrize("size", SIZES, ids=["1280x800", "1920x1080", "1080x1920"])
def test_every_key_is_finger_sized_on_the_real_window(pilot, tmp_path, size):
    app, editor = open_editor(pilot, tmp_path, size)
    assert tuple(Window.size) == size
    assert_finger_sized_and_on_screen(editor.keyboard)
    pilot.tap_at(*editor.keyboard.key_position("digits"))
    assert editor.keyboard.pad == "digits"
    assert_finger_sized_and_on_screen(editor.keyboard)
    # the field typed into stays in view above the keyboard
    name = editor.ids.name
    assert name.to_window(name.x, name.y)[1] >= editor.keyboard.to_window(0, editor.keyboard.top)[1]


def test_shift_gives_one_capital_caps_lock_every_capital_and_both_show_it(pilot, tmp_path):
    app, editor = open_editor(pilot, tmp_path)
    keyboard, field = editor.keyboard, editor.ids.name
    assert keyboard.key_for("shift").text == "Shift" and keyboard.key_for("a").text == "a"
    pilot.tap_at(*keyboard.key_position("shift"))
    assert keyboard.key_for("shift").text == "Shift on" and keyboard.key_for("shift").lit
    assert field.focus, "touching a key keeps the field's focus (its cursor shows where the letters go)"
    assert keyboard.key_for("a").text == "A"
    for character in "kne":
        pilot.tap_at(*keyboard.key_position(character))
    assert field.text == "Kne" and not keyboard.key_for("shift").lit and keyboard.key_for("a").text == "a"
    pilot.tap_at(*keyboard.key_position("capslock"))
    assert keyboard.key_for("capslock").text == "Caps lock on" and keyboard.key_for("q").text == "Q"
    for character in "es ":
        pilot.tap_at(*keyboard.key_position("space" if character == " " else character))
    pilot.tap_at(*keyboard.key_position("capslock"))
    assert keyboard.key_for("capslock").text == "Caps lock" and not keyboard.key_for("capslock").lit
    pilot.tap_at(*keyboard.key_position("x"))
    assert field.text == "KneES x" and editor.draft.name == "KneES x"


def test_clear_empties_the_field_and_can_put_it_back_until_the_next_key(pilot, tmp_path):
    app, editor = open_editor(pilot, tmp_path)
    keyboard, field = editor.keyboard, editor.ids.name
    field.text = "Copy of the knee program for the Tuesday group"
    pilot.tap_at(*keyboard.key_position("clear"))
    assert field.text == "" and keyboard.key_for("clear").text == "Put back"
    pilot.tap_at(*keyboard.key_position("clear"))
    assert field.text == "Copy of the knee program for the Tuesday group" and keyboard.key_for("clear").text == "Clear"
    pilot.tap_at(*keyboard.key_position("clear"))
    pilot.tap_at(*keyboard.key_position("k"))
    assert field.text == "k" and keyboard.key_for("clear").text == "Clear"  # typing again lets the old text go
    pilot.tap_at(*keyboard.key_position("backspace"))
    assert field.text == ""
    pilot.tap_at(*keyboard.key_position("enter"))
    assert not keyboard.shown and not field.focus


def test_the_reference_field_gets_digits_and_done_saves_the_code(pilot, tmp_path):
    app, panel = with_a_session(pilot, tmp_path)
    [record] = app.records.recent()
    keyboard = app.manager.get_screen("staff").keyboard
    assert not keyboard.shown
    tap_in_staff(pilot, app, panel.widgets[f"reference:{record.id}"])
    assert keyboard.shown and keyboard.pad == "digits"
    assert_finger_sized_and_on_screen(keyboard)
    pilot.tap_at(*keyboard.key_position("letters"))
    pilot.tap_at(*keyboard.key_position("capslock"))
    for character in "PT":
        pilot.tap_at(*keyboard.key_position(character))
    pilot.tap_at(*keyboard.key_position("digits"))
    for character in "-0042":
        pilot.tap_at(*keyboard.key_position(character))
    assert panel.widgets[f"reference:{record.id}"].text == "PT-0042"
    pilot.tap_at(*keyboard.key_position("enter"))
    assert not keyboard.shown
    assert app.records.session(record.id).patient_ref == "PT-0042"
    assert "Reference saved" in panel.reference_message.text


def test_a_field_must_say_which_keys_it_wants():
    with pytest.raises(ValueError, match='kind must be "text" or "digits"'):
        FieldKeyboard().watch(object(), kind="numbers")


def test_a_field_outside_any_scrolling_area_gets_the_keyboard_and_the_kiosk_runs_on(pilot, tmp_path):
    """The climb to a scrolling area ends at the window (its own parent): a field placed straight on the
    window is typed into, and the frames go on (before, the kiosk spun on the window for ever)."""
    from kivy.uix.textinput import TextInput

    pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path)))
    keyboard, field = FieldKeyboard(), TextInput(size_hint=(None, None), size=(dp(300), dp(60)), pos=(0, 0))
    Window.add_widget(field)
    Window.add_widget(keyboard)
    try:
        keyboard.watch(field)
        field.focus = True
        pilot.frames(3)
        assert keyboard.target is field and keyboard.keys
        pilot.tap_at(*keyboard.key_position("a"))
        assert field.text == "a"
    finally:
        Window.remove_widget(keyboard)
        Window.remove_widget(field)
