"""Nothing dies in silence: errors in slots and at start-up reach the agent and the log file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

import pytest
from PySide6.QtCore import QTimer

from phlo_desk.ui.app import log_file_path, setup_logging
from phlo_desk.ui.error_reporting import ErrorReporter


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_becomes_a_plain_row_and_a_traceback_in_the_log_file(qtbot, window, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter = ErrorReporter(setup_logging)
    reporter.show_in(lambda sentence: window.log_model.rows.insert(0, sentence))
    rows_before = len(window.log_model.rows)

    def broken_slot() -> None:
        raise RuntimeError("boom in a slot")

    QTimer.singleShot(0, broken_slot)  # raised inside Qt's event loop, as a real slot's error is
    qtbot.waitUntil(lambda: len(window.log_model.rows) > rows_before, timeout=3000)
    sentence = window.log_model.rows[0]
    assert "Internal error" in sentence and "check the call" in sentence
    assert str(log_file_path()) in sentence
    assert "boom" not in sentence and "RuntimeError" not in sentence and "Traceback" not in sentence
    logged = log_file_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: boom in a slot" in logged


@pytest.mark.qt_no_exception_capture
def test_an_error_on_another_thread_is_reported_on_the_gui_thread(qtbot, window, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    reporter = ErrorReporter(setup_logging)
    shown: list[tuple[str, bool]] = []
    reporter.show_in(lambda sentence: shown.append((sentence, threading.current_thread() is threading.main_thread())))

    def fail() -> None:
        raise ValueError("boom on a thread")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert shown[0][1], "shown from the worker thread: widgets may only be touched on the GUI thread"
    assert "ValueError: boom on a thread" in log_file_path().read_text(encoding="utf-8")


STARTUP_FAILS = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from phlo_desk.ui import app as desk_app

    def broken_launch(*args, **kwargs):
        raise RuntimeError("the window could not be built")

    def answer():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, answer)
            return
        print("DIALOG", box.windowTitle(), "|", box.text(), flush=True)
        box.accept()

    desk_app.launch = broken_launch  # a failure while the window is being built
    application = QApplication(sys.argv[:1])
    QTimer.singleShot(0, answer)
    sys.exit(desk_app.main(["--sandbox"]))
""")


def test_a_failure_while_the_window_is_built_shows_a_dialog_and_logs_the_traceback():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", STARTUP_FAILS], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr[-2000:]
    dialog = next(line for line in done.stdout.splitlines() if line.startswith("DIALOG"))
    assert "could not start" in dialog and str(log_file_path()) in dialog
    assert "RuntimeError" not in dialog and "Traceback" not in done.stdout
    logged = log_file_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: the window could not be built" in logged
