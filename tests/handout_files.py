"""Handouts made as staff make them, and read back as a reader of the paper would.

`kiosk handout` runs in a subprocess: it opens a headless Kivy window to draw the
figure pictures, so the test process itself never imports Kivy. The PDF is read
with poppler-utils (installed by ./scripts/setup.sh --tests): `pdftotext` for its
words, `pdfimages` for its pictures, `pdfinfo` for its pages.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300
"""Seconds `kiosk handout` may take before the test fails (it takes a few)."""


def kiosk_handout(data: Path, session: str, out: Path, *options: str) -> subprocess.CompletedProcess:
    """`kiosk handout SESSION --out OUT --data DATA [options]`, in a subprocess, with its own Kivy home."""
    env = {**os.environ, "KIVY_HOME": str(data.parent / "kivy-home")}
    return subprocess.run([sys.executable, "-m", "kiosk", "handout", session, "--out", str(out), "--data", str(data),
                           *options], cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)


def pdf_text(path: Path) -> str:
    """The words of the PDF, each run of spaces and line ends as one space (a line broken on the page
    reads as one sentence)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return " ".join(text.decode("utf-8").split())


def pdf_pages(path: Path) -> int:
    said = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", said, re.MULTILINE).group(1))


def pdf_pictures(path: Path) -> list[dict]:
    """The pictures `pdfimages -list` lists, in the order drawn: page, width, height, colour."""
    listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    pictures = []
    for line in listed.splitlines()[2:]:
        page, _, kind, width, height, color = line.split()[:6]
        if kind == "image":
            pictures.append({"page": int(page), "width": int(width), "height": int(height), "color": color})
    return pictures


def pdf_picture_files(path: Path, folder: Path) -> list[bytes]:
    """Each picture of the PDF as PNG bytes, in the order drawn (`pdfimages -png`)."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdfimages", "-png", str(path), str(folder / "picture")], check=True)
    return [file.read_bytes() for file in sorted(folder.glob("picture-*.png"))]
