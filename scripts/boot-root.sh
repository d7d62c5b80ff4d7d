#!/usr/bin/env bash
# Prepare (once) the bare Debian 12 root the boot test boots with systemd-nspawn, and the
# wheels of the kiosk's dependencies it installs from (the container has no PyPI access).
#   scripts/boot-root.sh [ROOT]     default /var/cache/kiosk-boot-root; reused when present
# Needs root. Makes the root with debootstrap from the mirror this machine's apt uses, with
# the Debian packages `kiosk install` asks for already in it, so the test needs no network.
set -euo pipefail

root="${1:-${KIOSK_BOOT_ROOT:-/var/cache/kiosk-boot-root}}"
if [ "$(id -u)" -ne 0 ]; then echo "boot-root: run as root" >&2; exit 1; fi
for tool in debootstrap systemd-nspawn; do
  command -v "$tool" >/dev/null || { echo "boot-root: $tool missing (scripts/setup.sh --boot)" >&2; exit 1; }
done
if [ -f "$root/.kiosk-boot-root" ]; then exit 0; fi

mirror="$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | grep -oE "https?://[^ ]+" | head -1 || true)"
mirror="${mirror:-http://deb.debian.org/debian}"
# What `kiosk install` needs (kiosk/install/debian.py lists the same) and the test's Xvfb.
packages=systemd,systemd-sysv,dbus,python3,python3-venv,espeak-ng,libgl1,libegl1,libgl1-mesa-dri,libglib2.0-0,libmtdev1,libasound2,xauth,x11-xserver-utils,xvfb,xinit,procps
partial="$root.partial"
rm -rf "$partial"
echo "boot-root: debootstrap bookworm into $partial from $mirror (a few minutes)"
debootstrap --variant=minbase --include="$packages" bookworm "$partial" "$mirror"
echo "kiosk-boot" > "$partial/etc/hostname"
touch "$partial/.kiosk-boot-root"
mv "$partial" "$root"
echo "boot-root: ready: $root"
