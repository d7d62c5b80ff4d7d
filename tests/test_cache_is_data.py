"""The caches of the data folder are data that cannot run, read only when they are the kiosk's own.

A planted pickle never runs (the library cache is JSON rebuilt into the content model's
dataclasses, kiosk.content.plain_data); a cache file or plugin index of another account,
one others can write, a symbolic link, a linked `cache/` folder are not read (and not
written through); an index with a valid stamp and no plugin is not taken as it is.
"""

from __future__ import annotations

import json
import logging
import os
import pickle

import pytest

from kiosk.app.plugin_index import FORMAT as INDEX_FORMAT
from kiosk.app.plugin_index import INDEX_FILE, installed_stamp
from kiosk.app.plugins import GROUP, discover
from kiosk.content import library_cache, loader
from kiosk.content.library import Library
from kiosk.content.plain_data import PlainDataError, decode, encode

NO_FACTS = {"missing": {}, "own_names": {}}


class Payload:
    """What a planted pickle would run: it leaves a file behind."""

    def __init__(self, marker) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture
def cache(tmp_path):
    folder = tmp_path / "data" / "cache"
    folder.mkdir(parents=True, mode=0o700)
    return folder


def marked_cache(cache) -> None:
    """A cache under today's fingerprint holding a library with no programs: if it is read, it shows."""
    library_cache._store(cache / library_cache.CACHE_FILE, (library_cache.fingerprint(None), Library(), NO_FACTS))


def test_the_library_comes_back_from_plain_data_exactly():
    library = loader.load()
    again = decode(json.loads(json.dumps(encode(library))))
    assert again == library and type(again.programs["knee_from_spine"]) is type(library.programs["knee_from_spine"])


@pytest.mark.parametrize("name", [library_cache.CACHE_FILE, "library.pickle"])
def test_a_planted_pickle_never_runs(cache, tmp_path, name):
    marker = tmp_path / "ran"
    (cache / name).write_bytes(pickle.dumps((library_cache.fingerprint(None), Payload(marker), NO_FACTS)))
    assert "knee_from_spine" in library_cache.load_cached(None, cache).programs
    assert not marker.exists()


@pytest.mark.parametrize("node", [
    {"c": "os:system", "f": {}}, {"c": "subprocess:Popen", "f": {"args": "true"}},
    {"c": "kiosk.content.library:Path", "f": {}}, {"e": "kiosk.clinical.program:Exercise", "v": 1},
    {"c": "kiosk.content.library:Library", "f": {"exercises": {"d": []}}}, {"x": 1}, {"d": [[[], 1]]},
], ids=["os.system", "Popen", "an import", "not an enum", "missing fields", "unknown tag", "list as key"])
def test_plain_data_names_only_the_content_models_classes(node):
    with pytest.raises(PlainDataError):
        decode(node)


@pytest.mark.parametrize("how", ["another account's", "writable by others", "a link", "a named pipe",
                                 "in a linked cache folder"])
def test_a_cache_that_is_not_the_kiosks_own_is_not_read(cache, tmp_path, caplog, how):
    marked_cache(cache)
    path = cache / library_cache.CACHE_FILE
    folder = cache
    if how == "another account's":
        os.chown(path, 12345, 12345)
    elif how == "writable by others":
        path.chmod(0o666)
    elif how == "a link":
        path.rename(tmp_path / "elsewhere.json")
        path.symlink_to(tmp_path / "elsewhere.json")
    elif how == "a named pipe":
        path.unlink()
        os.mkfifo(path)
    else:
        folder = tmp_path / "data" / "linked-cache"
        folder.symlink_to(cache)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        library = library_cache.load_cached(None, folder)  # a named pipe must not hang it
    assert "knee_from_spine" in library.programs  # read from the files, not the planted cache
    assert "could not be read" in caplog.text
    if how in ("a link", "in a linked cache folder"):  # nothing written through the link either
        assert sorted(p.name for p in tmp_path.rglob("*")) == before
        assert json.loads((tmp_path / "elsewhere.json" if how == "a link" else path).read_text())["library"] \
            == json.loads(json.dumps(encode(Library())))


def kept_index(cache, entry_points) -> None:
    index = {"format": INDEX_FORMAT, "group": GROUP, "sys_path": installed_stamp(), "entry_points": entry_points}
    (cache / INDEX_FILE).write_text(json.dumps(index))
    (cache / INDEX_FILE).chmod(0o600)


def test_a_plugin_index_of_another_account_is_not_imported(cache, tmp_path, monkeypatch):
    marker = tmp_path / "imported"
    (tmp_path / "planted_plugin.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    kept_index(cache, [["planted", "planted_plugin", "Planted"]])
    os.chown(cache / INDEX_FILE, 12345, 12345)
    assert [plugin.id for plugin in discover(cache_folder=cache)] == ["exercise_session"]
    assert not marker.exists()


def test_a_plugin_index_with_a_valid_stamp_and_no_plugin_is_not_taken(cache):
    kept_index(cache, [])
    assert [plugin.id for plugin in discover(cache_folder=cache)] == ["exercise_session"]
