"""The staff screen of a kiosk connected to the clinic server, by touch, with a real server.

It lists every kiosk's recent sessions and opens any one's summary; it says how many
records wait to be copied; a wrong password shows as a clear problem, never the password.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the helpers beside the core tests

from clinic_kiosk import next_round, record_session  # noqa: E402
from pgserver import clinic_url, pg_cluster  # noqa: E402, F401  (fixtures)
from test_journeys import ROOT, play  # noqa: E402
from staff_touch import open_section, staff_screen  # noqa: E402
from test_staff import panel_of, tap_in_staff  # noqa: E402

from kiosk.app.shell import KioskApp, ShellOptions  # noqa: E402
from kiosk.records import server, sync  # noqa: E402
from kiosk.records.store import KIOSK_NAME, Records  # noqa: E402


def other_kiosk(folder: Path, url: str) -> None:
    """A session recorded on the kiosk 'desk-2' and copied to the server."""
    records = Records.open(folder).records
    records.set_setting(KIOSK_NAME, "desk-2")
    record_session(records)
    sync.copy_waiting(records.conn, server.connect(url))
    records.close()


def start(pilot, data: Path, url: str):
    records = Records.open(data).records
    records.set_setting(KIOSK_NAME, "gym-1")
    records.close()
    options = ShellOptions(speed=400, plugins=["exercise_session"], data=data, database=url,
                           extra={"programs": ["knee_from_spine"]})
    return pilot.start(KioskApp(options))


def staff_text(app) -> str:
    return app.manager.get_screen("staff").kiosk_part.ids.notices.text


def test_staff_see_every_kiosks_sessions_and_open_any_summary(pilot, tmp_path, clinic_url):
    other_kiosk(tmp_path / "desk", clinic_url)
    app = start(pilot, tmp_path / "gym", clinic_url)
    play(pilot, app, ROOT / "examples" / "patients" / "spinal_source_likely.yaml")
    next_round(app.copier, "the round that copies the kiosk's session")
    assert app.copier.status.connected and app.copier.status.backlog.waiting == 0
    app.open_staff()
    pilot.frames(3)
    assert "every record of this kiosk is copied" in staff_text(app)
    panel = panel_of(app)
    shown = sorted(key for key in panel.widgets if key.startswith("clinic:"))
    assert len(shown) == 2
    rows = [w.text for w in panel.sessions.walk() if "desk-2" in getattr(w, "text", "") or "gym-1" in getattr(w, "text", "")]
    assert any("desk-2" in row for row in rows) and any("gym-1" in row for row in rows)
    desk = next(key for key in shown
                if any("desk-2" in w.text for w in panel.widgets[key].parent.children if hasattr(w, "text")))
    tap_in_staff(pilot, app, panel.widgets[desk])
    summary = panel.summary_view.children[0]
    assert summary.outcome == "spinal_source_likely"
    pilot.tap(summary.ids.close)


def test_a_wrong_password_is_a_clear_problem_on_the_staff_screen_never_the_password(pilot, tmp_path, pg_cluster,
                                                                                       clinic_url):
    wrong = clinic_url.replace(pg_cluster.password, "Wrong-Secret-77")
    app = start(pilot, tmp_path, wrong)
    play(pilot, app, ROOT / "examples" / "patients" / "spinal_source_likely.yaml")
    next_round(app.copier, "the round that finds the password refused and counts what waits")
    assert app.copier.status.problem is not None and app.copier.status.backlog.waiting
    app.open_staff()
    pilot.frames(3)
    text = staff_text(app)
    assert "records wait to be copied, the oldest since" in text and "password authentication failed" in text
    assert "They are safe on this kiosk" in text
    panel = panel_of(app)
    open_section(pilot, app, "Sessions")
    shown = " ".join(getattr(w, "text", "") for w in app.root.walk())
    assert "The clinic server is not answering" in shown
    everything = shown + " ".join(getattr(w, "text", "") for section in staff_screen(app).sections.values()
                                  for w in section.walk())  # every section, shown or not
    assert "Wrong-Secret-77" not in everything
    assert app.records.recent()[0].outcome == "spinal_source_likely"  # the kiosk kept working locally
    assert not [k for k in panel.widgets if k.startswith("clinic:")]
