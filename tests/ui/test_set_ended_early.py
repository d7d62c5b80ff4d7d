"""A set ended early by touch is recorded as it was done: with the time exercised and the time planned.

Through the real kiosk, one kiosk second a frame: the patient touches "I have
finished this set" 40 s into a 180 s hold. The staff summary (through the PIN)
reads "stopped after 40 of 180 s" in the set's row, as the records kept on disk do, which the
CSV and FHIR exports read (tests/test_export.py).
"""

from test_journeys import plugin_of, start_kiosk
from test_whole_text import PIN, hold, type_pin
from yaml_files import write

from kiosk.content.script import load_script
from kiosk.exercise_session.autopilot import Autopilot
from kiosk.records.pin import PinLock
from kiosk.records.store import Records

CLINIC = """
use_bundled: true
programs:
  - id: one_hold
    name: One long hold
    blocks:
      - role: spinal
        exercises: [prone_lying]
"""
PATIENT = """
program: one_hold
baseline: {symptoms: [knee_right], intensity: 5}
check_ins:
  - {symptoms: [knee_right], intensity: 5}
"""
ONE_SECOND_A_FRAME = 60


def test_a_set_ended_40_s_into_a_180_s_hold_reads_stopped_after_40_of_180_s(pilot, tmp_path):
    records = Records.open(tmp_path).records
    PinLock(records).set_pin(PIN)
    records.close()
    clinic = tmp_path / "exercises"
    write(clinic, "clinic.yaml", CLINIC)
    script, _ = load_script(write(tmp_path, "patient.yaml", PATIENT))
    app = start_kiosk(pilot, programs=["one_hold"], exercises=clinic, data=tmp_path, speed=ONE_SECOND_A_FRAME)
    controller = plugin_of(app).controller
    results = []
    autopilot = Autopilot(controller, script, on_done=results.append)
    autopilot.start()
    exercise = controller.screens["exercise"]
    pilot.wait_until(lambda: controller.current_screen_name == "exercise" and exercise.phase == "hold",
                     "the hold to begin", 20000)
    pilot.frames(40)
    pilot.tap(exercise.ids.done_set)  # 40 s into the hold (and the frame the touch takes)
    pilot.wait_until(lambda: results, "the session's end", 20000)
    autopilot.stop()
    end = controller.screens["end"]
    hold(pilot, end.ids.staff, 2.2)
    type_pin(pilot, app.manager.get_screen("staff_pin"))
    summary = controller.screens["summary"]
    kept = Records.open(tmp_path).records
    [latest] = kept.recent()
    recorded = kept.session(latest.id)
    kept.close()
    [done] = [step for step in recorded.steps if step.planned_seconds]
    assert 40 <= done.exercised_seconds <= 41 and (done.planned_seconds, done.ended_early) == (180, True)
    words = f"stopped after {done.exercised_seconds} of 180 s"
    assert done.time_done == words
    shown = [widget.text for widget in summary.walk() if hasattr(widget, "text")]
    assert any(f"Lying face down (spinal), set 1 of 1 ({words})" in text for text in shown), "\n".join(shown)
