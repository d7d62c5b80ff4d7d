"""The speech part of the staff screen: whether each session starts speaking, and how loud.

Both are kept in the records' settings, so they outlive a restart; the patient's
speaker button changes only their own session, and the idle reset brings back
the choice made here.
"""

from __future__ import annotations

from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout

from kiosk.app import theme

from .speaking import SPEECH_DEFAULT, SPEECH_VOLUME

VOLUME_STEP = 0.1


def add_speech_section(panel, box) -> None:
    """Add the heading, the default toggle and the volume buttons to `box`, the staff panel's part."""
    voice = getattr(panel.plugin, "voice", None)
    if voice is None:
        return
    box.add_widget(Factory.StaffText(text="Spoken coaching", bold=True, font_size=sp(26)))
    toggle = Factory.ToggleButton(size_hint_y=None, height=dp(56), font_size=sp(22), background_normal="",
                                  background_down="", state="down" if voice.default_on else "normal")
    toggle.bind(on_release=lambda button: _set_default(panel, voice, button.state == "down"))
    panel.widgets["speech:default"] = toggle
    box.add_widget(toggle)
    row = BoxLayout(size_hint_y=None, height=dp(56), spacing=dp(10))
    for name, step in (("quieter", -VOLUME_STEP), ("louder", VOLUME_STEP)):
        button = Factory.Button(text="Quieter" if step < 0 else "Louder", font_size=sp(22))
        button.bind(on_release=lambda _, change=step: _set_volume(panel, voice, voice.volume + change))
        panel.widgets[f"speech:{name}"] = button
        row.add_widget(button)
    panel.widgets["speech:volume"] = volume = Factory.StaffText(text="")
    row.add_widget(volume)
    box.add_widget(row)
    _show(panel, voice)


def _set_default(panel, voice, speaking: bool) -> None:
    voice.default_on = speaking
    if panel.plugin.controller.session is None:
        voice.on = speaking  # no patient yet: the start screen follows the new default at once
    if panel.records is not None:
        panel.records.set_setting(SPEECH_DEFAULT, "on" if speaking else "off")
    _show(panel, voice)


def _set_volume(panel, voice, volume: float) -> None:
    voice.volume = round(min(1.0, max(0.0, volume)), 2)
    if panel.records is not None:
        panel.records.set_setting(SPEECH_VOLUME, str(voice.volume))
    _show(panel, voice)


def _show(panel, voice) -> None:
    toggle = panel.widgets["speech:default"]
    toggle.text = ("Each session starts speaking (patients can turn it off)" if voice.default_on
                   else "Each session starts silent (patients can turn speech on)")
    toggle.background_color = theme.GO if voice.default_on else theme.MUTED_INK
    panel.widgets["speech:volume"].text = f"Volume {round(voice.volume * 100)}%"
