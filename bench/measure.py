"""The parent's side of the benchmarks that need fresh processes: spawn, alternate, summarise.

Kiosk and bare-Kivy children alternate (kiosk first in one round, bare first in
the next), so whatever else loads the machine weighs on both kinds alike.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from bench.common import RESULT_PREFIX, ROOT, median, percentile, ratio, rounded

CHILD_TIMEOUT = 900


class ChildFailed(RuntimeError):
    """A benchmark child exited without its figures."""


class Children:
    """Runs `python -m bench.<module>` children in the headless environment."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def run(self, module: str, *args: str) -> tuple[float, dict]:
        """(the moment it was spawned on the system-wide monotonic clock, the figures it reported)."""
        command = [sys.executable, "-m", f"bench.{module}", *map(str, args)]
        spawned = time.monotonic()
        done = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=CHILD_TIMEOUT)
        for line in done.stdout.splitlines():
            if line.startswith(RESULT_PREFIX):
                figures = json.loads(line[len(RESULT_PREFIX):])
                if "error" in figures:
                    raise ChildFailed(f"{' '.join(command[2:])}: {figures['error']}")
                return spawned, figures
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise ChildFailed(f"{' '.join(command[2:])} exited {done.returncode} without figures:\n{tail}")


def alternating(rounds: int) -> list[str]:
    """kiosk, bare, bare, kiosk, kiosk, bare, ...: each kind goes first in every other round."""
    order = []
    for index in range(rounds):
        order += ["kiosk", "bare"] if index % 2 == 0 else ["bare", "kiosk"]
    return order


def spread(values: list[float], digits: int = 3) -> dict:
    return {"median": rounded(median(values), digits), "min": rounded(min(values), digits),
            "max": rounded(max(values), digits), "runs": [rounded(v, digits) for v in values]}


# Start-up and peak memory -----------------------------------------------------------------------


def startup(children: Children, runs: int, say: Callable[[str], None]) -> dict:
    say("  warming up (one of each, not counted: first-time config and file caches)")
    for kind in ("kiosk", "bare"):
        children.run("startup", kind)
    seconds: dict[str, list[float]] = {"kiosk": [], "bare": []}
    peak: dict[str, list[float]] = {"kiosk": [], "bare": []}
    cpu: dict[str, list[float]] = {"kiosk": [], "bare": []}
    after_window: dict[str, list[float]] = {"kiosk": [], "bare": []}
    counted: dict[str, dict] = {}
    renderer = None
    for kind in alternating(runs):
        spawned, figures = children.run("startup", kind)
        seconds[kind].append(figures["first_frame"] - spawned)
        peak[kind].append(figures["peak_rss_mb"])
        cpu[kind].append(figures["cpu_s"])
        after_window[kind].append(figures["first_frame"] - figures["window_made"])
        counted[kind] = {"modules": figures["modules"], "kv_files": figures["kv_files"]}
        renderer = figures.get("gl_renderer", renderer)
        say(f"  {kind:5} first frame {seconds[kind][-1]:.3f} s, peak RSS {peak[kind][-1]:.1f} MB")
    result = {
        "first_frame_s": {kind: spread(values) for kind, values in seconds.items()},
        "peak_rss_mb": {kind: spread(values, 1) for kind, values in peak.items()},
        "startup_ratio": rounded(ratio(median(seconds["kiosk"]), median(seconds["bare"]))),
        "rss_ratio": rounded(ratio(median(peak["kiosk"]), median(peak["bare"]))),
        "cpu_s": {kind: spread(values) for kind, values in cpu.items()},
        "cpu_ratio": rounded(ratio(median(cpu["kiosk"]), median(cpu["bare"]))),
        "window_to_first_frame_s": {kind: spread(values) for kind, values in after_window.items()},
        "loaded_at_first_frame": counted,
        "gl_renderer": renderer,
    }
    say(f"  startup_ratio {result['startup_ratio']} (kiosk {median(seconds['kiosk']):.3f} s / bare "
        f"{median(seconds['bare']):.3f} s), rss_ratio {result['rss_ratio']} (kiosk "
        f"{median(peak['kiosk']):.1f} MB / bare {median(peak['bare']):.1f} MB)")
    say(f"  CPU time to the first frame: kiosk {median(cpu['kiosk']):.3f} s / bare {median(cpu['bare']):.3f} s "
        f"(cpu_ratio {result['cpu_ratio']}); imported {counted['kiosk']['modules']} modules and "
        f"{counted['kiosk']['kv_files']} kv files (bare {counted['bare']['modules']} and "
        f"{counted['bare']['kv_files']})")
    say(f"  from the window made to the first frame: kiosk {median(after_window['kiosk']) * 1000:.0f} ms / bare "
        f"{median(after_window['bare']) * 1000:.0f} ms")
    return result


