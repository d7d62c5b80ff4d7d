"""A kiosk started with a clinic server mirrors the clinic's programs on start, and tells staff about a file
it will not publish. The real app, headless, with a real server."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the helpers beside the core tests

from pgserver import clinic_url, pg_cluster  # noqa: E402, F401  (fixtures)
from test_clinic_program_sync import BUNDLED, clinic_program  # noqa: E402
from test_clinic_staff import staff_text, start  # noqa: E402

from kiosk.app.clinic import program_check  # noqa: E402
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
    pilot.wait_until(lambda: app.program_sync.rounds >= 1, "the kiosk's first round with the server")
    assert program_path(gym, "clinic_knee").read_bytes() == program_path(desk, "clinic_knee").read_bytes()
    app.open_staff()
    pilot.frames(3)
    text = staff_text(app)
    assert f"Clinic program broken_one: not published: {gym / 'broken_one.yaml'}:" in text, text
