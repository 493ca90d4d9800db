"""Benchmark 2: does the window keep responding while a request waits 5 s?

In one child process: the real MainWindow and its Background on a SandboxServer
(the app's sandbox mode), connection warmed. A 5 ms precise QTimer ticks on
the GUI thread; the longest interval between two ticks is the longest time the
window could not have reacted to the agent (a perfect loop shows ~5 ms).

Measured in alternating windows of equal length:
    idle       nothing in flight (the baseline: what the machine alone costs)
    in flight  a warm transfer the sandbox holds for 5 s (Fault mode "hang"),
               from 100 ms before the Ctrl+Return handler runs until 100 ms
               after the answer has been shown

In-flight gaps are also split by when they happened (at the click, while
waiting, at the answer), and each gap records how much CPU the GUI thread used
in it: a long gap with little GUI CPU is the machine (or another thread
holding the GIL), a long gap full of GUI CPU is the window's own work. Python's
garbage collections are timed too (the app runs them from a GUI-thread timer).

Measuring starts after a settling second, so that the collection of the
start-up's garbage does not land in the first idle window.
"""

from __future__ import annotations

import gc
import time

from common import median, percentile, report, run_child

SERVER_DELAY_MS = 5000
TICK_MS = 5
MARGIN_MS = 100  # measured before the click and after the answer, too
CLICK_PHASE_MS = 100  # gaps ending this soon after the click count as "at the click"
SETTLE_MS = 1000  # after building the window, before measuring


def run(env: dict[str, str], rounds: int) -> dict:
    return run_child("responsiveness.py", ["--rounds", str(rounds)], env, timeout_s=30 + rounds * 15)


# -- child side -------------------------------------------------------------------


