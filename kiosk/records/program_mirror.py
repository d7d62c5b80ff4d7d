"""One round of the clinic's programs between this kiosk's programs folder and the server.

Each `<id>.yaml` of the folder (saved by the program editor, or put there by a
therapist) that changed here since the last round is published as a new version,
unless the server already has those very bytes as the newest. Then the newest
version of each program on the server that this kiosk does not have yet is
written into the folder, replacing the file (kept as `<id>.yaml.previous`, as an
editor save keeps it, so undo on this kiosk puts it back). A program new to this
kiosk gets no previous version: undo has nothing to go back to, rather than
deleting a program the next round would not bring back (its bytes are known here).

"Changed here" is judged against `.clinic-server.json` in the folder: the sha256
of each program as this kiosk last published or received it. Without that note an
undo back to an older version would look like a stale copy and be overwritten.

No file goes either way without passing `check`, the same loader the kiosk runs,
passed in by the caller (the records may not import the content loader): an
invalid file here is never published and is left as it is (not overwritten: it may
be a therapist's unfinished work); an invalid version from the server (one that
does not load with this kiosk's exercises) is not written, and the last copy stays.
Every write is atomic and private (0600): a temporary file, flushed, renamed.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import psycopg

from kiosk.files import sync_folder, write_synced

from . import program_versions as versions

STATE_FILE = ".clinic-server.json"
"""The sha256 of each program as last published or received here (not *.yaml: the loader never reads it)."""

Check = Callable[[Path, str, Path], list[str]]
"""check(folder, program_id, candidate): the loader's problems with `candidate` as that program's file."""


@dataclass
class Round:
    """What one round did: programs published, programs written from the server, files refused (why)."""

    published: list[str] = field(default_factory=list)
    mirrored: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def mirror_once(remote: psycopg.Connection, folder: Path, kiosk_name: str, check: Check) -> Round:
    """Publish what changed in `folder`, then write what is newer on the server into it."""
    folder = Path(folder)
    known = read_state(folder)
    on_server = versions.newest(remote)
    local = {path.stem: path for path in sorted(folder.glob("*.yaml")) if path.is_file()}
    result = Round()
    for program_id in sorted(set(local) | set(on_server)):
        newest = on_server.get(program_id)
        path = local.get(program_id)
        if path is not None and _sha256(path.read_bytes()) != known.get(program_id):
            newest, sent = _publish(remote, folder, path, newest, kiosk_name, check, result)
            if sent is None:
                continue  # refused: neither published nor overwritten
            known[program_id] = sent
            write_state(folder, known)
        if newest is not None and newest.sha256 != known.get(program_id):
            problems = _receive(remote, folder, newest, check)
            if problems:
                result.refused[program_id] = f"the clinic server's version {newest.version}: {problems[0]}"
                continue
            known[program_id] = newest.sha256
            write_state(folder, known)
            result.mirrored.append(program_id)
    return result


def _publish(remote, folder: Path, path: Path, newest, kiosk_name: str, check: Check, result: Round):
    """Publish the file at `path` if it is valid and new.

    Returns the program's newest version afterwards and the sha256 of the bytes now on the server
    (None: the file was refused)."""
    data = path.read_bytes()
    sha256 = _sha256(data)
    if newest is not None and newest.sha256 == sha256:
        return newest, sha256  # the server has these bytes as newest already (a crash after publishing, say)
    candidate = folder / f".{path.stem}.yaml.publish"
    write_synced(candidate, data)  # the bytes checked are the bytes published, whatever happens to the file
    try:
        problems = check(folder, path.stem, candidate)
    finally:
        candidate.unlink(missing_ok=True)
    if problems:
        result.refused[path.stem] = f"not published: {problems[0]}"
        return newest, None
    saved_at = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    result.published.append(path.stem)
    return versions.publish(remote, path.stem, data, sha256, kiosk_name, saved_at), sha256


def _receive(remote, folder: Path, newest: versions.ProgramVersion, check: Check) -> list[str]:
    """Write the server's newest version into the folder if it loads here; returns the problems if not."""
    data = versions.content(remote, newest)
    if _sha256(data) != newest.sha256:
        return [f"its bytes do not match its sha256 {newest.sha256}; expected the file as published"]
    candidate = folder / f".{newest.program_id}.yaml.mirror"
    write_synced(candidate, data)
    problems = check(folder, newest.program_id, candidate)
    if problems:
        candidate.unlink(missing_ok=True)
        return problems
    path, kept = folder / f"{newest.program_id}.yaml", folder / f"{newest.program_id}.yaml.previous"
    if path.is_file():
        previous = folder / f".{newest.program_id}.yaml.previous.tmp"
        write_synced(previous, path.read_bytes())
        os.replace(previous, kept)
    else:  # new here: nothing to go back to (an empty one would make undo delete what the clinic shares)
        kept.unlink(missing_ok=True)
    os.replace(candidate, path)
    sync_folder(folder)
    return []


def read_state(folder: Path) -> dict[str, str]:
    """The sha256 of each program as this kiosk last published or received it."""
    try:
        return dict(json.loads((Path(folder) / STATE_FILE).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {}
    except (ValueError, TypeError):
        return {}  # a damaged note: every valid file here is offered again, which the server takes once


def write_state(folder: Path, known: dict[str, str]) -> None:
    temporary = Path(folder) / f"{STATE_FILE}.tmp"
    write_synced(temporary, json.dumps(known, indent=1, sort_keys=True).encode("utf-8"))
    os.replace(temporary, Path(folder) / STATE_FILE)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
