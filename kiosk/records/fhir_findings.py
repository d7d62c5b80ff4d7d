"""What staff added to a session, in FHIR R4: the Patient, the special-test results, the transaction.

- The Patient holds only the clinic's identifier (its system is the clinic's, `kiosk
  set-clinic --patient-identifier-system`; the value the reference code), never a name.
  Its entry is a conditional create (`ifNoneExist: identifier=SYSTEM|REF`): a server
  that already knows the patient keeps its own Patient, and every `subject` in the
  Bundle then points at it.
- Each test's current result is one Observation (category `exam`): the test as a code
  of the clinic's `special-test` CodeSystem, with SNOMED CT beside it only where the
  catalogue gives a verified code; `bodySite` the area examined with its side; the
  result as `valueCodeableConcept` (the clinic's `test-result` code, SNOMED CT's
  positive or negative qualifier beside it) and, for positive and negative, an
  `interpretation`. A result changed later is `amended`. Staff entered it: `performer`.
- Every other resource's entry is a conditional update on its stable identifier
  (`PUT Observation?identifier=urn:ietf:rfc:3986|urn:uuid:...`): sent twice, nothing is
  created twice; sent after a change, the resource is updated and the server keeps the
  earlier version in its history.
"""

from __future__ import annotations

import uuid

from kiosk.clinical.findings import RESULT_WORDS, TestResult, current
from kiosk.clinical.record import SessionRecord

from .fhir_terms import (CATEGORY_SYSTEM, INTERPRETATION_SYSTEM, INTERPRETATIONS, SNOMED, SNOMED_BOTH_SIDES,
                         SNOMED_POSITIVE_NEGATIVE, TEST_BODY_SITES, TEST_RESULTS, Terms, coding, concept, identifier)

SIDES = {"left": ("7771000", "Left"), "right": ("24028007", "Right"), "both": SNOMED_BOTH_SIDES}
PATIENTS = uuid.UUID("5f0c1c0e-8f3b-4d7e-9a51-2b3c4d5e6f70")
"""Namespace of the Patient entry's fullUrl: the same patient gets the same urn:uuid in every Bundle."""


def patient_entry(session: SessionRecord, terms: Terms) -> dict | None:
    """The Bundle entry of the session's patient (None without a reference): a conditional create."""
    if not session.patient_ref:
        return None
    patient_uuid = str(uuid.uuid5(PATIENTS, f"{terms.patient}|{session.patient_ref}"))
    patient = {"resourceType": "Patient", "identifier": [{"system": terms.patient, "value": session.patient_ref}]}
    return {"fullUrl": f"urn:uuid:{patient_uuid}", "resource": patient,
            "request": {"method": "POST", "url": "Patient",
                        "ifNoneExist": f"identifier={terms.patient}|{session.patient_ref}"}}


def transaction_entry(resource: dict) -> dict:
    """A resource's entry: its fullUrl (urn:uuid) and a conditional update on its stable identifier."""
    resource = dict(resource)
    resource_id = resource.pop("id")  # the server gives its own id; the Bundle refers to the urn:uuid
    found = resource["identifier"]
    found = found[0] if isinstance(found, list) else found
    return {"fullUrl": f"urn:uuid:{resource_id}", "resource": resource,
            "request": {"method": "PUT",
                        "url": f"{resource['resourceType']}?identifier={found['system']}|{found['value']}"}}


def _body_site(group: str, side: str | None, terms: Terms) -> dict | None:
    if group not in TEST_BODY_SITES:
        return None
    code, display, snomed = TEST_BODY_SITES[group]
    site = {"coding": ([coding(SNOMED, *snomed)] if snomed else []) + [coding(terms.body_area, code, display)],
            "text": f"{side} {display.lower()}" if side else display}
    if side:
        site["extension"] = [{"url": terms.laterality, "valueCodeableConcept": concept(SNOMED, *SIDES[side])}]
    return site


def test_observation(session: SessionRecord, finding, amended: bool, subject: dict | None, terms: Terms) -> dict:
    """One test's current result as an Observation (see the module's description)."""
    resource_uuid = str(uuid.uuid5(uuid.UUID(session.uid), f"test/{finding.test_id}"))
    result = finding.result
    value = {"coding": [coding(terms.test_result, result, TEST_RESULTS[result][0])],
             "text": RESULT_WORDS[TestResult(result)]}
    if result in SNOMED_POSITIVE_NEGATIVE:
        value["coding"].append(coding(SNOMED, *SNOMED_POSITIVE_NEGATIVE[result]))
    code = {"coding": [coding(terms.special_test, finding.test_id, finding.test_name)], "text": finding.test_name}
    if finding.snomed_code:
        code["coding"].append(coding(SNOMED, finding.snomed_code, finding.snomed_display or None))
    performed = result in (TestResult.POSITIVE.value, TestResult.NEGATIVE.value)
    observation = {
        "resourceType": "Observation",
        "id": resource_uuid,
        "identifier": [identifier(resource_uuid)],
        "status": ("amended" if amended else "final") if performed else "cancelled",
        "category": [concept(CATEGORY_SYSTEM, "exam", "Exam")],
        "code": code,
        "effectiveDateTime": finding.entered_at,
        "issued": finding.entered_at,
        "performer": [{"display": f"Clinic staff, entered on the kiosk {session.kiosk_name}".rstrip()}],
        "valueCodeableConcept": value,
    }
    if subject:
        observation["subject"] = subject
    if result in INTERPRETATIONS:
        observation["interpretation"] = [concept(INTERPRETATION_SYSTEM, *INTERPRETATIONS[result])]
    site = _body_site(finding.test_group, finding.side, terms)
    if site:
        observation["bodySite"] = site
    if finding.note:
        observation["note"] = [{"text": finding.note}]
    return observation


def test_observations(session: SessionRecord, subject: dict | None, terms: Terms) -> list[dict]:
    """Every test's current result (the latest entry); a test entered more than once is amended."""
    entries: dict[str, int] = {}
    for finding in session.test_results:
        entries[finding.test_id] = entries.get(finding.test_id, 0) + 1
    return [test_observation(session, finding, entries[finding.test_id] > 1, subject, terms)
            for finding in current(session.test_results)]
