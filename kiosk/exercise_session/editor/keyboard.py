"""Kivy's own on-screen keyboard (VKeyboard), typing into the editor's text fields.

The kiosk has no physical keyboard. Kivy's `keyboard_mode` setting would give
every text field of the whole kiosk a keyboard docked over the bottom of the
window; the editor instead holds one VKeyboard of its own, below its scrolling
content, so it never covers what is typed and nothing else of the kiosk changes.
Touching a text field shows the keyboard for it; Enter or the cross hides it.
"""

from __future__ import annotations

from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.vkeyboard import VKeyboard

HEIGHT = dp(260)
HIDE_KEYS = ("enter", "escape")


class FieldKeyboard(BoxLayout):
    """A VKeyboard the width of its area, typing into `target` (a TextInput) while shown."""

    def __init__(self, **kwargs) -> None:
        super().__init__(size_hint_y=None, height=0, **kwargs)
        self.target = None
        self.keys = VKeyboard(size_hint=(None, None), do_translation=False, do_rotation=False,
                              do_scale=False)
        self.keys.bind(on_textinput=self._typed, on_key_down=self._key)
        self.bind(size=self._fit, pos=self._fit)

    @property
    def shown(self) -> bool:
        return self.keys.parent is not None

    def watch(self, field) -> None:
        """Show the keyboard for `field` whenever it is touched (gets the focus)."""
        field.bind(focus=lambda _, focused: focused and self.show_for(field))

    def show_for(self, field) -> None:
        self.target = field
        field.do_cursor_movement("cursor_end")
        if not self.shown:
            self.height = HEIGHT
            self.add_widget(self.keys)
        self._fit()

    def hide(self) -> None:
        self.target = None
        if self.shown:
            self.remove_widget(self.keys)
            self.height = 0

    def _fit(self, *_) -> None:
        keys = self.keys
        keys.pos = self.pos
        if self.shown and tuple(keys.size) != tuple(self.size):
            keys.size = self.size
            keys.refresh(True)  # VKeyboard lays its keys out for the size it has when asked, only then

    def _typed(self, _keyboard, text: str) -> None:
        if self.target is not None and text.isprintable():  # the tab key sends "\t": nothing to type
            self.target.insert_text(text)

    def _key(self, _keyboard, keycode, internal, _modifiers) -> None:
        if keycode in HIDE_KEYS:
            self.hide()
        elif self.target is None:
            return
        elif keycode == "backspace":
            self.target.do_backspace()
        elif internal and internal.isprintable():  # windows other than SDL2 send letters as key presses
            self.target.insert_text(internal)

    def key_position(self, character: str) -> tuple[float, float]:
        """Where a finger touches to type `character` (or a special key: "backspace", "capslock", "enter"),
        in window coordinates: for tests and the autopilot."""
        keys = self.keys
        layout = keys.available_layouts[keys.layout]
        for line in range(1, layout["rows"] + 1):
            row = layout[f"{keys.layout_mode}_{line}"]
            for (shown, internal, special, _width), (pos, size) in zip(row, keys.layout_geometry[f"LINE_{line}"]):
                if character in (internal, special):
                    return keys.to_window(pos[0] + size[0] / 2, pos[1] + size[1] / 2)
        raise KeyError(f"no key types {character!r} in the {keys.layout} layout ({keys.layout_mode})")
