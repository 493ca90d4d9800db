"""Canaries for lessons a dependency taught: the desk must stay up for a whole shift.

PySide6-Essentials 6.12.0 on Python 3.11 dropped one reference to `True` on every
emit of a Python-declared signal; a desk died with `Fatal Python error:
bool_dealloc` after about 550 transfers. pyproject.toml excludes that release;
these tests catch the next release that does the same, or worse.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from phlo_desk.ui.log_view import LogModel

SOAK = Path(__file__).resolve().parents[2] / "benchmarks" / "soak.py"
EMITS = 20_000


# Run in a child: a real leak ends in `bool_dealloc`, which would abort the test run itself.
# Each job is three emits on the app's own path: queued to the worker's thread, done
# there, and its `finished` on this thread; `historyChanged` follows every action.
EMIT_CHILD = f"""
import sys
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
from phlo_desk.core.actions import NodeAction, NodeRequest
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.services import ActionAnswer, Exported, KeyringState, TokenSaved
from phlo_desk.ui.worker import Background, Worker

app = QCoreApplication([])
background = Background()
worker = Worker("phlo-desk-canary")
result = ActionResult(Outcome.OK, "Accepted.", NodeRequest(NodeAction.WARM_TRANSFER, "+14152225555", "+14152223333"))
answers = [ActionAnswer(result), result, TokenSaved(True, "keyring"), KeyringState("keyring", False),
           Exported(3), None]
received = []
background.historyChanged.connect(lambda: received.append(1))


def drain():
    while worker.pending:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the delivered jobs


before = sys.getrefcount(True)
for number in range({EMITS}):
    answer = answers[number % len(answers)]
    worker.run(lambda answer=answer: answer).finished.connect(lambda answer: received.append(1))
    background.historyChanged.emit()
    if number % 1000 == 999:
        drain()
drain()
lost = before - sys.getrefcount(True)
worker.stop()
background.stop()
print(len(received), lost, flush=True)
"""


def test_emitting_the_apps_signals_keeps_every_reference_to_true():
    done = subprocess.run([sys.executable, "-c", EMIT_CHILD], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "Fatal Python error" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    received, lost = map(int, done.stdout.split())
    assert received == EMITS * 2  # every job's answer, and every historyChanged
    # A real leak loses one per emit (80,000 here); a few are ordinary churn.
    assert abs(lost) < 100, f"{lost} references to True lost over {EMITS * 4} emits"


def run_soak(transfers: int, warm_up: int, timeout_s: float) -> dict:
    """Run benchmarks/soak.py (the real main() in sandbox mode) and return its report."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(SOAK), "--transfers", str(transfers), "--warm-up", str(warm_up)],
        env=env, capture_output=True, text=True, timeout=timeout_s,
    )
    assert "Fatal Python error" not in done.stderr, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, done.stdout[-2000:]
    report = json.loads(lines[-1][len("RESULT "):])
    assert report["failure"] == "" and report["transfers"] == transfers, report
    return report


def test_the_real_main_makes_25_transfers_and_exits_with_status_0():
    run_soak(25, 5, timeout_s=120)


@pytest.mark.timeout(600)
def test_a_thousand_transfers_leak_neither_memory_nor_threads():
    # The warm-up fills the status log to its cap (two rows a transfer); growth after it is a leak.
    report = run_soak(1000, 300, timeout_s=540)
    assert report["rss_growth_mb"] < 5.0, (
        f"resident memory grew {report['rss_growth_mb']} MB after the warm-up "
        f"(MB every 100 transfers: {report['rss_mb_every_100']}): {report}")
    assert report["os_threads"]["end"] <= report["os_threads"]["warm"], report
    assert report["python_threads"]["end"] <= report["python_threads"]["warm"], report
    assert report["log_rows"] == LogModel.MAX_ROWS, report  # bounded; History keeps everything
