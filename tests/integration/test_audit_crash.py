"""The audit survives a crash: a desk killed with SIGKILL at any moment leaves a history
that says exactly what was sent and which answers are unknown.

A real process (the app's real Background and its action thread, offscreen, with the
app's own history handling) sends actions in a loop to a loopback server in this test and prints
each answer as it is shown, the way the window shows it in the status log. The test
kills it at seeded random moments (every other time while the server holds a request
unanswered), then reads the history file as the next start would.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from phlo_desk.core.history import NO_ANSWER_MESSAGE, HistoryFilter, HistoryRecord, HistoryStore
from phlo_desk.sandbox.http import HttpRequest, HttpResponse, LoopbackServer
from tests.support.secrets import AUTH_ID, TOKEN

KILLS = 6
SEED = 20240514
RUN_SIZE = 100_000  # each run's actions are numbered from (run + 1) * RUN_SIZE
AGENT = "+14155550100"

# The desk: what the window does with an action, without the window. Answers are
# printed (flushed) when they reach the GUI thread, where the window would log them.
_DESK = """
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from phlo_desk.core.actions import NodeAction, NodeRequest
from phlo_desk.core.settings import Profile
from phlo_desk.ui.garbage import collect_on_gui_thread
from phlo_desk.ui.worker import Background

api_base, history_path, auth_id, agent, number = sys.argv[1:]


class Desk:
    def __init__(self, background, number):
        self.background, self.number = background, number

    def send_next(self):
        to = f"+1415{self.number:07d}"
        self.number += 1
        job = self.background.submit(NodeRequest(NodeAction.WARM_TRANSFER, to, agent))
        if job is None:
            print("refused", to, flush=True)
            return
        job.finished.connect(self.show_answer)

    def show_answer(self, answer):
        result = answer.result
        print("shown", result.request.target, result.outcome.value, result.api_id or "-", flush=True)
        if answer.history_problem is not None:
            print("history-failed", answer.history_problem, flush=True)
        self.send_next()


app = QApplication([])
collect_on_gui_thread(app)
background = Background()
background.use_history(Path(history_path))
# No token given: the action thread reads PLIVO_AUTH_TOKEN, as the app does when it is set.
background.configure(Profile(api_base=api_base, auth_id=auth_id, phlo_id="phlo-1", node_id="node-1",
                             trigger_source=agent))
