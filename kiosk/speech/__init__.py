"""Spoken coaching, below the touchscreen: what is said, when, and the sound files that say it.

- `phrases`: every coaching sentence with a stable id and a language, so a catalogue
  in another language can replace the English one phrase by phrase;
- `synthesis`: eSpeak NG turns a phrase into a WAV file, cached on disk under the
  data folder and keyed by text, language, voice and rate;
- `preparation`: a program's phrases synthesized in the background, so no cue waits;
- `schedule`: the cues of a set, a rest and a recheck rest as pure functions of the
  plan and a virtual time.

No Kivy here: playing the files is the exercise-session plugin's job.
"""

from pathlib import Path

DEFAULT_RATE = 150
"""Words a minute: eSpeak NG's own 175 is quick for an older patient lying on the floor."""


def cache_folder(data_folder: Path) -> Path:
    """Where the WAV files live: `<data folder>/speech-cache`."""
    return Path(data_folder) / "speech-cache"
