"""The staff side by touch: the PIN pad and its lockout, and the staff screen behind it."""

import csv
import hashlib
import json
from pathlib import Path

from staff_touch import panel_of, tap_in_staff
from test_journeys import ROOT, labels_text, play, plugin_of

from kiosk.app import touch
from kiosk.app.overlays import STAFF_HOLD_SECONDS
from kiosk.app.shell import KioskApp, ShellOptions
from kiosk.records.pin import MAX_TRIES, PinLock
from kiosk.records.store import Records

PIN = "4821"


def start(pilot, data: Path, pin: str | None = None, programs=None):
    if pin:
        records = Records.open(data).records
        PinLock(records).set_pin(pin)
        records.close()
    extra = {"programs": programs} if programs else {}
    return pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=data, extra=extra)))


def hold_corner(pilot, app) -> None:
    corner = app.root.ids.corner
    finger = touch.touch_down(*corner.to_window(*corner.center))
    pilot.seconds(corner.hold_seconds + 0.2)
    touch.touch_up(finger)
    pilot.frames(2)


def test_a_tap_or_a_4_second_hold_on_the_corner_does_nothing_and_5_seconds_open_the_pin_pad(pilot, tmp_path):
    app = start(pilot, tmp_path, PIN)
    corner = app.root.ids.corner
    at = corner.to_window(*corner.center)
    assert corner.hold_seconds == STAFF_HOLD_SECONDS == 5
    pilot.tap_at(*at)  # a patient brushing the corner
    pilot.seconds(STAFF_HOLD_SECONDS + 1)
    assert app.manager.current == "plugin:exercise_session"
    finger = touch.touch_down(*at)
    pilot.seconds(4)
    touch.touch_up(finger)
    pilot.seconds(STAFF_HOLD_SECONDS + 1)  # long past the time the hold would have ended
    assert app.manager.current == "plugin:exercise_session"
    finger = touch.touch_down(*at)
    pilot.seconds(STAFF_HOLD_SECONDS)
    pilot.frames(2)
    assert app.manager.current == "staff_pin"  # while the finger is still down
    touch.touch_up(finger)
    pilot.tap(app.manager.get_screen("staff_pin").ids.cancel)
    assert app.manager.current == "plugin:exercise_session"


def test_a_kiosk_stopped_with_the_pin_pad_showing_leaves_no_lock_check_running(pilot, tmp_path):
    """The pad checks its lock once a second; after the app stops, that check must not reach the next app."""
    app = start(pilot, tmp_path / "first", PIN)
    hold_corner(pilot, app)
    assert app.manager.current == "staff_pin"
    pilot.stop()
    app = start(pilot, tmp_path / "second", PIN)
    pilot.seconds(3)  # several of the old pad's ticks would fall here
    assert app.manager.current == "plugin:exercise_session"


def type_pin(pilot, screen, digits: str) -> None:
    keys = {key.text: key for key in screen.ids.pad.children}
    for digit in digits:
        pilot.tap(keys[digit], frames=1)
    pilot.tap(screen.ids.ok)


def test_the_staff_gesture_asks_for_the_pin_and_the_right_one_opens_the_staff_screen(pilot, tmp_path):
    app = start(pilot, tmp_path, PIN)
    hold_corner(pilot, app)
    assert app.manager.current == "staff_pin"
    pad = app.manager.get_screen("staff_pin")
    type_pin(pilot, pad, "1111")
    assert pad.message == f"Wrong PIN. {MAX_TRIES - 1} tries left." and app.manager.current == "staff_pin"
    assert pad.ids.dots.text == "-"  # what was typed is never left on screen
    type_pin(pilot, pad, PIN)
    assert app.manager.current == "staff"
    pilot.tap(app.manager.get_screen("staff").ids.back)
    assert app.manager.current == "plugin:exercise_session"


def test_five_wrong_pins_lock_the_pad(pilot, tmp_path):
    app = start(pilot, tmp_path, PIN)
    hold_corner(pilot, app)
    pad = app.manager.get_screen("staff_pin")
    for _ in range(MAX_TRIES):
        type_pin(pilot, pad, "0000")
    assert pad.locked and pad.ids.pad.disabled and "Try again in 5:00" in pad.message
    type_pin(pilot, pad, PIN)  # the keys do nothing while locked
    assert app.manager.current == "staff_pin"
    pilot.tap(pad.ids.cancel)
    assert app.manager.current == "plugin:exercise_session"


def test_without_a_pin_the_staff_screen_says_to_set_one(pilot, tmp_path):
    app = start(pilot, tmp_path)
    hold_corner(pilot, app)
    staff = app.manager.get_screen("staff")
    assert app.manager.current == "staff" and "kiosk set-pin" in staff.kiosk_part.ids.notices.text


def test_staff_see_recent_sessions_their_summary_and_attach_a_reference(pilot, tmp_path):
    app = start(pilot, tmp_path, programs=["knee_from_spine"])
    result = play(pilot, app, ROOT / "examples" / "patients" / "spinal_source_likely.yaml")
    app.open_staff()
    pilot.frames(3)
    panel = panel_of(app)
    records = app.records
    [record] = records.recent()
    assert record.outcome == result["outcome"]
    program = plugin_of(app).controller.library.programs["knee_from_spine"]
    row = labels_text(panel.widgets[f"summary:{record.id}"].parent)  # the session in words, not its ids
    assert f"{program.name}  spinal source likely  English" in row and "knee_from_spine" not in row, row
    tap_in_staff(pilot, app, panel.widgets[f"summary:{record.id}"])
    view = panel.summary_view
    summary = view.children[0]
    assert summary.outcome == "spinal_source_likely" and len(summary.ids.plot.points) == len(result["steps"]) + 1
    sha256 = hashlib.sha256(Path(program.source.rsplit(":", 1)[0]).read_bytes()).hexdigest()
    assert record.program_sha256 == sha256 and f"program file sha256 {sha256[:12]}." in labels_text(summary)
    pilot.tap(summary.ids.close)
    assert view.parent is None
    field = panel.widgets[f"reference:{record.id}"]
    field.text = "Jane Smith"
    tap_in_staff(pilot, app, panel.widgets[f"save:{record.id}"])
    assert "not a reference code" in panel.reference_message.text and records.session(record.id).patient_ref is None
    field.text = "PT-0042"
    tap_in_staff(pilot, app, panel.widgets[f"save:{record.id}"])
    assert records.session(record.id).patient_ref == "PT-0042"


