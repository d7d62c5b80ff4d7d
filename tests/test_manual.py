"""The manual cannot drift from the code: it builds strictly, its commands run, its tables are the code's.

- `mkdocs build --strict` (every page in the navigation, every link and anchor checked);
- every command line of a `sh` block in README.md and docs/ is run here, in order, in a scratch
  folder (or is named below with the reason it cannot run on a test machine);
- the tables of the exercise-file format, the CSV columns and the FHIR code systems are compared
  with the definitions the loader, the export and the FHIR writer use;
- README.md stays a front door: short, and pointing into the manual.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pgserver import clinic_url, pg_cluster  # noqa: F401  (fixtures)

from kiosk.content import fields
from kiosk.records.export import CSV_COLUMNS
from kiosk.records.fhir_terms import code_systems

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
VENV_BIN = Path(sys.executable).parent

NOT_RUN_HERE = {
    r"^\./scripts/start\.sh": "starts the kiosk fullscreen on the touchscreen",
    r"^\./scripts/test\.sh": "is this test suite itself",
    r"^(KIOSK_DATABASE_URL=\S+ )?kiosk run(?!.*--autopilot)": "the kiosk itself needs a screen and a patient",
    r"^\.venv/bin/python -m bench": "the benchmarks take minutes and print figures only (bench/)",
    r"^\./scripts/catalogs\.sh new": "would add a language to this project; tests/test_catalogues.py checks the catalogues",
    r"^kiosk render-videos( --only [a-z_ ]+)?$": "would rewrite the bundled assets/videos; the --out form is run",
    r"^kiosk set-pin$": "asks for the PIN twice at a terminal; tests/test_pin.py sets one through standard input",
    r"^kiosk restore ": "names a backup by the time it was made; tests/test_backup.py restores one",
    r"kiosk-installer|^/opt/kiosk/": "installs into this machine's /opt and systemd as root; tests/test_boot.py does it "
                                     "in a booted Debian 12 container",
    r"^\./scripts/setup\.sh --tests && .*-m build": "builds this checkout's wheel; tests/wheels.py builds one the same way",
}
SUBSTITUTIONS = ((re.compile(r"(?<![\w.])/tmp/"), "{scratch}/tmp/"), (re.compile(r"(?<![\w.])/media/usb"),
                 "{scratch}/media/usb"))
"""Absolute paths in the examples, moved into the scratch folder so that nothing outside it is touched."""


def manual_pages() -> list[Path]:
    """README.md, then the manual's pages in the order of its navigation (a page may use what one before made)."""
    nav = re.findall(r":\s*([\w/.-]+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    ordered = [DOCS / name for name in nav]
    return [ROOT / "README.md", *ordered, *sorted(set(DOCS.rglob("*.md")) - set(ordered))]


def shell_lines(path: Path) -> list[str]:
    """The command lines of the page's ```sh blocks (a backslash joins two), no comments, `.venv/bin/` off `kiosk`."""
    found = []
    for block in re.findall(r"^\s*```sh\n(.*?)^\s*```", path.read_text(encoding="utf-8"), re.S | re.M):
        block = re.sub(r"\\\n\s*", " ", block)  # a line ending in a backslash goes on on the next, as in the shell
        for line in block.splitlines():
            command = re.sub(r"(^|\s+)#\s.*$", "", line).strip()  # a comment starts with "# " here
            if command:
                found.append(re.sub(r"(^|\s)\.venv/bin/kiosk\b", r"\1kiosk", command))
    return found


def why_not_run(command: str) -> str | None:
    return next((why for pattern, why in NOT_RUN_HERE.items() if re.search(pattern, command)), None)


def test_the_manual_builds_with_every_link_and_anchor_checked(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "therapists" / "staff-screen" / "index.html").is_file()
    assert (tmp_path / "site" / "search" / "search_index.json").is_file()


def test_every_command_in_the_manual_runs(tmp_path, clinic_url):  # noqa: F811
    scratch = tmp_path / "scratch"
    for name in ("exercises", "assets", "examples"):
        (scratch / name).parent.mkdir(parents=True, exist_ok=True)
        (scratch / name).symlink_to(ROOT / name)
    for folder in ("tmp", "media/usb", "home/.config/kiosk"):
        (scratch / folder).mkdir(parents=True)
    url_file = scratch / "home/.config/kiosk/clinic.url"
    url_file.write_text(clinic_url + "\n")
    url_file.chmod(0o600)
    env = {**os.environ, "HOME": str(scratch / "home"), "KIOSK_DATA": str(scratch / "data"),
           "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("KIOSK_DATABASE_URL", None)
    ran, failed = [], []
    for page in manual_pages():
        for command in shell_lines(page):
            if why_not_run(command):
                continue
            for pattern, replacement in SUBSTITUTIONS:
                command = pattern.sub(replacement.format(scratch=scratch), command)
            result = subprocess.run(["bash", "-c", command], cwd=scratch, env=env, capture_output=True, text=True,
                                    timeout=300)
            ran.append(command)
            if result.returncode != 0:
                failed.append(f"{page.relative_to(ROOT)}: {command}: exit {result.returncode}\n"
                              f"{result.stdout[-800:]}{result.stderr[-800:]}")
    assert failed == []
    assert len(ran) >= 15  # the pages do hold commands: a change to the block syntax must not run none


def test_the_commands_the_manual_cannot_run_here_are_still_in_it():
    """Each excuse above names a command that is really shown: one left over would hide nothing, but mislead."""
    shown = [command for page in manual_pages() for command in shell_lines(page)]
    for pattern in NOT_RUN_HERE:
        assert any(re.search(pattern, command) for command in shown), pattern


def table_after(path: Path, marker: str) -> list[list[str]]:
    """The rows (cells without their `code` marks) of the first table after the line holding `marker`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines) if marker in line)
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("|"):
            rows.append([cell.strip().strip("`") for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # the header and its rule


FORMAT = DOCS / "writing" / "exercise-file-format.md"


@pytest.mark.parametrize("marker, record", [
    ("An exercise (`exercises:` items):", fields.EXERCISE),
    ("A program (`programs:` items):", fields.PROGRAM),
    ("The policy:", fields.POLICY),
    ("A special test (`special_tests:` items)", fields.SPECIAL_TEST),
], ids=["exercise", "program", "policy", "special test"])
def test_the_format_tables_name_every_field_the_loader_knows(marker, record):
    rows = table_after(FORMAT, marker)
    assert [row[0] for row in rows] == [field.name for field in record.fields]
    if rows and rows[0][1] in ("yes", "no") or any(row[1].startswith("with ") for row in rows):
        for row, field in zip(rows, record.fields):
            assert (row[1] == "yes") == field.required, field.name


def test_the_animation_table_names_every_field_the_loader_knows():
    rows = table_after(DOCS / "writing" / "demonstrations.md", "The animation's fields:")
    assert sorted(row[0] for row in rows) == sorted(field.name for field in fields.ANIMATION.fields)


def test_the_csv_table_is_the_export_header_with_its_meanings():
    rows = table_after(DOCS / "therapists" / "exporting-records.md", "**CSV**")
    assert [tuple(row) for row in rows] == list(CSV_COLUMNS)


def test_the_fhir_code_system_table_lists_the_code_systems_the_export_publishes():
    rows = table_after(DOCS / "therapists" / "exporting-records.md", "No standard code exists for")
    documented = {row[0]: row[1] for row in rows}
    published = {system["url"].rsplit("/", 1)[-1]: system for system in code_systems()}
    assert set(documented) == set(published)
    for name, codes in documented.items():
        listed = set(re.findall(r"`([a-z_-]+)`", codes))
        actual = {concept["code"] for concept in published[name]["concept"]}
        assert listed <= actual, name


def test_the_readme_is_a_front_door_into_the_manual():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    for needed in ("./scripts/start.sh", "./scripts/test.sh", "docs/clinical-model.md", "diagnosis",
                   "docs/therapists/", "docs/writing/", "docs/it/", "docs/developers/"):
        assert needed in readme, needed