# Frame intervals with video ---------------------------------------------------------------------------


def _interval_figures(intervals: list[float]) -> dict:
    return {"count": len(intervals), "median_ms": rounded(median(intervals), 2),
            "p95_ms": rounded(percentile(intervals, 0.95), 2), "p99_ms": rounded(percentile(intervals, 0.99), 2),
            "max_ms": rounded(max(intervals) if intervals else math.nan, 2),
            "over_33ms": sum(1 for i in intervals if i > 1000 / 30)}


def frames(children: Children, clip: Path, rounds: int, seconds: float, say: Callable[[str], None],
           diagnose: bool = False) -> dict:
    kinds = ("kiosk", "bare", "kiosk-still") if diagnose else ("kiosk", "bare")
    pooled = {kind: {"loop": [], "flip": []} for kind in kinds}
    per_round = {kind: [] for kind in kinds}
    order = alternating(rounds)
    if diagnose:  # the still screen after each pair, so that it too meets the machine as it is then
        order = [kind for index in range(0, len(order), 2) for kind in (*order[index:index + 2], "kiosk-still")]
    for kind in order:
        _, figures = children.run("frames", kind, clip, seconds)
        pooled[kind]["loop"] += figures["loop_intervals_ms"]
        pooled[kind]["flip"] += figures["flip_intervals_ms"]
        run = {"loop_p95_ms": rounded(percentile(figures["loop_intervals_ms"], 0.95), 2),
               "video_fps": rounded(figures["video_fps"], 1), "recorded_s": figures["recorded_s"],
               "label_renders": figures["label_renders"], "video_uploads": figures["video_uploads"],
               "peak_rss_mb": rounded(figures["peak_rss_mb"], 1)}
        per_round[kind].append(run)
        say(f"  {kind:11} loop p95 {run['loop_p95_ms']} ms, video {run['video_fps']} fps, "
            f"{run['label_renders']['calls']} label renders ({run['label_renders']['ms']} ms), "
            f"{run['video_uploads']['calls']} video uploads ({run['video_uploads']['ms']} ms) in {run['recorded_s']} s")
    result = {kind: {"loop_intervals": _interval_figures(pooled[kind]["loop"]),
                     "flip_intervals": _interval_figures(pooled[kind]["flip"]),
                     "rounds": per_round[kind]} for kind in pooled}
    result["frame_p95_ratio"] = rounded(ratio(result["kiosk"]["loop_intervals"]["p95_ms"],
                                              result["bare"]["loop_intervals"]["p95_ms"]))
    result["frame_median_ratio"] = rounded(ratio(result["kiosk"]["loop_intervals"]["median_ms"],
                                                 result["bare"]["loop_intervals"]["median_ms"]))
    result["flip_p95_ratio"] = rounded(ratio(result["kiosk"]["flip_intervals"]["p95_ms"],
                                             result["bare"]["flip_intervals"]["p95_ms"]))
    for kind in kinds:  # video frames shown per second, and what text cost while it played
        result[kind]["video_fps"] = rounded(median([run["video_fps"] for run in per_round[kind]]), 1)
        renders = [run["label_renders"] for run in per_round[kind]]
        result[kind]["label_renders"] = {"calls": sum(r["calls"] for r in renders),
                                         "ms": rounded(sum(r["ms"] for r in renders), 1),
                                         "slowest_ms": max((r.get("slowest_ms", 0) for r in renders), default=0),
                                         "seconds": rounded(sum(run["recorded_s"] for run in per_round[kind]), 1)}
    result["video_fps_ratio"] = rounded(ratio(result["kiosk"]["video_fps"], result["bare"]["video_fps"]))
    if diagnose:
        result["still_p95_ratio"] = rounded(ratio(result["kiosk-still"]["loop_intervals"]["p95_ms"],
                                                  result["bare"]["loop_intervals"]["p95_ms"]))
    for kind in kinds:
        loop = result[kind]["loop_intervals"]
        say(f"  {kind:11} frame intervals: median {loop['median_ms']} ms, p95 {loop['p95_ms']} ms, "
            f"p99 {loop['p99_ms']} ms ({loop['count']} frames)")
    renders = result["kiosk"]["label_renders"]
    say(f"  video {result['kiosk']['video_fps']} fps in the kiosk, {result['bare']['video_fps']} bare: "
        f"video_fps_ratio {result['video_fps_ratio']}; label renders in the kiosk {renders['calls']} in "
        f"{renders['seconds']} s, {renders['ms']} ms in all, slowest {renders['slowest_ms']} ms")
    say(f"  frame_p95_ratio {result['frame_p95_ratio']}"
        + (f"; with the countdown stopped {result['still_p95_ratio']}" if diagnose else ""))
    return result


