"""Recorded sessions as FHIR R4 (4.0.1) resources: plain dicts, standard library only.

One session is one Bundle of type "transaction" holding
- an Observation per check-in: pain 0-10 (LOINC 72514-3), where it hurts (bodySite and
  one component per region, SNOMED CT), numbness or tingling, leg weakness, the
  response and the decision (codes of the kiosk's own CodeSystems, see `code_systems`);
- an Observation of the session's outcome, with the check-ins as its members;
- a QuestionnaireResponse of the red-flag screen;
- an Observation per special-test result staff entered (kiosk.records.fhir_findings);
- a Patient holding only the clinic's reference code, when staff attached one (never a name),
  and `subject` on every other resource.

Resource ids and identifiers are derived from the session uid (uuid5), and each entry's
request is conditional on its identifier, so sending a session twice to a FHIR server
creates nothing twice (a changed session updates its resources). The URLs of the
kiosk's own codes are the clinic's (`Terms`, from kiosk set-clinic).
"""

from __future__ import annotations

import uuid

from kiosk.clinical.checkin import CheckIn
from kiosk.clinical.record import CheckInRecord, ScreeningAnswer, SessionRecord
from kiosk.clinical.red_flags import BY_ID as RED_FLAGS_BY_ID
from kiosk.clinical.regions import REGION_IDS, REGIONS

from .fhir_findings import patient_entry, test_observations, transaction_entry
from .fhir_terms import (CATEGORY_SYSTEM, DECISIONS, DEFAULT_TERMS, ENDINGS, ITEMS, KINDS, OUTCOMES, PAIN_LOCATION,
                         PAIN_SEVERITY, RED_FLAG_EXTRA, RESPONSES, SNOMED, SNOMED_LATERALITY, SNOMED_SITES, UUID_SYSTEM,
                         Terms, concept, coding, identifier)


def _uuid(session: SessionRecord, part: str) -> str:
    return str(uuid.uuid5(uuid.UUID(session.uid), part))


_coding, _concept = coding, concept


def _item(code: str, terms: Terms, *also: dict) -> dict:
    return {"coding": [_coding(terms.item, code, ITEMS[code][0]), *also]}


def region_concept(region_id: str, terms: Terms = DEFAULT_TERMS) -> dict:
    """A body region as SNOMED CT (plus laterality) and the kiosk's own region id."""
    region = REGIONS[region_id]
    code, display = SNOMED_SITES[region.area]
    site = {"coding": [_coding(SNOMED, code, display), _coding(terms.region, region_id, region.label)],
            "text": region.label}
    if region.side in SNOMED_LATERALITY:
        side_code, side_display = SNOMED_LATERALITY[region.side]
        site["extension"] = [{"url": terms.laterality,
                              "valueCodeableConcept": _concept(SNOMED, side_code, side_display)}]
    return site


def ordered(region_ids) -> list[str]:
    """Region ids from the spine outwards (the order of regions.REGION_IDS)."""
    return sorted(region_ids, key=REGION_IDS.index)


def most_distal(region_ids) -> str | None:
    """The region furthest from the spine (ties: the first in region order)."""
    regions = ordered(region_ids)
    return max(regions, key=lambda r: REGIONS[r].rank) if regions else None


