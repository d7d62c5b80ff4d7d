"""Plugin discovery: the shell finds what it shows through entry points.

A plugin is registered in its package's metadata under the group
`kiosk.plugins` (see pyproject.toml) and is a subclass of `Plugin`. A plugin
that fails to load is logged and left out: the kiosk still starts. Which entry
points are installed is remembered between starts (kiosk.app.plugin_index).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from .plugin_index import registered

if TYPE_CHECKING:
    from kivy.uix.widget import Widget

GROUP = "kiosk.plugins"
log = logging.getLogger("kiosk.plugins")


class Plugin:
    """One activity the kiosk offers. Subclass it and register it under GROUP."""

    id: str = "plugin"
    """Stable id, used in logs and on the command line."""
    title: str = "Plugin"
    """Patient-facing name, shown when the kiosk offers more than one plugin."""
    order: int = 100
    """Where it stands on the shell's home screen (lower first)."""

    def __init__(self, shell) -> None:
        self.shell = shell

    def build(self) -> Widget:
        """The plugin's root widget. Called once; `reset` brings it back to the start."""
        raise NotImplementedError

    def reset(self, reason: str) -> None:
        """Go back to the start with nothing of the last patient on screen.

        `reason` is "timeout" (idle), "staff" or "finished".
        """

    @property
    def awaiting_patient(self) -> bool:
        """True while a question waits for the patient, so idleness means they left."""
        return False

    def staff_panel(self):
        """A panel for the staff screen (built each time it opens), or None: a Widget (one section, titled
        after the plugin), or an object whose `sections()` gives its parts as (title, widget, messages)
        (kiosk.app.staff_sections.Section): parts of one title share a section and its tab."""
        return None

    def staff_notices(self) -> list[str]:
        """Short warnings for staff (shown at the top of the staff screen)."""
        return []

    def unwritten(self) -> int:
        """How many of its patients' answers the plugin could not write to the records (asked as the kiosk stops)."""
        return 0


def discover(only: list[str] | None = None, cache_folder: Path | None = None) -> list[type[Plugin]]:
    """The plugin classes registered under GROUP, in their `order`.

    With a `cache_folder`, what is installed is read from the index kept there when nothing was
    installed or removed since (a faster start), and the index is kept up to date."""
    found = []
    for entry in registered(GROUP, cache_folder):
        if only and entry.name not in only:
            continue
        try:
            plugin = entry.load()
        except Exception:  # a broken plugin must not keep the kiosk from starting
            log.exception("plugin %s (%s) failed to load; left out", entry.name, entry.value)
            continue
        if not (isinstance(plugin, type) and issubclass(plugin, Plugin)):
            log.error("plugin %s (%s) is not a kiosk Plugin subclass; left out", entry.name, entry.value)
            continue
        found.append(plugin)
    return sorted(found, key=lambda plugin: (plugin.order, plugin.id))
