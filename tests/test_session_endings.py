"""How every session ended (kiosk.clinical.ending): decided by the session, kept in the records (and
brought to older records by their migration), exported in CSV and FHIR, and what an unfinished session's
check-ins showed (kiosk.clinical.so_far) with no outcome claimed."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from fhir.resources import construct_fhir_element
from recorded import record_script, record_session

from kiosk.clinical.checkin import CheckIn
from kiosk.clinical.ending import Ending, ending_for, ending_text
from kiosk.clinical.engine import Outcome
from kiosk.clinical.so_far import so_far
from kiosk.content import loader
from kiosk.records.export import HEADER, write_csv
from kiosk.records.fhir import session_bundle
from kiosk.records.fhir_terms import ENDING_SYSTEM, code_systems
from kiosk.records.store import DB_NAME, Records
from kiosk.records.store_schema import MIGRATIONS

TRIAL = [CheckIn(frozenset({"thigh_front_right", "back_right"}), intensity=5),
         CheckIn(frozenset({"back_right"}), intensity=3)]
"""The therapists' trial: knee to thigh to low back, pain 6 to 3, then the session was ended."""
TRIAL_BASELINE = CheckIn(frozenset({"knee_right", "thigh_front_right", "back_right"}), intensity=6)


@pytest.fixture(scope="module")
def program():
    return loader.load().programs["knee_from_spine"]


@pytest.fixture
def records(tmp_path):
    opened = Records.open(tmp_path)
    yield opened.records
    opened.records.close()


@pytest.mark.parametrize("outcome, because, ending", [
    (Outcome.SPINAL_SOURCE_LIKELY, None, Ending.FINISHED),
    (Outcome.KNEE_TESTS_RECOMMENDED, None, Ending.FINISHED),
    (Outcome.NO_DISTAL_SYMPTOMS, None, Ending.FINISHED),
    (Outcome.RED_FLAG_STOP, None, Ending.RED_FLAG),
    (Outcome.STOPPED_WORSENING, None, Ending.WORSE),
    (Outcome.INCOMPLETE, "staff", Ending.STAFF),
    (Outcome.INCOMPLETE, "timeout", Ending.IDLE),
    (Outcome.INCOMPLETE, "patient_left", Ending.PATIENT_LEFT),
    (Outcome.INCOMPLETE, "stop", Ending.KIOSK_CLOSED),
], ids=lambda value: getattr(value, "value", value))
def test_the_ending_follows_the_outcome_or_why_the_session_was_left(outcome, because, ending):
    assert ending_for(outcome, because) is ending


def test_each_ending_is_recorded_exported_in_csv_and_fhir(records, program):
    ids = {
        "finished": record_script(records, program, "spinal_source_likely", "2026-03-02T18:00:00.000Z"),
        "red_flag": record_script(records, program, "red_flag_stop-before", "2026-03-03T18:00:00.000Z"),
        "worse": record_script(records, program, "stopped_worsening", "2026-03-04T18:00:00.000Z"),
    }
    for because, ending in (("staff", "staff"), ("timeout", "idle"), ("patient_left", "patient_left")):
        ids[ending] = record_session(records, program, "2026-03-05T18:00:00.000Z", baseline=TRIAL_BASELINE,
                                     answers=TRIAL, left_because=because)
    assert {ending: records.session(i).ended_by for ending, i in ids.items()} == {e: e for e in ids}
    stream = io.StringIO(newline="")
    write_csv([records.session(i) for i in ids.values()], stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))
    # new columns go at the end (the CSV's columns are a contract): "ended by" came right after the notes
    assert HEADER.index("ended by") == HEADER.index("session notes") + 1
    assert {row["session"]: row["ended by"] for row in rows} == {records.session(i).uid: e for e, i in ids.items()}
    for ending, session_id in ids.items():
        bundle = session_bundle(records.session(session_id))
        outcome = bundle["entry"][0]["resource"]
        [component] = [c for c in outcome["component"] if c["code"]["coding"][0]["code"] == "ended-by"]
        assert component["valueCodeableConcept"]["coding"][0] == {
            "system": ENDING_SYSTEM, "code": ending, "display": ending.replace("_", " ").capitalize()}
        construct_fhir_element("Bundle", bundle)
    [system] = [s for s in code_systems() if s["url"] == ENDING_SYSTEM]
    assert [c["code"] for c in system["concept"]] == [e.value for e in Ending]


def test_a_session_left_running_is_recorded_as_interrupted(tmp_path, program):
    records = Records.open(tmp_path).records
    session_id = records.start_session(program)
    records.close()
    records = Records.open(tmp_path).records
    assert records.session(session_id).ended_by == "interrupted"
    assert ending_text("interrupted").startswith("interrupted")
    records.close()


def test_older_records_get_the_ending_their_outcome_says_and_unknown_for_the_rest(tmp_path):
    conn = sqlite3.connect(tmp_path / DB_NAME)
    for number, migration in enumerate(MIGRATIONS[:4], 1):
        conn.executescript(migration)
        conn.execute(f"PRAGMA user_version = {number}")
    for uid, outcome, interrupted in (("a", "spinal_source_likely", 0), ("b", "stopped_worsening", 0),
                                      ("c", "incomplete", 1), ("d", "incomplete", 0), ("e", "red_flag_stop", 0)):
        conn.execute("INSERT INTO sessions (uid, program_id, program_name, program_sha256, program_source,"
                     " started_at, ended_at, outcome, interrupted) VALUES (?, 'p', 'P', '', '', '2026-01-01T00:00Z',"
                     " '2026-01-01T00:10Z', ?, ?)", (uid, outcome, interrupted))
    conn.commit()
    conn.close()
    records = Records.open(tmp_path).records
    endings = {s.uid: s.ended_by for s in records.sessions()}
    assert endings == {"a": "finished", "b": "worse", "c": "interrupted", "d": None, "e": "red_flag"}
    assert ending_text(None).startswith("not recorded")
    records.close()


def test_an_unfinished_session_says_what_its_check_ins_showed_and_claims_no_outcome(records, program):
    session_id = record_session(records, program, "2026-03-05T18:00:00.000Z", baseline=TRIAL_BASELINE,
                                answers=TRIAL, left_because="staff")
    record = records.session(session_id)
    assert record.outcome == "incomplete"
    lines = so_far(record)
    assert lines == [
        "Up to the end, 2 check-ins after the baseline.",
        "Most distal symptoms: right knee -> right front of thigh -> right low back.",
        "NPRS 6/10 at baseline, 3/10 at the last check-in.",
        "Best response: centralizing (prone lying, set 1 of 1).",
        "No outcome was reached: the progression did not run to its end, so neither a spinal source nor the "
        "need for knee tests is concluded.",
    ]


def test_a_session_ended_before_its_baseline_says_so(records, program):
    session_id = records.start_session(program)
    records.end_session(session_id, "incomplete", ended_by="idle")
    assert so_far(records.session(session_id)) == ["Ended before the baseline check-in: no symptoms were recorded."]
    assert records.session(session_id).ended_by == "idle"
