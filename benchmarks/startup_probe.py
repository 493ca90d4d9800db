"""Detects "window shown and ready for input" from outside the window's code.

Installed before any window exists, it watches the first QMainWindow shown
(through QMainWindow.show, which it wraps to put an event filter on that window
alone) for its Show and then its QWindow's first Expose. Widgets paint during
Expose handling, so from then on the window is on screen. "Ready" is the first
moment the event loop is idle after that: a zero timer fires, pending events
are flushed, and a second zero timer fires. Whatever the program queued for
"right after show" (for the app: filling the form, starting the warm-up) has
then run, so a key press would be handled at once.

From "ready" until the start-up work the program left for later is done (the
simulator, filling in the form, the connection warm-up on its thread: until the
process uses little more CPU than the timer itself), a 10 ms timer ticks on the
GUI thread; the longest interval between two ticks is the longest the window
could not have reacted to a key press meanwhile. Idle is then judged without it.

Both start-up children (the app and the bare window) use this same probe, so
both are timed identically. The probe changes nothing in the program's
behaviour: it only observes, then quits the application once measured.

Output (stdout, one line each):
    READY <json>   perf_counter() at first expose and at ready, modules loaded
    RESULT <json>  the same plus memory once the process has gone idle
"""

from __future__ import annotations

import os
import sys
import time

from child_report import read_status_kb, report
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QMainWindow

# The app's heavy dependencies, kept off the start-up path by design.
WATCHED_MODULES = ("requests", "keyring", "phonenumbers", "urllib3", "truststore", "secretstorage", "cryptography")

# Idle means: the process used less than this much CPU (all threads) in one
# settle interval, e.g. the app's connection warm-up has finished.
IDLE_CPU_S = 0.004
SETTLE_INTERVAL_MS = 250
SETTLE_MIN_MS = 500
SETTLE_MAX_MS = 6000
TICK_MS = 10  # the timer that finds the longest stall after "ready"
EXIT_AT_READY = "PHLO_DESK_PROBE_EXIT_AT_READY"  # set: the child ends at "ready"
TICKER_CPU_S = 0.008  # what that timer itself costs in a settle interval (~6 ms seen)


def loaded(names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in sys.modules]


class ReadyProbe(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.result: dict[str, object] = {}
        self._watched_window: QWindow | None = None
        self._cpu_at_last_check = 0.0
        self._settle_started = 0.0
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._last_tick = 0.0
        self._longest_stall = (0.0, 0.0)  # (ms, ms after ready when it ended)
        # Only the main window's own events pass through here, then only its QWindow's.
        # A filter on the whole application would cost the app ~50 ms more than the
        # bare window: every object it sees needs a Python wrapper, and the first
        # wrapper of a kind sets up its Python type (QTextDocument and its enums, for
        # the first selectable label), which the app itself never asks for.
        show = QMainWindow.show

        def show_watched(window: QMainWindow) -> None:
            if self._watched_window is None:
                window.installEventFilter(self)
            show(window)

        QMainWindow.show = show_watched  # type: ignore[method-assign]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QMainWindow) and self._watched_window is None:
            watched.removeEventFilter(self)
            self._watched_window = watched.windowHandle()
            self._watched_window.installEventFilter(self)
        elif kind == QEvent.Type.Expose and watched is self._watched_window and watched.isExposed():
            # Widgets paint while this event is handled, right after this filter.
            self._watched_window.removeEventFilter(self)
            self.result["exposed_at"] = time.perf_counter()
            self.result["modules_at_expose"] = loaded(WATCHED_MODULES)
            QTimer.singleShot(0, self._flush_then_mark_ready)
        return False  # observe only

    def _flush_then_mark_ready(self) -> None:
        self.app.processEvents()  # anything posted meanwhile: repaints, queued slots
        QTimer.singleShot(0, self._mark_ready)

    def _mark_ready(self) -> None:
        self.result["ready_at"] = time.perf_counter()
        self.result["modules_at_ready"] = loaded(WATCHED_MODULES)
        import json  # only now: the bare window must not load for the app what it would load itself

        print("READY " + json.dumps(self.result), flush=True)
        if os.environ.get(EXIT_AT_READY):  # startup_instructions.py counts up to here
            os._exit(0)
        self._settle_started = self._last_tick = time.perf_counter()
        self._ticker.start()
        self._cpu_at_last_check = time.process_time()
        QTimer.singleShot(SETTLE_INTERVAL_MS, self._wait_until_idle)

    def _wait_until_idle(self) -> None:
        cpu = time.process_time()
        used, self._cpu_at_last_check = cpu - self._cpu_at_last_check, cpu
        waited_ms = (time.perf_counter() - self._settle_started) * 1000
        ticking = self._ticker.isActive()
        idle = used < IDLE_CPU_S + (TICKER_CPU_S if ticking else 0) and waited_ms >= SETTLE_MIN_MS
        if ticking and (idle or waited_ms >= SETTLE_MAX_MS):
            # The start-up work is done: the stall is known; idle is then judged without the timer.
            self._ticker.stop()
            self._tick()
            idle = False
        if not idle and waited_ms < SETTLE_MAX_MS:
            QTimer.singleShot(SETTLE_INTERVAL_MS, self._wait_until_idle)
            return
        self.result.update(
            longest_stall_after_ready_ms=self._longest_stall[0],
            longest_stall_ended_after_ready_ms=self._longest_stall[1],
            idle_reached=idle,
            settle_ms=round(waited_ms),
            rss_kb=read_status_kb("VmRSS"),
            peak_rss_kb=read_status_kb("VmHWM"),
            modules_when_idle=loaded(WATCHED_MODULES),
            connection=self._connection_indicator(),
        )
        report(self.result)
        self.app.quit()


    def _tick(self) -> None:
        now = time.perf_counter()
        gap_ms = (now - self._last_tick) * 1000
        if gap_ms > self._longest_stall[0]:
            self._longest_stall = (gap_ms, (now - self.result["ready_at"]) * 1000)  # type: ignore[operator]
        self._last_tick = now

    def _connection_indicator(self) -> str | None:
        """What the app's status bar says of its connection once idle (None: no such label)."""
        from PySide6.QtWidgets import QLabel

        for window in self.app.topLevelWidgets():
            label = window.findChild(QLabel, "connectionIndicator")
            if label is not None:
                return label.toolTip()
        return None


def install() -> ReadyProbe:
    """Create the QApplication exactly as phlo_desk.ui.app.main() would, and watch it.

    main() reuses an existing instance (`QApplication.instance() or ...`), so
    creating it here first is the only way in without editing the app.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    return ReadyProbe(app)
