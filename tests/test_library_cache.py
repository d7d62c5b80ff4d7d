"""The library cache: a start with unchanged files takes the library from it; any change is read anew.

Real files in a temporary folder, the real loader, the real cache file; each test
changes one thing the loader looks at and checks that the next load shows it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from yaml_files import write

import kiosk.language
from kiosk.content import library_cache
from kiosk.content.library import Library
from kiosk.content.library_paths import load_with_clinic
from kiosk.content.loader import bundled_exercises_dir, default_assets_dir, load
from kiosk.language import language_facts, missing_messages, own_name

CLINIC_PROGRAM = """
programs:
  - id: clinic_extension
    name: Our extension programme
    blocks:
      - role: spinal
        exercises: [prone_lying, press_up]
"""


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the bundled exercise folder with its assets beside it, free to change."""
    exercises = tmp_path / "exercises"
    shutil.copytree(bundled_exercises_dir(), exercises)
    shutil.copytree(default_assets_dir(bundled_exercises_dir()), tmp_path / "assets")
    return exercises


@pytest.fixture
def cache(tmp_path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    return folder


def test_an_unchanged_folder_is_taken_from_the_cache(folder, cache):
    first = library_cache.load_cached([folder], cache)
    assert (cache / library_cache.CACHE_FILE).is_file()
    assert first.programs.keys() == load([folder]).programs.keys()
    # Proof that the cache is what is read: a library stored under today's fingerprint comes back as it is.
    marked = Library(problems=first.problems, files=first.files)
    library_cache._store(cache / library_cache.CACHE_FILE,
                         (library_cache.fingerprint([folder]), marked, {"missing": {}, "own_names": {}}))
    again = library_cache.load_cached([folder], cache)
    assert again == marked and not again.programs


def test_an_edited_exercise_file_is_read_again(folder, cache):
    library_cache.load_cached([folder], cache)
    extension = folder / "extension.yaml"
    extension.write_text(extension.read_text().replace("name: Lying face down\n", "name: Face down on the mat\n"))
    assert library_cache.load_cached([folder], cache).exercises["prone_lying"].name == "Face down on the mat"


def test_an_edit_that_keeps_size_and_time_is_still_seen(folder, cache):
    """The fingerprint reads the bytes: an editor that restores the old modification time can't hide a change."""
    library_cache.load_cached([folder], cache)
    extension = folder / "extension.yaml"
    status = extension.stat()
    extension.write_text(extension.read_text().replace("hold: 180", "hold: 120", 1))
    os.utime(extension, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert library_cache.load_cached([folder], cache).exercises["prone_lying"].hold == 120


def test_a_new_file_and_a_removed_file_are_seen(folder, cache):
    library_cache.load_cached([folder], cache)
    write(folder, "clinic.yaml", CLINIC_PROGRAM)
    assert "clinic_extension" in library_cache.load_cached([folder], cache).programs
    (folder / "clinic.yaml").unlink()
    assert "clinic_extension" not in library_cache.load_cached([folder], cache).programs


def test_a_video_that_goes_missing_becomes_a_warning(folder, cache):
    assert not [p for p in library_cache.load_cached([folder], cache).problems if "file not found" in p.message]
    (folder.parent / "assets" / "videos" / "press_up.mp4").unlink()
    warnings = [p for p in library_cache.load_cached([folder], cache).problems if "file not found" in p.message]
    assert [p.where for p in warnings] and all("press_up.mp4" in p.message for p in warnings)


def test_a_clinic_program_saved_in_the_data_folder_is_seen(folder, cache, tmp_path):
    programs = tmp_path / "data" / "programs"
    programs.mkdir(parents=True)
    assert "clinic_extension" not in load_with_clinic(folder, programs, cache_folder=cache).programs
    write(programs, "clinic_extension.yaml", CLINIC_PROGRAM)
    assert "clinic_extension" in load_with_clinic(folder, programs, cache_folder=cache).programs


def test_a_damaged_cache_is_read_past_said_and_replaced(folder, cache, caplog):
    (cache / library_cache.CACHE_FILE).write_bytes(b"\x80\x05 not a pickle at all")
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        library = library_cache.load_cached([folder], cache)
    assert "prone_lying" in library.exercises
    assert any("library cache" in record.getMessage() and "could not be read" in record.getMessage()
               for record in caplog.records)
    assert library_cache.load_cached([folder], cache).exercises.keys() == library.exercises.keys()


def test_a_cache_that_cannot_be_written_only_costs_time(folder, tmp_path, caplog):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        library = library_cache.load_cached([folder], not_a_folder)
    assert "prone_lying" in library.exercises
    assert any("could not be written" in record.getMessage() for record in caplog.records)


def test_the_cache_is_written_whole_and_leaves_nothing_else_behind(folder, cache):
    """It is written to a partial file of its own (one per process) and renamed into place."""
    library_cache.load_cached([folder], cache)
    assert [path.name for path in cache.iterdir()] == [library_cache.CACHE_FILE]


def forget_language_facts(monkeypatch) -> None:
    """As a new process starts: nothing worked out about any language yet."""
    monkeypatch.setattr(kiosk.language, "_known_missing", {})
    monkeypatch.setattr(kiosk.language, "_known_own_names", {})


def test_the_language_facts_come_with_the_cache_and_a_changed_catalogue_is_seen(folder, cache, tmp_path, monkeypatch):
    locale = tmp_path / "locale"  # a copy of the catalogues, free to change, that the fingerprint reads
    shutil.copytree(kiosk.language.LOCALE_DIR, locale)
    monkeypatch.setattr(library_cache, "LOCALE_DIR", locale)
    forget_language_facts(monkeypatch)
    first = library_cache.load_cached([folder], cache)
    # Proof that the facts are what is read: facts stored under today's fingerprint come back as they are.
    marked = {"missing": {"es": ("Marked sentence",)}, "own_names": {"es": "Marked"}}
    library_cache._store(cache / library_cache.CACHE_FILE, (library_cache.fingerprint([folder]), first, marked))
    forget_language_facts(monkeypatch)
    library_cache.load_cached([folder], cache)
    assert (missing_messages("es"), own_name("es")) == (("Marked sentence",), "Marked")

    catalogue = locale / "es" / "LC_MESSAGES" / "kiosk.po"
    catalogue.write_bytes(catalogue.read_bytes() + b"\n")  # one byte more: worked out again from the catalogues
    forget_language_facts(monkeypatch)
    library_cache.load_cached([folder], cache)
    assert (missing_messages("es"), own_name("es")) == ((), "Español")


def test_a_language_babel_does_not_know_is_cached_under_its_code(folder, cache, caplog, monkeypatch):
    forget_language_facts(monkeypatch)
    core = folder / "core.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("    translations:\n", "    translations:\n"
                    "      qqq:\n        name: Q\n        instructions: Q\n", 1), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        library = library_cache.load_cached([folder], cache)
    assert "qqq" in next(e for e in library.exercises.values() if "qqq" in e.translations).translations
    assert "the language facts of" not in caplog.text  # Babel has no name for it: it is shown as its code
    assert library_cache.load_cached([folder], cache) == library  # taken from the cache all the same
    assert language_facts(["qqq"])["own_names"] == {"qqq": "qqq"}


KIOSK_CODE = Path(library_cache.__file__).resolve().parents[1]


@pytest.fixture
def kiosk_copy(tmp_path) -> Path:
    """A copy of the kiosk's code with its bundled exercise folder (the assets shared), run by its own
    Python: its bundled files and code can be changed as an update of the kiosk changes them."""
    root = tmp_path / "copy"
    shutil.copytree(KIOSK_CODE, root / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(bundled_exercises_dir(), root / "exercises")
    (root / "assets").symlink_to(default_assets_dir(bundled_exercises_dir()))
    (tmp_path / "data" / "cache").mkdir(parents=True)
    return root


def start_of(root: Path) -> dict:
    """prone_lying as a start of the copy reads it: no exercise folder given, no clinic programs folder,
    the library cache in the data folder beside the copy."""
    data = root.parent / "data"
    code = ("import json, sys, kiosk\n"
            "from kiosk.content.library_paths import load_with_clinic\n"
            "library = load_with_clinic(None, sys.argv[1] + '/programs', cache_folder=sys.argv[1] + '/cache')\n"
            "exercise = library.exercises['prone_lying']\n"
            "print(json.dumps({'code': kiosk.__file__, 'name': exercise.name, 'sets': exercise.sets}))\n")
    done = subprocess.run([sys.executable, "-c", code, str(data)], cwd=root, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(root)), timeout=120)
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout)
    assert read.pop("code") == str(root / "kiosk" / "__init__.py") and not (data / "programs").exists()
    return read


def test_an_edit_of_a_bundled_exercise_is_seen_when_the_clinic_has_no_programs_folder(kiosk_copy):
    assert start_of(kiosk_copy) == {"name": "Lying face down", "sets": 1}
    extension = kiosk_copy / "exercises" / "extension.yaml"
    extension.write_text(extension.read_text().replace("name: Lying face down\n", "name: Face down on the mat\n"))
    assert start_of(kiosk_copy) == {"name": "Face down on the mat", "sets": 1}


def test_a_change_of_the_kiosks_own_code_is_seen(kiosk_copy):
    """An update whose code reads the same file differently (here: the default number of sets)."""
    assert start_of(kiosk_copy) == {"name": "Lying face down", "sets": 1}
    fields = kiosk_copy / "kiosk" / "content" / "fields.py"
    text = fields.read_text()
    default = 'Field("sets", Whole(1, 10), "How many sets; the patient checks in after each one.", default=1)'
    assert default in text
    fields.write_text(text.replace(default, default.replace("default=1", "default=2")))
    assert start_of(kiosk_copy) == {"name": "Lying face down", "sets": 2}
