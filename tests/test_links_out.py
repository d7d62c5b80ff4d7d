"""A file of an exercise folder that is a link out of it is refused unread: nothing it holds is quoted.

A clinic's `programs/` folder holding a link to a password file must not have that
file's lines echoed in `kiosk validate` or the kiosk's log (issue 23, item 7).
"""

from __future__ import annotations

from pathlib import Path

from yaml_files import one_exercise, write

from kiosk.__main__ import main
from kiosk.content import loader

SECRET = "root:$6$saltsalt$hashedpassword:19000:0:99999:7:::\nalice:$6$pepper$otherhash:19000:0:99999:7:::\n"


def test_a_link_out_of_the_folder_is_refused_and_never_quoted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shadow").write_text(SECRET)
    folder = Path("programs")
    folder.mkdir()
    (folder / "a.yaml").symlink_to(tmp_path / "shadow")
    library = loader.load([folder])
    assert [str(problem) for problem in library.problems] == [
        "programs/a.yaml: file: a symbolic link to a file outside this folder: not read; "
        "expected the exercise file itself in the folder"]
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "programs/a.yaml: file: a symbolic link" in out + err
    for secret in ("saltsalt", "hashedpassword", "pepper", "otherhash", "root", "alice"):
        assert secret not in out + err


def test_a_link_that_stays_in_the_folder_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("programs")
    write(folder, "real.yml", one_exercise())
    (folder / "b.yaml").symlink_to("real.yml")  # the same file under another name: read once
    library = loader.load([folder])
    assert not [p for p in library.problems if "symbolic link" in p.message] and library.exercises
