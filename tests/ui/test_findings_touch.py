"""By touch only: a patient reference typed on the on-screen keyboard, test results on the summary, the visits.

The real kiosk window, headless: the knee patient played through the screens, the summary opened by
holding "For staff", every result, side and note touched; a kiosk process killed with kill -9 between
two results keeps both; the staff screen's reference field and a patient's visits.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

from findings_touch import KNEE, open_end_summary, press, tap_in_summary, type_on_keyboard
from test_journeys import labels_text, play, plugin_of
from test_staff import panel_of, tap_in_staff

from kiosk.app.shell import KioskApp, ShellOptions

CHILD = Path(__file__).with_name("findings_child.py")


def start(pilot, data: Path):
    return pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=data,
                                             extra={"programs": ["knee_from_spine"]})))


def test_staff_attach_a_patient_and_record_results_by_touch(pilot, tmp_path):
    app = start(pilot, tmp_path)
    play(pilot, app, KNEE)
    summary = open_end_summary(pilot, plugin_of(app).controller)
    tap_in_summary(pilot, summary, summary.patient.change)
    dialog = summary.patient.dialog
    assert dialog.ids.keyboard.shown  # the on-screen keyboard is there at once
    type_on_keyboard(pilot, dialog.ids.keyboard, "PT-4711")
    pilot.tap(dialog.ids.save)
    (record,) = app.records.recent()
    assert app.records.session(record.id).patient_ref == "PT-4711" and dialog.parent is None
    assert "Patient reference: PT-4711" in labels_text(summary)

    tests = summary.tests
    assert {t.group.value for t in tests.first} == {"knee"}  # right knee at baseline: the knee tests first
    assert "hip" not in {t.group.value for t in tests.first} and "faber" not in tests.rows
    rows = tests.rows
    tap_in_summary(pilot, summary, rows["lachman"]["results"]["positive"])  # side preset: the right
    tap_in_summary(pilot, summary, rows["lachman"]["sides"]["both"])
    tap_in_summary(pilot, summary, rows["lachman"]["note"])
    type_on_keyboard(pilot, tests.note_dialog.ids.keyboard, "soft end feel")
    pilot.tap(tests.note_dialog.ids.save)
    tap_in_summary(pilot, summary, tests.more)  # the rest, one touch away
    tap_in_summary(pilot, summary, rows["faber"]["results"]["not_tested"])
    entries = app.records.session(record.id).test_results
    assert [(f.test_id, f.result, f.side, f.note) for f in entries] == [
        ("lachman", "positive", "right", ""), ("lachman", "positive", "both", ""),
        ("lachman", "positive", "both", "soft end feel"), ("faber", "not_tested", "right", "")]
    text = labels_text(summary)
    assert "Recorded: Lachman test, both: positive. Note: soft end feel (2 earlier entries kept)." in text
    assert "diagnos" not in text.lower() and "tear" not in rows["lachman"]["status"].text


def test_results_survive_kill_9_between_two_and_the_staff_screen_shows_the_visits(pilot, tmp_path):
    data = tmp_path / "data"
    child = subprocess.Popen([sys.executable, str(CHILD), str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             cwd=CHILD.parent, env={**os.environ, "KIOSK_NO_CONSOLELOG": "1"})
    try:
        assert child.stdout.readline() == b"saved lachman\n"
        assert child.stdout.readline() == b"saved mcmurray\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    app = start(pilot, data)
    (record,) = app.records.recent()
    found = [(f.test_id, f.result) for f in app.records.session(record.id).test_results]
    assert found == [("lachman", "positive"), ("mcmurray", "negative")]

    app.open_staff()
    pilot.frames(3)
    panel = panel_of(app)
    field = panel.widgets[f"reference:{record.id}"]
    tap_in_staff(pilot, app, field)  # the reference field brings the staff screen's keyboard
    keyboard = app.manager.get_screen("staff").keyboard
    type_on_keyboard(pilot, keyboard, "881")
    press(pilot, keyboard, "enter")  # Done saves
    assert app.records.session(record.id).patient_ref == "881" and field.text == "881"
    visits = panel.patient_visits
    tap_in_staff(pilot, app, visits.find)
    type_on_keyboard(pilot, visits.dialog.ids.keyboard, "881")
    pilot.tap(visits.dialog.ids.save)
    text = labels_text(visits)
    assert "1. " in text and "Outcome knee tests recommended" in text and "Baseline left none (0), right knee (4)" in text
    assert "Tests: Lachman test, right: positive; McMurray test, right: negative." in text
    tap_in_staff(pilot, app, visits.summaries[record.uid])
    assert panel.summary_view.children[0].tests.rows["lachman"]["status"].text.startswith("Recorded: Lachman")