def test_staff_export_to_a_folder_and_choose_the_programs(pilot, tmp_path):
    app = start(pilot, tmp_path / "data")
    controller = plugin_of(app).controller
    play(pilot, app, ROOT / "examples" / "patients" / "knee_tests_recommended.yaml")
    app.open_staff()
    pilot.frames(3)
    panel = panel_of(app)
    exports = tmp_path / "data" / "exports"
    tap_in_staff(pilot, app, panel.widgets[f"export:csv:{exports}"])
    [written] = list(exports.glob("*.csv"))
    assert str(written) in panel.export_message.text
    rows = list(csv.reader(written.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) > 2
    tap_in_staff(pilot, app, panel.widgets[f"export:fhir:{exports}"])
    [fhir] = list(exports.glob("*.ndjson"))
    assert json.loads(fhir.read_text().splitlines()[0])["resourceType"] == "Bundle"
    # Offer only the core program from now on; the choice is kept in the records.
    for program_id in ("knee_from_spine", "flexion_progression"):
        tap_in_staff(pilot, app, panel.widgets[f"program:{program_id}"])
    assert controller.program_ids == ["core_only"]
    assert json.loads(app.records.setting("active_programs")) == ["core_only"]
    tap_in_staff(pilot, app, panel.widgets["program:core_only"])  # the last one cannot be turned off
    assert "At least one" in panel.program_message.text and controller.program_ids == ["core_only"]
    pilot.tap(app.manager.get_screen("staff").ids.back)
    pilot.tap(controller.screens["end"].ids.finish)  # the patient finishes; the start screen comes back
    attract = controller.screens["attract"]
    assert controller.current_screen_name == "attract" and len(attract.ids.choices.children) == 1


def test_the_end_screen_opens_the_summary_only_through_the_pin(pilot, tmp_path):
    """The next patient at the screen holding "For staff" meets the PIN pad, never the last patient's record."""
    from test_journeys import hold

    app = start(pilot, tmp_path, PIN, programs=["knee_from_spine"])
    controller = plugin_of(app).controller
    play(pilot, app, ROOT / "examples" / "patients" / "knee_tests_recommended.yaml")
    end = controller.screens["end"]
    hold(pilot, end.ids.staff, 2.2)
    assert app.manager.current == "staff_pin" and controller.current_screen_name == "end"
    pad = app.manager.get_screen("staff_pin")
    type_pin(pilot, pad, "1111")
    assert app.manager.current == "staff_pin"
    pilot.tap(pad.ids.cancel)
    assert (app.manager.current, controller.current_screen_name) == ("plugin:exercise_session", "end")
    hold(pilot, end.ids.staff, 2.2)
    type_pin(pilot, pad, PIN)
    assert (app.manager.current, controller.current_screen_name) == ("plugin:exercise_session", "summary")
    assert "Outcome: knee_tests_recommended" in labels_text(controller.screens["summary"])
    pilot.tap(controller.screens["summary"].ids.close)
    hold_corner(pilot, app)  # the corner's gesture afterwards still leads to the staff screen, not the summary
    type_pin(pilot, pad, PIN)
    assert app.manager.current == "staff"


def test_the_export_offers_only_the_removable_drives_and_says_plainly_when_none_is_plugged_in(pilot, tmp_path,
                                                                                             monkeypatch):
    from drive_files import machine

    from kiosk.exercise_session import export_targets

    m = machine(tmp_path / "machine")
    monkeypatch.setattr(export_targets, "MOUNTS", m["mounts"])
    monkeypatch.setattr(export_targets, "SYS", m["sys"])
    monkeypatch.setattr(export_targets, "UDEV", m["udev"])
    monkeypatch.setattr(export_targets, "drive_bases", lambda user=None: m["bases"])
    app = start(pilot, tmp_path / "data")
    app.open_staff()
    pilot.frames(3)
    panel = panel_of(app)
    offered = {key.split(":", 2)[2] for key in panel.widgets if key.startswith("export:csv:")}
    assert offered == {str(m["stick"]), str(m["backup"]), str(tmp_path / "data" / "exports")}
    assert "export:no_drive" not in panel.widgets
    tap_in_staff(pilot, app, panel.widgets[f"export:csv:{m['stick']}"])
    [written] = list(m["stick"].glob("*.csv"))
    assert panel.export_message.text == f"Written: {written}"
    app.close_staff()
    pilot.frames(3)
    m["mounts"].write_text("tmpfs /mnt/scratch tmpfs rw 0 0\n")  # the drives are taken out
    app.open_staff()
    pilot.frames(3)
    panel = panel_of(app)
    assert panel.widgets["export:no_drive"].text == export_targets.NO_DRIVE
    assert [key for key in panel.widgets if key.startswith("export:csv:")] == [
        f"export:csv:{tmp_path / 'data' / 'exports'}"]
