"""Benchmark: does the History dialog open as fast on 100,000 rows as on none?

    python benchmarks/history_open.py             # a table
    python benchmarks/history_open.py --json      # the same, with the raw samples

In one child process (offscreen by default): a history of 100,000 actions
over a year is written in one transaction (not measured), beside an empty
one and one of a single page (200 rows). Then, interleaved and in rotating
order, the time from constructing HistoryDialog to the table's first paint,
with dialog.show() and the event loop in between. The empty history is the
baseline; the one-page history shows what painting a screenful of rows costs
by itself, so 100k / one page is what the size of the history costs.
The store's queries are also timed alone on the
full history: count(), the first page, a count that must read every row (an
address filter), recent_targets() and a CSV export of everything (which runs
on the bulk thread in the app).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling benchmark modules

from common import choose_platform, isolated_environment, median, ratio, report, run_child  # noqa: E402

ROWS = 100_000


def run(env: dict[str, str], repeats: int) -> dict:
    return run_child("history_open.py", ["--child", "--repeats", str(repeats)], env, timeout_s=120 + repeats * 10)


# -- child side -------------------------------------------------------------------


def fill(path: Path, rows: int) -> None:
    """`rows` plausible actions, one every ~5 minutes up to now, in one transaction."""
    import random
    from datetime import datetime, timedelta

    from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest
    from phlo_desk.core.history import HistoryStore
    from phlo_desk.core.outcomes import ActionResult, Outcome

    chance = random.Random(7)
    people = [f"+1415{chance.randrange(10**7):07d}" for _ in range(500)] + ["sip:desk@example.com"]
    outcomes = [Outcome.OK] * 20 + list(Outcome)
    now = datetime.now().astimezone()

    def result(n: int) -> ActionResult:
        target = chance.choice(people)
        if n % 3:
            request = NodeRequest(chance.choice(list(NodeAction)), target, "+14155550100")
        else:
            request = MemberRequest(chance.choice(list(MemberAction)), target)
        return ActionResult(chance.choice(outcomes), "The request was accepted.", request, status=201,
                            api_id=f"{n:08x}-1c2d-4e5f-8a9b-0c1d2e3f4a5b", elapsed_ms=chance.uniform(80, 900))

    store = HistoryStore(path)
    store.append_many((result(n), now - timedelta(minutes=5 * (rows - n))) for n in range(rows))
    store.close()


def measure(repeats: int) -> dict:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from phlo_desk.core.history import HistoryFilter, HistoryStore
    from phlo_desk.ui.history_view import HistoryDialog
    from phlo_desk.ui.worker import Background

    class FirstPaint(QObject):
        """The time of the first paint of a widget (the table's viewport)."""

        def __init__(self) -> None:
            super().__init__()
            self.at: float | None = None

        def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="phlo-desk-history-bench-"))
    paths = {"empty": folder / "empty.sqlite3", "one page": folder / "page.sqlite3", "100k": folder / "full.sqlite3"}
    HistoryStore(paths["empty"]).count()  # creates the file and its schema
    fill(paths["one page"], 200)
    filled_at = time.perf_counter()
    fill(paths["100k"], ROWS)
    fill_s = time.perf_counter() - filled_at
    background = Background()  # the dialog exports through it; started once, outside the timing

    def open_dialog(path: Path) -> tuple[float, int]:
        """Milliseconds from constructing the dialog to the table's first paint; rows shown."""
        started = time.perf_counter()
        dialog = HistoryDialog(path, background)
        painted = FirstPaint()
        dialog.table.viewport().installEventFilter(painted)
        dialog.show()
        app.processEvents()
        while painted.at is None and time.perf_counter() - started < 10:
            app.processEvents()
        elapsed_ms = ((painted.at or time.perf_counter()) - started) * 1000
        shown = dialog.model.rowCount()
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
        return elapsed_ms, shown

    for path in paths.values():  # warm-up: first-use costs (styles, fonts) out of the figures
        open_dialog(path)
    samples: dict[str, list[float]] = {name: [] for name in paths}
    rows_shown: dict[str, int] = {}
    for repeat in range(repeats):
        names = list(paths)
        for name in names[repeat % len(names):] + names[:repeat % len(names)]:
            elapsed_ms, rows_shown[name] = open_dialog(paths[name])
            samples[name].append(elapsed_ms)

    def timed(operation, times: int) -> list[float]:  # type: ignore[no-untyped-def]
        store = HistoryStore(paths["100k"])
        store.count()  # opened outside the timing
        results = []
        for _ in range(times):
            started = time.perf_counter()
            operation(store)
            results.append((time.perf_counter() - started) * 1000)
        store.close()
        return results

    queries = {
        "count()": timed(lambda store: store.count(), repeats),
        "page(first 200)": timed(lambda store: store.page(HistoryFilter(), None, 200), repeats),
        "count(address '415 222')": timed(lambda store: store.count(HistoryFilter(address="415 222")), repeats),
        "recent_targets(50)": timed(lambda store: store.recent_targets(50), repeats),
        "export_csv(all)": timed(lambda store: store.export_csv(HistoryFilter(), folder / "all.csv"), 3),
    }
    background.stop()
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "rows": ROWS,
        "repeats": repeats,
        "fill_s": fill_s,
        "open_ms": {name: median(values) for name, values in samples.items()},
        "open_ratio": ratio(median(samples["100k"]), median(samples["empty"])),
        "open_ratio_to_one_page": ratio(median(samples["100k"]), median(samples["one page"])),
        "rows_shown": rows_shown,
        "queries_ms": {name: median(values) for name, values in queries.items()},
        "samples_ms": {**samples, **queries},
    }


def print_table(result: dict, platform: str) -> None:
    opened, shown, rows = result["open_ms"], result["rows_shown"], f"{result['rows']:,}"
    print(f"History dialog: open to first paint of the table "
          f"({platform}, {result['repeats']} interleaved repeats, medians)")
    print(f"  {'empty history (baseline)':32} {opened['empty']:8.1f} ms   rows shown {shown['empty']}")
    print(f"  {'one page (200 rows)':32} {opened['one page']:8.1f} ms   rows shown {shown['one page']}")
    print(f"  {rows + ' rows':32} {opened['100k']:8.1f} ms   rows shown {shown['100k']}")
    print(f"  {'ratio 100k / empty':32} {result['open_ratio']:8.2f}")
    print(f"  {'ratio 100k / one page':32} {result['open_ratio_to_one_page']:8.2f}")
    print(f"Store queries alone on {rows} rows (medians)")
    for name, value in result["queries_ms"].items():
        print(f"  {name:32} {value:8.1f} ms")
    print(f"(writing the {result['rows']:,} rows in one transaction took {result['fill_s']:.1f} s, not measured)")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7, help="openings per variant (default 7)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for the child (default offscreen)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        report(measure(args.repeats))
        return 0
    platform = choose_platform(args.platform)
    result = run(isolated_environment(platform), args.repeats)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result, platform)
    return 0


if __name__ == "__main__":
    sys.exit(main())
