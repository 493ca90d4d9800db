"""The real PHLO Desk window in a benchmark process, wired as app.main() wires it.

Used by the in-process benchmarks (responsiveness, click to wire). The window,
its worker, history and logging are built by the app's own code
(`phlo_desk.ui.app.launch`, plus the application-wide set-up `main()` does);
the benchmark only chooses the server the window talks to.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEventLoop, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from phlo_desk.ui import app as desk_app

# Distinct transfer targets, so that no click is a "send again?" duplicate
# (the window asks before repeating an accepted action within two minutes).
TARGET_NUMBERS = [f"+1415222{5500 + i:04d}" for i in range(200)]


def application() -> QApplication:
    """The QApplication, set up as main() sets it up."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        from phlo_desk.ui.garbage import collect_on_gui_thread
    except ImportError:  # older checkouts
        pass
    else:
        collect_on_gui_thread(app)  # main() moves Python's cycle collector onto the GUI thread
    return app  # type: ignore[return-value]


class Desk:
    """The window and its worker, shown, configured, with the connection warmed.

    `sandbox`: a running SandboxServer (the app's --sandbox mode). Otherwise
    `settings` maps PHLO_DESK_*/PLIVO_* variables to values: the app reads them
    as it reads the environment, and the token comes from PLIVO_AUTH_TOKEN.
    """

    def __init__(self, sandbox=None, settings: dict[str, str] | None = None) -> None:  # type: ignore[no-untyped-def]
        self.app = application()
        desk_app.setup_logging()  # every action writes a log line, as in the app
        args = desk_app.build_parser().parse_args(["--sandbox"] if sandbox is not None else [])
        os.environ.update(settings or {})  # the worker reads PLIVO_AUTH_TOKEN from the environment
        self.launched = desk_app.launch(args, environ=dict(os.environ), sandbox=sandbox)
        self.window, self.background = self.launched.window, self.launched.background
        self.worker = self.background.worker
        self.window.show()
        warm_up = SignalCatcher(self.worker.connectionChecked)
        self.window.apply_profile(self.window.profile)  # fills the form, starts the warm-up
        result = warm_up.wait(15_000)
        if result is None or not result.ok:
            raise RuntimeError(f"the connection warm-up failed: {result}")
        self.window.to_field.edit.setFocus()

    def next_call(self) -> None:
        """What the agent does between two calls: start the window on a fresh call.

        After an accepted warm transfer the window (rightly) refuses another
        until the first is completed or cancelled; a benchmark that transfers
        again and again starts a new call first, off the clock.
        """
        new_call = getattr(self.window, "new_call", None)  # absent in older windows
        if new_call is not None:
            new_call()

    def why_refused(self) -> str:
        """The window's own explanation, for an error message."""
        last_row = self.window.log_model.entries[0].as_text() if self.window.log_model.entries else ""
        return f"status bar: {self.window.statusBar().currentMessage()!r}; last log row: {last_row!r}"

    def close(self) -> None:
        self.window.close()
        self.background.stop()  # not launched.shutdown(): the caller owns its server


class SignalCatcher(QObject):
    """Catches the next emission of a signal; create it before triggering the signal.

    A QObject on the GUI thread, so a signal emitted by the worker thread reaches
    it queued, in order after the window's own slots, as the window sees it.
    """

    def __init__(self, signal) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.value = None
        self.caught = False
        self._signal = signal
        self._loop: QEventLoop | None = None
        signal.connect(self._catch)

    @Slot(object)
    def _catch(self, value) -> None:  # type: ignore[no-untyped-def]
        if not self.caught:
            self.value, self.caught = value, True
            if self._loop is not None:
                self._loop.quit()

    def wait(self, timeout_ms: int):  # type: ignore[no-untyped-def]
        """Run the event loop until the signal came, or the timeout; its value or None."""
        if not self.caught:
            self._loop = QEventLoop()
            QTimer.singleShot(timeout_ms, self._loop.quit)
            self._loop.exec()
            self._loop = None
        self._signal.disconnect(self._catch)
        return self.value if self.caught else None


def spin(ms: int) -> None:
    """Run the event loop for `ms` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

