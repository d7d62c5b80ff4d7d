"""Run every benchmark, print each figure as it comes, then one JSON object (also saved to a file).

    python -m bench [--quick] [--out bench/results.json] [--only NAME ...]

Progress goes to standard error, the final JSON object to standard output. Each
figure is a ratio against a bare-Kivy baseline measured in the same run (kiosk
and bare runs alternate), so it holds on a busy machine; the targets and
whether they are met are reported as information: nothing here ever fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import clinic, load
from bench.common import ROOT, headless_env, median, ratio, rounded
from bench.measure import ChildFailed, Children, frames, leak, startup, touch
from bench.video import write_clip

TARGETS = {
    "startup_ratio": ("<=", 1.3, "cold start to the attract screen's first frame, against a bare Kivy Label app"),
    "rss_ratio": ("<=", 1.3, "peak memory at start-up, against the same bare app"),
    "frame_p95_ratio": ("<=", 1.1, "p95 frame interval with a 720p video playing, against a bare Kivy Video"),
    "video_fps_ratio": (">=", 0.95, "video frames shown per second on the exercise screen, against a bare Kivy Video"),
    "label_render_slowest_ms": ("<=", 16.7, "the slowest single label render during a set: within one 60 Hz frame"),
    "touch_to_frame_frames": ("<=", 2, "frames from a touch to the next screen's first frame"),
    "touch_ms_ratio": ("<=", 1.25, "median ms from a touch to the next screen drawn, against bare Kivy screens "
                                    "(the median of 4 alternated rounds' ratios)"),
    "touch_slowest_ms": ("<=", 50, "the slowest touch of the journey to its next screen drawn, in ms (its "
                                   "median over the rounds)"),
    "load_1000_s": ("<", 0.5, "seconds to load and validate 1,000 exercises and 100 programs"),
    "leak_mb_per_100_sessions": ("<=", 5, "RSS growth per 100 sessions after the warm-up (median slope); "
                                          "the old 10 MB over 190 sessions, per 100"),
    "clinic_answers_lost_or_duplicated": ("<=", 0, "answers of 8 kiosks x 50 sessions missing or twice on the "
                                                     "clinic server"),
}
FULL = {"startup_runs": 11, "frame_rounds": 3, "frame_seconds": 8, "clip_seconds": 4, "touch_rounds": 4,
        "load_repeats": 7, "leak_warm": 12, "leak_total": 204, "leak_light": False, "diagnose": False,
        "clinic_sessions": 50, "speech_rounds": 3}
QUICK = {"startup_runs": 11, "frame_rounds": 1, "frame_seconds": 3, "clip_seconds": 2, "touch_rounds": 4,
         "load_repeats": 3, "leak_warm": 12, "leak_total": 84, "leak_light": False, "diagnose": False,
         "clinic_sessions": 5, "speech_rounds": 1}
"""Leak sessions are whole rotations of the six patient scripts (12, then 72 more; 12, then 192 more). Quick and
full runs time the same starts and touches: fewer of those left the verdict to chance (13 touches gave a
touch ratio of 1.02 in one quick run and 1.26 in the next, 3 starts could not tell 30 ms apart); 4 rounds of
touches, so one slow stretch of the machine is one round of four (see bench.measure.touch)."""
BENCHMARKS = ("startup", "frames", "touch", "load", "leak", "clinic", "speech")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def machine() -> dict:
    model = ""
    try:
        model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                     "")
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(), "system": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def judged(figures: dict) -> dict:
    """Each target with the figure and whether it is met (None when the figure is missing)."""
    verdicts = {}
    for name, (op, limit, meaning) in TARGETS.items():
        value = figures.get(name)
        met = None if value is None else {"<=": value <= limit, "<": value < limit, ">=": value >= limit}[op]
        verdicts[name] = {"value": value, "target": f"{op} {limit}", "met": met, "what": meaning}
    return verdicts


def run_startup(children, scratch, plan, results, figures) -> None:
    say(f"startup: {plan['startup_runs']} cold starts each of the kiosk and a bare Kivy Label app, alternating")
    results["startup"] = startup(children, plan["startup_runs"], say)
    figures["startup_ratio"] = results["startup"]["startup_ratio"]
    figures["rss_ratio"] = results["startup"]["rss_ratio"]
    for kind in ("kiosk", "bare"):
        figures[f"startup_s_{kind}"] = results["startup"]["first_frame_s"][kind]["median"]
    figures["startup_cpu_ratio"] = results["startup"]["cpu_ratio"]
    results["machine"]["gl_renderer"] = results["startup"].pop("gl_renderer", None)


def run_frames(children, scratch, plan, results, figures) -> None:
    clip = write_clip(scratch / "clip.mp4", seconds=plan["clip_seconds"])
    say(f"frames: {plan['frame_rounds']} x {plan['frame_seconds']} s each of the exercise screen and a bare "
        f"Video, playing a 720p clip at 1280x800")
    results["frames"] = frames(children, clip, plan["frame_rounds"], plan["frame_seconds"], say,
                               diagnose=plan["diagnose"])
    figures["frame_p95_ratio"] = results["frames"]["frame_p95_ratio"]
    figures["video_fps_kiosk"] = results["frames"]["kiosk"]["video_fps"]
    figures["video_fps_bare"] = results["frames"]["bare"]["video_fps"]
    figures["video_fps_ratio"] = results["frames"]["video_fps_ratio"]
    figures["label_renders_per_s"] = rounded(ratio(results["frames"]["kiosk"]["label_renders"]["calls"],
                                                   results["frames"]["kiosk"]["label_renders"]["seconds"]), 2)
    figures["label_render_slowest_ms"] = results["frames"]["kiosk"]["label_renders"]["slowest_ms"]


def run_touch(children, scratch, plan, results, figures) -> None:
    say("touch: from a touch to the next screen's first frame, kiosk journey and bare Kivy screens")
    results["touch"] = touch(children, plan["touch_rounds"], say)
    figures["touch_to_frame_frames"] = results["touch"]["touch_to_frame_frames"]
    for kind in ("kiosk", "bare"):
        figures[f"touch_median_ms_{kind}"] = (results["touch"][kind]["ms"] or {}).get("median")
    figures["touch_ms_ratio"] = results["touch"]["touch_ms_ratio"]
    figures["touch_slowest_ms"] = results["touch"]["slowest"]["ms"]
    figures["touch_slowest"] = results["touch"]["slowest"]["touch"]


def run_load(children, scratch, plan, results, figures) -> None:
    say("load: 1,000 exercises and 100 programs")
    results["load"] = load.run(scratch, plan["load_repeats"])
    figures["load_1000_s"] = round(results["load"]["load_s"], 4)
    say(f"  load and validate: {figures['load_1000_s']:.3f} s (median of {plan['load_repeats']}); "
        f"plain YAML parse of the same files {results['load']['yaml_parse_only_s']:.3f} s; "
        f"{results['load']['exercises']} exercises, {results['load']['programs']} programs, "
        f"{results['load']['problem_count']} problems")


def run_leak(children, scratch, plan, results, figures) -> None:
    after = "the lightest script (a red flag at once)" if plan["leak_light"] else "the same rotation"
    say(f"leak: {plan['leak_total']} autopilot sessions in one kiosk process: {plan['leak_warm']} to warm up "
        f"(every patient script in turn), then {after}; memory after each")
    results["leak"] = leak(children, plan["leak_warm"], plan["leak_total"], say, light=plan["leak_light"])
    figures["leak_mb"] = results["leak"]["leak_mb"]  # kept for comparison with older results; not judged
    figures["leak_mb_per_100_sessions"] = results["leak"]["leak_mb_per_100_sessions"]


def run_clinic(children, scratch, plan, results, figures) -> None:
    say(f"clinic: {clinic.KIOSKS} kiosk processes x {plan['clinic_sessions']} sessions copied to one local "
        "PostgreSQL server (recorder-level, no windows)")
    paced = clinic.run(scratch, say, sessions=plan["clinic_sessions"], gap=clinic.PACED_GAP)
    flat_out = clinic.run(scratch, say, sessions=plan["clinic_sessions"])
    results["clinic"] = {"paced": paced, "flat_out": flat_out}
    figures["clinic_sessions_copied_per_s"] = flat_out["sessions_copied_per_s"]
    figures["clinic_copy_delay_p95_s"] = paced["copy_delay_p95_s"]
    figures["clinic_answers_lost_or_duplicated"] = sum(run[key] for run in (paced, flat_out)
                                                       for key in ("answers_lost", "answers_duplicated"))


def run_speech(children, scratch, plan, results, figures) -> None:
    rounds = plan["speech_rounds"]
    say(f"speech: {rounds} x making every phrase of knee_from_spine from a cold cache; {rounds} x a coached "
        "press-up set with a 720p video playing")
    prepared = [children.run("speech", "prepare")[1] for _ in range(rounds)]
    clip = write_clip(scratch / "speech-clip.mp4", seconds=plan["clip_seconds"])
    cued = [children.run("speech", "cues", clip, 30)[1] for _ in range(rounds)]
    results["speech"] = {"prepare": prepared, "cues": cued}
    figures["speech_prepare_s"] = rounded(median([run["prepare_s"] for run in prepared]))
    figures["speech_cue_late_p95_frames"] = rounded(median([run["late_frames_p95"] for run in cued]))
    say(f"  {prepared[0]['phrases']} phrases made in {figures['speech_prepare_s']} s (median); cues late by "
        f"{figures['speech_cue_late_p95_frames']} frames at p95 (median of runs), "
        f"{cued[0]['cues_played']} of {cued[0]['cues_planned']} cues played")


RUNNERS = {"startup": run_startup, "frames": run_frames, "touch": run_touch, "load": run_load, "leak": run_leak,
           "clinic": run_clinic, "speech": run_speech}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter runs, the same verdicts: under 3 minutes")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"), help="where to save the JSON")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these benchmarks")
    parser.add_argument("--diagnose", action="store_true",
                        help="also run the exercise screen with its countdown stopped (what label updates cost)")
    args = parser.parse_args(argv)
    plan = {**(QUICK if args.quick else FULL), "diagnose": args.diagnose}
    chosen = [name for name in BENCHMARKS if name in (args.only or BENCHMARKS)]
    began = time.perf_counter()
    results: dict = {"mode": "quick" if args.quick else "full", "plan": plan, "machine": machine()}
    figures: dict = {}
    spent: dict[str, float] = {}
    """Seconds each benchmark took: the quick run must stay under 3 minutes."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        scratch = Path(folder)
        children = Children(headless_env(scratch))
        for name in chosen:
            part_began = time.perf_counter()
            try:
                RUNNERS[name](children, scratch, plan, results, figures)
            except (ChildFailed, subprocess.TimeoutExpired, OSError, RuntimeError) as error:
                say(f"  {name}: FAILED: {error}")
                results[name] = {"error": str(error)}
            spent[name] = round(time.perf_counter() - part_began, 1)
            say(f"  ({name}: {spent[name]:.0f} s)")
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - began, 1)
    results["seconds_by_benchmark"] = spent
    results["targets"] = judged(figures)
    summary = {**figures, "mode": results["mode"], "seconds": results["seconds"], "seconds_by_benchmark": spent,
               "targets_met": {name: verdict["met"] for name, verdict in results["targets"].items()},
               "details": results}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")
    say(f"done in {results['seconds']:.0f} s; saved to {out}")
    print(json.dumps({key: value for key, value in summary.items() if key != "details"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
