"""Python's garbage collector held while the kiosk starts, and let go after its first frame.

Start-up makes a few hundred thousand objects (modules, classes, kv rules,
widgets) that all live on: the collector, woken every few hundred new objects,
walks them again and again and finds nothing to free (about 17 ms of a start
here). `kiosk run` holds it before anything is imported; the shell lets it go
on the frame after its first one, and from then on it works as usual. Nothing
Kivy here: the command calls `hold` before Kivy is imported.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Stop automatic collection until `release` (if it is running: a caller's own choice is kept)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Collect as usual again, if `hold` stopped it."""
    global _held
    if _held:
        _held = False
        gc.enable()


def held() -> bool:
    return _held
