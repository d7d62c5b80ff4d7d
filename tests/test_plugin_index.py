"""The plugin index: a start finds the installed plugins without reading every package's metadata, and a
plugin installed or removed since the last start is seen at the next.

Each test installs its plugin the way pip does (a module and a `*.dist-info` folder with its entry point)
into a folder that is the whole of `sys.path` for the test (the kiosk's own modules are imported already),
so the installed packages are exactly the test's.
"""

import json
import logging
import os
import shutil
import sys
import time

import pytest

from kiosk.app.plugin_index import INDEX_FILE, _settled
from kiosk.app.plugins import GROUP, discover

PLUGIN = '''
from kiosk.app.plugins import Plugin

class TinyPlugin(Plugin):
    id = "tiny"
    title = "Say hello"
'''


@pytest.fixture
def site(tmp_path, monkeypatch):
    """An empty folder of installed packages, installed into long ago."""
    folder = tmp_path / "site"
    folder.mkdir()
    settle(folder)
    monkeypatch.setattr(sys, "path", [str(folder)])
    yield folder
    sys.modules.pop("tiny_kiosk_plugin", None)


AN_HOUR_AGO = time.time() - 3600


def settle(folder):
    """Date the folder an hour back (always the same moment), as one whose last install was long before."""
    os.utime(folder, (AN_HOUR_AGO, AN_HOUR_AGO))


def install_tiny(site, entry_point="tiny_kiosk_plugin:TinyPlugin"):
    (site / "tiny_kiosk_plugin.py").write_text(PLUGIN)
    dist = site / "tiny_kiosk_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: tiny-kiosk-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[{GROUP}]\ntiny = {entry_point}\n")


def ids(cache):
    return [plugin.id for plugin in discover(cache_folder=cache)]


def test_a_plugin_installed_or_removed_after_the_index_was_kept_is_seen_at_the_next_start(site, tmp_path):
    cache = tmp_path / "data" / "cache"
    assert ids(cache) == []
    assert json.loads((cache / INDEX_FILE).read_text())["entry_points"] == []
    install_tiny(site)
    assert ids(cache) == ["tiny"]
    shutil.rmtree(site / "tiny_kiosk_plugin-1.0.dist-info")
    assert ids(cache) == []


def test_with_nothing_installed_or_removed_the_start_takes_the_plugins_from_the_index(site, tmp_path):
    cache = tmp_path / "data" / "cache"
    install_tiny(site)
    settle(site)
    assert ids(cache) == ["tiny"]
    # The entry point now names a class that does not exist, but no folder on sys.path changed: pip never
    # edits an installed package in place, so the index is taken as it is, and the plugin still loads.
    (site / "tiny_kiosk_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        f"[{GROUP}]\ntiny = tiny_kiosk_plugin:NoSuchPlugin\n")
    settle(site)
    assert ids(cache) == ["tiny"]
    assert (cache.parent.stat().st_mode & 0o777, cache.stat().st_mode & 0o777,
            (cache / INDEX_FILE).stat().st_mode & 0o777) == (0o700, 0o700, 0o600)


def test_no_index_is_kept_while_a_folder_of_packages_has_just_changed(site, tmp_path):
    """A folder whose time has not settled (here: dated ahead of the clock, too new however long the
    machine takes) is read again at every start, and its index kept only once it has settled."""
    cache = tmp_path / "cache"
    install_tiny(site)
    ahead = time.time() + 3600
    os.utime(site, (ahead, ahead))
    assert ids(cache) == ["tiny"]
    assert not (cache / INDEX_FILE).exists()
    settle(site)
    assert ids(cache) == ["tiny"]
    assert (cache / INDEX_FILE).exists()


def test_a_time_in_whole_seconds_settles_after_two_seconds_a_finer_one_after_a_tenth():
    """Within the same tick of the file system's clock a second install would leave the folder's time as
    it was: a time in whole seconds (FAT, ext3) needs two seconds to be trusted, a finer one a tenth.
    The moments are given, not waited for: the answer does not depend on the machine's speed."""
    whole = 1_765_000_000 * 10**9
    assert not _settled(whole, whole + 1_999_999_999) and _settled(whole, whole + 2_000_000_000)
    fine = whole + 123_456_789
    assert not _settled(fine, fine + 99_999_999) and _settled(fine, fine + 100_000_000)
    assert not _settled(fine, fine - 1)  # ahead of the clock
    assert _settled(None, whole)  # a folder that does not exist has nothing to wait for


def test_a_damaged_index_is_replaced_by_what_is_installed(site, tmp_path, caplog):
    cache = tmp_path / "cache"
    install_tiny(site)
    settle(site)
    cache.mkdir()
    (cache / INDEX_FILE).write_text('{"format": 1, "group": "kiosk.plugins", "sys_path": ')
    with caplog.at_level(logging.WARNING, logger="kiosk.plugins"):
        assert ids(cache) == ["tiny"]
    assert f"plugin index {cache / INDEX_FILE} unreadable" in caplog.text
    assert json.loads((cache / INDEX_FILE).read_text())["entry_points"] == [["tiny", "tiny_kiosk_plugin", "TinyPlugin"]]


def test_without_a_cache_folder_the_installed_packages_are_read_every_time(site):
    install_tiny(site)
    settle(site)
    assert [plugin.id for plugin in discover()] == ["tiny"]
    (site / "tiny_kiosk_plugin-1.0.dist-info" / "entry_points.txt").write_text(f"[{GROUP}]\n")
    settle(site)
    assert discover() == []
