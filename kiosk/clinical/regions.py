"""Body-region ids, their sides and ranks (how far from the spine midline).

The ids are a contract shared by the exercise files, the CLI scripts, the screens
and the records (see docs/clinical-model.md). Rank 0 is the middle of the low back,
rank 6 the foot.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Side(enum.Enum):
    """Which side of the body a region is on, from the patient's point of view."""

    CENTRAL = "central"
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Region:
    """One touchable body region: a stable id, its side, rank and plain name."""

    id: str
    area: str
    side: Side
    rank: int
    label: str


# area -> (rank, plain label used on patient screens)
_AREAS: dict[str, tuple[int, str]] = {
    "back": (1, "low back"),
    "buttock": (2, "buttock"),
    "groin": (2, "groin"),
    "thigh_front": (3, "front of thigh"),
    "thigh_back": (3, "back of thigh"),
    "knee": (4, "knee"),
    "lower_leg": (5, "lower leg"),
    "foot": (6, "foot"),
}

AREAS: tuple[str, ...] = tuple(_AREAS)
"""The body areas, from the spine outwards: each has a left and a right region (the back a middle one too)."""

KNEE_LEVEL_RANK = 4
"""Symptoms of this rank or more are knee-level (docs/clinical-model.md)."""


def _build() -> dict[str, Region]:
    regions = {"back_central": Region("back_central", "back", Side.CENTRAL, 0, "middle of low back")}
    for area, (rank, label) in _AREAS.items():
        for side in (Side.LEFT, Side.RIGHT):
            region_id = f"{area}_{side.value}"
            regions[region_id] = Region(region_id, area, side, rank, f"{side.value} {label}")
    return regions


REGIONS: dict[str, Region] = _build()
"""Every region by id, in order from the spine outwards."""

REGION_IDS: tuple[str, ...] = tuple(REGIONS)


def mirror(region_id: str) -> str:
    """The same region on the other side (back_central mirrors to itself)."""
    region = REGIONS[region_id]
    if region.side is Side.LEFT:
        return f"{region.area}_right"
    if region.side is Side.RIGHT:
        return f"{region.area}_left"
    return region_id
