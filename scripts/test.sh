#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: ./scripts/test.sh [pytest args]
# The tests run in one worker process per core (pytest-xdist), each with its own headless Kivy window;
# KIOSK_TEST_WORKERS=0 (or -n 0, or -p no:xdist) runs them in this one process.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" --tests
cd "$here"
# Kivy runs headless: with no DISPLAY, SDL draws offscreen through Mesa (EGL).
export KIVY_NO_ARGS=1 KIVY_NO_CONSOLELOG=1 KIVY_LOG_MODE=PYTHON SDL_AUDIODRIVER=dummy
KIVY_HOME="$(mktemp -d)"
export KIVY_HOME
trap 'rm -rf "$KIVY_HOME"' EXIT
workers=(-n "${KIOSK_TEST_WORKERS:-auto}")
for arg in "$@"; do
  case "$arg" in -n|-n*|--numprocesses*|no:xdist) workers=() ;; esac
done
"$here/.venv/bin/python" -m pytest "${workers[@]}" "$@"
