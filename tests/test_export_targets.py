"""Export targets (issue 25): only removable drives are offered, by what the system reports of each mount."""

from drive_files import machine

from kiosk.exercise_session import export_targets
from kiosk.exercise_session.export_targets import export_folders, is_removable, removable_drives


def test_only_mounts_of_removable_or_usb_disks_under_the_drive_folders_are_offered(tmp_path):
    m = machine(tmp_path)
    drives = removable_drives(m["mounts"], m["sys"], m["udev"], m["bases"])
    assert drives == [m["stick"], m["backup"]]  # not the tmpfs, the fixed disk, nor the stick mounted elsewhere
    assert not is_removable("tmpfs", m["sys"], m["udev"]) and not is_removable("/dev/nvme0n1p2", m["sys"], m["udev"])


def test_a_disk_that_stops_reporting_removable_is_not_offered_and_none_leaves_the_own_folder(tmp_path, monkeypatch):
    m = machine(tmp_path)
    (m["sys"] / "block/sdb/removable").write_text("0\n")  # the stick now reports fixed, no udev record: gone
    (m["udev"] / "b8:32").write_text("E:ID_BUS=ata\n")  # the backup disk is not on USB after all
    assert removable_drives(m["mounts"], m["sys"], m["udev"], m["bases"]) == []
    monkeypatch.setattr(export_targets, "MOUNTS", tmp_path / "no-such-file")
    assert export_folders(tmp_path / "data") == [tmp_path / "data" / "exports"]