# Touch to next frame --------------------------------------------------------------------------------------


def touch(children: Children, rounds: int, say: Callable[[str], None]) -> dict:
    """The kiosk's journey and the bare screens, `rounds` times each, alternating. `touch_ms_ratio` is the
    median over the rounds of (kiosk median / bare median), each round's two runs one after the other:
    a stretch of a few seconds when the machine is slow (it happens here) lands on one round, where one
    ratio of all touches pooled took it whole (1.33 in one quick run, 0.82 in the run before). The
    slowest touch is the journey's step whose median over the rounds is the longest: the longest of
    all 52 touches is a figure of the machine's worst moment (68 ms once, its step's median 30)."""
    steps: dict[str, list[dict]] = {"kiosk": [], "bare": []}
    journeys: list[list[dict]] = []  # the kiosk's, one per round
    round_medians: list[dict[str, float]] = []
    for index, kind in enumerate(alternating(rounds)):
        _, figures = children.run("touch_frames", kind)
        steps[kind] += figures["steps"]
        if kind == "kiosk":
            journeys.append(figures["steps"])
        if index % 2 == 0:
            round_medians.append({})
        timed = [step["ms"] for step in figures["steps"] if step.get("frames") is not None]
        round_medians[-1][kind] = median(timed)
    failed = [step for step in steps["kiosk"] + steps["bare"] if step.get("frames") is None]
    result: dict = {"failed": failed}
    for kind, taken in steps.items():
        done = [step for step in taken if step.get("frames") is not None]
        ms = [step["ms"] for step in done]
        result[kind] = {"touches": len(taken), "frames_max": max((s["frames"] for s in done), default=None),
                        "ms": spread(ms, 2) if ms else None, "ms_p95": rounded(percentile(ms, 0.95), 2)}
    result["kiosk"]["steps"] = steps["kiosk"]
    frames_max = result["kiosk"]["frames_max"]
    result["touch_to_frame_frames"] = None if failed else frames_max
    kiosk_ms, bare_ms = result["kiosk"]["ms"], result["bare"]["ms"]
    round_ratios = [ratio(pair["kiosk"], pair["bare"]) for pair in round_medians if len(pair) == 2]
    result["touch_ms_ratio_by_round"] = [rounded(value) for value in round_ratios]
    result["touch_ms_ratio"] = rounded(median(round_ratios)) if kiosk_ms and bare_ms and round_ratios else None
    by_step = [[journey[position] for journey in journeys if position < len(journey)]
               for position in range(max((len(journey) for journey in journeys), default=0))]
    typical = [{"ms": median([s["ms"] for s in taken if s.get("ms") is not None]), "touch": taken[0].get("touch"),
                "to": taken[0].get("to")} for taken in by_step]
    slowest = max(typical, key=lambda step: 0 if math.isnan(step["ms"]) else step["ms"], default={})
    result["slowest"] = {"ms": rounded(slowest.get("ms"), 2), "touch": slowest.get("touch"),
                         "to": slowest.get("to"), "of_rounds": len(journeys)}
    result["touch_to_frame_60hz_periods"] = math.ceil(kiosk_ms["max"] / (1000 / 60)) if kiosk_ms else None
    say(f"  kiosk: {len(steps['kiosk'])} touches, next screen drawn within {frames_max} frame(s); "
        f"{kiosk_ms['median']} ms median; slowest step {result['slowest']['ms']} ms ({slowest.get('touch')}, "
        f"median of {len(journeys)} rounds; longest single touch {kiosk_ms['max']} ms)")
    say(f"  bare:  {len(steps['bare'])} touches, within {result['bare']['frames_max']} frame(s); "
        f"{bare_ms['median']} ms median; touch_ms_ratio {result['touch_ms_ratio']} (median of the rounds' "
        f"{', '.join(str(value) for value in result['touch_ms_ratio_by_round'])})")
    return result


