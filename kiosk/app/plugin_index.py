"""Which plugins are installed, remembered between starts so that a start need not ask every package.

Plugins are entry points of the `kiosk.plugins` group. Finding them means
importing `importlib.metadata` and reading the metadata of every installed
distribution: about 20 ms of a start here, before the attract screen can show.
What is installed only changes when a package is installed or removed, and that
adds or removes a folder in a folder on `sys.path` (pip writes a new
`*.dist-info` folder, and removes the old one, for every install, upgrade or
uninstall), which changes that folder's modification time. So the entry points
found are kept in `cache/plugins.json` of the data folder with the stamp of
`sys.path` they were found under (each entry and its folder's modification
time), and a start whose stamp is the same imports the plugins by their
module and attribute, without `importlib.metadata`. Any difference, or a file
that can't be read, and the installed metadata is read again. A folder changed
a moment ago is not trusted yet: a second change within the same tick of the
file system's clock would leave its time as it was, so no index is kept until
every folder is older than a tick (a tenth of a second; two seconds for a time
in whole seconds, which may come from a file system that keeps no finer time).

The index names modules that a start imports, so it is read only when it is the
kiosk's own (kiosk.files.read_own_file: this account's regular file, in this
account's folder, no symbolic link on the way, writable by no one else), and an
index with no plugin at all is never taken as it is (the kiosk registers its own).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import NamedTuple

from kiosk.files import make_private_folder, read_own_file, write_whole

log = logging.getLogger("kiosk.plugins")

INDEX_FILE = "plugins.json"
FORMAT = 1
"""Raised when what is stored changes shape, so an old index is never read as a new one."""
SETTLED_NS = 100_000_000
"""A folder's time is trusted once it is this old: Linux stamps files with a clock that ticks every 1-10 ms."""
SETTLED_WHOLE_SECOND_NS = 2_000_000_000
"""The same for a time in whole seconds: FAT keeps 2 s steps, ext3 and others 1 s."""


class Registered(NamedTuple):
    """One entry point of the plugin group: its name and where its class is (`module:attribute`).

    A named tuple rather than a dataclass: made at every start, before the attract screen, in a
    fraction of the time."""

    name: str
    module: str
    attribute: str

    @property
    def value(self) -> str:
        return f"{self.module}:{self.attribute}"

    def load(self):
        """Import the module and return the attribute, as `importlib.metadata.EntryPoint.load` does."""
        found = importlib.import_module(self.module)
        for name in self.attribute.split(".") if self.attribute else []:
            found = getattr(found, name)
        return found


def installed_stamp() -> list:
    """Each `sys.path` entry with its folder's modification time (None where there is no folder)."""
    stamp = []
    for entry in sys.path:
        try:
            modified = os.stat(entry or os.curdir).st_mtime_ns
        except OSError:
            modified = None
        stamp.append([entry, modified])
    return stamp


def registered(group: str, cache_folder: Path | None) -> list[Registered]:
    """The entry points of `group`: from the index when nothing was installed or removed since it was
    written, else from the installed metadata (and the index written anew, if there is a cache folder)."""
    stamp = installed_stamp()
    index = Path(cache_folder) / INDEX_FILE if cache_folder is not None else None
    kept = _read(index, group, stamp) if index is not None else None
    if kept is not None:
        return kept
    found = _scan(group)
    if index is not None:
        _write(index, group, stamp, found)
    return found


def _scan(group: str) -> list[Registered]:
    from importlib.metadata import entry_points  # the slow part: imported only when the index can't say

    return [Registered(entry.name, entry.module, entry.attr or "") for entry in entry_points(group=group)]


def _read(index: Path, group: str, stamp: list) -> list[Registered] | None:
    try:
        kept = json.loads(read_own_file(index).decode("utf-8"))
        if kept["format"] != FORMAT or kept["group"] != group or kept["sys_path"] != stamp:
            return None
        found = [Registered(name, module, attribute) for name, module, attribute in kept["entry_points"]]
        if not all(isinstance(part, str) for entry in found for part in entry):
            raise ValueError("an entry point that is not named by text")
        return found or None  # the kiosk registers its own plugin: an empty index is never taken as it is
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:  # damaged or hand-edited: read the metadata
        log.warning("plugin index %s unreadable (%s); the installed packages are read again", index,
                    str(error)[:200])
        return None


def _settled(modified: int | None, now: int) -> bool:
    """Is a folder's time old enough that a further change would show in it?"""
    if modified is None:
        return True
    wait = SETTLED_WHOLE_SECOND_NS if modified % 1_000_000_000 == 0 else SETTLED_NS
    return modified <= now - wait


def _write(index: Path, group: str, stamp: list, found: list[Registered]) -> None:
    if not all(_settled(modified, time.time_ns()) for _entry, modified in stamp):
        return  # a folder just changed: the next start reads the metadata again, and keeps the index then
    kept = {"format": FORMAT, "group": group, "sys_path": stamp,
            "entry_points": [[entry.name, entry.module, entry.attribute] for entry in found]}
    try:
        make_private_folder(index.parent.parent)  # the data folder first, so it too is made private
        make_private_folder(index.parent)
        write_whole(index, json.dumps(kept).encode("utf-8"))  # a kiosk starting at the same moment reads either
    except OSError as error:
        log.warning("plugin index not written (%s): the installed packages are read at every start", error)
