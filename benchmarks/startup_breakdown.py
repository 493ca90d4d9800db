"""Where the app's start-up time goes: a timeline of `phlo-desk` (--sandbox by default).

    python benchmarks/startup_breakdown.py [--runs 5] [--json] [-- app arguments]

A diagnostic to go with run.py's start-up figure, not part of it: it wraps a
few of the app's functions and the window's methods with timestamps, once their
module has been imported by the app itself (so the app's own import order is
kept), and records, through an import finder that finds nothing else, when and on
which thread the heavy modules are first imported. Each run is a fresh process;
the table shows each milestone's median time since launch. Normal-mode arguments
need the keyring run.py sets up, so the default is the sandbox.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCHMARKS_DIR, RESULT_PREFIX, choose_platform, isolated_environment, median  # noqa: E402

# Modules whose first import is worth a milestone (the import's start).
NOTABLE_IMPORTS = ("phlo_desk.ui.main_window", "logging.handlers", "platformdirs", "phlo_desk.sandbox",
                   "phonenumbers", "requests", "keyring", "secretstorage")
# What is timed once its module is loaded: module -> [(owner, attribute, label)], owner "" for a function.
TIMED = {
    "phlo_desk.ui.app": [("", "launch", "launch()"), ("", "setup_logging", "setup_logging()"),
                         ("", "attach_sandbox", "attach_sandbox()")],
    "phlo_desk.ui.worker": [("Background", "__init__", "Background()")],
    "phlo_desk.ui.main_window": [("MainWindow", "__init__", "MainWindow()"), ("MainWindow", "show", "window.show()"),
                                 ("MainWindow", "apply_profile", "apply_profile()")],
}


def child(launched_at: float, app_args: list[str]) -> None:
    """Runs inside the launched process: start the app and record milestones."""
    milestones: list[tuple[str, float]] = []

    def mark(label: str) -> None:
        thread = threading.current_thread()
        where = "" if thread is threading.main_thread() else " (background thread)"
        milestones.append((label + where, (time.perf_counter() - launched_at) * 1000))

    def timed(function, label: str):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            mark(f"{label} starts")
            try:
                return function(*args, **kwargs)
            finally:
                mark(f"{label} ends")

        return wrapper

    def wrap_after_import(module) -> None:  # type: ignore[no-untyped-def]
        for owner_name, attribute, label in TIMED[module.__name__]:
            owner = getattr(module, owner_name) if owner_name else module
            setattr(owner, attribute, timed(getattr(owner, attribute), label))

    mark("interpreter running")
    pending = set(NOTABLE_IMPORTS)

    class ImportWatcher:
        """First on sys.meta_path: notes a notable module's first import, and times
        what TIMED names once the module has run; the real finders do the finding.

        Cheaper than an audit hook, which PySide6 would call thousands of times.
        """

        @staticmethod
        def find_spec(name: str, path=None, target=None):  # type: ignore[no-untyped-def]
            if name in pending:
                pending.discard(name)
                mark(f"import {name} starts")
            if name not in TIMED:
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is not None and spec.loader is not None:
                run_module = spec.loader.exec_module

                def exec_module(module):  # type: ignore[no-untyped-def]
                    run_module(module)
                    wrap_after_import(module)

                spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, ImportWatcher)

    import startup_probe

    probe = startup_probe.install()
    mark("PySide6 imported, QApplication created")
    from phlo_desk.ui import app as phlo_desk_app

    mark("phlo_desk.ui.app imported")

    # Quit only once the warm-up has been answered (seen by the worker's job) or the probe gives up.
    def watch_warm_up() -> None:
        worker = sys.modules["phlo_desk.ui.worker"]
        warm_up = worker.Background.warm_up

        def warm_up_and_watch(self):  # type: ignore[no-untyped-def]
            job = warm_up(self)
            job.finished.connect(lambda result: mark("warm-up answered"))  # on the GUI thread, as the window hears it
            return job

        worker.Background.warm_up = warm_up_and_watch

    launch = phlo_desk_app.launch

    def launch_and_watch(*args, **kwargs):  # type: ignore[no-untyped-def]
        launched = launch(*args, **kwargs)
        watch_warm_up()
        return launched

    phlo_desk_app.launch = launch_and_watch
    type(probe)._wait_until_idle = lambda self: _quit_after_warm_up(self, milestones)
    mark("main() called")
    phlo_desk_app.main(app_args)
    # The probe's own moments, on the same clock.
    milestones.append(("first expose of the window", (probe.result["exposed_at"] - launched_at) * 1000))
    milestones.append(("ready (idle after expose)", (probe.result["ready_at"] - launched_at) * 1000))
    print(RESULT_PREFIX + json.dumps(milestones), flush=True)


def _quit_after_warm_up(probe, milestones) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    if any(label.startswith("warm-up answered") for label, _ in milestones):
        probe.app.quit()
    else:
        QTimer.singleShot(20, lambda: _quit_after_warm_up(probe, milestones))


def launch(env: dict[str, str], app_args: list[str]) -> list[tuple[str, float]]:
    launched_at = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS_DIR / "startup_breakdown.py"), "--child", repr(launched_at), "--", *app_args],
        env=env, capture_output=True, text=True, timeout=60,
    )
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            return [tuple(item) for item in json.loads(line[len(RESULT_PREFIX):])]  # type: ignore[misc]
    raise RuntimeError(f"the breakdown child failed:\n{done.stderr[-4000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--platform", default="auto")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    parser.add_argument("app_args", nargs="*", help="the app's arguments (default --sandbox)")
    args = parser.parse_args()
    app_args = args.app_args or ["--sandbox"]
    if args.child is not None:
        child(args.child, app_args)
        return 0

    env = isolated_environment(choose_platform(args.platform))
    launch(env, app_args)  # discarded: cold caches
    runs = [launch(env, app_args) for _ in range(args.runs)]
    times: dict[str, list[float]] = {}
    for milestones in runs:
        for label, at in milestones:
            times.setdefault(label, []).append(at)
    timeline = sorted(((label, median(values), len(values)) for label, values in times.items()), key=lambda t: t[1])
    if args.json:
        print(json.dumps([{"milestone": label, "median_ms": at, "runs": n} for label, at, n in timeline], indent=2))
        return 0
    print(f"Median over {args.runs} launches of phlo-desk {' '.join(app_args)} (ms since launch; delta from the row above)")
    previous = 0.0
    for label, at, n in timeline:
        seen = "" if n == args.runs else f"  (in {n}/{args.runs} runs)"
        print(f"{at:8.1f}  +{at - previous:6.1f}  {label}{seen}")
        previous = at
    return 0


if __name__ == "__main__":
    sys.exit(main())
