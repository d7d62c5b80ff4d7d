"""The codes the kiosk's FHIR export uses: standard ones (LOINC, SNOMED CT) and its own.

No standard code exists for "centralizing" (docs/clinical-model.md), so the responses, decisions,
outcomes, red flags, body regions and check-in items are codes of the kiosk's own
CodeSystems, published here as FHIR R4 CodeSystem resources (`code_systems()`).
The SNOMED CT body structures were chosen from SNOMED CT's body-structure hierarchy;
each is listed in the README.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.clinical.ending import ENDING_TEXT
from kiosk.clinical.findings import TestResult
from kiosk.clinical.red_flags import RED_FLAGS
from kiosk.clinical.regions import REGIONS, Side

from .clinic_settings import DEFAULT_BASE, ClinicSettings

KIOSK = DEFAULT_BASE
"""Base of the kiosk's own canonical URLs until the clinic sets its own (`kiosk set-clinic --code-systems`)."""
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UUID_SYSTEM = "urn:ietf:rfc:3986"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"

RESPONSE_SYSTEM = f"{KIOSK}/CodeSystem/symptom-response"
DECISION_SYSTEM = f"{KIOSK}/CodeSystem/session-decision"
OUTCOME_SYSTEM = f"{KIOSK}/CodeSystem/session-outcome"
RED_FLAG_SYSTEM = f"{KIOSK}/CodeSystem/red-flag"
REGION_SYSTEM = f"{KIOSK}/CodeSystem/body-region"
ITEM_SYSTEM = f"{KIOSK}/CodeSystem/check-in-item"
EXERCISE_SYSTEM = f"{KIOSK}/exercise"
PATIENT_REFERENCE_SYSTEM = f"{KIOSK}/patient-reference"
ENDING_SYSTEM = f"{KIOSK}/CodeSystem/session-ending"
LATERALITY_EXTENSION = f"{KIOSK}/StructureDefinition/laterality"
RED_FLAG_QUESTIONNAIRE = f"{KIOSK}/Questionnaire/red-flag-screen"
SPECIAL_TEST_SYSTEM = f"{KIOSK}/CodeSystem/special-test"
TEST_RESULT_SYSTEM = f"{KIOSK}/CodeSystem/test-result"
BODY_AREA_SYSTEM = f"{KIOSK}/CodeSystem/body-area"


@dataclass(frozen=True)
class Terms:
    """The kiosk's own URLs under one base: the defaults above, or the clinic's (`terms_for`)."""

    response: str = RESPONSE_SYSTEM
    decision: str = DECISION_SYSTEM
    outcome: str = OUTCOME_SYSTEM
    red_flag: str = RED_FLAG_SYSTEM
    region: str = REGION_SYSTEM
    item: str = ITEM_SYSTEM
    kind: str = f"{KIOSK}/CodeSystem/check-in-kind"
    exercise: str = EXERCISE_SYSTEM
    patient: str = PATIENT_REFERENCE_SYSTEM
    laterality: str = LATERALITY_EXTENSION
    questionnaire: str = RED_FLAG_QUESTIONNAIRE
    special_test: str = SPECIAL_TEST_SYSTEM
    test_result: str = TEST_RESULT_SYSTEM
    body_area: str = BODY_AREA_SYSTEM
    ending: str = ENDING_SYSTEM


def terms_for(settings: ClinicSettings) -> Terms:
    """The URLs under the clinic's code-system address, with its patient identifier system."""
    base = settings.code_systems
    system = f"{base}/CodeSystem"
    return Terms(f"{system}/symptom-response", f"{system}/session-decision", f"{system}/session-outcome",
                 f"{system}/red-flag", f"{system}/body-region", f"{system}/check-in-item",
                 f"{system}/check-in-kind", f"{base}/exercise", settings.patient_system,
                 f"{base}/StructureDefinition/laterality", f"{base}/Questionnaire/red-flag-screen",
                 f"{system}/special-test", f"{system}/test-result", f"{system}/body-area",
                 f"{system}/session-ending")


DEFAULT_TERMS = Terms()

