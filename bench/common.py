"""What every benchmark shares: the headless Kivy environment, memory readings and statistics.

Child processes get the same environment, so a kiosk run and its bare-Kivy
baseline differ only in what they load. No figure here ever fails anything:
the benchmarks measure and print.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The kiosk's source tree (bench/ lives in it)."""
SIZE = (1280, 800)
"""The clinic touchscreen's size: every window in the benchmarks has it."""
RESULT_PREFIX = "BENCH-RESULT "
"""A child prints its figures as one JSON line after this prefix, so stray output can't confuse the parent."""


def headless_env(scratch: Path) -> dict[str, str]:
    """The environment for a child: quiet Kivy, no display (SDL offscreen through Mesa), temp folders.

    KIVY_HOME and KIOSK_DATA point into `scratch`, so the real user's Kivy config and
    kiosk records are never touched."""
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)  # the same offscreen window for every run, whatever desktop the bench starts from
    # Compiled modules are kept, as on an installed kiosk, but in the scratch folder (never beside the
    # sources): without this, PYTHONDONTWRITEBYTECODE would make every child compile the kiosk anew.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    kivy_home, data = scratch / "kivy-home", scratch / "kiosk-data"
    kivy_home.mkdir(parents=True, exist_ok=True)
    data.mkdir(parents=True, exist_ok=True)
    env.update(KIVY_NO_ARGS="1", KIVY_NO_CONSOLELOG="1", KIVY_NO_FILELOG="1", KIVY_LOG_MODE="PYTHON",
               SDL_AUDIODRIVER="dummy", KIVY_HOME=str(kivy_home), KIOSK_DATA=str(data),
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])))
    return env


def require_headless_env() -> None:
    """A child refuses to run without the environment `headless_env` gives (it would write to ~/.kivy)."""
    missing = [name for name in ("KIVY_HOME", "KIOSK_DATA", "KIVY_NO_ARGS") if not os.environ.get(name)]
    if missing:
        sys.exit(f"bench: run through `python -m bench` (missing {', '.join(missing)} in the environment)")


def report(figures: dict) -> None:
    """A child's figures, for the parent: one line of JSON."""
    print(RESULT_PREFIX + json.dumps(figures), flush=True)


def status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS now, VmHWM peak), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return math.nan


def open_fds() -> int:
    """How many file descriptors this process holds open."""
    return len(os.listdir("/proc/self/fd"))


def percentile(values: list[float], share: float) -> float:
    """The `share` (0..1) percentile, interpolated between the two nearest values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * share
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline else math.nan


def rounded(value: float, digits: int = 3) -> float | None:
    """For JSON: NaN becomes null."""
    return None if value is None or math.isnan(value) else round(value, digits)
