"""The data folder with one file after another spoiled: the kiosk starts, or refuses with one clear line.

Each cache and record file of a kiosk's data folder (the records, the lock, the library
cache, the plugin index) is replaced in turn by garbage, an empty file, a named pipe, a
symbolic link and a folder, and the kiosk's start is run on it: the lock taken, the
library and the plugins read through their caches, the records opened. It never hangs
(a named pipe is never read), never runs what a cache holds, and the recorded check-in
is still there (for the records themselves: whatever was put there is kept, never deleted).
No Kivy: these are the start's own functions, as `kiosk run` calls them before its window.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from factories import ci, program
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.app.plugin_index import INDEX_FILE
from kiosk.app.plugins import discover
from kiosk.content import library_cache
from kiosk.files import UntrustedFile
from kiosk.records.one_kiosk import LOCK_NAME, hold_data_folder
from kiosk.records.store import DB_NAME, Records, RecordsError, cache_dir

FILES = [DB_NAME, LOCK_NAME, f"cache/{library_cache.CACHE_FILE}", f"cache/{INDEX_FILE}"]
DAMAGE = ["garbage", "empty", "named pipe", "link", "folder"]


def start(data: Path):
    """What a kiosk's start reads of its data folder; (the library, the plugins, the records opened)."""
    held = hold_data_folder(data)
    try:
        library = library_cache.load_cached(None, cache_dir(data))
        plugins = discover(cache_folder=cache_dir(data))
        return library, plugins, Records.open(data).records
    finally:
        if held is not None:
            os.close(held)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    """A data folder as a kiosk leaves it: one session with its baseline check-in, the caches written."""
    data = tmp_path_factory.mktemp("kiosk") / "data"
    records = start(data)[2]
    session = records.start_session(program())
    records.record_check_in(session, "baseline", ci("back_central", nprs=6))
    records.close()
    start(data)[2].close()  # the caches are written on the first start, read on this one
    assert all((data / name).is_file() for name in FILES)
    return data


def spoil(path: Path, damage: str, garbage: bytes, elsewhere: Path) -> None:
    kept = path.read_bytes()
    path.unlink()
    if damage == "garbage":
        path.write_bytes(garbage)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "named pipe":
        os.mkfifo(path)
    elif damage == "link":  # to a copy of what was there, out of the data folder
        elsewhere.write_bytes(kept)
        path.symlink_to(elsewhere)
    else:
        path.mkdir()


@settings(max_examples=30, deadline=None, derandomize=True)
@given(name=st.sampled_from(FILES), damage=st.sampled_from(DAMAGE), garbage=st.binary(min_size=1, max_size=600))
def test_a_spoiled_data_file_never_stops_the_start_nor_loses_a_check_in(recorded, tmp_path_factory, name, damage,
                                                                       garbage):
    place = tmp_path_factory.mktemp("fuzz")
    data = place / "data"
    shutil.copytree(recorded, data)
    spoil(data / name, damage, garbage, place / "elsewhere")
    try:
        library, plugins, records = start(data)
    except (RecordsError, UntrustedFile) as refused:  # a refusal is one clear line naming the file
        assert "\n" not in str(refused) and str(data) in str(refused), str(refused)
        assert name == DB_NAME, f"{name} ({damage}) stopped the kiosk: {refused}"
        assert (data / name).exists() or (data / name).is_symlink()  # refused, not removed
        return
    try:
        assert "knee_from_spine" in library.programs and plugins
        sessions = list(records.sessions())
        if name != DB_NAME or damage == "link":
            assert [len(session.check_ins) for session in sessions] == [1], (name, damage)
        elif damage == "empty":  # nothing was left to keep: new records, in the same place
            assert sessions == []
        else:  # the records themselves spoiled: what was there is kept aside, never deleted
            assert sessions == [] and [p for p in data.iterdir() if p.name.startswith(DB_NAME + ".")], (
                name, damage, sorted(p.name for p in data.iterdir()))
    finally:
        records.close()
