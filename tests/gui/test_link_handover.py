"""A tel:/sip: link reaches the desk that is open: a second `phlo-desk LINK` hands it over
and exits at once; the open desk shows it in To, comes to the front and never sends.

The open desk runs in this process (so its window can be watched) or as a real desk
process; every second desk is a real process talking over the real local socket.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from phlo_desk.ui.app import hold_single_instance_lock, lock_path
from phlo_desk.ui.single_instance import receive_open_url_events, serve_links, show_link, socket_name
from tests.gui.conftest import open_window, when_dialog_opens
from tests.support.recording_server import ACCEPTED, RecordingServer, Slow
from tests.support.secrets import AUTH_ID, TOKEN

REPO = Path(__file__).resolve().parents[2]
LINK, WIRE = "tel:+1-415-555-1212", "+14155551212"
FAST_S = 5.0  # "exits at once": start-up of a Python process and the hand-over, on a loaded machine
ENTRY_POINT = Path(sys.executable).with_name("phlo-desk")
SECOND_DESK = [str(ENTRY_POINT)] if ENTRY_POINT.exists() else [sys.executable, "-m", "phlo_desk.ui.app"]

# `phlo-desk ARGS` through main(), answering any message box and printing its text:
# for the paths that end in a box (offscreen, nobody would close it).
ANSWERING_BOXES = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from phlo_desk.ui.app import main

    application = QApplication(sys.argv[:1])

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            print("BOX", box.text().replace("\\n", " | "), flush=True)
            box.done(0)

    poll = QTimer()
    poll.timeout.connect(answer)
    poll.start(20)
    sys.exit(main(sys.argv[1:]))
""")


@pytest.fixture
def recording():
    with RecordingServer() as server:
        yield server


