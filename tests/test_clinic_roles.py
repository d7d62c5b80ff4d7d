"""The clinic-server guide's two least-privilege roles, run against a real server: kiosks add and change their own rows
and read everyone's; therapists only read; nobody but the owner deletes."""

import re
from pathlib import Path

import psycopg
import pytest
from clinic_kiosk import record_session
from pgserver import clinic_url, pg_cluster  # noqa: F401  (fixtures)

from kiosk.records import server, sync
from kiosk.records.clinic import ClinicRecords
from kiosk.records.store import KIOSK_NAME, Records

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "it" / "clinic-server.md"


def roles_sql() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    after = text.split("**Two least-privilege roles.**", 1)[1]
    return re.search(r"```sql\n(.*?)```", after, re.S).group(1)


def as_login(url: str, user: str, password: str) -> str:
    return re.sub(r"//[^@]+@", f"//{user}:{password}@", url)


def test_the_readme_roles_give_kiosks_their_own_rows_and_therapists_reading_only(clinic_url, tmp_path):
    server.connect(clinic_url).close()  # the owner creates the schema first, as the guide says
    with psycopg.connect(clinic_url, autocommit=True) as owner:
        owner.execute(roles_sql())
        owner.execute("CREATE ROLE desk_2 LOGIN PASSWORD 'change-me-desk' IN ROLE clinic_kiosk")
    kiosk_url = as_login(clinic_url, "gym_1", "change-me-kiosk")
    records = Records.open(tmp_path).records
    records.set_setting(KIOSK_NAME, "gym-1")
    session_id = record_session(records)
    with server.connect(kiosk_url) as kiosk:
        assert sync.copy_waiting(records.conn, kiosk) == 1
        records.set_reference(session_id, "PT-9")  # a staff action on the kiosk: copied as an update
        assert sync.copy_waiting(records.conn, kiosk) == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            kiosk.execute("DELETE FROM check_ins")
        kiosk.rollback()
    with psycopg.connect(as_login(clinic_url, "desk_2", "change-me-desk"), autocommit=True) as other:
        assert other.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1  # reads every kiosk's
        assert other.execute("UPDATE sessions SET patient_ref = 'X'").rowcount == 0  # changes only its own
    therapist_url = as_login(clinic_url, "dr_lee", "change-me-therapist")
    [shared] = ClinicRecords(therapist_url).recent()
    assert (shared.kiosk_name, shared.patient_ref) == ("gym-1", "PT-9")
    with psycopg.connect(therapist_url, autocommit=True) as therapist:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            therapist.execute("UPDATE sessions SET patient_ref = 'X'")
    kiosks_publish_programs_and_therapists_only_read(clinic_url, tmp_path / "programs")


def kiosks_publish_programs_and_therapists_only_read(clinic_url, tmp_path):
    """The program versions under the guide's roles (the roles exist once per cluster: called from above)."""
    from test_clinic_program_sync import BUNDLED, clinic_program

    from kiosk.app.clinic import program_check
    from kiosk.content.program_files import save_program
    from kiosk.records import program_mirror, program_versions
    from kiosk.records.programs_folder import make_programs_dir

    folder = make_programs_dir(tmp_path)
    save_program(clinic_program(), BUNDLED, folder)
    with server.connect(as_login(clinic_url, "gym_1", "change-me-kiosk")) as kiosk:
        assert program_mirror.mirror_once(kiosk, folder, "gym-1", program_check(None)).published == ["clinic_knee"]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            kiosk.execute("DELETE FROM program_versions")
        kiosk.rollback()
    with psycopg.connect(as_login(clinic_url, "dr_lee", "change-me-therapist"), autocommit=True) as therapist:
        assert [v.kiosk_name for v in program_versions.history(therapist, "clinic_knee")] == ["gym-1"]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            therapist.execute("UPDATE program_versions SET kiosk_name = 'x'")
