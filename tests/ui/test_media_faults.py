"""Media faults mid-session: missing, zero-byte, truncated and wrong-format videos.

A whole session runs through the real screens by touch on an exercise folder
whose videos are broken in every way a clinic's files can be. The session must
reach the same outcome as `kiosk simulate`, show the written steps in place of
each broken video, and log each problem for staff.
"""

import logging
import shutil
from pathlib import Path

import yaml
from media import write_not_a_video, write_truncated, write_video, write_zero_byte
from test_journeys import plugin_of, start_kiosk

from kiosk.clinical.simulate import result_json, run_answers
from kiosk.content import loader
from kiosk.content.script import load_script
from kiosk.exercise_session.autopilot import Autopilot

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "patients" / "spinal_source_likely.yaml"
FAULTS = {
    "prone_lying": "missing.mp4",
    "prone_on_elbows": "empty.mp4",
    "press_up": "cut_short.mp4",
    "standing_extension": "notes.mp4",
    "abdominal_bracing": "good.mp4",
}


def broken_folder(tmp_path: Path) -> Path:
    folder, assets = tmp_path / "exercises", tmp_path / "assets" / "videos"
    shutil.copytree(ROOT / "tests" / "data" / "exercises", folder)
    assets.mkdir(parents=True)
    good = write_video(assets / "good.mp4", seconds=1)
    write_zero_byte(assets / "empty.mp4")
    write_truncated(assets / "cut_short.mp4", good)
    write_not_a_video(assets / "notes.mp4")
    for path in folder.glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        for exercise in data.get("exercises", []):
            if exercise["id"] in FAULTS:
                exercise["video"] = f"videos/{FAULTS[exercise['id']]}"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return folder


def test_broken_videos_never_stop_a_session(pilot, tmp_path, caplog):
    folder = broken_folder(tmp_path)
    library = loader.load([folder])
    assert not library.errors
    assert any("missing.mp4" in str(p) for p in library.problems)  # kiosk validate warns too
    script, _ = load_script(SCRIPT)
    expected = result_json(run_answers(library.programs["knee_from_spine"], script.red_flags, script.baseline,
                                       script.check_ins)[0])
    caplog.set_level(logging.WARNING, logger="kiosk.media")
    app = start_kiosk(pilot, programs=["knee_from_spine"], exercises=folder, data=tmp_path / "data")
    controller = plugin_of(app).controller
    exercise_screen = controller.screens["exercise"]
    shown: dict[str, set] = {}
    results = []
    autopilot = Autopilot(controller, script, on_done=results.append)
    autopilot.start()
    for _ in range(20000):
        if results:
            break
        pilot.frames(1)
        if controller.current_screen_name == "exercise" and controller.session.current is not None:
            demo = exercise_screen.ids.demo
            state = "placeholder" if demo.showing_placeholder else "video" if demo.source else "other"
            shown.setdefault(controller.session.current.exercise.id, set()).add(state)
    autopilot.stop()
    assert results == [expected]
    assert results[0]["outcome"] == "spinal_source_likely"
    for exercise_id in ("prone_lying", "prone_on_elbows"):  # found before playing
        assert shown[exercise_id] == {"placeholder"}, (exercise_id, shown[exercise_id])
    logged = caplog.text
    for exercise_id in ("press_up", "standing_extension"):  # found by the decoder, then the written steps
        assert "placeholder" in shown[exercise_id], (exercise_id, shown[exercise_id])
    assert shown["abdominal_bracing"] == {"video"}
    for name in ("missing.mp4", "empty.mp4", "cut_short.mp4", "notes.mp4"):
        assert name in logged, f"{name} was not logged: {logged}"
    assert "good.mp4" not in logged
