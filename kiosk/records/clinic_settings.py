"""The clinic's own settings for what staff add and what the exports say: `kiosk set-clinic`.

- the address under which the clinic publishes the kiosk's FHIR CodeSystems (responses,
  outcomes, special tests ...): `--code-systems URL`;
- the FHIR identifier system of its patient numbers, the namespace of the patient
  reference (`Patient.identifier.system`): `--patient-identifier-system URL`;
- the format a patient reference must have: `--reference-format code|digits|REGEX`.

They live in the settings table of this kiosk's records. The defaults are under
`DEFAULT_BASE`, a host in the `.invalid` domain, which RFC 6761 reserves so that it
never belongs to anyone: exported codes can never be taken for someone else's
published terminology, and a receiving system can tell at a glance that the clinic
has not set its own yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_BASE = "http://mdt-kiosk.invalid/fhir"
"""Where the kiosk's own CodeSystems are, until the clinic sets its own address."""
CODE_SYSTEMS = "fhir_code_systems"
PATIENT_SYSTEM = "fhir_patient_identifier_system"
REFERENCE_FORMAT = "reference_format"
"""Settings keys."""

CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,19}")
"""Every patient reference: 1 to 20 letters, digits, - or _ (a clinic's code, never a name)."""
FORMATS = {"code": (CODE.pattern, "1 to 20 letters, digits, - or _"),
           "digits": (r"[0-9]{1,20}", "1 to 20 digits")}
"""The named formats a clinic may choose; anything else is a regular expression."""


@dataclass(frozen=True)
class ClinicSettings:
    code_systems: str = DEFAULT_BASE
    patient_identifier_system: str = ""
    reference_format: str = "code"

    @property
    def patient_system(self) -> str:
        """The identifier system of the patient reference (default: under the code-system address)."""
        return self.patient_identifier_system or f"{self.code_systems}/patient-reference"


def read(records) -> ClinicSettings:
    """This kiosk's clinic settings (`records`: kiosk.records.store.Records; None: the defaults)."""
    if records is None or not hasattr(records, "setting"):
        return ClinicSettings()
    return ClinicSettings(records.setting(CODE_SYSTEMS) or DEFAULT_BASE, records.setting(PATIENT_SYSTEM) or "",
                          records.setting(REFERENCE_FORMAT) or "code")


def check_url(text: str, what: str) -> str:
    """`text` as an absolute http(s) URL or URN without a trailing slash, or ValueError saying what is wrong."""
    text = text.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme == "urn" and len(text) > 4:
        return text
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise ValueError(f"{what} must be an absolute http:// or https:// address (or a urn:), such as "
                         f"https://fhir.clinic.org/kiosk; got {text!r}")
    return text


def check_format(text: str) -> str:
    """A reference format (code, digits, or a regular expression), or ValueError."""
    text = text.strip()
    if text in FORMATS:
        return text
    try:
        re.compile(text)
    except re.error as error:
        raise ValueError(f"reference format {text!r}: expected code, digits or a regular expression "
                         f"({error})") from None
    return text


def check_reference(reference: str, records) -> str | None:
    """Why `reference` is not a patient reference at this clinic, or None when it is one."""
    chosen = read(records).reference_format
    pattern, words = FORMATS.get(chosen, (chosen, f"the clinic's format {chosen}"))
    if not CODE.fullmatch(reference) or not re.fullmatch(pattern, reference):
        shown = words if chosen in FORMATS else f"{words} (and 1 to 20 letters, digits, - or _)"
        return f"{reference!r} is not a reference code: use {shown}; a clinic's code, never a name"
    return None
