"""The rooms below the touchscreen never load Kivy, checked at run time.

The import contracts (tests/test_import_contracts.py) read the source; this imports
every module for real, so an import hidden from the source reader would show here.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


ROOMS = ("clinical", "content", "demos", "records", "speech")
CORE_MODULES = [f"kiosk.{room}.{p.stem}" for room in ROOMS for p in (ROOT / "kiosk" / room).glob("*.py")
                if p.stem != "__init__"] + ["kiosk.language", "kiosk.files", "kiosk.cli.content",
                                                                  "kiosk.cli.records"]


def test_importing_the_rooms_and_the_command_loads_no_kivy():
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES + ['kiosk.__main__']!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'kivy' or m.startswith('kivy.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
    assert len(CORE_MODULES) >= 30


def test_the_validate_and_simulate_commands_load_no_kivy(tmp_path):
    script = tmp_path / "script.yaml"
    script.write_text("baseline: {symptoms: [knee_right], intensity: 5}\n")
    code = (
        "import sys\n"
        "from kiosk.__main__ import main\n"
        "main(['validate'])\n"
        f"main(['simulate', 'knee_from_spine', '--script', {str(script)!r}, '--json'])\n"
        "sys.stderr.write(str([m for m in sys.modules if m.startswith('kivy')]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stderr.strip().endswith("[]"), out.stderr
