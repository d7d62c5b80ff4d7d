#!/usr/bin/env bash
# Remake docs/screenshots/handout.png and handout-es.png: the first page of the home-program handout of a
# spinal_source_likely session (examples/patients/spinal_source_likely.yaml), in English and in Spanish.
# The session is recorded in a throwaway data folder the way the kiosk records one (tests/recorded.py),
# the PDF is made by `kiosk handout` and the page drawn by poppler's pdftoppm at 60 dpi.
#   ./scripts/handout-screenshots.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" --tests
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export KIVY_NO_ARGS=1 KIVY_NO_CONSOLELOG=1 KIVY_LOG_MODE=PYTHON SDL_AUDIODRIVER=dummy KIVY_HOME="$work/kivy"
cd "$here"

"$here/.venv/bin/python" - "$work/data" <<'PY'
import sys

sys.path.insert(0, "tests")
from recorded import record_script  # noqa: E402

from kiosk.content import loader  # noqa: E402
from kiosk.records.store import Records  # noqa: E402

records = Records.open(sys.argv[1]).records
program = loader.load().programs["knee_from_spine"]
record_script(records, program, "spinal_source_likely", "2026-03-02T18:00:00.000Z", reference="A1")
record_script(records, program, "spinal_source_likely", "2026-03-02T19:00:00.000Z", language="es")
records.close()
PY

for shot in "1 handout Riverside Physio" "2 handout-es Clínica Río Verde"; do
  read -r session name clinic <<<"$shot"
  "$here/.venv/bin/python" -m kiosk handout "$session" --data "$work/data" --clinic "$clinic" --out "$work/$name.pdf"
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/$name.pdf" "$here/docs/screenshots/$name"
  echo "docs/screenshots/$name.png: $(stat -c %s "$here/docs/screenshots/$name.png") bytes"
done
