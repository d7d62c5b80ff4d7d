"""The patient's languages: the gettext catalogues of every word the kiosk shows or says itself.

The catalogues are `locale/<language>/LC_MESSAGES/kiosk.po`, kept with Babel
(`scripts/catalogs.sh` extracts, updates and checks them). A `.po` is compiled
in memory the first time its language is used: a fresh clone, a wheel and an
edited `.po` all work with no build step, and no stale `.mo` can ever be read.

Exercise words are not here: therapists write them in each file's `translations:`.
Imports nothing of the kiosk (and no Kivy), so every room can use it.
"""

from __future__ import annotations

import copy
import functools
import gettext
import io
import logging
import string
from pathlib import Path

# Babel is imported in the functions that use it: a start in the clinic's language with its language
# facts cached (kiosk.content.library_cache) needs none of it before the attract screen.

DOMAIN = "kiosk"
DEFAULT_LANGUAGE = "en"
"""The language the kiosk's own words are written in (the catalogues' msgids)."""
LOCALE_DIR = Path(__file__).parent / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"

log = logging.getLogger("kiosk.language")


def N_(message: str) -> str:
    """Mark `message` for the catalogues without translating it now (gettext's convention)."""
    return message


def catalogue_file(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogue_languages() -> tuple[str, ...]:
    """The languages the kiosk's own words exist in: the default and every `.po` shipped."""
    shipped = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (DEFAULT_LANGUAGE, *[language for language in shipped if language != DEFAULT_LANGUAGE])


@functools.cache
def read_catalogue(language: str):
    """The Babel catalogue of `language` as written (None for the default language or none shipped)."""
    path = catalogue_file(language)
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return None
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


@functools.cache
def translation(language: str) -> gettext.NullTranslations:
    """gettext for `language`, compiled from its `.po` once per process (the msgids for English)."""
    catalogue = read_catalogue(language)
    if catalogue is None:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.support import Translations

    if slips(language):
        catalogue = copy.deepcopy(catalogue)  # the catalogue as written stays as it is, for the checks
    for line, msgid, why in slips(language):  # left out: the kiosk says it in English, never crashes on it
        log.warning("%s:%d: the %s words for %r are not used (%s); the English is shown instead",
                    catalogue_file(language), line, language, msgid, why)
        del catalogue[msgid]
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def translated(message: str, language: str) -> tuple[str, str]:
    """(the language it is in, the words): `message` in `language`, or in English when that
    language does not translate it (so the voice speaks it with an English voice)."""
    catalogue = read_catalogue(language)
    entry = catalogue.get(message) if catalogue is not None else None
    if entry is None or not entry.string or entry.fuzzy or placeholder_slip(message, entry.string):
        return DEFAULT_LANGUAGE, message
    return language, translation(language).gettext(message)


def placeholder_slip(msgid: str, msgstr: str) -> str:
    """What is wrong with the {placeholders} of a translation ("" when nothing): a lone brace, or a
    name the English does not give (its `.format()` would raise mid-session)."""
    try:
        given = {name.split(".")[0].split("[")[0] for _text, name, _spec, _conv in string.Formatter().parse(msgid)
                 if name is not None}
    except ValueError:  # the English itself is no format string: nothing to keep
        return ""
    try:
        used = [name for _text, name, _spec, _conv in string.Formatter().parse(msgstr) if name is not None]
    except ValueError as error:
        return f"a lone brace: {error}; write {{{{ or }}}} for a brace itself"
    unknown = [name for name in used if name.split(".")[0].split("[")[0] not in given]
    return f"{{{unknown[0]}}} is not in the English" if unknown else ""


@functools.cache
def slips(language: str) -> tuple[tuple[int, str, str], ...]:
    """(line, msgid, what is wrong) of each entry of `language`'s catalogue whose placeholders slipped."""
    catalogue = read_catalogue(language)
    if catalogue is None:
        return ()
    found = ((message.lineno, message.id, placeholder_slip(message.id, message.string)) for message in catalogue
             if message.id and isinstance(message.id, str) and message.string and not message.fuzzy)
    return tuple(slip for slip in found if slip[2])


_known_missing: dict[str, tuple[str, ...]] = {}
_known_own_names: dict[str, str] = {}


def missing_messages(language: str) -> tuple[str, ...]:
    """The msgids of the template that `language` does not translate (fuzzy counts as missing)."""
    if language not in _known_missing:
        _known_missing[language] = _find_missing(language)
    return _known_missing[language]


def _find_missing(language: str) -> tuple[str, ...]:
    if language == DEFAULT_LANGUAGE:
        return ()
    from babel.messages.pofile import read_po

    with TEMPLATE.open("rb") as pot:
        wanted = [message.id for message in read_po(pot) if message.id]
    return tuple(msgid for msgid in wanted if translated(msgid, language)[0] != language)


def language_facts(languages: list[str]) -> dict:
    """What is worked out from the catalogues and Babel's locale data for `languages`, for a cache to keep:
    parsing the `.po` and `.pot` files and loading locale data are most of a start's language work."""
    return {"missing": {language: missing_messages(language) for language in languages},
            "own_names": {language: own_name(language) for language in languages}}


def remember_language_facts(facts: dict) -> None:
    """Take `facts` as `language_facts` gave them (from a cache whose catalogues and Babel are unchanged)."""
    _known_missing.update(facts["missing"])
    _known_own_names.update(facts["own_names"])


def clinic_name(language: str, clinic_language: str = DEFAULT_LANGUAGE) -> str:
    """The language as staff read it, with its code: "Spanish (es)" on an English kiosk."""
    from babel import Locale

    return f"{Locale.parse(language).get_display_name(clinic_language) or language} ({language})"


def own_name(language: str) -> str:
    """The language in its own words, as a patient looks for it: "English", "Español"."""
    if language not in _known_own_names:
        from babel import Locale, UnknownLocaleError

        try:
            name = Locale.parse(language).get_display_name(language) or language
            name = name[:1].upper() + name[1:]
        except (UnknownLocaleError, ValueError):  # a code Babel has no data for shows as itself
            name = language
        _known_own_names[language] = name
    return _known_own_names[language]
