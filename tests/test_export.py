"""The exports, field by field: CSV for spreadsheets and FHIR R4 (validated with fhir.resources).

Sessions are real: driven through the session machine on the bundled program and a
small test program, every answer recorded in a temporary SQLite store.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import factories
import pytest
from fhir.resources import __fhir_version__ as FHIR_VERSION
from fhir.resources import construct_fhir_element
from fhir.resources.bundle import Bundle
from recorded import record_script, record_session

from kiosk.clinical.checkin import CheckIn
from kiosk.clinical.engine import Decision, Outcome, Response
from kiosk.clinical.red_flags import RED_FLAGS
from kiosk.clinical.regions import REGIONS
from kiosk.content import loader
from kiosk.records import fhir_terms as terms
from kiosk.records.export import (CSV_COLUMNS, HEADER, ExportError, csv_rows, export_to_folder, fhir_bundles,
                                  parse_since, write_csv, write_fhir, write_file)
from kiosk.records.store import Records

NOTE = 'Knee pain "sharp", then dull,\nsecond line'


@pytest.fixture(scope="module")
def knee_program():
    return loader.load().programs["knee_from_spine"]


@pytest.fixture
def records(tmp_path):
    opened = Records.open(tmp_path / "data")
    yield opened.records
    opened.records.close()


@pytest.fixture
def spread(records):
    """Pain in the right thigh and knee, numbness in the right lower leg; one press-up centralizes it."""
    program = factories.program(spinal=(("press_up", 1),), strengthening=())
    baseline = factories.ci("thigh_front_right", "knee_right", numb=("lower_leg_right",), nprs=6)
    after = factories.ci("back_right", "buttock_right", nprs=7)
    session_id = record_session(records, program, "2026-03-05T18:00:00.000Z", baseline=baseline, answers=[after],
                                reference="PT-0042", notes=[NOTE])
    return records.session(session_id)


@pytest.fixture
def clinic(records, knee_program, spread):
    """Four sessions on four days: spread (5 March), then three bundled patient scripts."""
    record_script(records, knee_program, "spinal_source_likely", "2026-03-02T18:00:00.000Z", reference="A1")
    record_script(records, knee_program, "red_flag_stop-before", "2026-03-08T18:00:00.000Z")
    record_script(records, knee_program, "stopped_worsening", "2026-03-11T18:00:00.000Z")
    return records


def csv_text(sessions) -> str:
    stream = io.StringIO(newline="")
    write_csv(sessions, stream)
    return stream.getvalue()


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# CSV --------------------------------------------------------------------------------------------------


def test_csv_header_is_the_documented_columns():
    assert HEADER[:3] == ("session", "patient reference", "program")
    assert len(set(HEADER)) == len(HEADER) == len(CSV_COLUMNS)
    assert csv_text([]).splitlines() == [",".join(HEADER)]


def test_csv_has_one_row_per_check_in(clinic):
    sessions = list(clinic.sessions())
    rows = read_csv(csv_text(sessions))
    assert len(rows) == sum(max(1, len(s.check_ins)) for s in sessions)
    assert [r["session"] for r in rows] == [s.uid for s in sessions for _ in range(max(1, len(s.check_ins)))]
    assert [s.outcome for s in sessions] == ["spinal_source_likely", "spinal_source_likely", "red_flag_stop",
                                             "stopped_worsening"]


def test_csv_fields_of_a_baseline_and_a_set(spread):
    baseline, after = read_csv(csv_text([spread]))
    assert baseline == {
        "session": spread.uid, "patient reference": "PT-0042", "program": "Test program",
        "program id": "test_program", "program file sha256": "",
        "session started (UTC)": "2026-03-05T18:00:00.000Z", "session ended (UTC)": "2026-03-05T18:12:00.000Z",
        "outcome": "spinal_source_likely", "red flag": "", "interrupted": "no", "kiosk": spread.kiosk_name,
        "language": "en",
        "check-in": "0", "kind": "baseline", "block": "", "exercise": "", "exercise id": "", "set": "",
        "of sets": "", "answered at (UTC)": "2026-03-05T18:10:00.000Z",
        "pain regions": "right front of thigh; right knee", "pain region ids": "thigh_front_right; knee_right",
        "numbness or tingling regions": "right lower leg", "numbness or tingling region ids": "lower_leg_right",
        "pain 0-10": "6", "leg weakness": "no", "response": "", "decision": "", "stopped early": "",
        "session notes": NOTE, "ended by": "finished", "seconds exercised": "", "seconds planned": "",
    }
    assert {k: after[k] for k in ("check-in", "kind", "block", "exercise", "exercise id", "set", "of sets",
                                  "pain regions", "pain region ids", "numbness or tingling regions", "pain 0-10",
                                  "response", "decision", "stopped early", "answered at (UTC)")} == {
        "check-in": "1", "kind": "set", "block": "spinal", "exercise": "Press Up", "exercise id": "press_up",
        "set": "1", "of sets": "1", "pain regions": "right low back; right buttock",
        "pain region ids": "back_right; buttock_right", "numbness or tingling regions": "", "pain 0-10": "7",
        "response": "centralizing", "decision": "stop", "stopped early": "no",
        "answered at (UTC)": "2026-03-05T18:11:00.000Z"}


def test_a_set_ended_early_is_recorded_with_its_time_in_the_csv_fhir_and_notes(records):
    """The patient touched "I have finished this set" 40 s into a 180 s hold: stopped early, with its time."""
    from kiosk.clinical.report import record_of
    from kiosk.clinical.session import Session

    program = factories.program(spinal=(("prone_lying", 2),), strengthening=())
    session, baseline = Session(program), factories.ci("knee_right", nprs=5)
    session_id = records.start_session(program)
    session.pass_screening()
    session.check_in(baseline)
    records.record_check_in(session_id, "baseline", baseline)
    session.finish_set(False, 40.6, 180)
    records.record_check_in(session_id, "set", baseline, session.check_in(baseline))
    session.finish_set(False, 180, 180)  # the second set ran its whole time
    records.record_check_in(session_id, "set", baseline, session.check_in(baseline))
    records.end_session(session_id, session.outcome.value, None, [])
    recorded = records.session(session_id)
    first, second = recorded.steps
    assert (first.exercised_seconds, first.planned_seconds, first.ended_early) == (40, 180, True)
    assert (second.ended_early, second.time_done, first.time_done) == (False, "", "stopped after 40 of 180 s")
    assert record_of(session).steps[0].time_done == "stopped after 40 of 180 s"
    assert any("stopped after 40 of 180 s" in note for note in record_of(session).notes)
    rows = read_csv(csv_text([recorded]))
    assert [(r["seconds exercised"], r["seconds planned"]) for r in rows] == [("", ""), ("40", "180"), ("180", "180")]
    assert list(rows[0])[-2:] == ["seconds exercised", "seconds planned"]  # new columns only ever at the end
    [bundle] = fhir_bundles([recorded])
    observations = [o for o in resources(bundle, "Observation") if components(o, "check-in-kind")]
    set_one = observations[1]
    assert [c["valueQuantity"]["value"] for c in components(set_one, "seconds-exercised")] == [40]
    assert [c["valueQuantity"]["value"] for c in components(set_one, "seconds-planned")] == [180]
    assert "ended the set early: stopped after 40 of 180 s" in set_one["note"][0]["text"]
    validate(set_one)


def test_csv_quotes_commas_quotes_and_newlines(spread):
    text = csv_text([spread])
    assert '"Knee pain ""sharp"", then dull,\nsecond line"' in text
    assert text.endswith("\r\n")


def test_a_session_stopped_at_the_screen_still_has_a_row(clinic):
    stopped = [s for s in clinic.sessions() if s.outcome == "red_flag_stop"]
    assert len(stopped) == 1 and not stopped[0].check_ins
    (row,) = read_csv(csv_text(stopped))
    assert row["outcome"] == "red_flag_stop" and row["red flag"] == "saddle_numbness"
    assert all(row[column] == "" for column in HEADER[HEADER.index("check-in"):]
               if column not in ("session notes", "ended by"))
    assert row["ended by"] == "red_flag"
    assert len(csv_rows(stopped[0])[0]) == len(HEADER)


def test_since_is_a_local_date(clinic):
    since = parse_since("2026-03-05")
    midnight = datetime(2026, 3, 5).astimezone().astimezone(timezone.utc)
    assert since == midnight.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    started = [s.started_at[:10] for s in clinic.sessions(since)]
    assert started == ["2026-03-05", "2026-03-08", "2026-03-11"]
    assert parse_since(None) is None


@pytest.mark.parametrize("text", ["05/03/2026", "2026-3-5", "yesterday", "2026-02-30", "2026-03-05T10:00"])
def test_since_rejects_anything_but_a_date(text):
    with pytest.raises(ExportError, match="YYYY-MM-DD|not a real date"):
        parse_since(text)


# FHIR -----------------------------------------------------------------------------------------------


def validate(resource: dict):
    """Parse with the FHIR R4 models: raises on any structural error."""
    return construct_fhir_element(resource["resourceType"], resource)


def test_fhir_resources_is_r4():
    assert FHIR_VERSION == "4.0.1"


def test_every_bundle_and_resource_is_valid_fhir_r4(clinic):
    bundles = fhir_bundles(clinic.sessions())
    assert len(bundles) == 4
    for bundle in bundles:
        parsed = Bundle.parse_obj(bundle)
        assert parsed.type == "transaction"
        for entry in bundle["entry"]:
            validate(entry["resource"])
            assert "id" not in entry["resource"]  # the server gives ids; the Bundle refers by fullUrl
            assert entry["request"]["method"] in ("POST", "PUT")


def test_code_systems_are_valid_and_complete():
    systems = {cs["url"]: cs for cs in terms.code_systems()}
    for code_system in systems.values():
        validate(code_system)
    codes = {url: {c["code"] for c in cs["concept"]} for url, cs in systems.items()}
    assert codes[terms.RESPONSE_SYSTEM] == {r.value for r in Response}
    assert codes[terms.DECISION_SYSTEM] == {d.value for d in Decision}
    assert codes[terms.OUTCOME_SYSTEM] == {o.value for o in Outcome}
    assert codes[terms.REGION_SYSTEM] == set(REGIONS)
    assert codes[terms.RED_FLAG_SYSTEM] == {f.id for f in RED_FLAGS} | {"new_weakness"}
    assert codes[terms.KIND_SYSTEM] == {"baseline", "set", "recheck"}
    assert {r.area for r in REGIONS.values()} == set(terms.SNOMED_SITES)


def resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def components(observation: dict, item: str) -> list[dict]:
    return [c for c in observation["component"] if c["code"]["coding"][0]["code"] == item]


def codings(concept: dict, system: str) -> list[tuple[str, str]]:
    return [(c["code"], c.get("display")) for c in concept["coding"] if c["system"] == system]


def laterality(concept: dict) -> str:
    (extension,) = concept["extension"]
    assert extension["url"] == terms.LATERALITY_EXTENSION
    return extension["valueCodeableConcept"]["coding"][0]["code"]


def test_the_program_file_sha256_is_exported_in_csv_and_fhir(records, knee_program):
    """A program read from a real file: every CSV row and the FHIR outcome carry the file's SHA-256."""
    expected = hashlib.sha256(Path(knee_program.source.rsplit(":", 1)[0]).read_bytes()).hexdigest()
    session = records.session(record_script(records, knee_program, "spinal_source_likely",
                                            "2026-03-02T18:00:00.000Z"))
    rows = read_csv(csv_text([session]))
    assert len(rows) > 1 and {row["program file sha256"] for row in rows} == {expected}
    (bundle,) = fhir_bundles([session])
    outcome = resources(bundle, "Observation")[0]
    assert [c["valueString"] for c in components(outcome, "program-sha256")] == [expected]
    validate(outcome)


