"""Times as the records keep them: UTC, ISO 8601 with milliseconds ('2026-11-25T14:03:07.123Z')."""

from __future__ import annotations

from datetime import datetime, timezone


def now() -> str:
    """The time now, UTC, ISO 8601 with milliseconds: '2026-11-25T14:03:07.123Z'."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