desk = Desk(background, int(number))
print("ready", flush=True)
desk.send_next()
app.exec()
"""


@dataclass(frozen=True)
class Answer:
    outcome: str
    api_id: str  # "" when there is none


class Plivo:
    """A loopback stand-in that answers each action by its number, remembers every
    request it received, and can hold one unanswered until told to let go."""

    SLOW_S = 0.15

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.received: list[str] = []  # targets, in order of arrival
        self.answers: dict[str, Answer] = {}  # what each target was (or would have been) answered
        self._catching = False
        self.caught: str | None = None
        self._caught = threading.Event()
        self._release = threading.Event()
        self._server = LoopbackServer(self._handle)

    @property
    def url(self) -> str:
        return self._server.url

    def catch_next(self) -> None:
        """Hold the next request that arrives, unanswered, until release()."""
        with self._lock:
            self._catching, self.caught = True, None
        self._caught.clear()
        self._release.clear()

    def wait_caught(self, timeout_s: float) -> str:
        assert self._caught.wait(timeout_s), "no request arrived to hold"
        assert self.caught is not None
        return self.caught

    def release(self) -> None:
        self._release.set()

    def _handle(self, request: HttpRequest) -> HttpResponse | None:
        target = request.json()["to"]  # type: ignore[index]
        number = int(target[-7:])
        kind = number % 6
        api_id = f"api-{number}"
        answer = {4: Answer("rejected", api_id), 5: Answer("unknown", "")}.get(kind, Answer("ok", api_id))
        with self._lock:
            self.received.append(target)
            self.answers[target] = answer
            catch, self._catching = self._catching, False
            if catch:
                self.caught = target
        if catch:
            self._caught.set()
            self._release.wait(10)
            return None  # the desk is gone: nobody to answer
        if kind == 3:
            time.sleep(self.SLOW_S)
        if kind == 4:
            return HttpResponse.json(400, {"api_id": api_id, "error": "member busy"})
        if kind == 5:
            return None  # the connection closes without an answer
        return HttpResponse.json(201, {"api_id": api_id, "error": ""})

    def __enter__(self) -> Plivo:
        self._server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
        self._server.stop()


def start_desk(plivo: Plivo, history: Path, run: int, folder: Path):  # type: ignore[no-untyped-def]
    """A desk about to send its first action, and the file its output goes to (errors: .err beside it)."""
    out, err = folder / f"desk-{run}.out", folder / f"desk-{run}.err"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLIVO_AUTH_TOKEN": TOKEN}
    with open(out, "w") as stdout, open(err, "w") as stderr:
        desk = subprocess.Popen(
            [sys.executable, "-c", _DESK, plivo.url, str(history), AUTH_ID, AGENT, str((run + 1) * RUN_SIZE)],
            stdout=stdout, stderr=stderr, env=env, cwd=Path(__file__).resolve().parents[2],
        )
    deadline = time.monotonic() + 30
    while not out.read_text().startswith("ready\n"):
        assert desk.poll() is None, f"the desk stopped before it was ready:\n{err.read_text()}"
        assert time.monotonic() < deadline, "the desk did not start"
        time.sleep(0.02)
    return desk, out


def kill(desk: subprocess.Popen) -> None:  # type: ignore[type-arg]
    desk.send_signal(signal.SIGKILL)
    desk.wait(10)
    assert desk.returncode == -signal.SIGKILL, "the desk ended on its own: the test proves nothing"


def shown_answers(outputs: list[Path]) -> dict[str, Answer]:
    """Every answer the desks showed, by target. A line the kill cut short was not shown."""
    shown = {}
    for output in outputs:
        ready, *lines, _unfinished = output.read_text().split("\n")
        assert ready == "ready"
        for line in lines:
            word, target, outcome, api_id = line.split(" ")
            assert word == "shown", line
            shown[target] = Answer(outcome, "" if api_id == "-" else api_id)
    return shown


def read_history(path: Path) -> list[HistoryRecord]:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
    store = HistoryStore(path)
    try:
        return store.page(HistoryFilter(), None, 1_000_000)
    finally:
        store.close()


def check_the_audit(rows: list[HistoryRecord], plivo: Plivo, shown: dict[str, Answer]) -> None:
    by_target = {row.target: row for row in rows}
    assert len(by_target) == len(rows), "an action has two rows"
    assert len(set(plivo.received)) == len(plivo.received), "an action was sent twice"
    missing = [target for target in plivo.received if target not in by_target]
    assert missing == [], "Plivo received requests the history does not know"
    for target, answer in shown.items():
        row = by_target.get(target)
        assert row is not None and row.answered, f"{target}: shown to the agent, not completed in the history"
        assert Answer(row.outcome.value, row.api_id) == answer, target
    for row in rows:
        if row.answered:
            assert Answer(row.outcome.value, row.api_id) == plivo.answers.get(row.target), row
        else:
            assert (row.outcome.value, row.message, row.api_id, row.status) == ("unknown", NO_ANSWER_MESSAGE, "", None)
    # What the agent was not shown is only ever each desk's last action, answered or not.
    runs: dict[int, list[HistoryRecord]] = {}
    for row in rows:
        runs.setdefault(int(row.target[-7:]) // RUN_SIZE, []).append(row)
    for run_rows in runs.values():
        unshown = [row for row in run_rows if row.target not in shown]
        assert len(unshown) <= 1 and (not unshown or unshown[0] is max(run_rows, key=lambda row: row.id)), unshown


def test_a_desk_killed_at_any_moment_leaves_an_exact_audit(tmp_path):
    chance = random.Random(SEED)
    history = tmp_path / "data" / "history.sqlite3"
    outputs: list[Path] = []
    with Plivo() as plivo:
        for run in range(KILLS):
            desk, out = start_desk(plivo, history, run, tmp_path)
            outputs.append(out)
            try:
                time.sleep(chance.uniform(0.2, 1.5))
                held = None
                if run % 2:  # kill while Plivo holds a request: sent, and never answered
                    plivo.catch_next()
                    held = plivo.wait_caught(timeout_s=10)
                kill(desk)
            finally:
                if desk.poll() is None:
                    desk.kill()
                    desk.wait(10)
                plivo.release()
            said, errors = out.read_text(), out.with_suffix(".err").read_text()
            assert "history-failed" not in said and "refused" not in said, said
            assert "Traceback" not in errors, errors

            rows = read_history(history)
            check_the_audit(rows, plivo, shown_answers(outputs))
            if held is not None:
                [row] = [row for row in rows if row.target == held]
                assert not row.answered and row.message == NO_ANSWER_MESSAGE

    shown = shown_answers(outputs)
    assert len(shown) >= 3 * KILLS, "the desks barely sent anything: the test proves little"
    assert {answer.outcome for answer in shown.values()} == {"ok", "rejected", "unknown"}
