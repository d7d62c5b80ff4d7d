"""The library as the kiosk last read it, kept on disk so that a start with unchanged files skips the loader.

Reading and checking the exercise files (and importing the loader that does it)
is most of what the kiosk adds to a start before the attract screen. The cache
holds one library with a fingerprint of everything the loader looked at: the
bytes of every exercise file of the folders it was given and of the bundled
folder (a folder may build on it), which media files exist in their `assets/`
folders (a missing video is a warning), the loader's own code, the working folder
(bundled paths are shown relative to it) and the Python version. With it are kept the
language facts a start needs to tell which languages are complete (the kiosk's
untranslated sentences and each language's own name), so the gettext catalogues
and the installed Babel are in the fingerprint too. Any difference,
a cache that can't be read, or one written by another version, and the files
are read again and the cache replaced: a changed file is always seen.

The cache is data that cannot run: JSON of plain values, rebuilt into the content
model's own dataclasses and enums only (kiosk.content.plain_data), never a pickle.
It lives in the kiosk's private data folder (0700, made by the caller) and is read
only when it is the kiosk's own (kiosk.files.read_own_file: this account's regular
file in this account's folder, no link, no named pipe); anything else is said in
one log line and the files are read instead.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import sys
from pathlib import Path

from kiosk.files import read_own_file, write_whole
from kiosk.language import LOCALE_DIR, catalogue_languages, language_facts, remember_language_facts

from .folders import bundled_exercises_dir, default_assets_dir, folder_of, is_exercise_file
from .languages import languages_in_content
from .library import Library
from .plain_data import PlainDataError, decode, encode

log = logging.getLogger("kiosk.content")

CACHE_FILE = "library.json"
FORMAT = 3
"""Raised when what is stored changes shape, so an old cache is never taken for a new one."""
CODE_FOLDERS = ("content", "clinical", "demos", "language")
"""The kiosk packages whose code decides what a file loads into (checks, dataclasses, poses)."""
KIOSK = Path(__file__).resolve().parents[1]


def fingerprint(paths: list[Path] | None) -> str:
    """A digest of every input of `kiosk.content.loader.load(paths)` (None: the bundled folder)."""
    digest = hashlib.sha256(repr((FORMAT, sys.version, _babel_stamp(), os.getcwd(),
                                  [str(p) for p in paths or []])).encode())
    bundled = bundled_exercises_dir()
    for given in [*(paths or []), bundled]:
        _add_exercise_files(digest, Path(given))
        _add_listing(digest, default_assets_dir(folder_of(Path(given))))
    for catalogue in sorted([*LOCALE_DIR.glob("*.pot"), *LOCALE_DIR.glob("*/LC_MESSAGES/*.po")]):
        digest.update(f"{catalogue.relative_to(LOCALE_DIR)}\n".encode())
        digest.update(hashlib.sha256(catalogue.read_bytes()).digest())
    for package in CODE_FOLDERS:
        for source in sorted((KIOSK / package).glob("*.py")):
            status = source.stat()
            digest.update(f"{source.name} {status.st_size} {status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _babel_stamp() -> str:
    """Which Babel is installed (its locale data names the languages), without importing it."""
    origin = importlib.util.find_spec("babel").origin
    status = os.stat(origin)
    return f"{origin} {status.st_size} {status.st_mtime_ns}"


def _add_exercise_files(digest, given: Path) -> None:
    """The name and bytes of each exercise file `given` names (a folder, one file, or nothing there)."""
    if given.is_dir():
        files = sorted(child for child in given.iterdir() if is_exercise_file(child))
    else:
        files = [given] if given.is_file() else []
    digest.update(f"given {given} {len(files)}\n".encode())
    for file in files:
        digest.update(f"{file.name}\n".encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())


def _add_listing(digest, folder: Path) -> None:
    """Which files exist under `folder` (the loader asks only whether a media file is there)."""
    found = []
    for top, folders, files in os.walk(folder):
        folders.sort()
        found += [os.path.relpath(os.path.join(top, name), folder) for name in sorted(files)
                  if os.path.isfile(os.path.join(top, name))]
    digest.update(f"assets {folder} {found}\n".encode())


def load_cached(paths: list[Path] | None, cache_folder: Path | None) -> Library:
    """The library of `paths`, from the cache in `cache_folder` when nothing it was read from changed
    (and the language facts kept with it remembered).

    With no `cache_folder` (no data folder), the files are read as always."""
    if cache_folder is None:
        return _read(paths)
    cache = Path(cache_folder) / CACHE_FILE
    wanted = fingerprint(paths)
    try:
        kept = json.loads(read_own_file(cache))
        if type(kept) is dict and kept.get("fingerprint") == wanted:  # the fingerprint has the format in it
            library, facts = decode(kept["library"]), decode(kept["facts"])
            if isinstance(library, Library) and isinstance(facts, dict):
                remember_language_facts(facts)
                return library
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, RecursionError) as error:  # damaged, foreign, a link: a slower start
        log.warning("the library cache %s could not be read (%s); reading the exercise files", cache,
                    str(error)[:200])
    library = _read(paths)
    _store(cache, (wanted, library, _language_facts(library)))
    return library


def _language_facts(library: Library) -> dict:
    """The language facts of every language the kiosk's words or the library's exercises are in."""
    languages = {*catalogue_languages(), *languages_in_content(list(library.programs.values()))}
    try:
        return language_facts(sorted(languages))
    except Exception as error:  # e.g. a code Babel does not know: left to be worked out (and fail) where used
        log.warning("the language facts of %s were not cached (%s)", ", ".join(sorted(languages)), error)
        return {"missing": {}, "own_names": {}}


def _read(paths: list[Path] | None) -> Library:
    from .loader import load  # the loader and its checks are imported only when files must be read

    return load(paths)


def _store(cache: Path, stored: tuple) -> None:
    """Write the cache whole or not at all: a kiosk switched off mid-write leaves the old one, and two
    kiosks sharing a data folder each write their own partial file. 0600, as every file of the data
    folder: what patients did is not in it, but the folder's rule is simple."""
    wanted, library, facts = stored
    try:
        kept = {"format": FORMAT, "fingerprint": wanted, "library": encode(library), "facts": encode(facts)}
        write_whole(cache, json.dumps(kept, separators=(",", ":")).encode("utf-8"))
    except (OSError, PlainDataError, ValueError) as error:  # unwritten: the next start only costs some time
        log.warning("the library cache %s could not be written (%s); the next start reads the files", cache, error)
