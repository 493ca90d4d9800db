"""Run Python's cycle collector on the GUI thread only.

Left to itself, the collector runs in whichever thread happens to allocate, and
may then destroy a Qt object from the worker thread, which crashes Qt (seen
here as a segfault inside a request). So automatic collection is switched off
and a timer on the GUI thread collects instead, by the same thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid


class GuiThreadCollector(QObject):
    INTERVAL_MS = 500

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return


def freeze_startup_objects() -> None:
    """Once start-up is over: what it made (modules, classes, the window) lives as long as
    the desk, so no later collection walks it again (15-27 ms a collection otherwise)."""
    gc.freeze()


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install once per application; the collector lives as long as `app`."""
    # Not app.findChild(): that wraps each of the application's children in Python, and
    # the first wrapper of a kind sets up its Python type (QSessionManager's, ~1 ms).
    global _installed
    if _installed is None or not isValid(_installed) or _installed.parent() is not app:
        _installed = GuiThreadCollector(app)
    return _installed


_installed: GuiThreadCollector | None = None
