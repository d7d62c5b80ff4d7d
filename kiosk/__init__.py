"""The exercise kiosk: a touchscreen plugin that tells knee pain from back pain.

Rooms, lowest first (arrows run one way; `pyproject.toml`'s import contracts check them):

- `kiosk.clinical`: the clinical model and the session machine (imports nothing of the kiosk)
- `kiosk.demos`: demonstrations as data (imports nothing of the kiosk)
- `kiosk.content`: exercise files, their format and loader (clinical, demos)
- `kiosk.records`: records on disk, the PIN, exports (clinical)
- `kiosk.cli`: the `kiosk` command's sub-commands (all four; Kivy only inside `run`)
- `kiosk.app`, `kiosk.exercise_session`: the touchscreen, on Kivy (all of the above)
"""

__version__ = "0.2.0"
