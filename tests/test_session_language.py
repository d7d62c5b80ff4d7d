"""The session's language in the records: kept by SQLite (migration 4), read back, in the CSV and in
FHIR as the language of the session's resources; older databases come up as English. No Kivy."""

import sqlite3

from factories import ci, program
from fhir.resources.bundle import Bundle

from pgserver import clinic_url, pg_cluster  # noqa: F401  (fixtures)

from kiosk.records.export import HEADER, csv_rows, fhir_bundles
from kiosk.records.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, Records


def spanish_session(records) -> int:
    prog = program(spinal=(("press_up", 1),))
    session_id = records.start_session(prog, language="es")
    records.record_screening(session_id, "saddle_numbness", False)
    records.record_check_in(session_id, "baseline", ci("knee_right", nprs=5))
    records.end_session(session_id, "incomplete")
    return session_id


def test_a_session_keeps_its_language_in_the_records_the_csv_and_fhir(tmp_path):
    records = Records.open(tmp_path / "data").records
    record = records.session(spanish_session(records))
    assert record.language == "es"
    (row,) = csv_rows(record)
    assert dict(zip(HEADER, row))["language"] == "es"
    (bundle,) = fhir_bundles([record])
    Bundle.parse_obj(bundle)  # valid FHIR R4 with the language set
    assert bundle["language"] == "es"
    kinds = {entry["resource"]["resourceType"]: entry["resource"].get("language") for entry in bundle["entry"]}
    assert kinds == {"Observation": "es", "QuestionnaireResponse": "es"}


def test_sessions_recorded_before_the_language_was_kept_come_up_as_english(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    old = sqlite3.connect(folder / DB_NAME)
    for script in MIGRATIONS[:3]:
        old.executescript(script)
    old.execute("PRAGMA user_version = 3")
    old.execute("INSERT INTO sessions (uid, program_id, program_name, program_sha256, program_source, started_at)"
                " VALUES ('u-1', 'p', 'P', '', '', '2026-03-05T18:00:00.000Z')")
    old.commit()
    old.close()
    records = Records.open(folder).records
    assert records.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    (record,) = records.recent()
    assert record.language == "en"


def test_the_clinic_server_copy_keeps_the_language(clinic_url, tmp_path):
    from kiosk.records import server, sync
    from kiosk.records.clinic import ClinicRecords

    records = Records.open(tmp_path / "data").records
    spanish_session(records)
    assert sync.copy_waiting(records.conn, server.connect(clinic_url)) == 1
    (shared,) = ClinicRecords(clinic_url).recent()
    assert shared.language == "es"