PAIN_SEVERITY = {"system": LOINC, "code": "72514-3",
                 "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
PAIN_LOCATION = {"system": LOINC, "code": "38204-4", "display": "Pain primary location"}
"""LOINC's pain-location code, given beside the kiosk's own `pain-site` on each region component."""

SNOMED_SITES: dict[str, tuple[str, str]] = {
    "back": ("37822005", "Lower back structure"),
    "buttock": ("46862004", "Buttock structure"),
    "groin": ("26893007", "Inguinal region structure"),
    "thigh_front": ("68367000", "Thigh structure"),
    "thigh_back": ("68367000", "Thigh structure"),
    "knee": ("72696002", "Knee region structure"),
    "lower_leg": ("30021000", "Lower leg structure"),
    "foot": ("56459004", "Foot structure"),
}
"""Region area -> SNOMED CT body structure. Front and back of thigh share 'Thigh structure';
the kiosk's region code beside it keeps which one."""
SNOMED_LATERALITY: dict[Side, tuple[str, str]] = {
    Side.LEFT: ("7771000", "Left"),
    Side.RIGHT: ("24028007", "Right"),
}

ITEMS: dict[str, tuple[str, str]] = {
    "pain-site": ("Pain site", "A body region where the patient feels pain now"),
    "numbness-site": ("Numbness or tingling site", "A body region that is numb or tingling now"),
    "leg-weakness": ("Leg weakness", "The patient reports leg weakness now"),
    "check-in-kind": ("Kind of check-in", "baseline (before exercising), set (after a set) or recheck (after the rest)"),
    "exercise": ("Exercise", "The exercise the check-in followed"),
    "set-number": ("Set number", "Which set of the exercise"),
    "sets-planned": ("Sets planned", "How many sets of the exercise the program plans"),
    "stopped-early": ("Stopped early", "The patient stopped the set early: 'my pain is worse'"),
    "seconds-exercised": ("Seconds exercised", "Seconds of the set's movements and holds the patient did "
                          "(rest and count-in left out)"),
    "seconds-planned": ("Seconds planned", "Seconds of movements and holds the set planned"),
    "response": ("Response", "How the symptoms changed compared with the check-in before"),
    "decision": ("Decision", "What the session did next"),
    "session-outcome": ("Session outcome", "The one result the session ended in"),
    "program": ("Program", "The exercise program (name and id)"),
    "program-sha256": ("Program file SHA-256", "SHA-256 of the program file the session ran"),
    "red-flag": ("Red flag", "The red flag that stopped the session"),
    "interrupted": ("Interrupted", "The kiosk stopped (crash or power cut) while the session was running"),
    "ended-by": ("Ended by", "How the session ended: finished, red flag, worse, staff, patient left, idle..."),
    "test-note": ("Note on a test result", "What staff wrote beside a special test's result"),
}
"""Codes of the kiosk's check-in-item CodeSystem: what each component or value means."""


KIND_SYSTEM = f"{KIOSK}/CodeSystem/check-in-kind"
KINDS: dict[str, tuple[str, str]] = {
    "baseline": ("Baseline", "Before the first exercise."),
    "set": ("After a set", "After a set of an exercise."),
    "recheck": ("Recheck", "After the rest that follows a red response."),
}

RESPONSES: dict[str, tuple[str, str]] = {
    "abolished": ("Abolished", "Symptoms were present before and none are now."),
    "peripheralizing": ("Peripheralizing", "The distal extent of a side increased (pain spread down the leg)."),
    "centralizing": ("Centralizing", "The distal extent of at least one side decreased and no side increased."),
    "worse": ("Worse", "Same extents; intensity rose by at least the MCID."),
    "better": ("Better", "Same extents; intensity fell by at least the MCID."),
    "no_effect": ("No effect", "Anything else."),
}
DECISIONS: dict[str, tuple[str, str]] = {
    "continue": ("Continue", "Another set of the same exercise."),
    "progress": ("Progress", "On to the next exercise of the plan."),
    "recheck": ("Recheck", "Rest, then ask again."),
    "stop": ("Stop", "The session ends here."),
}
OUTCOMES: dict[str, tuple[str, str]] = {
    "red_flag_stop": ("Red flag: stopped", "A red-flag answer before or during the session."),
    "stopped_worsening": ("Stopped: worsening", "A red response that lasted past the recheck."),
    "spinal_source_likely": ("Spinal source likely", "A lasting centralizing or abolished response lowered "
                             "a side whose baseline had knee-level symptoms."),
    "knee_tests_recommended": ("Knee tests recommended", "The spinal progression finished without that: "
                               "run knee special tests and a hip screen."),
    "no_distal_symptoms": ("No distal symptoms", "The baseline had no knee or leg symptoms."),
    "incomplete": ("Incomplete", "The patient left or the kiosk timed out or stopped."),
}
ENDINGS: dict[str, tuple[str, str]] = {
    ending.value: (ending.value.replace("_", " ").capitalize(), text[0].upper() + text[1:] + ".")
    for ending, text in ENDING_TEXT.items()}
"""How a session ended (kiosk.clinical.ending), as codes of the session-ending CodeSystem."""
RED_FLAG_EXTRA = {"new_weakness": "New leg weakness during the session"}
TEST_RESULTS: dict[str, tuple[str, str]] = {
    TestResult.POSITIVE.value: ("Positive", "The test reproduced the finding it looks for."),
    TestResult.NEGATIVE.value: ("Negative", "The test did not reproduce the finding it looks for."),
    TestResult.NOT_TESTED.value: ("Not tested", "The therapist did not perform the test."),
    TestResult.COULD_NOT_TEST.value: ("Could not be tested", "The test was tried but could not be performed "
                                      "(pain, guarding, position)."),
}
SNOMED_POSITIVE_NEGATIVE = {"positive": ("10828004", "Positive"), "negative": ("260385009", "Negative")}
"""SNOMED CT qualifier values given beside the clinic's own result code."""
SNOMED_BOTH_SIDES = ("51440002", "Right and left")
INTERPRETATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
INTERPRETATIONS = {"positive": ("POS", "Positive"), "negative": ("NEG", "Negative")}
TEST_BODY_SITES: dict[str, tuple[str, str, tuple[str, str] | None]] = {
    "knee": ("knee", "Knee", ("72696002", "Knee region structure")),
    "hip": ("hip", "Hip", None),
    "nerve": ("thigh", "Thigh (femoral nerve)", ("68367000", "Thigh structure")),
}
"""Test group -> the body area examined: the clinic's body-area code, its display, and SNOMED CT where the
kiosk's region table already uses one (no SNOMED CT code for the hip has been checked)."""


def coding(system: str, code: str, display: str | None = None) -> dict:
    found = {"system": system, "code": code}
    if display:
        found["display"] = display
    return found


def concept(system: str, code: str, display: str | None = None) -> dict:
    made = {"coding": [coding(system, code, display)]}
    if display:
        made["text"] = display
    return made


def identifier(resource_uuid: str) -> dict:
    """A resource's stable identifier: its uuid as a URN (the same on every export)."""
    return {"system": UUID_SYSTEM, "value": f"urn:uuid:{resource_uuid}"}


def _code_system(system: str, name: str, title: str, description: str,
                 concepts: list[tuple[str, str, str]]) -> dict:
    return {
        "resourceType": "CodeSystem",
        "id": system.rsplit("/", 1)[1],
        "url": system,
        "name": name,
        "title": title,
        "status": "active",
        "experimental": False,
        "description": description,
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": [{"code": code, "display": display, "definition": definition}
                    for code, display, definition in concepts],
    }