def test_bundle_shape(spread):
    (bundle,) = fhir_bundles([spread])
    assert bundle["id"] == spread.uid
    assert bundle["identifier"] == {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{spread.uid}"}
    assert bundle["timestamp"] == spread.ended_at
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds == ["Patient", "Observation", "Observation", "Observation", "QuestionnaireResponse"]
    (patient,) = resources(bundle, "Patient")
    assert patient["identifier"] == [{"system": terms.PATIENT_REFERENCE_SYSTEM, "value": "PT-0042"}]
    assert set(patient) == {"resourceType", "identifier"}  # no name, ever
    assert fhir_bundles([spread]) == [bundle]  # the same ids on every export


def test_check_in_observation_field_by_field(spread):
    (bundle,) = fhir_bundles([spread])
    outcome, baseline, after = resources(bundle, "Observation")
    assert baseline["status"] == "final"
    assert baseline["category"][0]["coding"] == [{"system": terms.CATEGORY_SYSTEM, "code": "survey",
                                                  "display": "Survey"}]
    assert baseline["code"]["coding"] == [{"system": "http://loinc.org", "code": "72514-3",
                                           "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}]
    assert baseline["valueInteger"] == 6
    assert baseline["effectiveDateTime"] == "2026-03-05T18:10:00.000Z"
    assert baseline["subject"]["reference"] == bundle["entry"][0]["fullUrl"]  # the Patient entry
    # bodySite: the most distal pain region, the right knee
    assert codings(baseline["bodySite"], terms.SNOMED) == [("72696002", "Knee region structure")]
    assert codings(baseline["bodySite"], terms.REGION_SYSTEM) == [("knee_right", "right knee")]
    assert laterality(baseline["bodySite"]) == "24028007"
    pain = components(baseline, "pain-site")
    assert [codings(c["valueCodeableConcept"], terms.REGION_SYSTEM)[0][0] for c in pain] == \
        ["thigh_front_right", "knee_right"]
    assert codings(pain[0]["valueCodeableConcept"], terms.SNOMED) == [("68367000", "Thigh structure")]
    assert codings(pain[0]["code"], "http://loinc.org") == [("38204-4", "Pain primary location")]
    (numb,) = components(baseline, "numbness-site")
    assert codings(numb["valueCodeableConcept"], terms.SNOMED) == [("30021000", "Lower leg structure")]
    assert laterality(numb["valueCodeableConcept"]) == "24028007"
    assert components(baseline, "leg-weakness")[0]["valueBoolean"] is False
    assert components(baseline, "check-in-kind")[0]["valueCodeableConcept"]["coding"][0]["code"] == "baseline"
    assert not components(baseline, "response") and not components(baseline, "exercise")
    assert baseline["note"] == [{"text": "Baseline check-in, before the first exercise."}]

    assert after["valueInteger"] == 7
    assert codings(after["bodySite"], terms.SNOMED) == [("46862004", "Buttock structure")]
    assert [codings(c["valueCodeableConcept"], terms.SNOMED)[0][0] for c in components(after, "pain-site")] == \
        ["37822005", "46862004"]
    assert codings(components(after, "response")[0]["valueCodeableConcept"], terms.RESPONSE_SYSTEM) == \
        [("centralizing", "Centralizing")]
    assert codings(components(after, "decision")[0]["valueCodeableConcept"], terms.DECISION_SYSTEM) == \
        [("stop", "Stop")]
    assert codings(components(after, "exercise")[0]["valueCodeableConcept"], terms.EXERCISE_SYSTEM) == \
        [("press_up", "Press Up")]
    assert components(after, "set-number")[0]["valueInteger"] == 1
    assert components(after, "sets-planned")[0]["valueInteger"] == 1
    assert components(after, "stopped-early")[0]["valueBoolean"] is False
    assert after["note"][0]["text"] == "Check-in after Press Up, set 1 of 1 (spinal): centralizing, then stop."


def test_outcome_observation(spread):
    (bundle,) = fhir_bundles([spread])
    outcome, baseline, after = resources(bundle, "Observation")
    (screen,) = resources(bundle, "QuestionnaireResponse")
    assert codings(outcome["code"], terms.ITEM_SYSTEM)[0][0] == "session-outcome"
    assert codings(outcome["valueCodeableConcept"], terms.OUTCOME_SYSTEM) == \
        [("spinal_source_likely", "Spinal source likely")]
    assert outcome["effectivePeriod"] == {"start": spread.started_at, "end": spread.ended_at}
    assert outcome["hasMember"] == [{"reference": o["identifier"][0]["value"]} for o in (baseline, after)]
    assert outcome["derivedFrom"] == [{"reference": screen["identifier"]["value"]}]
    assert components(outcome, "program")[0]["valueString"] == "Test program (test_program)"
    assert components(outcome, "interrupted")[0]["valueBoolean"] is False
    assert outcome["note"] == [{"text": NOTE}]


def test_screening_questionnaire_response(clinic, spread):
    (bundle,) = fhir_bundles([spread])
    (screen,) = resources(bundle, "QuestionnaireResponse")
    assert screen["status"] == "completed"
    assert screen["questionnaire"] == terms.RED_FLAG_QUESTIONNAIRE
    assert screen["authored"] == "2026-03-05T18:09:00.000Z"
    assert [(i["linkId"], i["text"], i["answer"]) for i in screen["item"]] == \
        [(f.id, f.question, [{"valueBoolean": False}]) for f in RED_FLAGS]

    (stopped,) = [s for s in clinic.sessions() if s.outcome == "red_flag_stop"]
    (bundle,) = fhir_bundles([stopped])
    (screen,) = resources(bundle, "QuestionnaireResponse")
    assert screen["status"] == "in-progress"
    assert [(i["linkId"], i["answer"][0]["valueBoolean"]) for i in screen["item"]] == [("saddle_numbness", True)]
    (outcome,) = resources(bundle, "Observation")
    assert codings(components(outcome, "red-flag")[0]["valueCodeableConcept"], terms.RED_FLAG_SYSTEM)[0][0] == \
        "saddle_numbness"
    assert "hasMember" not in outcome


def test_a_red_flag_during_the_session(records, knee_program):
    session_id = record_script(records, knee_program, "red_flag_stop-during", "2026-04-01T10:00:00.000Z")
    (bundle,) = fhir_bundles([records.session(session_id)])
    Bundle.parse_obj(bundle)
    (screen,) = resources(bundle, "QuestionnaireResponse")
    assert screen["status"] == "completed"
    during = screen["item"][-1]
    assert during["linkId"] == "during-session"
    assert [(i["linkId"], i["answer"][0]["valueBoolean"]) for i in during["item"]] == \
        [("bladder_bowel_change", True)]


def test_new_weakness_is_coded(records, knee_program):
    session_id = record_script(records, knee_program, "red_flag_stop-new_weakness", "2026-04-01T10:00:00.000Z")
    session = records.session(session_id)
    assert session.red_flag == "new_weakness"
    (bundle,) = fhir_bundles([session])
    Bundle.parse_obj(bundle)
    outcome = resources(bundle, "Observation")[0]
    assert codings(components(outcome, "red-flag")[0]["valueCodeableConcept"], terms.RED_FLAG_SYSTEM) == \
        [("new_weakness", "New leg weakness during the session")]
    last = resources(bundle, "Observation")[-1]
    assert components(last, "leg-weakness")[0]["valueBoolean"] is True


def test_a_recheck_is_recorded_and_exported(clinic):
    (worse,) = [s for s in clinic.sessions() if s.outcome == "stopped_worsening"]
    assert [c.kind for c in worse.check_ins] == ["baseline", "set", "recheck"]
    (bundle,) = fhir_bundles([worse])
    recheck = resources(bundle, "Observation")[-1]
    assert components(recheck, "check-in-kind")[0]["valueCodeableConcept"]["coding"][0]["code"] == "recheck"
    assert "stopped-early" not in {c["code"]["coding"][0]["code"] for c in recheck["component"]}
    assert recheck["note"][0]["text"].startswith("Recheck after the rest after ")


def test_fhir_file_is_ndjson_one_bundle_per_line(clinic):
    stream = io.StringIO()
    assert write_fhir(clinic.sessions(), stream) == 4
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4
    for line, session in zip(lines, clinic.sessions()):
        bundle = json.loads(line)
        assert bundle["id"] == session.uid
        Bundle.parse_obj(bundle)


# Export to a folder (a USB stick) -------------------------------------------------------------------


def test_export_to_folder_writes_a_dated_file(clinic, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    at = datetime(2026, 3, 12, 9, 30, 5)
    path = export_to_folder(clinic, stick, "csv", at=at)
    assert path.name == "kiosk-export-2026-03-12-093005.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the UTF-8 mark spreadsheet programs look for
    expected = sum(max(1, len(s.check_ins)) for s in clinic.sessions())
    assert len(read_csv(path.read_text(encoding="utf-8-sig"))) == expected
    again = export_to_folder(clinic, stick, "fhir", since="2026-03-05", at=at)
    assert again.name == "kiosk-export-2026-03-12-093005.ndjson"
    assert len(again.read_text().splitlines()) == 3
    third = export_to_folder(clinic, stick, "csv", at=at)
    assert third.name == "kiosk-export-2026-03-12-093005-2.csv"
    assert sorted(p.name for p in stick.iterdir()) == sorted([path.name, again.name, third.name])


def test_export_to_a_missing_folder_says_so(clinic, tmp_path):
    with pytest.raises(ExportError, match="USB stick"):
        export_to_folder(clinic, tmp_path / "gone", "csv")
    with pytest.raises(ExportError, match="unknown export format"):
        export_to_folder(clinic, tmp_path, "xlsx")


def test_a_failed_export_leaves_no_file(clinic, tmp_path):
    def failing():
        yield from clinic.sessions()
        raise OSError("No space left on device")

    with pytest.raises(OSError):
        write_file("csv", failing(), tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_unchanged_check_in_without_regions(records):
    """Pain rated with no region marked: no bodySite, no site components, still valid."""
    program = factories.program(spinal=(("press_up", 1),), strengthening=())
    session_id = record_session(records, program, "2026-05-01T08:00:00.000Z", baseline=CheckIn(intensity=3),
                                answers=[CheckIn(intensity=3)])
    (bundle,) = fhir_bundles([records.session(session_id)])
    Bundle.parse_obj(bundle)
    baseline = resources(bundle, "Observation")[1]
    assert "bodySite" not in baseline and not components(baseline, "pain-site")
    assert "subject" not in baseline


def test_required_bindings_hold(clinic):
    """fhir.resources checks structure and types, not required code bindings: check those here."""
    observation_status = {"registered", "preliminary", "final", "amended", "corrected", "cancelled",
                          "entered-in-error", "unknown"}
    response_status = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
    for bundle in fhir_bundles(clinic.sessions()):
        assert bundle["type"] == "transaction"
        for observation in resources(bundle, "Observation"):
            assert observation["status"] in observation_status
        for screen in resources(bundle, "QuestionnaireResponse"):
            assert screen["status"] in response_status
