"""The arrows between the code's rooms, as `pyproject.toml` writes them, hold.

Runs the real `lint-imports` over the package; a wrong arrow (say, the clinical
model importing the records, or Kivy below the touchscreen) fails with its report.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent



def _lint_imports() -> str:
    beside = Path(sys.executable).parent / "lint-imports"
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert found, "lint-imports is not installed (it comes with the test extras: ./scripts/setup.sh)"
    return found


def test_the_import_contracts_are_kept():
    out = subprocess.run([_lint_imports(), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_a_wrong_arrow_breaks_a_contract(tmp_path):
    """The contracts are not vacuous: a copy of the package where the clinical model imports the records fails."""
    copy = tmp_path / "kiosk"
    shutil.copytree(ROOT / "kiosk", copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    engine = copy / "clinical" / "engine.py"
    engine.write_text(engine.read_text() + "\nfrom kiosk.records import store  # noqa: E402,F401\n")
    out = subprocess.run([_lint_imports(), "--no-cache"], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert out.returncode != 0
    assert "kiosk.clinical.engine -> kiosk.records.store" in out.stdout, out.stdout + out.stderr
