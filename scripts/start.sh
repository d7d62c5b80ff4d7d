#!/usr/bin/env bash
# Set up (if needed) and start the kiosk: ./scripts/start.sh [kiosk run options, e.g. --windowed]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
exec "$here/.venv/bin/kiosk" run "$@"