def measure(rounds: int) -> dict:
    from PySide6.QtCore import QObject, Qt, QTimer

    from desk_harness import TARGET_NUMBERS, Desk, spin
    from phlo_desk.core.actions import NodeAction
    from phlo_desk.core.outcomes import Outcome
    from phlo_desk.sandbox import Fault, SandboxServer

    class GapMeter(QObject):
        """Ticks every 5 ms on the GUI thread; keeps each gap's end, length and GUI CPU."""

        def __init__(self) -> None:
            super().__init__()
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(TICK_MS)
            self.timer.timeout.connect(self._tick)
            self.gaps: list[tuple[float, float, float]] = []  # (ended at, gap ms, GUI-thread CPU ms)
            self._last = self._last_cpu = 0.0

        def start(self) -> None:
            self.gaps.clear()
            self._last, self._last_cpu = time.perf_counter(), time.thread_time()
            self.timer.start()

        def _tick(self) -> None:
            now, cpu = time.perf_counter(), time.thread_time()
            self.gaps.append((now, (now - self._last) * 1000, (cpu - self._last_cpu) * 1000))
            self._last, self._last_cpu = now, cpu

        def stop(self) -> list[tuple[float, float, float]]:
            self.timer.stop()
            return list(self.gaps)

    collections: list[tuple[float, float, int]] = []  # (ended at, ms, generation) of each garbage collection
    collection_started = [0.0]

    def time_collection(phase: str, info: dict) -> None:
        now = time.perf_counter()
        if phase == "start":
            collection_started[0] = now
        else:
            collections.append((now, (now - collection_started[0]) * 1000, info["generation"]))

    gc.callbacks.append(time_collection)

    def summarise(gaps: list[tuple[float, float, float]]) -> dict:
        lengths = [gap for _, gap, _ in gaps]
        worst = max(gaps, key=lambda g: g[1])
        first_tick = gaps[0][0] - gaps[0][1] / 1000
        longest_collection = max(
            (c for c in collections if first_tick <= c[0] <= gaps[-1][0]), key=lambda c: c[1], default=(0.0, 0.0, -1)
        )
        return {
            "max_gap_ms": worst[1],
            "max_gap_gui_cpu_ms": worst[2],
            "max_gc_pause_ms": longest_collection[1],
            "max_gc_pause_generation": longest_collection[2],
            "p99_gap_ms": percentile(lengths, 0.99),
            "median_gap_ms": median(lengths),
            "ticks": len(gaps),
        }

    def worst_in(gaps: list[tuple[float, float, float]], start: float, end: float) -> float:
        return max((gap for ended, gap, _ in gaps if start <= ended < end), default=0.0)

    sandbox = SandboxServer().start()
    desk = Desk(sandbox=sandbox)
    window, meter = desk.window, GapMeter()
    spin(SETTLE_MS)
    window_ms = SERVER_DELAY_MS + 2 * MARGIN_MS
    idle_rounds, flight_rounds = [], []

    for round_number in range(rounds):
        # Idle: the same length of time with nothing in flight.
        meter.start()
        spin(window_ms)
        idle_rounds.append(summarise(meter.stop()))

        # In flight: the sandbox holds the next request for 5 s, then accepts it.
        sandbox.reset()  # a fresh simulated call, so the transfer is allowed
        desk.next_call()  # and the window on a fresh call too
        sandbox.set_fault(Fault(mode="hang", delay_ms=SERVER_DELAY_MS, count=1))
        window.to_field.setText(TARGET_NUMBERS[round_number])
        answer = desk.catch_answer()
        clicks: list[tuple[float, bool]] = []  # (when, accepted by the window)

        def click() -> None:
            at = time.perf_counter()
            clicks.append((at, window.start_action(NodeAction.WARM_TRANSFER)))

        meter.start()
        QTimer.singleShot(MARGIN_MS, click)
        result = answer.wait(SERVER_DELAY_MS + 15_000)  # the status log row, as shown
        spin(MARGIN_MS)  # the answer's repaint, log row and panel refresh
        gaps = meter.stop()
        if len(clicks) != 1 or not clicks[0][1] or result is None or result.outcome is not Outcome.OK:
            raise RuntimeError(f"the warm transfer did not go through: clicks={clicks}, "
                               f"result={result}; {desk.why_refused()}")
        clicked_at = clicks[0][0]
        answered_at = clicked_at + result.elapsed_ms / 1000  # when the reply reached the action thread
        stats = summarise(gaps)
        stats.update(
            request_ms=result.elapsed_ms,
            at_click_max_gap_ms=worst_in(gaps, clicked_at, clicked_at + CLICK_PHASE_MS / 1000),
            waiting_max_gap_ms=worst_in(gaps, clicked_at + CLICK_PHASE_MS / 1000, answered_at),
            at_answer_max_gap_ms=worst_in(gaps, answered_at, float("inf")),
        )
        flight_rounds.append(stats)

    desk.close()
    sandbox.stop()

    def worst(rounds_: list[dict], key: str) -> float:
        return max(r[key] for r in rounds_)

    return {
        "server_delay_ms": SERVER_DELAY_MS,
        "tick_ms": TICK_MS,
        "rounds": rounds,
        "idle": idle_rounds,
        "in_flight": flight_rounds,
        "idle_max_gap_ms": worst(idle_rounds, "max_gap_ms"),
        "in_flight_max_gap_ms": worst(flight_rounds, "max_gap_ms"),
        "in_flight_max_gap_gui_cpu_ms": max(flight_rounds, key=lambda r: r["max_gap_ms"])["max_gap_gui_cpu_ms"],
        "max_gc_pause_ms": worst(idle_rounds + flight_rounds, "max_gc_pause_ms"),
        "max_gc_pause_generation": max(idle_rounds + flight_rounds, key=lambda r: r["max_gc_pause_ms"])[
            "max_gc_pause_generation"],
        "at_click_max_gap_ms": worst(flight_rounds, "at_click_max_gap_ms"),
        "waiting_max_gap_ms": worst(flight_rounds, "waiting_max_gap_ms"),
        "at_answer_max_gap_ms": worst(flight_rounds, "at_answer_max_gap_ms"),
        "request_ms": median([r["request_ms"] for r in flight_rounds]),
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    report(measure(parser.parse_args().rounds))
