"""Build the kiosk's wheel the way a release does (`python -m build`), and install it in a bare venv.

`build_wheel` builds from a copy of the checkout's tracked files (so the files a wheel needs
must be in git, as on a clean clone), optionally with another version number: the boot test's
"newer wheel". `bare_venv` makes a virtual environment with Debian's /usr/bin/python3 and
installs only that wheel and what it depends on.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEBIAN_PYTHON = "/usr/bin/python3"


def build_wheel(out: Path, version: str | None = None) -> Path:
    """The wheel `python -m build` makes of the checkout's files (sdist first, the wheel from it)."""
    source = out / "source"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    if version is not None:
        init = source / "kiosk" / "__init__.py"
        init.write_text(re.sub(r'__version__ = "[^"]+"', f'__version__ = "{version}"', init.read_text()))
    done = subprocess.run([sys.executable, "-m", "build", "-o", str(out / "dist"), str(source)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = (out / "dist").glob("*.whl")
    return wheel


def bare_venv(folder: Path, wheel: Path, *pip_args: str) -> Path:
    """A new venv made with Debian's python3 holding only `wheel` and its dependencies; its bin/."""
    subprocess.run([DEBIAN_PYTHON, "-m", "venv", str(folder)], check=True)
    done = subprocess.run([str(folder / "bin" / "python"), "-m", "pip", "install", "-q", *pip_args, str(wheel)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return folder / "bin"
