"""Where the staff screen offers to write an export: removable drives the system has mounted, and the
kiosk's own exports folder. No Kivy.

A folder is offered as a drive only when it is a mount point under /media/USER,
/run/media/USER, /media or /mnt of a block device that the kernel reports as
removable (/sys/block/DISK/removable is 1) or that udev saw arrive on the USB bus
(ID_BUS=usb in /run/udev/data/bMAJOR:MINOR: a USB hard disk reports removable 0).
Any other mount there (a tmpfs, a network share, a fixed disk) is not a drive a
therapist can take away. The mounts file and the sysfs and udev folders are
parameters, so the choice is tested on files written to look like them.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from kiosk.records.export import own_exports_folder

MOUNTS = Path("/proc/self/mounts")
SYS = Path("/sys")
UDEV = Path("/run/udev/data")
NO_DRIVE = "No USB drive is plugged in. Plug one in, then open the staff screen again to write to it."


def drive_bases(user: str | None = None) -> tuple[Path, ...]:
    """The folders desktop systems and clinic set-ups mount removable drives in."""
    user = user or os.environ.get("USER") or getpass.getuser()
    return Path("/media") / user, Path("/run/media") / user, Path("/media"), Path("/mnt")


def _unescape(field: str) -> str:
    """A mounts file writes a space in a path as \\040 (and tab, newline, backslash likewise)."""
    for code, character in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, character)
    return field


def _disk_of(name: str, sys_root: Path) -> Path | None:
    """The sysfs folder of the disk holding block device `name` (itself, or the disk a partition is on)."""
    block = sys_root / "block"
    if (block / name).is_dir():
        return block / name
    return next((disk for disk in sorted(block.glob("*")) if (disk / name).is_dir()), None)


def is_removable(device: str, sys_root: Path | None = None, udev_root: Path | None = None) -> bool:
    """Whether `device` (/dev/sdb1) is on a disk the kernel calls removable, or udev saw on the USB bus."""
    sys_root, udev_root = sys_root or SYS, udev_root or UDEV
    if not device.startswith("/dev/"):
        return False  # tmpfs, a network share, an overlay: nothing to unplug
    disk = _disk_of(Path(device).resolve().name if Path(device).exists() else Path(device).name, sys_root)
    if disk is None:
        return False
    try:
        if (disk / "removable").read_text().strip() == "1":
            return True
        numbers = (disk / "dev").read_text().strip()
        return "E:ID_BUS=usb" in (udev_root / f"b{numbers}").read_text().splitlines()
    except OSError:
        return False


def removable_drives(mounts: Path | None = None, sys_root: Path | None = None, udev_root: Path | None = None,
                     bases: tuple[Path, ...] | None = None) -> list[Path]:
    """The writable mount points of removable drives under `bases`, in the mounts file's order (None: the
    system's own files and folders, as the module's MOUNTS, SYS, UDEV say)."""
    bases = drive_bases() if bases is None else bases
    try:
        lines = (mounts or MOUNTS).read_text().splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        device, point = fields[0], Path(_unescape(fields[1]))
        if not any(base in point.parents for base in bases):
            continue
        if is_removable(device, sys_root, udev_root) and point.is_dir() and os.access(point, os.W_OK):
            found.append(point)
    return list(dict.fromkeys(found))


def export_folders(data_dir: Path | None) -> list[Path]:
    """Where an export can go: the removable drives plugged in, then the kiosk's own exports folder."""
    found = removable_drives()
    if data_dir is not None:
        found.append(own_exports_folder(data_dir))
    return list(dict.fromkeys(found))
