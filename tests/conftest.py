"""Test setup shared by every test: Kivy runs headless and writes nothing to ~/.kivy.

The environment is set before anything imports Kivy: argv left alone, no console log,
no sound card needed, and KIVY_HOME in a temporary folder.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="kiosk-kivy-home-"))
# Each pytest-xdist worker is a process with a window of its own: its own Kivy home too, so that no two
# workers write one config.ini at the same time.
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["KIVY_HOME"] = os.path.join(os.environ["KIVY_HOME"], os.environ["PYTEST_XDIST_WORKER"])
    os.makedirs(os.environ["KIVY_HOME"], exist_ok=True)
# Records written by tests go to a temporary folder, never to the user's data folder.
os.environ["KIOSK_DATA"] = tempfile.mkdtemp(prefix="kiosk-data-")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    """The repository's top folder."""
    return ROOT


LONGEST_FIRST = ("ui/test_soak.py", "ui/test_whole_text.py", "ui/test_monkey.py",
                 "ui/test_program_editor_changes.py", "ui/test_crash.py", "ui/test_starter_journey.py",
                 "ui/test_speech_kiosk.py", "ui/test_program_editor.py",
                 "test_manual.py", "ui/test_look.py", "ui/test_autopilot_pictures.py", "ui/test_staff.py",
                 "ui/test_journeys.py", "ui/test_records_faults_kiosk.py", "ui/test_steady_text.py")
"""The files whose tests take longest (a minute or more, `--durations`), run first: with the long ones
last, one worker ran the soak test alone for minutes while the other had nothing left to do."""


def pytest_collection_modifyitems(config, items) -> None:
    missing = [name for name in LONGEST_FIRST if not (ROOT / "tests" / name).is_file()]
    if missing:
        raise pytest.UsageError(f"tests/conftest.py LONGEST_FIRST names files that are not there: {missing}")
    rank = {str(ROOT / "tests" / name): place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(str(item.path), len(rank)))  # stable: the rest keep their order
