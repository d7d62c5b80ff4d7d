"""The exercise kiosk: a touchscreen plugin that tells knee pain from back pain.

`kiosk.core` holds the clinical brain (no Kivy); the touchscreen lives elsewhere.
"""

__version__ = "0.1.0"
