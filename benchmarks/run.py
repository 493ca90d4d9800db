"""PHLO Desk benchmarks: one command, every figure next to its baseline.

    python benchmarks/run.py            # a table
    python benchmarks/run.py --json     # the same, machine-readable, with raw samples

What is measured, and how, is in docs/performance.md. The machine is assumed
noisy: every figure is compared only with a baseline measured in the same run,
interleaved with it, and summarised by medians and ratios.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling benchmark modules

import click_to_wire  # noqa: E402
import import_cost  # noqa: E402
import normal_mode  # noqa: E402
import responsiveness  # noqa: E402
import startup  # noqa: E402
from common import choose_platform, isolated_environment  # noqa: E402

GOALS = {
    "startup_ratio": 1.5,  # launch to ready, app / bare QMainWindow, at most (both modes)
    "in_flight_gap_ms": 50.0,  # longest event-loop gap with a 5 s request in flight, under
    "idle_rss_mb": 100.0,  # resident memory of the idle app, under (both modes)
}
WATCHED = ("requests", "keyring", "phonenumbers", "truststore", "cryptography")
MODES = {"app": "sandbox mode", "normal": "normal mode, keyring"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--repeats", type=int, default=7, help="start-up launches per variant (default 7)")
    parser.add_argument("--clicks", type=int, default=30, help="clicks for click-to-wire (default 30)")
    parser.add_argument("--rounds", type=int, default=2, help="idle/in-flight rounds for responsiveness (default 2)")
    parser.add_argument("--import-repeats", type=int, default=5, help="fresh interpreters per import (default 5)")
    parser.add_argument("--platform", default="auto",
                        help="QT_QPA_PLATFORM for the children: auto (xcb if DISPLAY is set, else offscreen), xcb, offscreen")
    args = parser.parse_args(argv)

    qpa = choose_platform(args.platform)
    env = isolated_environment(qpa)
    started = time.perf_counter()

    def progress(text: str) -> None:
        print(f"[{time.perf_counter() - started:5.1f} s] {text}", file=sys.stderr, flush=True)

    results: dict[str, object] = {}
    unavailable = normal_mode.unavailable_reason()
    if unavailable:
        progress(f"start-up and memory: {args.repeats} launches each of the app in sandbox mode and a bare window "
                 f"({qpa}); normal mode left out: {unavailable}")
        results["startup"] = startup.run(env, args.repeats, progress)
        results["normal_mode"] = {"measured": False, "reason": unavailable}
    else:
        progress(f"start-up and memory: {args.repeats} launches each of the app in sandbox mode, in normal mode "
                 f"and a bare window ({qpa})")
        with normal_mode.normal_mode(env) as normal:
            results["startup"] = startup.run(env, args.repeats, progress, normal_argv=normal.argv)
        results["normal_mode"] = {"measured": True, "keyring_backend": normal.keyring_backend}
    progress(f"responsiveness: {args.rounds} x (idle, 5 s request in flight)")
    results["responsiveness"] = responsiveness.run(env, args.rounds)
    progress(f"click to wire: {args.clicks} clicks, each followed by a raw requests POST")
    results["click_to_wire"] = click_to_wire.run(env, args.clicks)
    progress(f"import cost: {args.import_repeats} fresh interpreters per import")
    results["imports"] = import_cost.run(env, args.import_repeats)
    progress("done")

    results["goals"] = judge(results)
    results["machine"] = machine(qpa)
    results["duration_s"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(table(results))
    return 0


def judge(results: dict) -> dict:
    s, r = results["startup"], results["responsiveness"]
    goals = {"in_flight_gap_ms": {"value": r["in_flight_max_gap_ms"], "goal": GOALS["in_flight_gap_ms"],
                                  "met": r["in_flight_max_gap_ms"] < GOALS["in_flight_gap_ms"]}}
    for variant in _app_variants(s):
        ready_ratio, rss_mb = s[variant]["ready_ratio"], s[variant]["rss_mb"]
        goals[f"startup_ratio_{variant}"] = {"value": ready_ratio, "goal": GOALS["startup_ratio"],
                                             "met": ready_ratio <= GOALS["startup_ratio"]}
        goals[f"idle_rss_mb_{variant}"] = {"value": rss_mb, "goal": GOALS["idle_rss_mb"],
                                           "met": rss_mb < GOALS["idle_rss_mb"]}
    return goals


def _app_variants(s: dict) -> list[str]:
    return [variant for variant in MODES if variant in s["variants"]]


def machine(qpa: str) -> dict:
    import PySide6
    from PySide6 import QtCore

    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": len(os.sched_getaffinity(0)),
        "cpu_model": _first_value("/proc/cpuinfo", "model name"),
        "ram_gb": round(int(_first_value("/proc/meminfo", "MemTotal").split()[0]) / 1024**2, 1),
        "os": _first_value("/etc/os-release", "PRETTY_NAME", separator="=").strip('"'),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "qt": QtCore.qVersion(),
        "qt_platform": qpa,
    }


def _first_value(path: str, key: str, separator: str = ":") -> str:
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                name, found, value = line.partition(separator)
                if found and name.strip() == key:
                    return value.strip()
    except OSError:
        pass
    return "unknown"


# -- the table --------------------------------------------------------------------------


def table(results: dict) -> str:
    s, r, c, imports, goals = (results[k] for k in ("startup", "responsiveness", "click_to_wire", "imports", "goals"))
    m = results["machine"]
    bare = s["bare"]
    variants = _app_variants(s)

    def verdict(name: str) -> str:
        goal = goals[name]
        return "met" if goal["met"] else "NOT MET"

    rows = [("Benchmark", "PHLO Desk", "Baseline", "Ratio", "Goal")]
    for number, variant in enumerate(variants):
        app = s[variant]
        rows += [
            (f"1{'ab'[number]}. Launch to ready, {MODES[variant]} (median of {s['repeats']})", f"{app['ready_ms']:.0f} ms",
             f"{bare['ready_ms']:.0f} ms", f"{app['ready_ratio']:.2f}x",
             f"<= {GOALS['startup_ratio']}x: {verdict('startup_ratio_' + variant)}"),
            ("   launch to first expose", f"{app['exposed_ms']:.0f} ms", f"{bare['exposed_ms']:.0f} ms",
             f"{app['exposed_ratio']:.2f}x", ""),
            ("   per-launch ratio, median", "", "", f"{app['ready_ratio_paired']:.2f}x", ""),
            ("   longest stall from ready until settled", f"{app['stall_after_ready_ms']:.0f} ms",
             f"{bare['stall_after_ready_ms']:.0f} ms", "", ""),
        ]
    rows += [
        (f"2. Longest loop gap, 5 s request ({r['rounds']} rounds)", f"{r['in_flight_max_gap_ms']:.1f} ms",
         f"{r['idle_max_gap_ms']:.1f} ms idle", "", f"< {GOALS['in_flight_gap_ms']:.0f} ms: {verdict('in_flight_gap_ms')}"),
        ("   worst gap at click / waiting / at answer",
         f"{r['at_click_max_gap_ms']:.0f} / {r['waiting_max_gap_ms']:.0f} / {r['at_answer_max_gap_ms']:.0f} ms", "", "", ""),
        ("   GUI-thread CPU in the worst in-flight gap", f"{r['in_flight_max_gap_gui_cpu_ms']:.1f} ms", "", "", ""),
        ("   longest garbage collection (any window)",
         f"{r['max_gc_pause_ms']:.1f} ms (gen {r['max_gc_pause_generation']})", "", "", ""),
        (f"3. Click to wire, median ({c['clicks']} clicks)", f"{c['app_median_ms']:.1f} ms",
         f"{c['raw_median_ms']:.1f} ms raw", f"{c['app_median_ms'] / c['raw_median_ms']:.2f}x", ""),
        ("   key handler returned / action thread started", f"{c['key_handler_median_ms']:.1f} / {c['action_thread_started_median_ms']:.1f} ms",
         "", "", ""),
        ("   click to wire, p95", f"{c['app_p95_ms']:.1f} ms", f"{c['raw_p95_ms']:.1f} ms raw",
         f"{c['app_p95_ms'] / c['raw_p95_ms']:.2f}x", ""),
    ]
    for number, variant in enumerate(variants):
        app = s[variant]
        rows.append((f"4{'ab'[number]}. Idle RSS, {MODES[variant]} (median of {s['repeats']})", f"{app['rss_mb']:.1f} MB",
                     f"{bare['rss_mb']:.1f} MB", f"{app['rss_ratio']:.2f}x",
                     f"< {GOALS['idle_rss_mb']:.0f} MB: {verdict('idle_rss_mb_' + variant)}"))
    lines = _columns(rows)

    normal = results["normal_mode"]
    if normal["measured"]:
        normal_check = (f"normal mode: the warm-up said Connected (with the token read from {normal['keyring_backend']}) "
                        f"in {s['normal']['connected']}/{s['repeats']} launches, idle reached in "
                        f"{s['normal']['idle_reached']}/{s['repeats']}.")
    else:
        normal_check = f"normal mode not measured: {normal['reason']}."
    one_per_click = c["requests_per_click"] == [1] and c["app_posts"] == c["clicks"]
    lines += [
        "",
        f"Checks: {'exactly one' if one_per_click else 'NOT one'} request per click "
        f"({c['app_posts']} POSTs for {c['clicks']} clicks); app requests on {c['app_connections']} connection(s), "
        f"opened by the warm-up ({c['warm_up_requests']} GET before the first click); "
        f"idle reached in {s['app']['idle_reached']}/{s['repeats']} sandbox-mode launches; "
        f"5 s request took {r['request_ms']:.0f} ms; {normal_check}",
        "",
    ]

    import_rows = [("Import (fresh interpreter)", "Median", "RSS growth",
                    *(f"In the app, {MODES[v]}: expose / ready / idle (of {s['repeats']})" for v in variants))]
    for name, figures in imports.items():
        loaded = []
        for variant in variants:
            seen = s[variant]["modules"]
            loaded.append(f"{seen['modules_at_expose'][name]} / {seen['modules_at_ready'][name]} / "
                          f"{seen['modules_when_idle'][name]}" if name in WATCHED else "")
        import_rows.append((name, f"{figures['median_ms']:.0f} ms", f"{figures['rss_growth_mb']:.1f} MB", *loaded))
    lines += _columns(import_rows)

    lines += [
        "",
        f"{m['date']}  {m['cpus']} CPUs ({m['cpu_model']}), {m['ram_gb']} GB, {m['os']}, "
        f"Python {m['python']}, PySide6 {m['pyside6']}, Qt platform {m['qt_platform']}; run took {results['duration_s']} s",
    ]
    return "\n".join(lines)


def _columns(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for index, row in enumerate(rows):
        cells = [cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) if i < len(row) - 1 else cell
                 for i, cell in enumerate(row)]
        out.append("  ".join(cells).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


if __name__ == "__main__":
    sys.exit(main())