def _components(record: CheckInRecord, terms: Terms) -> list[dict]:
    check_in: CheckIn = record.check_in
    item = lambda code, *also: _item(code, terms, *also)  # noqa: E731
    components = [{"code": item("pain-site", PAIN_LOCATION), "valueCodeableConcept": region_concept(r, terms)}
                  for r in ordered(check_in.pain)]
    components += [{"code": item("numbness-site"), "valueCodeableConcept": region_concept(r, terms)}
                   for r in ordered(check_in.numbness)]
    components.append({"code": item("leg-weakness"), "valueBoolean": check_in.weakness})
    components.append({"code": item("check-in-kind"),
                       "valueCodeableConcept": _concept(terms.kind, record.kind, KINDS[record.kind][0])})
    if record.exercise_id:
        components.append({"code": item("exercise"), "valueCodeableConcept": _concept(
            terms.exercise, record.exercise_id, record.exercise_name or record.exercise_id)})
    if record.set_number is not None:
        components.append({"code": item("set-number"), "valueInteger": record.set_number})
    if record.sets is not None:
        components.append({"code": item("sets-planned"), "valueInteger": record.sets})
    if record.kind == "set":
        components.append({"code": item("stopped-early"), "valueBoolean": record.stopped_early})
    for code, seconds in (("seconds-exercised", record.exercised_seconds), ("seconds-planned", record.planned_seconds)):
        if seconds is not None:
            components.append({"code": item(code), "valueQuantity": {
                "value": seconds, "unit": "s", "system": "http://unitsofmeasure.org", "code": "s"}})
    if record.response:
        components.append({"code": item("response"), "valueCodeableConcept": _concept(
            terms.response, record.response, RESPONSES[record.response][0])})
    if record.decision:
        components.append({"code": item("decision"), "valueCodeableConcept": _concept(
            terms.decision, record.decision, DECISIONS[record.decision][0])})
    return components


def check_in_note(record: CheckInRecord) -> str:
    """One plain line saying which check-in this was."""
    if record.kind == "baseline":
        return "Baseline check-in, before the first exercise."
    what = "Recheck after the rest" if record.kind == "recheck" else "Check-in"
    line = f"{what} after {record.exercise_name or record.exercise_id}, set {record.set_number} of {record.sets}"
    line += f" ({record.role})" if record.role else ""
    if record.response:
        line += f": {record.response.replace('_', ' ')}, then {record.decision}"
    if record.stopped_early:
        return line + f". The patient stopped the set early{': ' + record.time_done if record.ended_early else ''}."
    return line + (f". The patient ended the set early: {record.time_done}." if record.ended_early else ".")


def check_in_observation(session: SessionRecord, record: CheckInRecord, subject: dict | None,
                         terms: Terms = DEFAULT_TERMS) -> dict:
    observation = {
        "resourceType": "Observation",
        "id": _uuid(session, f"check-in/{record.seq}"),
        "identifier": [identifier(_uuid(session, f"check-in/{record.seq}"))],
        "status": "final",
        "category": [_concept(CATEGORY_SYSTEM, "survey", "Survey")],
        "code": {"coding": [PAIN_SEVERITY], "text": "Pain now, 0 (none) to 10 (worst)"},
        "effectiveDateTime": record.answered_at,
        "valueInteger": record.check_in.intensity,
        "note": [{"text": check_in_note(record)}],
        "component": _components(record, terms),
    }
    if subject:
        observation["subject"] = subject
    site = most_distal(record.check_in.pain)
    if site:
        observation["bodySite"] = region_concept(site, terms)
    return observation


def outcome_observation(session: SessionRecord, members: list[str], screen: str | None,
                        subject: dict | None, terms: Terms = DEFAULT_TERMS) -> dict:
    """The session's outcome, with the program it ran, pointing at its check-ins."""
    item = lambda code: _item(code, terms)  # noqa: E731
    components = [{"code": item("program"), "valueString": f"{session.program_name} ({session.program_id})"}]
    if session.program_sha256:
        components.append({"code": item("program-sha256"), "valueString": session.program_sha256})
    if session.red_flag:
        components.append({"code": item("red-flag"), "valueCodeableConcept": _concept(
            terms.red_flag, session.red_flag, red_flag_display(session.red_flag))})
    components.append({"code": item("interrupted"), "valueBoolean": session.interrupted})
    if session.ended_by:
        components.append({"code": item("ended-by"), "valueCodeableConcept": _concept(
            terms.ending, session.ended_by, ENDINGS.get(session.ended_by, (session.ended_by,))[0])})
    observation = {
        "resourceType": "Observation",
        "id": _uuid(session, "outcome"),
        "identifier": [identifier(_uuid(session, "outcome"))],
        "status": "final" if session.outcome else "preliminary",
        "category": [_concept(CATEGORY_SYSTEM, "survey", "Survey")],
        "code": item("session-outcome"),
        "effectivePeriod": {"start": session.started_at, **({"end": session.ended_at} if session.ended_at else {})},
        "component": components,
    }
    if session.outcome:
        observation["valueCodeableConcept"] = _concept(terms.outcome, session.outcome,
                                                       OUTCOMES.get(session.outcome, (session.outcome,))[0])
    else:
        observation["dataAbsentReason"] = _concept("http://terminology.hl7.org/CodeSystem/data-absent-reason",
                                                   "unknown", "Unknown")
    if subject:
        observation["subject"] = subject
    if members:
        observation["hasMember"] = [{"reference": f"urn:uuid:{m}"} for m in members]
    if screen:
        observation["derivedFrom"] = [{"reference": f"urn:uuid:{screen}"}]
    if session.notes:
        observation["note"] = [{"text": note} for note in session.notes]
    return observation


