#!/usr/bin/env bash
# Set up everything the kiosk needs on a Debian machine, once; later runs are quick.
#   - Debian packages for Kivy's SDL/OpenGL window and video, and eSpeak NG for its voice
#     (installed if missing); with --tests also the PostgreSQL server and the CUPS the tests start
#   - a virtual environment in .venv with the kiosk and its test tools
# Run by scripts/test.sh (with --tests) and scripts/start.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
debian_packages=(libgl1 libegl1 libglib2.0-0 libmtdev1 espeak-ng)
if [ "${1:-}" = "--tests" ]; then
  # The clinic-server tests start a throwaway PostgreSQL cluster; a kiosk needs no server of its own.
  debian_packages+=(postgresql)
  # The appliance: units checked with systemd-analyze (the display servers they start must exist),
  # Debian's own python3 for the wheel's bare venv; the boot test's debootstrap'd container.
  debian_packages+=(python3-venv xvfb xauth x11-xserver-utils xserver-xorg-core debootstrap systemd-container)
  # The printed home program: a CUPS scheduler of the tests' own with the cups-pdf printer (lp and lpstat
  # come with cups-client, a dependency of cups), and poppler-utils to read back the PDF's text and pictures.
  debian_packages+=(cups printer-driver-cups-pdf poppler-utils)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 - <<'PY' || { echo "setup: Python 3.11 or newer is needed (python3 is $(python3 --version 2>&1))" >&2; exit 1; }
import sys; sys.exit(sys.version_info < (3, 11))
PY

venv="$here/.venv"
stamp="$venv/.kiosk-installed"
wanted="$(sha256sum "$here/pyproject.toml" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ]; then
  echo "setup: creating $venv"
  python3 -m venv "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "setup: installing the kiosk and its dependencies into .venv"
  # pip's own chatter (setuptools' "Editable installation" banner, notes on the index) goes to a log
  # that is shown only when the install fails: a newcomer sees one line per step.
  log="$venv/pip.log"
  { "$venv/bin/python" -m pip install -q --upgrade pip && "$venv/bin/python" -m pip install -q -e "$here[test]"; } \
    >"$log" 2>&1 || true
  "$venv/bin/python" -c "import kiosk, kivy, yaml, ffpyplayer, pytest, xdist" 2>/dev/null \
    || { cat "$log" >&2; echo "setup: installing Python packages failed (pip's messages above, kept in $log)" >&2; exit 1; }
  echo "$wanted" > "$stamp"
fi
