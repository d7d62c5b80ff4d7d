"""The speaker button on every patient screen: speech off or on for this session, in words and a picture.

The picture is drawn (a loudspeaker, with sound waves when on, crossed out when
off), because the kiosk's font has no loudspeaker sign; the words beside it say
the same, so the button never relies on the picture alone.
"""

from __future__ import annotations

from pathlib import Path

from kivy.lang import Builder
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.language import DEFAULT_LANGUAGE, N_, translation

Builder.load_file(str(Path(__file__).with_suffix(".kv")))

SOUND_ON = N_("Sound on")
SOUND_OFF = N_("Sound off")


class SpeakerButton(ButtonBehavior, BoxLayout):
    """Shows whether the kiosk speaks; a touch turns it off or on (the app binds `on_release`)."""

    speaking = BooleanProperty(True)
    """True while the kiosk reads aloud."""
    language = StringProperty(DEFAULT_LANGUAGE)
    """The patient's language, for the words on the button."""

    def caption(self, speaking: bool, language: str) -> str:
        return translation(language).gettext(SOUND_ON if speaking else SOUND_OFF)