def red_flag_display(flag_id: str) -> str:
    flag = RED_FLAGS_BY_ID.get(flag_id)
    return flag.clinical if flag else RED_FLAG_EXTRA.get(flag_id, flag_id)


def _answer_item(answer: ScreeningAnswer) -> dict:
    flag = RED_FLAGS_BY_ID.get(answer.flag_id)
    item = {"linkId": answer.flag_id, "answer": [{"valueBoolean": answer.yes}]}
    item["text"] = flag.question if flag else red_flag_display(answer.flag_id)
    return item


def screening_response(session: SessionRecord, subject: dict | None, terms: Terms = DEFAULT_TERMS) -> dict:
    """The red-flag screen: completed when every question was answered before exercising."""
    before = [a for a in session.screening if not a.during_session]
    during = [a for a in session.screening if a.during_session]
    complete = {a.flag_id for a in before} >= set(RED_FLAGS_BY_ID)
    response = {
        "resourceType": "QuestionnaireResponse",
        "id": _uuid(session, "screening"),
        "identifier": identifier(_uuid(session, "screening")),
        "questionnaire": terms.questionnaire,
        "status": "completed" if complete else "in-progress",
        "authored": max((a.answered_at for a in before), default=session.started_at),
        "item": [_answer_item(a) for a in before],
    }
    if during:
        response["item"].append({"linkId": "during-session", "text": "Red flags reported during the session",
                                 "item": [_answer_item(a) for a in during]})
    if not response["item"]:
        del response["item"]
    if subject:
        response["subject"] = subject
    return response


def session_bundle(session: SessionRecord, terms: Terms = DEFAULT_TERMS) -> dict:
    """One recorded session as a FHIR R4 transaction Bundle: posted twice, it creates nothing twice.

    Every resource has a stable identifier (urn:uuid, from the session's uid) and its entry a conditional
    `request` on it; the Patient is created only if none has the clinic's identifier (kiosk.records.fhir_findings).
    """
    patient = patient_entry(session, terms)
    subject = patient and {"reference": patient["fullUrl"], "display": f"reference {session.patient_ref}"}
    observations = [check_in_observation(session, record, subject, terms) for record in session.check_ins]
    screen = screening_response(session, subject, terms) if session.screening else None
    outcome = outcome_observation(session, [o["id"] for o in observations], screen and screen["id"], subject, terms)
    resources = [outcome, *observations, *test_observations(session, subject, terms)] + ([screen] if screen else [])
    for resource in resources:
        resource["language"] = session.language  # what the patient read and answered in (BCP 47: es)
    return {
        "resourceType": "Bundle",
        "language": session.language,
        "id": session.uid,
        "identifier": {"system": UUID_SYSTEM, "value": f"urn:uuid:{session.uid}"},
        "type": "transaction",
        "timestamp": session.ended_at or session.started_at,
        "entry": ([patient] if patient else []) + [transaction_entry(resource) for resource in resources],
    }
