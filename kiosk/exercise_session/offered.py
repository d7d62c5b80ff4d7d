"""Which programs the kiosk offers: the staff's saved choice, else every program in the folder; never a draft.

Apart from the staff panel that changes the choice, so that the start of the
kiosk reads it without loading the panel (its text fields, export and summary).
"""

from __future__ import annotations

import json

ACTIVE_PROGRAMS = "active_programs"
"""Settings key: the JSON list of program ids this kiosk offers (absent: all of them)."""


def active_programs(records, known: list[str]) -> list[str]:
    """The programs to offer: the saved choice (those still in the folder), else all.

    `records` is the kiosk's `Records` (or None: no records, so no saved choice)."""
    if records is None:
        return list(known)
    saved = records.setting(ACTIVE_PROGRAMS)
    chosen = [p for p in json.loads(saved) if p in known] if saved else []
    return chosen or list(known)


def offerable(programs: dict) -> list[str]:
    """The ids of the programs that may be offered at all: all but the drafts (`offered: false`), which
    staff save and check but patients never see, on this kiosk or on any kiosk the clinic server shares
    them with."""
    return [program_id for program_id, program in programs.items() if program.offered]
