"""How a session ended, through the real kiosk: staff end it from the staff screen (after answering the
question), or no one touches the screen; the record says which, and the summary says what was seen."""

from pathlib import Path

from editor_touch import answer
from test_journeys import ROOT, labels_text, play, plugin_of
from staff_touch import tap_control
from test_staff import panel_of, start, tap_in_staff

from kiosk.exercise_session.autopilot import Autopilot
from kiosk.content.script import load_script

TRIAL = """\
program: knee_from_spine
description: The therapists' trial, ended by staff after two sets.
baseline: {symptoms: [knee_right, thigh_front_right, back_right], intensity: 6}
check_ins:
  - {symptoms: [thigh_front_right, back_right], intensity: 5}
  - {symptoms: [back_right], intensity: 3}
"""


def test_staff_end_a_running_session_and_its_summary_says_what_was_seen(pilot, tmp_path):
    app = start(pilot, tmp_path / "data", programs=["knee_from_spine"])
    script_path = tmp_path / "trial.yaml"
    script_path.write_text(TRIAL, encoding="utf-8")
    script, problems = load_script(script_path)
    controller = plugin_of(app).controller
    autopilot = Autopilot(controller, script, on_done=lambda result: None)
    autopilot.start()
    pilot.wait_until(lambda: controller.session is not None and len(controller.session.steps) == 2,
                     "two sets answered", 20000)
    autopilot.stop()
    app.open_staff()
    pilot.frames(3)
    tap_control(pilot, app, "restart")
    answer(pilot, "keep", "End this session and go to the start?")
    assert controller.session is not None and not controller.session.ended
    tap_control(pilot, app, "restart")
    answer(pilot, "go", "End this session")
    assert controller.session is None
    [record] = app.records.recent()
    assert (record.outcome, record.ended_by) == ("incomplete", "staff")
    app.open_staff()
    pilot.frames(3)
    tap_in_staff(pilot, app, panel_of(app).widgets[f"summary:{record.id}"])
    text = labels_text(panel_of(app).summary_view)
    assert "How it ended: ended by staff from the staff screen." in text
    assert "Most distal symptoms: right knee -> right front of thigh -> right low back." in text
    assert "NPRS 6/10 at baseline, 3/10 at the last check-in." in text
    assert "Best response: centralizing" in text and "No outcome was reached" in text
    assert "Spinal source likely" not in text and "knee special tests and a hip screen" not in text


def test_a_session_no_one_finishes_ends_as_idle(pilot, tmp_path):
    app = start(pilot, tmp_path / "data", programs=["knee_from_spine"])
    result = play(pilot, app, ROOT / "examples" / "patients" / "incomplete.yaml")
    assert result["outcome"] == "incomplete"
    [record] = app.records.recent()
    assert record.ended_by == "idle"
