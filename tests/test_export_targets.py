"""Exports cannot be hijacked: no predictable temporary file, no writing through a link, no device replaced.

The temporary file beside an export has an unpredictable name made with O_EXCL and
O_NOFOLLOW; a target that exists and is not a regular file is refused with one line.
Real links, a real character device (made with mknod: the tests run as root) and a
real named pipe in a folder every account can write.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime

import pytest
from recorded import record_script

from kiosk.__main__ import main
from kiosk.content import loader
from kiosk.records.export import ExportError, export_name, export_to_folder, write_file
from kiosk.records.store import Records


@pytest.fixture
def records(tmp_path):
    opened = Records.open(tmp_path / "data").records
    record_script(opened, loader.load().programs["knee_from_spine"], "spinal_source_likely",
                  "2026-03-02T18:00:00.000Z", reference="A1")
    yield opened
    opened.close()


@pytest.fixture
def shared(tmp_path):
    """A folder any account can write (a shared USB stick, /tmp)."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    return folder


def test_a_link_planted_at_the_old_temporary_name_is_never_written_through(records, shared, tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("not yours")
    target = shared / "out.csv"
    (shared / ".out.csv.partial").symlink_to(victim)
    assert write_file("csv", records.sessions(), target) == 1
    assert victim.read_text() == "not yours" and "A1" in target.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in shared.iterdir()) == [".out.csv.partial", "out.csv"]  # nothing left of ours


def make(kind, path, victim):
    if kind == "link":
        path.symlink_to(victim)
    elif kind == "device":
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # what /dev/null is
    elif kind == "named pipe":
        os.mkfifo(path)
    else:
        path.mkdir()


@pytest.mark.parametrize("kind", ["link", "device", "named pipe", "folder"])
def test_a_target_that_is_not_a_regular_file_is_refused_and_left_as_it_is(records, shared, tmp_path, kind,
                                                                          capsys):
    victim = tmp_path / "victim"
    victim.write_text("not yours")
    target = shared / "out.csv"
    make(kind, target, victim)
    before = os.lstat(target)
    with pytest.raises(ExportError, match="an export is written only to a new file"):
        write_file("csv", records.sessions(), target)
    code = main(["export", "--out", str(target), "--data", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert code == 2 and "nothing was exported" in err and len(err.strip().splitlines()) == 1
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode) and victim.read_text() == "not yours"
    assert [p.name for p in shared.iterdir()] == ["out.csv"]


def test_a_link_planted_at_the_dated_name_is_a_taken_name_not_followed(records, shared, tmp_path):
    at = datetime(2026, 3, 3, 9, 0, 0)
    victim = tmp_path / "victim"
    (shared / export_name("csv", at)).symlink_to(victim)  # dangling: it would make the victim
    path = export_to_folder(records, shared, "csv", at=at)
    assert path.name == export_name("csv", at).replace(".csv", "-2.csv") and not victim.exists()
