#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: ./scripts/test.sh [pytest args]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" --tests
cd "$here"
# Kivy runs headless: with no DISPLAY, SDL draws offscreen through Mesa (EGL).
export KIVY_NO_ARGS=1 KIVY_NO_CONSOLELOG=1 KIVY_LOG_MODE=PYTHON SDL_AUDIODRIVER=dummy
KIVY_HOME="$(mktemp -d)"
export KIVY_HOME
trap 'rm -rf "$KIVY_HOME"' EXIT
"$here/.venv/bin/python" -m pytest "$@"
