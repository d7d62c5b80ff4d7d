"""A kiosk started with a clinic server mirrors the clinic's programs on start, and tells staff about a file
it will not publish. The real app, headless, with a real server."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the helpers beside the core tests

from clinic_kiosk import next_round, round_ended  # noqa: E402
from pgserver import clinic_url, pg_cluster  # noqa: E402, F401  (fixtures)
from pilot import FRAME  # noqa: E402
from staff_touch import tap_control  # noqa: E402
from test_clinic_program_sync import BUNDLED, clinic_program  # noqa: E402
from test_clinic_staff import staff_text, start  # noqa: E402

from kiosk.app import confirm  # noqa: E402
from kiosk.app.clinic import program_check  # noqa: E402
from kiosk.app.shell import IDLE_TICK, KioskApp, ShellOptions  # noqa: E402
from kiosk.content.program_files import program_path, save_program  # noqa: E402
from kiosk.records import program_mirror, server  # noqa: E402
from kiosk.records.programs_folder import make_programs_dir  # noqa: E402


def test_a_kiosk_mirrors_the_clinics_programs_on_start_and_shows_staff_a_refused_file(pilot, tmp_path, clinic_url):
    desk = make_programs_dir(tmp_path / "desk")
    save_program(clinic_program(), BUNDLED, desk)
    with server.connect(clinic_url) as remote:
        program_mirror.mirror_once(remote, desk, "desk-2", program_check(None))
    gym = make_programs_dir(tmp_path / "gym")
    (gym / "broken_one.yaml").write_text("program:\n  id: broken_one\n  name: [not, a, name]\n", encoding="utf-8")
    app = start(pilot, tmp_path / "gym", clinic_url)
    round_ended(app.program_sync, 0, "the kiosk's first round with the server")
    assert app.program_sync.rounds == 1  # with the server: not a failed round
    assert program_path(gym, "clinic_knee").read_bytes() == program_path(desk, "clinic_knee").read_bytes()
    app.open_staff()
    pilot.frames(3)
    text = staff_text(app)
    assert f"Clinic program broken_one: not published: {gym / 'broken_one.yaml'}:" in text, text


def test_a_program_received_while_the_kiosk_waits_is_offered_to_the_next_patient(pilot, tmp_path, clinic_url):
    app = start(pilot, tmp_path / "gym", clinic_url)
    plugin = app.plugins[0]
    round_ended(app.program_sync, 0, "the kiosk's first round with the server")
    assert app.program_sync.rounds == 1  # with the server: not a failed round
    assert "clinic_knee" not in plugin.library.programs
    app.options.extra.pop("programs")  # offer every program, as a kiosk with no choice saved does
    desk = make_programs_dir(tmp_path / "desk")
    save_program(clinic_program(), BUNDLED, desk)
    with server.connect(clinic_url) as remote:
        program_mirror.mirror_once(remote, desk, "desk-2", program_check(None))
    next_round(app.program_sync, "the round that writes the program")
    pilot.wait_until(lambda: "clinic_knee" in plugin.controller.program_ids, "the received program offered",
                     max_frames=int(2 * IDLE_TICK / FRAME))  # the shell's next tick offers it
    assert plugin.controller.library.programs["clinic_knee"].name == "Our knee programme"


def test_a_session_already_running_keeps_its_program_and_the_next_one_sees_the_new(pilot, tmp_path, clinic_url):
    # the kiosk's own speed and no idle reset: the session must still run while the worker's thread works
    options = ShellOptions(plugins=["exercise_session"], data=tmp_path / "gym", database=clinic_url,
                           idle_ask_after=10**9, extra={"programs": ["knee_from_spine"]})
    app = pilot.start(KioskApp(options))
    plugin = app.plugins[0]
    round_ended(app.program_sync, 0, "the kiosk's first round")
    attract = plugin.controller.screens["attract"]
    pilot.tap(attract.ids.choices.children[0])  # the patient starts the only program
    running = plugin.controller.session
    assert running is not None and running.program.id == "knee_from_spine"
    desk = make_programs_dir(tmp_path / "desk")
    save_program(clinic_program(), BUNDLED, desk)
    with server.connect(clinic_url) as remote:
        program_mirror.mirror_once(remote, desk, "desk-2", program_check(None))
    next_round(app.program_sync, "the round that writes the program")
    assert program_path(tmp_path / "gym" / "programs", "clinic_knee").is_file()
    pilot.seconds(1)  # several ticks of the shell with the program waiting
    assert plugin.controller.session is running and "clinic_knee" not in plugin.library.programs
    app.open_staff()
    pilot.frames(3)
    tap_control(pilot, app, "restart")  # staff end the session
    pilot.tap(confirm.showing().ids.go)  # "End this session and go to the start?"
    pilot.wait_until(lambda: "clinic_knee" in plugin.library.programs, "the new program read for the next session",
                     max_frames=int(2 * IDLE_TICK / FRAME))  # the shell's next tick, now no session runs
