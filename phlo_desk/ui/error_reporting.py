"""Nothing dies in silence: every unhandled error reaches the log file and the agent.

The hooks go in before the window is built. Until the window is up, an error
that stops the start is shown in a dialog; afterwards, an error in a slot or a
thread becomes a row in the status log. Either way the agent reads a plain
sentence; the traceback goes to the log file only.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from phlo_desk.ui.translation import tr

log = logging.getLogger("phlo_desk")



class ErrorReporter(QObject):
    # Errors raised on another thread are shown on the GUI thread (queued).
    _report = Signal()

    def __init__(self, open_log: Callable[[], Path | None]) -> None:
        super().__init__(QCoreApplication.instance())
        self._open_log = open_log
        self._log_path: Path | None = None
        self._log_opened = False
        self._opening = threading.Lock()  # the bulk thread opens it at start-up; an error may race it
        self._show_in_window: Callable[[str], None] | None = None
        self._report.connect(self._show_latest)
        sys.excepthook = self._on_exception
        threading.excepthook = lambda hook: self._on_exception(hook.exc_type, hook.exc_value, hook.exc_traceback)

    @property
    def log_path(self) -> Path | None:
        with self._opening:
            if not self._log_opened:  # set up off the start-up path: it costs ~15 ms
                self._log_opened = True
                self._log_path = self._open_log()
        return self._log_path

    def show_in(self, show: Callable[[str], None]) -> None:
        """From now on, errors become `show(sentence)` calls (a status log row)."""
        self._show_in_window = show

    def startup_failed(self, error: BaseException) -> int:
        """Log why the start failed, say so in a dialog; the exit status for main()."""
        from PySide6.QtWidgets import QMessageBox

        where = self._where()  # opens the log file, before the record is written
        log.critical("PHLO Desk could not start", exc_info=(type(error), error, error.__traceback__))
        text = tr("PHLO Desk could not start because of an internal error. No call was touched.")
        QMessageBox.critical(None, tr("PHLO Desk could not start"), text + where)
        return 1

    def sentence(self) -> str:
        return tr("Internal error in PHLO Desk. If you were sending an action, check the call before "
                  "trying again.") + self._where()

    def _where(self) -> str:
        path = self.log_path
        return " " + tr("Details are in %1.").replace("%1", str(path)) if path else ""

    def _on_exception(self, kind, value, traceback) -> None:  # type: ignore[no-untyped-def]
        self.log_path  # noqa: B018 - the log file must exist before the record is written
        log.error("unhandled error", exc_info=(kind, value, traceback))
        self._report.emit()

    def _show_latest(self) -> None:
        if self._show_in_window is not None:
            self._show_in_window(self.sentence())
