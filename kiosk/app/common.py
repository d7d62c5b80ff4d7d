"""Widget classes every kiosk screen uses (KioskButton, PatientLabel), loaded once."""

from pathlib import Path

from kivy.lang import Builder

_KV = str(Path(__file__).with_suffix(".kv"))
if _KV not in Builder.files:
    Builder.load_file(_KV)
