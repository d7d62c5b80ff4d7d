"""After a save in the editor: a copy is a draft until offered; a session already running keeps its program, the
next one gets the new; a kiosk with a clinic server publishes the saved program at once (the program worker is
woken, not left to its period), and a draft stays a draft on the kiosks it reaches."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the helpers beside the core tests

from clinic_kiosk import round_ended  # noqa: E402
from editor_touch import plugin_of, press, section_of, start_staff, tap_in_editor, tap_in_staff  # noqa: E402
from pgserver import clinic_url, pg_cluster  # noqa: E402, F401  (fixtures)
from staff_touch import panel_of, tap_control  # noqa: E402

from kiosk.app import confirm  # noqa: E402
from kiosk.app.clinic import program_check  # noqa: E402
from kiosk.app.shell import KioskApp, ShellOptions  # noqa: E402
from kiosk.content.library_paths import load_with_clinic  # noqa: E402
from kiosk.content.program_files import program_path  # noqa: E402
from kiosk.exercise_session import program_editing  # noqa: E402
from kiosk.exercise_session.offered import offerable  # noqa: E402
from kiosk.records import program_mirror, program_sync, server  # noqa: E402
from kiosk.records.programs_folder import make_programs_dir, programs_dir  # noqa: E402
from kiosk.records.store import Records  # noqa: E402

COPY_ID = "is_my_knee_pain_coming_from_my_back_copy"


def save_a_copy(pilot, app, offer: bool = True) -> None:
    """Copy the knee program, one more set of press-ups, save (a draft); `offer`: check it and offer it."""
    app.open_staff()
    pilot.frames(3)
    tap_in_staff(pilot, app, section_of(app).widgets["programs:copy:knee_from_spine"])
    editor = section_of(app).editor
    press(pilot, editor, "dose:0:2:sets", "plus")
    tap_in_editor(pilot, editor, "save")
    assert editor.message.startswith("Saved as a draft to"), editor.message
    if offer:
        tap_in_editor(pilot, editor, "check")
        tap_in_editor(pilot, editor, "offer")
        assert editor.message.startswith("Offered to patients"), editor.message
    tap_in_editor(pilot, editor, "close")


def test_a_session_already_running_keeps_its_program_and_the_next_gets_the_saved_one(pilot, tmp_path):
    app = start_staff(pilot, tmp_path / "data")
    pilot.tap(app.manager.get_screen("staff").ids.back)
    plugin = plugin_of(app)
    attract = plugin.controller.screens["attract"]
    pilot.tap(attract.ids.choices.children[-1])  # a patient starts the first program
    running = plugin.controller.session
    assert running is not None
    save_a_copy(pilot, app)
    pilot.seconds(1)  # the shell's ticks, with the new program waiting
    assert plugin.controller.session is running and COPY_ID not in plugin.library.programs
    tap_control(pilot, app, "restart")  # staff end the session
    pilot.tap(confirm.showing().ids.go)  # "End this session and go to the start?"
    pilot.wait_until(lambda: COPY_ID in plugin.library.programs, "the saved program read for the next session")
    assert COPY_ID in plugin.controller.screens["attract"].program_ids


def test_a_saved_copy_is_a_draft_and_joins_the_programs_staff_chose_to_offer_when_offered(pilot, tmp_path):
    records = Records.open(tmp_path / "data").records
    records.set_setting("active_programs", json.dumps(["core_only"]))
    records.close()
    app = start_staff(pilot, tmp_path / "data")
    save_a_copy(pilot, app, offer=False)
    assert json.loads(app.records.setting("active_programs")) == ["core_only"]
    assert f"program:{COPY_ID}" not in panel_of(app).widgets  # no toggle
    assert plugin_of(app).controller.screens["attract"].program_ids == ["core_only"]
    tap_in_staff(pilot, app, section_of(app).widgets[f"programs:edit:{COPY_ID}"])
    editor = section_of(app).editor
    assert editor.title == "Edit program (draft)" and not editor.offered
    tap_in_editor(pilot, editor, "check")
    tap_in_editor(pilot, editor, "offer")
    tap_in_editor(pilot, editor, "close")
    assert json.loads(app.records.setting("active_programs")) == ["core_only", COPY_ID]
    newest = program_editing.history(app.records)[0]
    assert section_of(app).widgets[f"programs:change:{newest.id}"].text.endswith(f"{COPY_ID}: Offered to patients")
    pilot.tap(app.manager.get_screen("staff").ids.back)
    assert plugin_of(app).controller.screens["attract"].program_ids == ["core_only", COPY_ID]


def test_a_kiosk_with_a_clinic_server_publishes_the_saved_program_at_once(pilot, tmp_path, clinic_url, monkeypatch):
    monkeypatch.setattr(program_sync, "PERIOD", 3600.0)  # without the wake-up, no round for an hour
    app = pilot.start(KioskApp(ShellOptions(speed=400, plugins=["exercise_session"], data=tmp_path / "gym",
                                            database=clinic_url)))
    round_ended(app.program_sync, 0, "the kiosk's first round")
    mark = app.program_sync.round_mark()  # the rounds after this one are only those something woke
    save_a_copy(pilot, app, offer=False)
    round_ended(app.program_sync, mark, "the round the save asked for")  # the test wakes nothing itself
    desk = make_programs_dir(tmp_path / "desk")
    with server.connect(clinic_url) as remote:
        program_mirror.mirror_once(remote, desk, "desk-2", program_check(None))
    saved = program_path(programs_dir(tmp_path / "gym"), COPY_ID)
    assert program_path(desk, COPY_ID).read_bytes() == saved.read_bytes()
    assert b"    offered: false\n" in saved.read_bytes()
    mirrored = load_with_clinic(None, desk).programs  # the library the other kiosk reads from that folder
    assert COPY_ID in mirrored and COPY_ID not in offerable(mirrored)  # its start screen: test_clinic_program_offered
