"""A starter clinic folder (`kiosk new DIR`): a commented exercise file and a patient script.

The two files beside this module are copied as they are: `clinic.yaml` to
DIR/exercises/ (builds on the bundled library; one exercise of each kind, a
Spanish translation, a program with every block role and policy field) and
`patient.yaml` to DIR/patients/clinic_knee_check.yaml. DIR/assets/videos/ is made
for the clinic's own videos. Nothing is ever overwritten.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAM = "clinic_knee_check"
"""The program the starter defines, and its patient script's name."""


class StarterError(Exception):
    """The folder can't be written (it holds something already, or the disk said no)."""


def write_starter(folder: Path) -> list[Path]:
    """Write the starter into `folder` (new or empty); the files written, in order."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StarterError(f"{folder} already exists and is not an empty folder; expected a new folder "
                           "(nothing was written, so nothing of yours is overwritten)")
    files = [(HERE / "clinic.yaml", folder / "exercises" / "clinic.yaml"),
             (HERE / "patient.yaml", folder / "patients" / f"{PROGRAM}.yaml")]
    try:
        for source, target in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        (folder / "assets" / "videos").mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StarterError(f"can't write {folder}: {error.strerror or error}") from None
    return [target for _, target in files]