def code_systems(terms: Terms = DEFAULT_TERMS, special_tests=()) -> list[dict]:
    """The kiosk's own CodeSystems, as FHIR R4 resources (`special_tests`: the catalogue's tests)."""
    def rows(table: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
        return [(code, display, definition) for code, (display, definition) in table.items()]

    flags = [(f.id, f.clinical, f.question) for f in RED_FLAGS]
    flags += [(code, text, text) for code, text in RED_FLAG_EXTRA.items()]
    regions = [(r.id, r.label, f"Rank {r.rank} from the spine midline"
                + ("" if r.side is Side.CENTRAL else f", {r.side.value} side")) for r in REGIONS.values()]
    tests = [(t.id, t.name, f"{t.target}. {t.how}") for t in special_tests]
    areas = [(code, display, f"The body area a {group} test examines") for group, (code, display, _) in
             TEST_BODY_SITES.items()]
    return [
        _code_system(terms.response, "SymptomResponse", "Symptom response to one set",
                     "How the symptoms changed over one set (McKenzie / MDT).", rows(RESPONSES)),
        _code_system(terms.decision, "SessionDecision", "Decision after a check-in",
                     "What the session did after a check-in.", rows(DECISIONS)),
        _code_system(terms.outcome, "SessionOutcome", "Session outcome",
                     "The one result a session ends in.", rows(OUTCOMES)),
        _code_system(terms.ending, "SessionEnding", "How a session ended",
                     "What ended the session: its outcome reached, or why it stopped before.", rows(ENDINGS)),
        _code_system(terms.kind, "CheckInKind", "Kind of check-in",
                     "When the check-in was asked.", rows(KINDS)),
        _code_system(terms.red_flag, "RedFlag", "Red flag",
                     "Red flags the kiosk screens for (AHCPR).", flags),
        _code_system(terms.region, "BodyRegion", "Kiosk body region",
                     "The body regions of the kiosk's body map.", regions),
        _code_system(terms.item, "CheckInItem", "Check-in item",
                     "What each component of a kiosk Observation means.",
                     rows(ITEMS)),
        _code_system(terms.test_result, "TestResult", "Special test result",
                     "What a knee, hip or nerve test showed, as the therapist recorded it.", rows(TEST_RESULTS)),
        _code_system(terms.body_area, "BodyArea", "Body area examined",
                     "The body area a special test examines.", areas),
    ] + ([_code_system(terms.special_test, "SpecialTest", "Special test",
                       "The clinic's catalogue of knee, hip and nerve tests.", tests)] if tests else [])
