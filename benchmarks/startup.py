"""Benchmarks 1 and 4: start-up time and idle memory, app vs a bare QMainWindow.

Each launch is a fresh interpreter. The parent takes time.perf_counter() just
before Popen; the child's ready probe (startup_probe.py) reports its own
perf_counter() at "exposed" and "ready". On Linux both read CLOCK_MONOTONIC, so
the difference is the launch-to-ready time with no pipe latency in it. The
child then waits until it is idle and reports VmRSS from /proc/self/status.

Variants: the app in sandbox mode ("app"), a bare QMainWindow ("bare") and,
when a throw-away Secret Service is up, the app in normal mode with its token in
that keyring ("normal", see normal_mode.py). Launches go round the variants and
the order rotates every repetition, so drift on a noisy machine falls on all alike.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time

from common import BENCHMARKS_DIR, RESULT_PREFIX, median, perf_counter_is_system_wide, ratio
from startup_probe import WATCHED_MODULES

# name: (child script, its arguments)
VARIANTS: dict[str, tuple[str, list[str]]] = {"app": ("start_app.py", ["--sandbox"]),
                                              "bare": ("start_bare_window.py", [])}
# The app's variants, compared with the bare window.
APP_VARIANTS = ("app", "normal")


def launch_once(script: str, env: dict[str, str], args: list[str] | None = None, timeout_s: float = 30.0) -> dict:
    """One launch: seconds to exposed and to ready, RSS once idle, modules loaded."""
    with tempfile.TemporaryFile("w+") as errors:  # a file, so a chatty child never blocks on a full pipe
        launched_at = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, str(BENCHMARKS_DIR / script), *(args or [])],
            env=env, stdout=subprocess.PIPE, stderr=errors, text=True,
        )
        ready_seen_at = result = None
        watchdog = threading.Timer(timeout_s, child.kill)  # a child that never shows must not hang the run
        watchdog.start()
        try:
            for line in child.stdout:  # type: ignore[union-attr]
                if line.startswith("READY ") and ready_seen_at is None:
                    ready_seen_at = time.perf_counter()
                elif line.startswith(RESULT_PREFIX):
                    result = json.loads(line[len(RESULT_PREFIX):])
                    break
            child.wait(timeout=timeout_s)
        finally:
            watchdog.cancel()
            if child.poll() is None:
                child.kill()
            child.stdout.close()  # type: ignore[union-attr]
        if result is None:
            errors.seek(0)
            raise RuntimeError(f"{script} never reported ready (exit {child.returncode}):\n{errors.read()[-4000:]}")
    if perf_counter_is_system_wide():
        ready_s = result["ready_at"] - launched_at
        exposed_s = result["exposed_at"] - launched_at
    else:  # fall back to when the parent read the line: a little pipe latency included
        ready_s = ready_seen_at - launched_at  # type: ignore[operator]
        exposed_s = ready_s - (result["ready_at"] - result["exposed_at"])
    return {
        "exposed_ms": exposed_s * 1000,
        "ready_ms": ready_s * 1000,
        "rss_mb": result["rss_kb"] / 1024,
        "peak_rss_mb": result["peak_rss_kb"] / 1024,
        "idle_reached": result["idle_reached"],
        "modules_at_expose": result["modules_at_expose"],
        "modules_at_ready": result["modules_at_ready"],
        "modules_when_idle": result["modules_when_idle"],
        "connection": result["connection"],
        "stall_after_ready_ms": result["longest_stall_after_ready_ms"],
    }


def run(env: dict[str, str], repeats: int, progress=lambda text: None, normal_argv=None) -> dict:  # type: ignore[no-untyped-def]
    """`normal_argv`: the app's command line for normal mode; None leaves that variant out."""
    variants = dict(VARIANTS)
    if normal_argv is not None:
        variants["normal"] = ("start_app.py", normal_argv)
    names = list(variants)
    # One discarded launch each: the first one pays for cold disk caches.
    for script, args in variants.values():
        launch_once(script, env, args)
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for repetition in range(repeats):
        turn = repetition % len(names)
        for name in names[turn:] + names[:turn]:
            script, args = variants[name]
            runs[name].append(launch_once(script, env, args))
        progress(f"start-up {repetition + 1}/{repeats}")

    summary: dict[str, object] = {"repeats": repeats, "runs": runs, "variants": names}
    for name, launches in runs.items():
        summary[name] = {
            "ready_ms": median([r["ready_ms"] for r in launches]),
            "exposed_ms": median([r["exposed_ms"] for r in launches]),
            "rss_mb": median([r["rss_mb"] for r in launches]),
            "peak_rss_mb": median([r["peak_rss_mb"] for r in launches]),
            "idle_reached": sum(r["idle_reached"] for r in launches),
            "connected": sum((r["connection"] or "").startswith("Connected") for r in launches),
            # The longest the window could not react between "ready" and idle (ideal: the 10 ms tick).
            "stall_after_ready_ms": median([r["stall_after_ready_ms"] for r in launches]),
            "stall_after_ready_max_ms": max(r["stall_after_ready_ms"] for r in launches),
        }
    bare = summary["bare"]
    for name in (n for n in APP_VARIANTS if n in runs):
        app = summary[name]
        app["ready_ratio"] = ratio(app["ready_ms"], bare["ready_ms"])  # type: ignore[index]
        app["exposed_ratio"] = ratio(app["exposed_ms"], bare["exposed_ms"])  # type: ignore[index]
        # Per-repetition ratios (same repetition = closest in time): their median
        # resists drift better than the ratio of medians.
        app["ready_ratio_paired"] = median(
            [a["ready_ms"] / b["ready_ms"] for a, b in zip(runs[name], runs["bare"], strict=True)]
        )
        app["rss_ratio"] = ratio(app["rss_mb"], bare["rss_mb"])  # type: ignore[index]
        # How often each dependency was already loaded when the app's window appeared.
        app["modules"] = {
            when: {module: sum(module in r[when] for r in runs[name]) for module in WATCHED_MODULES}
            for when in ("modules_at_expose", "modules_at_ready", "modules_when_idle")
        }
    return summary
