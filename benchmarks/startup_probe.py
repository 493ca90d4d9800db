"""Detects "window shown and ready for input" from outside the window's code.

Installed as an event filter on the QApplication before any window exists, it
watches for the first Expose of a visible QMainWindow. Widgets paint during
Expose handling, so from then on the window is on screen. "Ready" is the first
moment the event loop is idle after that: a zero timer fires, pending events
are flushed, and a second zero timer fires. Whatever the program queued for
"right after show" (for the app: filling the form, starting the warm-up) has
then run, so a key press would be handled at once.

Both start-up children (the app and the bare window) use this same probe, so
both are timed identically. The probe changes nothing in the program's
behaviour: it only observes, then quits the application once measured.

Output (stdout, one line each):
    READY <json>   perf_counter() at first expose and at ready, modules loaded
    RESULT <json>  the same plus memory once the process has gone idle
"""

from __future__ import annotations

import json
import sys
import time

from common import read_status_kb, report
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QMainWindow

# The app's heavy dependencies, kept off the start-up path by design.
WATCHED_MODULES = ("requests", "keyring", "phonenumbers", "urllib3", "truststore")

# Idle means: the process used less than this much CPU (all threads) in one
# settle interval, e.g. the app's connection warm-up has finished.
IDLE_CPU_S = 0.004
SETTLE_INTERVAL_MS = 250
SETTLE_MIN_MS = 500
SETTLE_MAX_MS = 6000


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
        # Until the main window is shown every event passes through here; after
        # that only its own QWindow's. A Python filter on every event would take
        # the GIL for each one and so slow the app more than the bare window,
        # whose only other thread is idle (the app's action thread imports requests).
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QMainWindow) and self._watched_window is None:
            self._watched_window = watched.windowHandle()
            self.app.removeEventFilter(self)
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
        print("READY " + json.dumps(self.result), flush=True)
        self._settle_started = time.perf_counter()
        self._cpu_at_last_check = time.process_time()
        QTimer.singleShot(SETTLE_INTERVAL_MS, self._wait_until_idle)

    def _wait_until_idle(self) -> None:
        cpu = time.process_time()
        used, self._cpu_at_last_check = cpu - self._cpu_at_last_check, cpu
        waited_ms = (time.perf_counter() - self._settle_started) * 1000
        idle = used < IDLE_CPU_S and waited_ms >= SETTLE_MIN_MS
        if not idle and waited_ms < SETTLE_MAX_MS:
            QTimer.singleShot(SETTLE_INTERVAL_MS, self._wait_until_idle)
            return
        self.result.update(
            idle_reached=idle,
            settle_ms=round(waited_ms),
            rss_kb=read_status_kb("VmRSS"),
            peak_rss_kb=read_status_kb("VmHWM"),
            modules_when_idle=loaded(WATCHED_MODULES),
        )
        report(self.result)
        self.app.quit()


def install() -> ReadyProbe:
    """Create the QApplication exactly as phlo_desk.ui.app.main() would, and watch it.

    main() reuses an existing instance (`QApplication.instance() or ...`), so
    creating it here first is the only way in without editing the app.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    return ReadyProbe(app)
