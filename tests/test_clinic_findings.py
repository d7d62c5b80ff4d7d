"""A patient's visits on two kiosks, through a real PostgreSQL server started by the tests.

Three visits of one patient, recorded on two kiosks with test results and a changed
reference, copied by the kiosks' own copy code; a copy repeated after a crash adds
nothing; then `kiosk history --patient --database` lists the three in order, from both
kiosks, with what the therapist recorded.
"""

import psycopg
import pytest
from pgserver import clinic_url, pg_cluster  # noqa: F401  (fixtures)
from recorded import record_script

from kiosk.__main__ import main
from kiosk.content import loader
from kiosk.records import server, sync
from kiosk.records.clinic import ClinicRecords
from kiosk.records.store import KIOSK_NAME, Records


@pytest.fixture(scope="module")
def library():
    return loader.load()


def kiosk(folder, name: str) -> Records:
    records = Records.open(folder).records
    records.set_setting(KIOSK_NAME, name)
    return records


def server_rows(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        return tuple(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                     for table in ("test_results", "reference_changes"))


def test_three_visits_on_two_kiosks_in_order_from_the_server(clinic_url, tmp_path, library, capsys):
    program, tests = library.programs["knee_from_spine"], library.special_tests
    gym, desk = kiosk(tmp_path / "gym", "gym-1"), kiosk(tmp_path / "desk", "desk-2")
    first = record_script(gym, program, "knee_tests_recommended", "2026-03-02T09:00:00.000Z", reference="77")
    gym.record_test_result(first, tests["lachman"], "positive", "right", "soft end feel")
    gym.record_test_result(first, tests["lachman"], "negative", "right")
    second = record_script(desk, program, "knee_tests_recommended", "2026-03-09T09:00:00.000Z", reference="78")
    desk.set_reference(second, "77")  # a typing slip put right: the history keeps 78
    desk.record_test_result(second, tests["faber"], "not_tested")
    third = record_script(gym, program, "spinal_source_likely", "2026-03-16T09:00:00.000Z", reference="77")
    remote = server.connect(clinic_url)
    for records in (gym, desk):
        assert sync.copy_waiting(records.conn, remote) == (2 if records is gym else 1)
        assert sync.backlog(records.conn).waiting == 0
    assert server_rows(clinic_url) == (3, 4)  # 3 results; references 77, 78 then 77, 77
    gym.conn.execute("UPDATE test_results SET copied = 0")  # the crash: copied, not yet marked here
    desk.conn.execute("UPDATE reference_changes SET copied = 0")
    sync.copy_waiting(gym.conn, remote)
    sync.copy_waiting(desk.conn, remote)
    assert server_rows(clinic_url) == (3, 4)  # exactly once
    remote.close()

    clinic = ClinicRecords(clinic_url)
    visits = clinic.patient_sessions("77")
    assert [(v.kiosk_name, v.started_at[:10]) for v in visits] == [
        ("gym-1", "2026-03-02"), ("desk-2", "2026-03-09"), ("gym-1", "2026-03-16")]
    assert visits[0].test_results == gym.session(first).test_results
    assert [c.patient_ref for c in visits[1].reference_history] == ["78", "77"]
    assert visits[2].uid == gym.session(third).uid
    clinic.close()

    assert main(["history", "--patient", "77", "--database", clinic_url]) == 0
    out = capsys.readouterr().out
    assert "3 sessions, oldest first" in out
    assert out.index("2026-03-02") < out.index("2026-03-09") < out.index("2026-03-16")
    assert "kiosk desk-2" in out and "tests: FABER test (Patrick's): not tested" in out
    assert "tests: Lachman test, right: negative\n" in out
    assert clinic_url.split("@")[0].split(":")[-1] not in out  # never the password
