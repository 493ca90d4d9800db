"""Soak: a shift's worth of warm transfers through the real app, from start to exit.

    python benchmarks/soak.py --transfers 10000     # prints RESULT {json}, exits as the app does

Runs `phlo_desk.ui.app.main(["--sandbox"])` in this process and drives its window
as an agent would, one cycle per transfer: type a colleague's number into To, send
the warm transfer (the Ctrl+Return action), cancel it (Cancel transfer), start the
next call (New call). A question the desk asks is answered with its confirming button,
as the agent would after reading it. Each answer is read where the agent reads it, in
the status log: every one must be Plivo's (the simulator's) acceptance, and no other
row (a history or internal error) may appear; the first that breaks this stops the
run with exit status 1.

Measured after a warm-up of `--warm-up` cycles (caches, imports, the history file
and Qt's own pools settle there) and again at the end: resident memory, threads,
and the time per cycle (two round trips, one history write each, and the repaint).
The process then closes the window, and its exit status is main()'s.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling benchmark modules
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # the repo's phlo_desk

from common import median, percentile, read_status_kb, report  # noqa: E402
from PySide6.QtCore import QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402


def target_number(cycle: int) -> str:
    """A different valid number per cycle within any two minutes (no repeat question)."""
    return f"+1415222{cycle % 10_000:04d}"


class SoakDriver(QObject):
    def __init__(self, app: QApplication, transfers: int, warm_up: int) -> None:
        super().__init__(app)
        self.app, self.transfers, self.warm_up = app, transfers, min(warm_up, max(1, transfers // 2))
        self.window = None
        self.cycle = 0
        self.step = None  # the core.call.Move in flight
        self.cycle_started = 0.0
        self.cycle_ms: list[float] = []
        self.samples: dict[str, dict[str, float]] = {}
        self.failure = ""
        self.questions = 0
        self.trajectory: list[float] = []  # resident MB every 100 cycles
        self._find = self._timer(50, self._find_window)
        self._answer = self._timer(10, self._answer_question)

    def _timer(self, interval_ms: int, slot) -> QTimer:  # type: ignore[no-untyped-def]
        timer = QTimer(self)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        timer.start()
        return timer

    # -- finding the window main() built -------------------------------------------

    def _find_window(self) -> None:
        from phlo_desk.ui.main_window import MainWindow

        for widget in self.app.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.sandbox is not None:
                if "Connected" in widget.connection_label.text():
                    self._find.stop()
                    self.window = widget
                    widget.log_model.rowsInserted.connect(self._logged)
                    self.sample("start")
                    QTimer.singleShot(0, self._next_cycle)
                return

    def _answer_question(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return
        # The desk's questions confirm with AcceptRole; "Quit anyway?" (a failed run) with Yes.
        confirming = (QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.YesRole)
        confirm = next((b for b in box.buttons() if box.buttonRole(b) in confirming), None)
        if confirm is not None:
            self.questions += 1
            confirm.click()

    # -- one cycle: warm transfer, cancel, new call ------------------------------------

    def _next_cycle(self) -> None:
        from phlo_desk.core.actions import NodeAction
        from phlo_desk.core.call import Move

        if self.failure:
            return
        if self.cycle == self.warm_up:
            self.sample("warm")
        if self.cycle % 100 == 0:
            self.trajectory.append(round(read_status_kb("VmRSS") / 1024, 1))
        if self.cycle >= self.transfers:
            self.sample("end")
            self._finish()
            return
        window = self.window
        self.cycle_started = time.perf_counter()
        window.to_field.setText(target_number(self.cycle))
        self.step = Move.WARM_TRANSFER
        if not window.start_action(NodeAction.WARM_TRANSFER):
            self._fail("the window refused the warm transfer")

    def _logged(self) -> None:
        """A status log row: the answer to the move in flight, or a sign of trouble."""
        from phlo_desk.core.outcomes import Outcome

        entry = self.window.log_model.entries[0]
        if entry.outcome is None:
            self._fail(f"the status log says: {entry.action}: {entry.message}")
        elif entry.action != self.step or self.window.desk.in_flight is not None:
            self._fail(f"a {entry.action} row while waiting for the answer to {self.step}")
        elif entry.outcome is not Outcome.OK:
            self._fail(f"{self.step} was not accepted: {entry.outcome.value} {entry.message}")
        else:
            QTimer.singleShot(0, self._after_answer)  # after the window has shown this answer

    def _after_answer(self) -> None:
        from phlo_desk.core.call import Move, Step

        if self.failure:
            return
        window = self.window
        if self.step is Move.WARM_TRANSFER:
            self.step = Move.CANCEL
            # Returns once any question is answered (it is modal); True once the request is out.
            if not window.send_step(Step(Move.CANCEL)) or window.desk.in_flight is None:
                self._fail("Cancel transfer was not sent")
            return
        window.new_call()
        self.cycle_ms.append((time.perf_counter() - self.cycle_started) * 1000)
        self.cycle += 1
        QTimer.singleShot(0, self._next_cycle)

    # -- measuring and ending ---------------------------------------------------------

    def sample(self, name: str) -> None:
        import gc

        gc.collect()  # what stays alive, not what waits for the next collection
        self.samples[name] = {
            "rss_mb": read_status_kb("VmRSS") / 1024,
            "os_threads": read_status_kb("Threads"),
            "python_threads": threading.active_count(),
            "log_rows": len(self.window.log_model.entries) if self.window else 0,
            "at_s": time.perf_counter(),
        }

    def _fail(self, why: str) -> None:
        if not self.failure:
            self.failure = f"cycle {self.cycle}: {why}"
            self.sample("end")
            QTimer.singleShot(0, self._finish)  # not from inside the window's own slot

    def _finish(self) -> None:
        measured = self.cycle_ms[self.warm_up:] or self.cycle_ms
        warm, end = self.samples.get("warm", self.samples["start"]), self.samples["end"]
        report({
            "transfers": self.cycle,
            "failure": self.failure,
            "questions_answered": self.questions,
            "cycle_ms_median": median(measured),
            "cycle_ms_p95": percentile(measured, 0.95),
            "rss_mb": {name: round(s["rss_mb"], 2) for name, s in self.samples.items()},
            "rss_growth_mb": round(end["rss_mb"] - warm["rss_mb"], 2),
            "os_threads": {name: s["os_threads"] for name, s in self.samples.items()},
            "python_threads": {name: s["python_threads"] for name, s in self.samples.items()},
            "log_rows": end["log_rows"],
            "rss_mb_every_100": self.trajectory,
        })
        self.window.close()  # the last window: the app's event loop ends and main() returns
        self._answer.stop()  # only now: a run that failed mid-move is asked "Quit anyway?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--transfers", type=int, default=1000, help="warm transfers to make (default 1000)")
    parser.add_argument("--warm-up", type=int, default=100, help="cycles before the first measurement (default 100)")
    args = parser.parse_args(argv)

    from phlo_desk.ui import app as desk_app

    app = QApplication.instance() or QApplication(sys.argv[:1])
    driver = SoakDriver(app, args.transfers, args.warm_up)
    code = desk_app.main(["--sandbox"])
    return code if not driver.failure else 1


if __name__ == "__main__":
    sys.exit(main())
