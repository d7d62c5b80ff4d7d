"""`kiosk run --database FILE` end to end: a real autopilot session, headless, copied to a real server."""

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the helpers beside the core tests

from pgserver import clinic_url, pg_cluster  # noqa: E402, F401  (fixtures)

from kiosk.records.clinic import ClinicRecords  # noqa: E402
from kiosk.records.store import Records  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PATIENT = ROOT / "examples" / "patients" / "spinal_source_likely.yaml"


def test_an_autopilot_session_reaches_the_server_with_the_kiosks_name(tmp_path, pg_cluster, clinic_url):
    address = tmp_path / "clinic.url"
    address.write_text(f"# the clinic server\n{clinic_url}\n")
    address.chmod(0o600)
    env = dict(os.environ, KIVY_NO_ARGS="1", SDL_AUDIODRIVER="dummy", KIVY_NO_CONSOLELOG="1",
               KIVY_HOME=str(tmp_path / "kivy-home"))
    data = tmp_path / "data"
    kiosk = [sys.executable, "-m", "kiosk"]
    subprocess.run(kiosk + ["set-name", "gym-3", "--data", str(data)], check=True, env=env, capture_output=True)
    done = subprocess.run(kiosk + ["run", "--autopilot", str(PATIENT), "--program", "knee_from_spine",
                                   "--data", str(data), "--database", str(address)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    here = Records(data / "kiosk.db")
    [local] = here.recent()
    clinic = ClinicRecords(clinic_url)
    [shared] = clinic.recent()  # copied before the kiosk closed: leaving kiosk mode drains the copy
    there, mine = clinic.session(shared.id), here.session(local.id)
    assert (there.uid, there.kiosk_name, there.outcome) == (mine.uid, "gym-3", "spinal_source_likely")
    assert there.check_ins == mine.check_ins and there.screening == mine.screening
    assert pg_cluster.password not in done.stderr + done.stdout  # the password is in no log line
