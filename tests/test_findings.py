"""What the therapist adds after the kiosk's part: test results, the patient reference, the visits, the exports.

Real SQLite records, the bundled special-test catalogue, the `kiosk` command in-process, and the FHIR
transaction Bundle validated with the fhir.resources R4 models.
"""

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import replace

import factories
import pytest
from fhir.resources import construct_fhir_element
from fhir.resources.bundle import Bundle
from recorded import record_script, record_session

from kiosk.__main__ import main
from kiosk.clinical.findings import current, rank_tests
from kiosk.clinical.visits import baseline_extent, best_response, previous_visit
from kiosk.content import loader
from kiosk.records import clinic_settings, fhir_terms
from kiosk.records.export import fhir_bundles, write
from kiosk.records.fhir_terms import terms_for
from kiosk.records.store import InvalidReference, Records

CLINIC = "https://fhir.clinic.test/kiosk"
PATIENTS = "https://clinic.test/patient-number"


@pytest.fixture(scope="module")
def library():
    return loader.load()


@pytest.fixture
def records(tmp_path):
    opened = Records.open(tmp_path / "data")
    yield opened.records
    opened.records.close()


@pytest.fixture
def knee_visit(records, library):
    """A knee_tests_recommended session of patient 1234 with three results, one of them changed."""
    session_id = record_script(records, library.programs["knee_from_spine"], "knee_tests_recommended",
                               "2026-03-05T18:00:00.000Z", reference="1234")
    tests = library.special_tests
    records.record_test_result(session_id, tests["lachman"], "positive", "left", "soft end feel")
    records.record_test_result(session_id, tests["faber"], "not_tested")
    records.record_test_result(session_id, tests["lachman"], "negative", "left", "firm end feel on retest")
    records.record_test_result(session_id, tests["mcmurray"], "could_not_test", "both", "guarding")
    return records.session(session_id)


def test_each_result_is_kept_a_change_adds_an_entry(knee_visit):
    entries = knee_visit.test_results
    assert [(f.test_id, f.result) for f in entries] == [
        ("lachman", "positive"), ("faber", "not_tested"), ("lachman", "negative"), ("mcmurray", "could_not_test")]
    assert {f.entered_by for f in entries} == {"staff"} and all(f.entered_at.endswith("Z") for f in entries)
    assert [(f.test_id, f.result, f.side) for f in current(entries)] == [
        ("lachman", "negative", "left"), ("faber", "not_tested", None), ("mcmurray", "could_not_test", "both")]
    assert current(entries)[0].words() == "Lachman test, left: negative. Note: firm end feel on retest"
    assert current(entries)[2].words() == "McMurray test, both: could not be tested. Note: guarding"
    assert entries[0].test_group == "knee" and entries[1].test_group == "hip"


def test_a_bad_result_is_refused_and_nothing_is_written(records, knee_visit, library):
    with pytest.raises(ValueError, match="result 'maybe'"):
        records.record_test_result(knee_visit.id, library.special_tests["lachman"], "maybe")
    with pytest.raises(ValueError, match="side 'up'"):
        records.record_test_result(knee_visit.id, library.special_tests["lachman"], "positive", "up")
    assert len(records.session(knee_visit.id).test_results) == 4


def test_a_changed_reference_keeps_the_earlier_one(records, knee_visit):
    records.set_reference(knee_visit.id, "5678")
    records.set_reference(knee_visit.id, "5678")  # the same again: no new entry
    records.set_reference(knee_visit.id, None)
    session = records.session(knee_visit.id)
    assert session.patient_ref is None
    assert [change.patient_ref for change in session.reference_history] == ["1234", "5678", None]


def test_the_clinic_may_allow_digits_only(records, knee_visit):
    records.set_reference(knee_visit.id, "PT-7")
    records.set_setting(clinic_settings.REFERENCE_FORMAT, "digits")
    with pytest.raises(InvalidReference, match="1 to 20 digits"):
        records.set_reference(knee_visit.id, "PT-8")
    with pytest.raises(InvalidReference, match="never a name"):
        records.set_reference(knee_visit.id, "Jane Smith")
    records.set_reference(knee_visit.id, "00981")
    assert records.session(knee_visit.id).patient_ref == "00981"


