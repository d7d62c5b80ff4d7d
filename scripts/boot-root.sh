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

mirror="$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
  | grep -oE "https?://[^ ]+" | head -1 || true)"
mirror="${mirror:-http://deb.debian.org/debian}"
# What `kiosk install` needs (kiosk/system/install.py PACKAGES lists the same) and the test's Xvfb.
packages=systemd,systemd-sysv,dbus,python3,python3-venv,espeak-ng,libgl1,libegl1,libgl1-mesa-dri,libglib2.0-0,libmtdev1,libasound2,x11-xserver-utils,cups-client,xauth,xvfb,xinit,procps
# The marker holds the list it was made with: a root made with another list is made again.
if [ "$(cat "$root/.kiosk-boot-root" 2>/dev/null)" = "$packages" ]; then exit 0; fi
partial="$root.partial"
rm -rf "$partial"
echo "boot-root: debootstrap bookworm into $partial from $mirror (a few minutes)"
debootstrap --variant=minbase --include="$packages" bookworm "$partial" "$mirror"
echo "kiosk-boot" > "$partial/etc/hostname"
echo "$packages" > "$partial/.kiosk-boot-root"
rm -rf "$root"
mv "$partial" "$root"
echo "boot-root: ready: $root"
