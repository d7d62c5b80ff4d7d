"""The guide stands on its own: every link in the project's documents stays inside the project.

A clinic has the repository and nothing else, so a link to a file beside it (or to
a heading that is not there) is a dead end for the reader it was written for.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
EXTERNAL = ("http://", "https://", "mailto:")
HERE = Path(__file__).resolve()


def documents() -> list[Path]:
    found = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [path for path in found if path.exists()]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"[`*]", "", heading.strip().lower())  # code and emphasis marks go; underscores stay
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def links(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        found += [(number, target) for target in LINK.findall(line)]
    return found


def problems_of(path: Path) -> list[str]:
    problems = []
    for line, target in links(path):
        if target.startswith(EXTERNAL):
            continue
        file_part, _, anchor = target.partition("#")
        where = f"{path.relative_to(ROOT)}:{line}: {target}"
        linked = (path.parent / file_part).resolve() if file_part else path
        if ROOT.resolve() not in linked.parents and linked != ROOT.resolve():
            problems.append(f"{where}: leaves the project")
        elif not linked.exists():
            problems.append(f"{where}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            problems.append(f"{where}: no heading #{anchor}")
    return problems


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_stays_inside_the_project_and_arrives(path):
    assert problems_of(path) == []


def test_the_checker_sees_links_that_leave_or_lead_nowhere(tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (tmp_path / "notes.md").write_text("# Notes\n")
    page = project / "docs" / "page.md"
    page.write_text("# Page\nSee [the notes](../../notes.md), [a picture](gone.png), [here](#page),\n"
                    "[a heading](#nowhere) and [the web](https://example.org/x).\n")
    monkeypatch.setattr("test_docs.ROOT", project)
    assert [problem.split(": ", 1)[1] for problem in problems_of(page)] == [
        "../../notes.md: leaves the project", "gone.png: no such file", "#nowhere: no heading #nowhere"]


def test_the_clinical_model_is_in_the_project_and_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/clinical-model.md" in readme
    model = (ROOT / "docs" / "clinical-model.md").read_text(encoding="utf-8")
    for needed in ("back_central", "knee_left", "peripheralizing", "recheck_after", "stopped_worsening",
                   "saddle_numbness", "new_weakness", "after_no_effect"):
        assert needed in model, needed


def test_nothing_in_the_project_refers_to_the_team_notes():
    """The team's own notes are not shipped: no file of the product may point at them."""
    suffixes = {".py", ".kv", ".md", ".yaml", ".yml", ".toml", ".sh", ".svg"}
    offenders = []
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if path.suffix not in suffixes or parts[0].startswith(".") or "egg-info" in parts[0] or path == HERE:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if re.search(r"shared/(domain|style|kivy-notes)\.md|\bdomain\.md\b", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
