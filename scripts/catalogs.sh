#!/usr/bin/env bash
# The gettext catalogues of the kiosk's own words (kiosk/language/locale), with Babel:
#   ./scripts/catalogs.sh             extract the words from the code into kiosk.pot, merge them
#                                     into every language's .po (new ones untranslated, changed ones fuzzy)
#   ./scripts/catalogs.sh new fr      start a .po for a new language
# Then translate the .po files; the kiosk compiles them itself when a language is first used.
# Words are marked N_("...") in the code; red-flag questions are RedFlag's second argument.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pybabel="${PYBABEL:-$here/.venv/bin/pybabel}"
locale="$here/kiosk/language/locale"
cd "$here"
"$pybabel" extract -F babel.cfg -k N_ -k RedFlag:2 --no-default-keywords --sort-by-file \
  --project kiosk --copyright-holder "the kiosk's authors" -o "$locale/kiosk.pot" kiosk
if [ "${1:-}" = "new" ]; then
  "$pybabel" init -D kiosk -i "$locale/kiosk.pot" -d "$locale" -l "$2"
else
  "$pybabel" update -D kiosk -i "$locale/kiosk.pot" -d "$locale" --ignore-obsolete
fi
