"""A keyboard for fingers, for every text field on the staff side.

The kiosk has no physical keyboard. One `FieldKeyboard` sits at the bottom of a
staff view (the staff screen, the program editor), below what scrolls, so it
never covers what is typed: `watch(field, kind)` shows it whenever that field is
touched, with letters (`kind="text"`) or a number pad (`kind="digits"`, for codes).
Its keys are at least `KEY_HEIGHT` tall and wide; Shift gives one capital and
Caps lock every capital until touched again, both lit and named "on" while they
hold; Clear empties the field and then offers to put the text back; Done hides
the keyboard and validates the field (as Enter would).

Touches on the keyboard do not take the focus from the field, so its cursor
stays where the letters go.
"""

from __future__ import annotations

from pathlib import Path

from kivy.clock import Clock
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty, OptionProperty
from kivy.properties import StringProperty
from kivy.uix.behaviors import FocusBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.button import Button
from kivy.uix.scrollview import ScrollView

KEY_HEIGHT = dp(56)
"""Every key is at least this tall, and at least this wide: well above the 48 dp a finger needs."""
GAP = dp(6)

# Rows of (key, width in units); a key is a character to type or one of SPECIAL's names.
LETTERS = (
    tuple((c, 1) for c in "1234567890-") + (("backspace", 2),),
    tuple((c, 1) for c in "qwertyuiop()/"),
    (("capslock", 2),) + tuple((c, 1) for c in "asdfghjkl'&"),
    (("shift", 2),) + tuple((c, 1) for c in "zxcvbnm,.?:"),
    (("digits", 2), ("clear", 2), ("space", 6), ("enter", 3)),
)
DIGITS = (
    (("1", 2), ("2", 2), ("3", 2), ("backspace", 3)),
    (("4", 2), ("5", 2), ("6", 2), ("clear", 3)),
    (("7", 2), ("8", 2), ("9", 2), ("-", 3)),
    (("letters", 2), ("0", 2), (".", 2), ("enter", 3)),
)
PADS = {"letters": LETTERS, "digits": DIGITS}
UNITS = 13
"""The widest row, in units: a unit is the keyboard's width over this (a digit key on the number pad is two)."""

SPECIAL = {"backspace": "Delete", "capslock": "Caps lock", "shift": "Shift", "digits": "123",
           "letters": "ABC", "clear": "Clear", "space": "Space", "enter": "Done"}
TOGGLES = ("shift", "capslock")


class KeyboardKey(Button):
    """One key: `name` is the character it types, or a special key's name ("shift", "clear"...)."""

    name = StringProperty("")
    """What the key types or does."""
    units = NumericProperty(1)
    """Its width, in units of the keyboard's widest row."""
    lit = BooleanProperty(False)
    """Shift or Caps lock holding, or Clear offering to put text back: drawn in another colour."""


class KeyboardRow(BoxLayout):
    """One row of keys, as wide as its keys, centred (layout in keyboard.kv)."""


