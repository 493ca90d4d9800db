"""Helpers shared by the benchmarks: statistics, child processes, isolation.

Every benchmark runs its measured code in a fresh child process, so that one
benchmark's Qt state, threads and imports never colour another's figures. A
child reports back with one line on stdout: `RESULT <json>`.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from child_report import RESULT_PREFIX, read_status_kb, report  # noqa: F401 (shared with the children)

BENCHMARKS_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCHMARKS_DIR.parent

# Variables that would point a child at real Plivo settings or a real token.
_PHLO_DESK_VARIABLES = (
    "PLIVO_AUTH_ID", "PLIVO_AUTH_TOKEN", "PHLO_DESK_API_BASE", "PHLO_DESK_PHLO_ID",
    "PHLO_DESK_NODE_ID", "PHLO_DESK_TRIGGER_SOURCE", "PHLO_DESK_REGION",
)


# -- statistics ------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (like numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


# -- clocks --------------------------------------------------------------------------


def perf_counter_is_system_wide() -> bool:
    """True when time.perf_counter() reads CLOCK_MONOTONIC, shared by all processes.

    Then a child's perf_counter() timestamp can be subtracted from the parent's
    launch timestamp directly, without the pipe's delivery latency in between.
    """
    return "CLOCK_MONOTONIC" in time.get_clock_info("perf_counter").implementation


# -- child processes -----------------------------------------------------------------


_HOME: Path | None = None  # the private home of this run, made on first use


def isolated_environment(platform: str) -> dict[str, str]:
    """An environment with a private, empty home: no real settings, logs or keyring.

    The home folder lives as long as the parent process; every child of a run
    shares it, so each child finds the same (empty) settings and log folders.
    """
    global _HOME
    if _HOME is None:
        _HOME = Path(tempfile.mkdtemp(prefix="phlo-desk-bench-home-"))
        atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in _PHLO_DESK_VARIABLES}
    for variable, sub in {
        "HOME": "",
        "XDG_CONFIG_HOME": ".config",
        "XDG_DATA_HOME": ".local/share",
        "XDG_STATE_HOME": ".local/state",
        "XDG_CACHE_HOME": ".cache",
    }.items():
        (_HOME / sub).mkdir(parents=True, exist_ok=True)
        env[variable] = str(_HOME / sub)
    env["PHLO_DESK_CONFIG_DIR"] = str(_HOME / "phlo-desk-config")
    env["QT_QPA_PLATFORM"] = platform
    env.setdefault("LANG", "C.UTF-8")
    # The children import the benchmark helpers and the repo's phlo_desk.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BENCHMARKS_DIR), str(REPO_DIR), env.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled bytecode, as an installed app has
    return env


def run_child(script: str, args: list[str], env: dict[str, str], timeout_s: float = 60.0) -> dict:
    """Run benchmarks/<script> in a fresh interpreter; return its RESULT json."""
    command = [sys.executable, str(BENCHMARKS_DIR / script), *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s)
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX):])
    raise RuntimeError(
        f"{script} reported no result (exit {done.returncode}).\n"
        f"stdout:\n{done.stdout[-2000:]}\nstderr:\n{done.stderr[-4000:]}"
    )


def choose_platform(requested: str) -> str:
    """`auto`: the caller's QT_QPA_PLATFORM, else xcb when an X display is set, else offscreen."""
    if requested != "auto":
        return requested
    if os.environ.get("QT_QPA_PLATFORM"):
        return os.environ["QT_QPA_PLATFORM"]
    return "xcb" if os.environ.get("DISPLAY") else "offscreen"
