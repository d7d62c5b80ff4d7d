"""Speech never blocks or breaks a session: `kiosk run --autopilot` with each fault completes,
with the same outcome, and says what went wrong in one log line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "examples" / "patients" / "stopped_worsening.yaml"


def run_kiosk(tmp_path, **env) -> tuple[dict, list[str], list[dict]]:
    """(result, stderr lines about speech, speech log) of one autopilot session in a fresh data folder."""
    log = tmp_path / "speech.jsonl"
    environment = {**os.environ, "KIOSK_DATA": str(tmp_path / "data"), "KIVY_HOME": str(tmp_path / "kivy"), **env}
    done = subprocess.run([sys.executable, "-m", "kiosk", "run", "--autopilot", str(SCRIPT), "--program",
                           "knee_from_spine", "--speech-log", str(log)], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    # The kiosk's own lines about speech; Kivy's audio provider adds its own "Unable to load <file>" line when
    # the sound output is missing (it names a file in speech-cache/), which is Kivy's, not the kiosk's, to say.
    speech = [line for line in done.stderr.splitlines()
              if "speech" in line.lower() and not line.startswith("AudioSDL2: Unable to load")]
    said = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return json.loads(done.stdout), speech, said


@pytest.mark.parametrize("fault, env, message", [
    ("no espeak-ng", {"PATH": "/nonexistent"}, "speech: espeak-ng is not installed (not found on PATH); "
                                               "the kiosk stays silent"),
    ("no audio device", {"SDL_AUDIODRIVER": "nosuchdriver"}, "speech: no sound output, the kiosk stays silent"),
], ids=["no espeak-ng", "no audio device"])
def test_the_session_completes_silently_with_one_log_line(tmp_path, fault, env, message):
    result, speech, said = run_kiosk(tmp_path, **env)
    assert result["outcome"] == "stopped_worsening"
    assert len(speech) == 1 and speech[0].startswith(message), speech
    assert said == []  # nothing was played, so nothing is in the log


def test_with_speech_working_the_same_session_is_coached(tmp_path):
    result, speech, said = run_kiosk(tmp_path)
    assert result["outcome"] == "stopped_worsening" and speech == []
    ids = [entry["phrase"] for entry in said]
    assert "recheck.start" in ids and "recheck.end" in ids and "question.where.recheck" in ids