@pytest.fixture
def session(tmp_path, monkeypatch, recording):
    """A private login: runtime, config and state folders of its own, and settings that
    point the desk at the recording server. The environment is this process's and each
    desk process's."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    for name, value in {
        "XDG_RUNTIME_DIR": str(runtime), "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"), "XDG_STATE_HOME": str(tmp_path / "home" / ".state"),
        "PHLO_DESK_CONFIG_DIR": str(tmp_path / "settings"), "QT_QPA_PLATFORM": "offscreen",
        "PHLO_DESK_API_BASE": recording.url, "PLIVO_AUTH_ID": AUTH_ID, "PLIVO_AUTH_TOKEN": TOKEN,
        "PHLO_DESK_PHLO_ID": "phlo-1", "PHLO_DESK_NODE_ID": "node-1", "PHLO_DESK_TRIGGER_SOURCE": "+14155550123",
    }.items():
        monkeypatch.setenv(name, value)
    (tmp_path / "home").mkdir()
    lock = lock_path()
    assert lock.parent.parent == runtime
    assert len(socket_name(lock)) < 100, "a Unix socket's path must fit in 108 bytes"
    return lock


@pytest.fixture
def open_desk(qtbot, session):
    """The open desk, in this process: it holds the lock and listens, as main() does."""
    lock = hold_single_instance_lock(session)
    assert lock is not None
    launched = open_window(qtbot, [])
    links = serve_links(socket_name(session), launched.window)
    yield launched.window
    links.close()
    lock.unlock()


def second_desk(qtbot, *args: str, answering_boxes: bool = False) -> tuple[int, str, float]:
    """Run `phlo-desk ARGS` as a new process while this one's event loop runs;
    its exit status, what it printed and how long it took."""
    command = [sys.executable, "-c", ANSWERING_BOXES] if answering_boxes else SECOND_DESK
    started = time.monotonic()
    process = subprocess.Popen([*command, *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
    finally:
        if process.poll() is None:
            process.kill()
        output = process.communicate(timeout=10)[0]
    return process.returncode, output, time.monotonic() - started


def posts(server: RecordingServer) -> list:
    return [request for request in server.requests if request.method == "POST"]


def test_a_link_reaches_the_open_desk_which_shows_it_in_to_and_sends_nothing(qtbot, open_desk, recording):
    open_desk.showMinimized()
    code, output, took = second_desk(qtbot, LINK)
    assert code == 0, output
    assert took < FAST_S, f"the second desk took {took:.1f} s"
    qtbot.waitUntil(lambda: open_desk.to_field.text() == WIRE)
    assert "Will send: +14155551212" in open_desk.to_field.hint.text()
    assert not open_desk.isMinimized()  # to the front
    assert "is in To. Nothing was sent." in open_desk.statusBar().currentMessage()
    qtbot.wait(300)
    assert posts(recording) == [] and open_desk.desk.in_flight is None


def test_the_second_desk_loads_nothing_of_the_window(qtbot, open_desk):
    loaded = ("import sys; from phlo_desk.ui.app import main; code = main(sys.argv[1:]); "
              "print(sorted(m for m in sys.modules if m.startswith(('phlo_desk.ui.', 'PySide6.Qt')))); sys.exit(code)")
    process = subprocess.Popen([sys.executable, "-c", loaded, LINK], cwd=REPO, stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
    assert process.returncode == 0
    modules = process.stdout.read()
    assert "'PySide6.QtNetwork'" in modules and "'phlo_desk.ui.single_instance'" in modules
    for heavy in ("PySide6.QtWidgets", "PySide6.QtGui", "phlo_desk.ui.main_window", "phlo_desk.ui.log_view"):
        assert f"'{heavy}'" not in modules, modules
    qtbot.waitUntil(lambda: open_desk.to_field.text() == WIRE)


def test_a_link_that_is_not_an_address_is_refused_and_nothing_is_handed_over(qtbot, open_desk, recording):
    open_desk.to_field.setText("(415) 222-5555")
    code, output, _ = second_desk(qtbot, "tel:+1-415-555-1212;postd=pp22", answering_boxes=True)
    assert code == 2, output
    box = next(line for line in output.splitlines() if line.startswith("BOX "))
    assert "tel:+1-415-555-1212;postd=pp22" in box and "Post-dial digits cannot be sent" in box
    assert "Traceback" not in output
    qtbot.wait(200)
    assert open_desk.to_field.text() == "(415) 222-5555"
    assert open_desk.statusBar().currentMessage() == ""  # the open desk heard nothing
    assert posts(recording) == []


def test_with_no_desk_open_a_bad_link_is_refused_the_same_way(qtbot, session):
    code, output, _ = second_desk(qtbot, "sip:nobody", answering_boxes=True)
    assert code == 2 and "BOX " in output and "A SIP address looks like sip:user@host." in output, output
    assert not session.exists() and not Path(socket_name(session)).exists()  # no desk was started


@pytest.mark.parametrize("message", [
    b'{"link": "tel:+1-415-555-1212;ext=3"}\n',  # the open desk checks again
    b'{"link": 14155551212}\n',
    b'["tel:+14155551212"]\n',
    b"tel:+14155551212\n",
])
def test_the_open_desk_trusts_nothing_that_comes_over_the_socket(qtbot, open_desk, session, message):
    talk = ("import socket, sys; s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); "
            "s.sendall(sys.argv[2].encode()); print(s.makefile().readline(), end='')")
    process = subprocess.Popen([sys.executable, "-c", talk, socket_name(session), message.decode()],
                               stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=10_000)
    assert process.stdout.read().startswith('{"ok": false')
    assert open_desk.to_field.text() == ""


def test_a_link_in_place_of_what_the_agent_typed_can_be_undone(qtbot, open_desk):
    open_desk.target_search.set_recent(["+14155551200", WIRE])  # the completion list must not pop up
    qtbot.keyClicks(open_desk.to_field.edit, "(415) 222-5555")
    assert show_link(open_desk, LINK) is None
    assert open_desk.to_field.text() == WIRE
    assert "in place of (415) 222-5555" in open_desk.statusBar().currentMessage()
    assert not open_desk.to_field.edit.completer().popup().isVisible()
    open_desk.to_field.edit.setFocus()
    qtbot.keyClick(open_desk.to_field.edit, "z", modifier=Qt.KeyboardModifier.ControlModifier)
    assert open_desk.to_field.text() == "(415) 222-5555"


def test_a_link_waits_out_the_question_and_the_move_it_starts_then_goes_into_to(qtbot, open_desk, recording):
    # A cold transfer asks first, then hands the caller over; its answer empties To.
    # A link that comes meanwhile must change neither what the question is about nor be lost.
    qtbot.waitUntil(lambda: "Connected" in open_desk.connection_label.text(), timeout=5000)
    recording.script(Slow(1.0, ACCEPTED))  # for the transfer (the connection check came first)
    open_desk.to_field.setText("(415) 222-5555")
    during_the_question = {}

    def link_comes(box: QMessageBox) -> None:
        during_the_question["taken"] = show_link(open_desk, "sip:alice@phone.plivo.com")
        during_the_question["to"] = open_desk.to_field.text()
        during_the_question["said"] = open_desk.statusBar().currentMessage()
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()

    when_dialog_opens(link_comes)
    qtbot.mouseClick(open_desk.cold_button, Qt.MouseButton.LeftButton)  # returns once the question is answered
    try:
        assert during_the_question["taken"] is None and during_the_question["to"] == "(415) 222-5555"
        assert "once the open dialog is closed" in during_the_question["said"]
        assert open_desk.desk.in_flight is not None
        qtbot.wait(300)
        assert open_desk.to_field.text() == "(415) 222-5555"  # not under the move being sent
        assert "once the move being sent is answered" in open_desk.statusBar().currentMessage()
    finally:  # closing a desk with a move in flight asks first: a failure must not wait on that
        qtbot.waitUntil(lambda: open_desk.desk.in_flight is None, timeout=5000)
    assert open_desk.desk.handed_over
    qtbot.waitUntil(lambda: open_desk.to_field.text() == "sip:alice@phone.plivo.com")
    assert len(posts(recording)) == 1  # the agent's transfer; the link sent nothing


def test_macos_open_url_events_take_the_same_way(qtbot, open_desk, recording):
    events = receive_open_url_events(QApplication.instance(), open_desk)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl("tel:+1%20415%20555%201212")))
        assert open_desk.to_field.text() == WIRE
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl("sip:bob@phone.plivo.com")))
        assert open_desk.to_field.text() == "sip:bob@phone.plivo.com"
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl("tel:;phone-context=example.com")))
        assert open_desk.to_field.text() == "sip:bob@phone.plivo.com"
        assert open_desk.statusBar().currentMessage().startswith("Link not used: tel:;phone-context=example.com")
        assert posts(recording) == []
    finally:  # an application-wide filter would see every event of the tests that follow
        QApplication.instance().removeEventFilter(events)


def start_desk_process(session: Path) -> subprocess.Popen:
    """A real desk process (non-sandbox), once it listens for links."""
    process = subprocess.Popen(SECOND_DESK, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not Path(socket_name(session)).exists():
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "the desk never listened"
        time.sleep(0.05)
    return process


def test_a_desk_killed_with_sigkill_leaves_its_socket_and_the_next_desk_takes_over(qtbot, session, recording):
    desk = start_desk_process(session)
    try:
        code, output, _ = second_desk(qtbot, LINK)
        assert code == 0, output  # the real desk process took it
        # The socket is this user's alone: the file and the folder it is in.
        socket_file = Path(socket_name(session))
        assert stat.S_ISSOCK(socket_file.stat().st_mode)
        assert socket_file.stat().st_mode & 0o077 == 0, oct(socket_file.stat().st_mode)
        assert socket_file.parent.stat().st_mode & 0o077 == 0, oct(socket_file.parent.stat().st_mode)
    finally:
        os.kill(desk.pid, signal.SIGKILL)
        desk.wait(timeout=10)
    assert socket_file.exists()  # nobody removed it: stale
    lock = hold_single_instance_lock(session)  # the killed desk's lock is taken over
    assert lock is not None
    try:
        launched = open_window(qtbot, [])
        links = serve_links(socket_name(session), launched.window)
        code, output, took = second_desk(qtbot, "sip:carol@phone.plivo.com")
        assert code == 0 and took < FAST_S, output
        qtbot.waitUntil(lambda: launched.window.to_field.text() == "sip:carol@phone.plivo.com")
        links.close()
    finally:
        lock.unlock()
    assert posts(recording) == []


def test_a_desk_that_does_not_answer_gets_the_old_advice(qtbot, session):
    desk = start_desk_process(session)
    os.kill(desk.pid, signal.SIGSTOP)  # hung: the socket accepts, nobody answers
    try:
        code, output, took = second_desk(qtbot, LINK, answering_boxes=True)
    finally:
        os.kill(desk.pid, signal.SIGKILL)
        desk.wait(timeout=10)
    assert code == 0, output
    assert "already open but did not answer" in output and f"Paste {LINK} into To there." in output
    assert took < 10
