"""The clinical core never imports Kivy: three UIs could sit on it (style.md)."""

import subprocess
import sys

from conftest import ROOT

CORE_MODULES = ["kiosk.core." + p.stem for p in (ROOT / "kiosk" / "core").glob("*.py") if p.stem != "__init__"]


def test_importing_the_core_and_the_command_loads_no_kivy():
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES + ['kiosk.__main__']!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'kivy' or m.startswith('kivy.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
    assert len(CORE_MODULES) >= 8


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
