"""A check-in: where the patient feels symptoms now, and how strong the pain is.

Pain and numbness (or tingling) are marked per body region; intensity is the
Numeric Pain Rating Scale, 0 to 10. Weakness is asked apart: leg weakness that
appears during a session is a red flag (docs/clinical-model.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from .regions import REGIONS, Side

MAX_INTENSITY = 10


class InvalidCheckIn(ValueError):
    """A check-in that cannot be true (unknown region, intensity off the scale)."""


@dataclass(frozen=True)
class CheckIn:
    """One answer to "where is your pain now, and how strong?"."""

    pain: frozenset[str] = frozenset()
    numbness: frozenset[str] = frozenset()
    intensity: int = 0
    weakness: bool = False

    def __post_init__(self) -> None:
        for name in ("pain", "numbness"):
            regions = getattr(self, name)
            if not isinstance(regions, frozenset):
                object.__setattr__(self, name, frozenset(regions))
            unknown = sorted(set(getattr(self, name)) - set(REGIONS))
            if unknown:
                raise InvalidCheckIn(f"unknown body region {unknown[0]!r} in {name}")
        if isinstance(self.intensity, bool) or not isinstance(self.intensity, int):
            raise InvalidCheckIn(f"intensity must be a whole number, got {self.intensity!r}")
        if not 0 <= self.intensity <= MAX_INTENSITY:
            raise InvalidCheckIn(f"intensity must be from 0 to {MAX_INTENSITY}, got {self.intensity}")

    @property
    def regions(self) -> frozenset[str]:
        """Every region with any symptom: pain, numbness or tingling."""
        return self.pain | self.numbness

    @property
    def has_symptoms(self) -> bool:
        """Any symptom at all. Pain rated above 0 counts even with no region marked."""
        return bool(self.regions) or self.intensity > 0

    def distal_extent(self, side: Side) -> int:
        """The highest rank with a symptom on `side`; 0 when there is none.

        back_central is rank 0, so it counts as 0 for both sides.
        """
        ranks = [REGIONS[r].rank for r in self.regions if REGIONS[r].side is side]
        return max(ranks, default=0)

    def extents(self) -> dict[Side, int]:
        """Distal extent of the left and right side."""
        return {side: self.distal_extent(side) for side in (Side.LEFT, Side.RIGHT)}


NO_PAIN = CheckIn()
"""The "no pain" answer."""