def test_the_tests_for_the_symptoms_area_come_first(library):
    tests = list(library.special_tests.values())
    knee_first, rest = rank_tests(tests, factories.ci("knee_right", nprs=5))
    assert {t.group.value for t in knee_first} == {"knee"} and len(knee_first) == 13
    assert {t.group.value for t in rest} == {"hip", "nerve"}
    hip_first, _ = rank_tests(tests, factories.ci("groin_left", nprs=5))
    assert {t.group.value for t in hip_first} == {"hip", "nerve"}
    everything, none = rank_tests(tests, factories.ci(nprs=0))
    assert everything == tests and none == []


# Across visits -------------------------------------------------------------------------------------------

def test_three_visits_in_order_with_baseline_best_response_and_tests(records, library, knee_visit, capsys):
    program = library.programs["knee_from_spine"]
    record_script(records, program, "spinal_source_likely", "2026-03-12T18:00:00.000Z", reference="1234")
    record_script(records, program, "no_distal_symptoms", "2026-02-26T18:00:00.000Z", reference="1234")
    record_script(records, program, "spinal_source_likely", "2026-03-13T18:00:00.000Z", reference="999")
    visits = records.patient_sessions("1234")
    assert [v.started_at[:10] for v in visits] == ["2026-02-26", "2026-03-05", "2026-03-12"]
    assert previous_visit(visits[2], visits).uid == knee_visit.uid
    assert previous_visit(visits[0], visits) is None
    assert baseline_extent(visits[1]) == "left none (0), right knee (4)"
    assert best_response(visits[2]).startswith("centralizing at ")
    assert main(["history", "--patient", "1234", "--data", str(records.path.parent)]) == 0
    out = capsys.readouterr().out
    assert out.index("2026-02-26") < out.index("2026-03-05") < out.index("2026-03-12") and "2026-03-13" not in out
    assert "outcome: knee tests recommended" in out and "baseline distal extent: left none (0), right knee (4)" in out
    assert "tests: Lachman test, left: negative. Note: firm end feel on retest; FABER test" in out


# Exports -------------------------------------------------------------------------------------------------

def test_the_test_results_csv_has_every_entry(records, knee_visit):
    stream = io.StringIO(newline="")
    assert write("test-results", [knee_visit], stream) == 1
    rows = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))
    assert [(r["test id"], r["result"], r["current"]) for r in rows] == [
        ("lachman", "positive", "no"), ("faber", "not tested", "yes"), ("lachman", "negative", "yes"),
        ("mcmurray", "could not be tested", "yes")]
    assert {r["patient reference"] for r in rows} == {"1234"} and rows[0]["entered by"] == "staff"


