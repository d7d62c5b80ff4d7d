"""Files written to look like a machine's mounts, sysfs and udev data: what export_targets reads."""

from __future__ import annotations

from pathlib import Path


def disk(sys_root: Path, name: str, numbers: str, removable: bool, partitions: tuple[str, ...] = ()) -> None:
    folder = sys_root / "block" / name
    folder.mkdir(parents=True)
    (folder / "removable").write_text("1\n" if removable else "0\n")
    (folder / "dev").write_text(f"{numbers}\n")
    for partition in partitions:
        (folder / partition).mkdir()


def machine(root: Path) -> dict[str, Path]:
    """A USB stick (removable 1) at media/nurse/KIOSK STICK, a USB disk (removable 0, udev ID_BUS=usb) at
    run_media/nurse/BACKUP, a tmpfs and a fixed NVMe disk under mnt, the stick again outside the bases."""
    sys_root, udev = root / "sys", root / "udev"
    udev.mkdir(parents=True)
    disk(sys_root, "sdb", "8:16", True, ("sdb1",))
    disk(sys_root, "sdc", "8:32", False, ("sdc1",))
    disk(sys_root, "nvme0n1", "259:0", False, ("nvme0n1p2",))
    (udev / "b8:32").write_text("S:disk/by-id/usb-Backup\nE:ID_BUS=usb\nE:ID_TYPE=disk\n")
    (udev / "b259:0").write_text("E:ID_BUS=nvme\n")
    places = {"stick": root / "media/nurse/KIOSK STICK", "backup": root / "run_media/nurse/BACKUP",
              "scratch": root / "mnt/scratch", "data": root / "mnt/data", "elsewhere": root / "elsewhere"}
    for place in places.values():
        place.mkdir(parents=True)
    mounts = root / "mounts"
    mounts.write_text("\n".join([
        "sysfs /sys sysfs rw,nosuid 0 0",
        f"/dev/sdb1 {str(places['stick']).replace(' ', chr(92) + '040')} vfat rw,nosuid 0 0",
        f"/dev/sdc1 {places['backup']} ext4 rw 0 0",
        f"tmpfs {places['scratch']} tmpfs rw 0 0",
        f"/dev/nvme0n1p2 {places['data']} ext4 rw 0 0",
        f"/dev/sdb1 {places['elsewhere']} vfat rw 0 0", ""]))
    bases = (root / "media/nurse", root / "run_media/nurse", root / "media", root / "mnt")
    return dict(places, mounts=mounts, sys=sys_root, udev=udev, bases=bases)