class FieldKeyboard(BoxLayout):
    """The keyboard of one staff view, typing into `target` (a TextInput) while shown.

    Events: `on_done(field)` after Done hid the keyboard."""

    __events__ = ("on_done",)
    target = ObjectProperty(None, allownone=True)
    """The field the keys type into (None while hidden)."""
    pad = OptionProperty("letters", options=list(PADS))
    """Which keys show: "letters", or "digits" (a number pad)."""
    shift = BooleanProperty(False)
    """The next letter is a capital (then Shift lets go)."""
    caps = BooleanProperty(False)
    """Every letter is a capital until Caps lock is touched again."""
    cleared = ListProperty([])
    """What Clear took from the field, while its key offers to put it back (until another key is touched)."""
    unit = NumericProperty(0)
    """The width of one unit: the widest row (UNITS) fills the keyboard (set in keyboard.kv)."""

    def __init__(self, **kwargs) -> None:
        self.keys: dict[str, KeyboardKey] = {}
        self._kinds: dict[int, str] = {}
        kwargs.setdefault("size_hint_y", None)
        super().__init__(**kwargs)
        self.height = 0
        self.bind(shift=self._label, caps=self._label, cleared=self._label)

    @property
    def shown(self) -> bool:
        return self.target is not None

    def watch(self, field, kind: str = "text") -> None:
        """Show the keyboard for `field` whenever it is touched: letters for "text", a number pad for "digits"."""
        if kind not in ("text", "digits"):
            raise ValueError(f'kind must be "text" or "digits", got {kind!r}')
        self._kinds[id(field)] = kind
        field.bind(focus=lambda _, focused: focused and self.show_for(field))

    def show_for(self, field) -> None:
        if field is self.target:
            return
        self.target = field
        self.shift = False
        self.cleared = []
        self.pad = "digits" if self._kinds.get(id(field)) == "digits" else "letters"
        self._build()
        field.do_cursor_movement("cursor_end")
        Clock.schedule_once(lambda _: self._bring_into_view(field), 0)

    def hide(self) -> None:
        field, self.target = self.target, None
        self.clear_widgets()
        self.keys = {}
        self.height = 0
        if field is not None:
            field.focus = False

    def on_done(self, field) -> None:
        """Done was touched on `field`: the keyboard is hidden and the field validated."""

    def on_touch_down(self, touch) -> bool:
        if self.shown and self.collide_point(*touch.pos):
            FocusBehavior.ignored_touch.append(touch)  # the field keeps its focus (and its cursor)
        return super().on_touch_down(touch)

    def _build(self) -> None:
        self.clear_widgets()
        self.keys = {}
        rows = PADS[self.pad]
        self.height = len(rows) * KEY_HEIGHT + (len(rows) + 1) * GAP
        for row in rows:
            line = KeyboardRow()
            for name, units in row:
                key = KeyboardKey(name=name, units=units, width=units * self.unit - GAP)
                key.bind(on_release=lambda k: self.press(k.name))
                self.keys[name] = key
                line.add_widget(key)
            self.add_widget(line)
        self._label()

    def on_unit(self, *_) -> None:
        for key in self.keys.values():
            key.width = key.units * self.unit - GAP

    def press(self, name: str) -> None:
        """What touching the key `name` does (the keys call it on release)."""
        field = self.target
        if field is None:
            return
        if field.get_root_window() is None:  # the field was rebuilt away while the keyboard showed
            self.hide()
            return
        if name != "clear":
            self.cleared = []
        if name in ("digits", "letters"):
            self.pad = name
            self._build()
        elif name in ("shift", "capslock"):
            self.shift, self.caps = (not self.shift, self.caps) if name == "shift" else (False, not self.caps)
        elif name == "enter":
            self.hide()
            field.dispatch("on_text_validate")
            self.dispatch("on_done", field)
        else:
            self._edit(field, name)

    def _edit(self, field, name: str) -> None:
        if name == "backspace":
            field.do_backspace()
        elif name == "clear":
            self._clear(field)
        else:
            field.insert_text(self.typed(name))
            self.shift = False
        field.focus = True

    def _clear(self, field) -> None:
        if self.cleared:
            field.text, self.cleared = self.cleared[0], []
        elif field.text:
            self.cleared = [field.text]
            field.text = ""

    def typed(self, name: str) -> str:
        """The text key `name` types as things stand (a capital under Shift or Caps lock)."""
        if name == "space":
            return " "
        return name.upper() if (self.shift or self.caps) else name

    def _label(self, *_) -> None:
        for name, key in self.keys.items():
            if name in SPECIAL:
                key.text = SPECIAL[name]
            else:
                key.text = self.typed(name)
        for name, holding in (("shift", self.shift), ("capslock", self.caps), ("clear", bool(self.cleared))):
            if name in self.keys:
                self.keys[name].lit = holding
        if "shift" in self.keys and self.shift:
            self.keys["shift"].text = "Shift on"
        if "capslock" in self.keys and self.caps:
            self.keys["capslock"].text = "Caps lock on"
        if "clear" in self.keys and self.cleared:
            self.keys["clear"].text = "Put back"

    def _bring_into_view(self, field) -> None:
        """The field stays visible above the keyboard: the scrolling area it is in (now shorter) shows it."""
        parent = field.parent
        # the window is its own parent: the climb ends there when no scrolling area holds the field
        while parent is not None and parent is not parent.parent and not isinstance(parent, ScrollView):
            parent = parent.parent
        if isinstance(parent, ScrollView) and self.target is field:
            parent.scroll_to(field, padding=dp(16), animate=False)

    def key_position(self, name: str) -> tuple[float, float]:
        """Where a finger touches for the key `name` (a character, or "backspace", "shift", "capslock",
        "clear", "space", "enter", "digits", "letters"), in window coordinates: for tests and the autopilot."""
        key = self.key_for(name)
        return key.to_window(*key.center)

    def key_for(self, name: str) -> KeyboardKey:
        """The key that types `name` (a capital by its small letter's key, " " by the space bar) or does it."""
        name = "space" if name == " " else name
        found = self.keys.get(name) or self.keys.get(name.lower())
        if found is None:
            raise KeyError(f"no key for {name!r} on the {self.pad} keys")
        return found


_KV = str(Path(__file__).with_suffix(".kv"))
if _KV not in Builder.files:  # after the classes and figures above: the rules read them
    Builder.load_file(_KV)