def _resources(bundle, kind):
    return [e for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_fhir_transaction_bundle(records, knee_visit):
    records.set_setting(clinic_settings.CODE_SYSTEMS, CLINIC)
    records.set_setting(clinic_settings.PATIENT_SYSTEM, PATIENTS)
    terms = terms_for(clinic_settings.read(records))
    (bundle,) = fhir_bundles([knee_visit], terms)
    parsed = Bundle.parse_obj(bundle)
    assert parsed.type == "transaction"
    for entry in bundle["entry"]:
        construct_fhir_element(entry["resource"]["resourceType"], entry["resource"])
    (patient,) = _resources(bundle, "Patient")
    assert patient["request"] == {"method": "POST", "url": "Patient", "ifNoneExist": f"identifier={PATIENTS}|1234"}
    assert patient["resource"] == {"resourceType": "Patient", "identifier": [{"system": PATIENTS, "value": "1234"}]}
    others = [e for e in bundle["entry"] if e is not patient]
    assert {e["resource"]["resourceType"] for e in others} == {"Observation", "QuestionnaireResponse"}
    for entry in others:  # every resource refers to the Bundle's Patient entry, by its fullUrl
        assert entry["resource"]["subject"]["reference"] == patient["fullUrl"]
        found = entry["resource"]["identifier"]
        found = found[0] if isinstance(found, list) else found
        assert entry["request"] == {"method": "PUT", "url": f"{entry['resource']['resourceType']}?identifier="
                                    f"{found['system']}|{found['value']}"}
        assert entry["fullUrl"] == found["value"]
    text = json.dumps(bundle)
    assert fhir_terms.DEFAULT_BASE not in text and "example" not in text


def test_each_test_result_is_an_exam_observation(records, knee_visit, library):
    terms = terms_for(clinic_settings.ClinicSettings(CLINIC, PATIENTS))
    (bundle,) = fhir_bundles([knee_visit], terms)
    exams = [e["resource"] for e in _resources(bundle, "Observation")
             if e["resource"]["category"][0]["coding"][0]["code"] == "exam"]
    lachman, faber, mcmurray = exams
    assert lachman["code"]["coding"] == [{"system": f"{CLINIC}/CodeSystem/special-test", "code": "lachman",
                                          "display": "Lachman test"}]  # no SNOMED CT: none is verified
    assert lachman["status"] == "amended" and faber["status"] == "cancelled"
    assert lachman["valueCodeableConcept"]["coding"] == [
        {"system": f"{CLINIC}/CodeSystem/test-result", "code": "negative", "display": "Negative"},
        {"system": "http://snomed.info/sct", "code": "260385009", "display": "Negative"}]
    assert lachman["interpretation"][0]["coding"][0]["code"] == "NEG" and "interpretation" not in faber
    site = lachman["bodySite"]
    assert site["coding"][0] == {"system": "http://snomed.info/sct", "code": "72696002",
                                 "display": "Knee region structure"}
    assert site["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "7771000"  # left
    assert mcmurray["bodySite"]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "51440002"
    assert lachman["note"] == [{"text": "firm end feel on retest"}]
    assert lachman["performer"][0]["display"].startswith("Clinic staff")
    verified = replace(library.special_tests["lachman"], snomed=("123456789", "A verified display"))
    records.record_test_result(knee_visit.id, verified, "positive", "right")
    (bundle,) = fhir_bundles([records.session(knee_visit.id)], terms)
    lachman = next(e["resource"] for e in _resources(bundle, "Observation")
                   if e["resource"]["code"]["coding"][0]["code"] == "lachman")
    assert lachman["code"]["coding"][1] == {"system": "http://snomed.info/sct", "code": "123456789",
                                            "display": "A verified display"}


def test_sending_twice_is_idempotent_by_identifier(records, knee_visit, library):
    """Two exports of the same session: the same identifiers and conditional requests, so a server that
    applied the first creates nothing on the second; a second session of the patient shares the Patient."""
    (first,) = fhir_bundles([knee_visit])
    (again,) = fhir_bundles([records.session(knee_visit.id)])
    assert first == again
    urls = [e["request"].get("ifNoneExist") or e["request"]["url"] for e in first["entry"]]
    assert len(urls) == len(set(urls))  # one resource per identifier
    other = record_session(records, factories.program(), "2026-03-06T10:00:00.000Z",
                           baseline=factories.ci("knee_left", nprs=4), reference="1234")
    (second,) = fhir_bundles([records.session(other)])
    assert second["entry"][0] == first["entry"][0]  # the same Patient entry, the same conditional create
    assert not {e["fullUrl"] for e in second["entry"][1:]} & {e["fullUrl"] for e in first["entry"][1:]}


def test_set_clinic_checks_and_shows_the_settings(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert main(["set-clinic", "--data", data]) == 0
    assert f"code systems:              {fhir_terms.DEFAULT_BASE} (the default)" in capsys.readouterr().out
    assert main(["set-clinic", "--code-systems", "kiosk.example", "--data", data]) == 2
    assert "--code-systems must be an absolute http:// or https:// address" in capsys.readouterr().err
    assert main(["set-clinic", "--code-systems", CLINIC + "/", "--patient-identifier-system", PATIENTS,
                 "--reference-format", "digits", "--data", data]) == 0
    out = capsys.readouterr().out
    assert f"code systems:              {CLINIC}\n" in out and f"patient identifier system: {PATIENTS}" in out
    assert "patient reference format:  digits" in out


def test_results_survive_kill_9_between_two(tmp_path, library):
    """A process records one result, says so, and is killed before the second: the first is there."""
    data = tmp_path / "data"
    opened = Records.open(data)
    session_id = record_script(opened.records, library.programs["knee_from_spine"], "knee_tests_recommended",
                               "2026-03-05T18:00:00.000Z")
    opened.records.close()
    code = ("import sys, os, signal\nfrom kiosk.content import loader\nfrom kiosk.records.store import Records\n"
            f"r = Records(__import__('pathlib').Path({str(data / 'kiosk.db')!r}))\n"
            "t = loader.load().special_tests\n"
            f"r.record_test_result({session_id}, t['lachman'], 'positive', 'left')\n"
            "print('one', flush=True)\nsys.stdin.readline()\n"
            f"r.record_test_result({session_id}, t['faber'], 'negative', 'left')\n")
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             env={**os.environ, "KIOSK_DATA": str(data)})
    assert child.stdout.readline() == b"one\n"
    child.kill()
    child.wait()
    reopened = Records.open(data).records
    assert [(f.test_id, f.result) for f in reopened.session(session_id).test_results] == [("lachman", "positive")]
    reopened.close()
