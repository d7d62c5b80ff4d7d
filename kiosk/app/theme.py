"""Colours and sizes shared by every screen: calm, high contrast, large.

Colours carry meaning (green go, amber caution, red stop) but never alone:
every coloured thing also says what it means in words.
"""

from kivy.metrics import dp, sp

BACKGROUND = (0.97, 0.97, 0.95, 1)
INK = (0.10, 0.12, 0.16, 1)
MUTED_INK = (0.30, 0.33, 0.38, 1)
PANEL = (1, 1, 1, 1)
PRIMARY = (0.09, 0.36, 0.60, 1)
GO = (0.10, 0.47, 0.24, 1)
CAUTION = (0.72, 0.45, 0.02, 1)
STOP = (0.71, 0.13, 0.13, 1)
SELECTED = (0.09, 0.36, 0.60, 1)
NUMB = (0.48, 0.25, 0.64, 1)
ON_COLOUR = (1, 1, 1, 1)

TEXT = sp(28)
"""Body text on patient screens (never below 24 sp)."""
TEXT_SMALL = sp(24)
TITLE = sp(40)
HUGE = sp(96)
BUTTON_HEIGHT = dp(88)
"""Patient buttons: well above the 48 dp minimum touch target."""
GAP = dp(24)