# Memory over many sessions --------------------------------------------------------------------------------


def _slope_per_100(samples: list[dict], key: str, period: int = 1) -> float:
    """Growth of `key` per 100 sessions over `samples`: the median of the slopes between every two
    samples of the same patient script (the Theil-Sen estimator, per place in the rotation of
    `period` scripts).

    The memory after a session depends on which script it was (a long session's screens are
    still held until their timers are done), a saw-tooth that repeats every `period` sessions;
    so each sample is compared only with the samples of the same script. A median rather than
    least squares: RSS read after a session still moves by up to 10 MB from one rotation to the
    next (textures and sounds cached for a while, the allocator's arenas), and now and then it
    steps up once and stays. A least-squares line through 36 sessions took such a step at the end
    for 16 MB per 100 sessions; the median of the pairwise slopes moves with what most pairs
    share, which a real leak is (every pair grows), and a one-off step or reading is not.
    Over windows of 72 sessions cut from three full runs it ranged from -4 to 6 MB per 100 where
    least squares ranged from -12 to 13; with 6 MB per 100 added to the readings it reads 6 to 7."""
    groups: dict[int, list[dict]] = {}
    for sample in samples:
        groups.setdefault(sample["sessions"] % period, []).append(sample)
    slopes = [(later[key] - earlier[key]) / (later["sessions"] - earlier["sessions"])
              for group in groups.values() for index, earlier in enumerate(group) for later in group[index + 1:]]
    return 100 * median(slopes) if slopes else math.nan


def leak(children: Children, warm: int, total: int, say: Callable[[str], None], light: bool = False) -> dict:
    """Memory over `total` sessions in one kiosk; the leak is the growth per 100 sessions after the
    first `warm` (caches fill while warming up, see `_slope_per_100`), not the gap between two readings."""
    _, figures = children.run("leak", warm, total, *(["--light"] if light else []))
    samples = figures["samples"]
    at_warm = next(s for s in samples if s["sessions"] == warm)
    at_end = samples[-1]
    after_warm = [s for s in samples if s["sessions"] >= warm]
    growth = {key: round(at_end[key] - at_warm[key], 2) for key in ("rss_mb", "fds", "widgets", "textures")}
    period = figures.get("scripts", 1)
    slopes = {key: rounded(_slope_per_100(after_warm, key, period), 2)
              for key in ("rss_mb", "widgets", "textures", "fds", "gc_objects")}
    result = {
        "sessions_warm": warm, "sessions_total": total, "light_after_warm": light, "leak_mb": growth["rss_mb"],
        "leak_mb_per_100_sessions": slopes["rss_mb"], "per_100_sessions": slopes,
        "growth_after_warm": growth, "widgets_grown_by_class": figures.get("widgets_grown_by_class", {}),
        "rss_mb_per_100_sessions": slopes["rss_mb"],
        "at_start": samples[0], "at_warm": at_warm, "at_end": at_end, "samples": samples,
        "outcomes": figures["outcomes"], "seconds": figures["seconds"], "frames": figures["frames"],
        "peak_rss_mb": rounded(figures["peak_rss_mb"], 1),
    }
    for sample in (samples[0], at_warm, at_end):
        say(f"  after {sample['sessions']:3} sessions: RSS {sample['rss_mb']:.1f} MB, {sample['fds']} fds, "
            f"{sample['widgets']} widgets, {sample['textures']} textures")
    say(f"  per 100 sessions after the first {warm} ({len(after_warm)} samples): RSS {slopes['rss_mb']} MB, "
        f"{slopes['widgets']} widgets, {slopes['textures']} textures, {slopes['gc_objects']} objects; "
        f"widgets grown by class {result['widgets_grown_by_class'] or 'none'}")
    say(f"  leak_mb_per_100_sessions {result['leak_mb_per_100_sessions']} (RSS {warm} -> {total}: "
        f"{result['leak_mb']} MB); {figures['seconds']:.0f} s, outcomes {figures['outcomes']}")
    return result
