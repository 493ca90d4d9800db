"""Quitting while a request hangs is prompt and clean: the request is cut, its history row
says the outcome is unknown, the lock is released and the process exits with status 0."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time

from phlo_desk.sandbox.http import HttpRequest, HttpResponse
from tests.support.recording_server import ACCEPTED, RecordingServer
from tests.support.secrets import AUTH_ID, TOKEN

QUIT_WHILE_SENDING = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from phlo_desk.core.actions import NodeAction
    from phlo_desk.ui import app as desk_app
    from phlo_desk.ui.main_window import MainWindow

    def window():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)

    def send_when_connected():
        desk = window()
        if desk is None or "Connected" not in desk.connection_label.text():
            QTimer.singleShot(20, send_when_connected)
            return
        desk.to_field.setText("+14152225555")
        assert desk.start_action(NodeAction.WARM_TRANSFER)
        QTimer.singleShot(500, quit_anyway)

    def quit_anyway():
        def answer():
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                print("ASKED", box.text().replace("\\n", " "), flush=True)
                quit_button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
                print("BUTTONS", [b.text() for b in box.buttons()], flush=True)
                quit_button.click()
            else:
                QTimer.singleShot(20, answer)
        QTimer.singleShot(20, answer)
        print("CLOSING", time.monotonic(), flush=True)
        window().close()

    application = QApplication(sys.argv[:1])
    QTimer.singleShot(0, send_when_connected)
    code = desk_app.main([])
    print("RETURNED", time.monotonic(), flush=True)
    sys.exit(code)
""")


def hang_posts(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        time.sleep(30)  # far past the desk's 15 s deadline: only the cut can end it sooner
    return ACCEPTED


def test_quit_while_a_request_hangs_is_prompt_and_clean(tmp_path, own_data_folder):
    with RecordingServer(default=hang_posts) as server:  # type: ignore[arg-type]
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PHLO_DESK_CONFIG_DIR": str(tmp_path),
               "PHLO_DESK_API_BASE": server.url, "PLIVO_AUTH_ID": AUTH_ID, "PLIVO_AUTH_TOKEN": TOKEN,
               "PHLO_DESK_PHLO_ID": "phlo-1", "PHLO_DESK_NODE_ID": "node-1",
               "PHLO_DESK_TRIGGER_SOURCE": "+14155550123"}
        done = subprocess.run([sys.executable, "-c", QUIT_WHILE_SENDING], env=env,
                              capture_output=True, text=True, timeout=60)
    assert "QThread: Destroyed" not in done.stderr and "Fatal" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    said = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert "still waiting for Plivo's answer" in said["ASKED"]
    assert said["BUTTONS"] == "['Quit anyway', 'Keep the desk open']"  # the buttons name the act
    lingered = float(said["RETURNED"]) - float(said["CLOSING"])
    assert lingered < 10, f"the desk lingered {lingered:.1f} s after Quit anyway"  # the deadline is 15 s
    assert [r.method for r in server.requests].count("POST") == 1  # cut, never resent
    history = own_data_folder / "phlo-desk" / "history.sqlite3"
    with sqlite3.connect(history) as db:
        rows = db.execute("SELECT action, outcome, answered FROM history").fetchall()
    assert rows == [("warm_transfer", "unknown", 1)]  # the audit says: sent, outcome unknown


def test_a_stopped_worker_leaves_nothing_on_its_thread_for_the_exit_to_delete(qapp):
    # Left to Python's exit, PySide deleted each runner after its QThread and freed the
    # thread's data twice: "double free or corruption" after the tests or the desk ended.
    from shiboken6 import Shiboken

    from phlo_desk.ui.worker import Worker

    worker = Worker("phlo-desk-test")
    worker.run(lambda: "done")
    assert worker.stop()
    assert not Shiboken.isValid(worker._runner)
    pending = worker.pending  # the first answer may still wait for the event loop
    late = worker.run(lambda: "late")  # a timer that fires after the stop: nothing runs, nothing raises
    assert worker.pending == pending and late is not None
