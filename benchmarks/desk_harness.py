"""The real PHLO Desk window in a benchmark process, wired as app.main() wires it.

Used by the in-process benchmarks (responsiveness, click to wire). The window,
its background threads, history and logging are built by the app's own code
(`phlo_desk.ui.app.launch`, plus the application-wide set-up `main()` does);
the benchmark only chooses the server the window talks to.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, QTimer
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
    """The window and its background, shown, configured, with the connection warmed.

    `sandbox`: a running SandboxServer (the app's --sandbox mode). Otherwise
    `settings` maps PHLO_DESK_*/PLIVO_* variables to values: the app reads them
    as it reads the environment, and the token comes from PLIVO_AUTH_TOKEN.
    """

    def __init__(self, sandbox=None, settings: dict[str, str] | None = None) -> None:  # type: ignore[no-untyped-def]
        self.app = application()
        desk_app.setup_logging()  # every action writes a log line, as in the app
        args = desk_app.build_parser().parse_args(["--sandbox"] if sandbox is not None else [])
        os.environ.update(settings or {})  # the action thread reads PLIVO_AUTH_TOKEN from the environment
        self.launched = desk_app.launch(args, environ=dict(os.environ), sandbox=sandbox)
        self.window, self.background = self.launched.window, self.launched.background
        self.window.show()
        if hasattr(self.window, "settled"):  # not in older checkouts
            from phlo_desk.ui.garbage import freeze_startup_objects

            self.window.settled.connect(freeze_startup_objects)  # as main() does
        self.window.apply_profile(self.window.profile)  # fills the form, starts the warm-up
        indicator = self.window.connection_label
        checking = {indicator.toolTip(), "Checking connection..."}  # before and while it runs
        if not wait_until(lambda: indicator.toolTip() not in checking, 15_000) or \
                not indicator.toolTip().startswith("Connected"):
            raise RuntimeError(f"the connection warm-up failed: {indicator.toolTip()!r}")
        self.window.to_field.edit.setFocus()

    def catch_answer(self) -> SignalCatcher:
        """Catches the next status log row: the answer to the move about to be sent, a
        LogEntry (outcome, elapsed_ms...), caught once the window has shown it."""
        log_model = self.window.log_model
        return SignalCatcher(log_model.rowsInserted, lambda *inserted: log_model.entries[0])

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

    The caught value is `value(*arguments)`, by default the signal's first argument,
    read at the moment of the emission.
    """

    def __init__(self, signal, value: Callable | None = None) -> None:  # type: ignore[no-untyped-def,type-arg]
        super().__init__()
        self.value = None
        self.caught = False
        self._signal = signal
        self._read = value or (lambda first=None, *rest: first)
        self._loop: QEventLoop | None = None
        signal.connect(self._catch)

    def _catch(self, *arguments) -> None:  # type: ignore[no-untyped-def]
        if not self.caught:
            self.value, self.caught = self._read(*arguments), True
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


def wait_until(condition: Callable[[], bool], timeout_ms: int) -> bool:
    """Run the event loop until `condition()` holds (checked every 5 ms) or the timeout."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition():
        if time.monotonic() > deadline:
            return False
        spin(5)
    return True


def spin(ms: int) -> None:
    """Run the event loop for `ms` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()

