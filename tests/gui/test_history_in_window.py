"""The history as the agent meets it: written on the action thread, surviving restarts,
feeding the To field, and never standing between the agent and a transfer."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager

from PySide6.QtCore import Qt

from phlo_desk.core.actions import NodeAction, NodeRequest
from phlo_desk.core.history import NO_ANSWER_MESSAGE, HistoryFilter, HistoryStore
from phlo_desk.core.outcomes import Outcome
from phlo_desk.core.paths import default_history_path
from phlo_desk.core.settings import Profile
from phlo_desk.ui.history_view import HistoryDialog
from phlo_desk.ui.worker import Background
from tests.gui.conftest import open_window
from tests.support.recording_server import ACCEPTED, RecordingServer
from tests.support.secrets import AUTH_ID, TOKEN

TARGET = "+14152225555"
AGENT = "+14155550100"
WARM = NodeRequest(NodeAction.WARM_TRANSFER, TARGET, AGENT)


def history_count(path) -> int:
    from phlo_desk.core.history import HistoryFilter

    if not path.exists():
        return 0
    store = HistoryStore(path)
    try:
        return store.count(HistoryFilter())
    finally:
        store.close()


def send(qtbot, window, action=NodeAction.CALL, to=TARGET) -> None:
    """Send one action and wait until the window shows it and the history has it."""
    before, rows = history_count(window.history_path), len(window.log_model.entries)
    window.to_field.setText(to)
    assert window.start_action(action)
    qtbot.waitUntil(lambda: len(window.log_model.entries) > rows, timeout=5000)  # the window has the answer
    qtbot.waitUntil(lambda: history_count(window.history_path) > before, timeout=5000)


def test_each_action_is_recorded_in_the_sandbox_history(qtbot, launched):
    window = launched.window
    assert window.history_path == default_history_path(sandbox=True)
    send(qtbot, window, NodeAction.WARM_TRANSFER)
    store = HistoryStore(window.history_path)
    try:
        [record] = store.page(store_filter(), None, 10)
    finally:
        store.close()
    entry = window.log_model.entries[0]
    assert (record.action, record.target, record.outcome.value, record.api_id) == (
        "warm_transfer", TARGET, "ok", entry.api_id)
    assert record.trigger_source == window.profile.trigger_source and record.role == "agent"


def store_filter():
    from phlo_desk.core.history import HistoryFilter

    return HistoryFilter()


def test_recent_targets_complete_the_to_field_after_a_restart(qtbot, sandbox):
    first = open_window(qtbot, ["--sandbox"], sandbox=sandbox)
    send(qtbot, first.window, to="+14152226666")
    send(qtbot, first.window, to="sip:bob@phone.plivo.com")
    assert first.window.target_search.recent[:2] == ["sip:bob@phone.plivo.com", "+14152226666"]
    first.background.stop()

    second = open_window(qtbot, ["--sandbox"], sandbox=sandbox)
    try:
        window = second.window
        assert window.target_search.recent[:2] == ["sip:bob@phone.plivo.com", "+14152226666"]
        window.activateWindow()  # the line edit takes up its completer on focus-in
        qtbot.waitUntil(window.isActiveWindow)
        window.to_field.edit.setFocus()
        qtbot.keyClicks(window.to_field.edit, "26")  # two keystrokes
        completer = window.to_field.edit.completer()
        assert completer.popup().isVisible()
        assert completer.completionModel().index(0, 0).data() == "+14152226666"
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
        assert window.to_field.text() == "+14152226666"
    finally:
        second.background.stop()


def test_a_damaged_history_never_stops_a_transfer(qtbot, launched, sandbox):
    window = launched.window
    window.history_path.write_bytes(b"this is not a database" * 100)
    window.background.use_history(window.history_path)  # reopen: as after a restart
    window.to_field.setText(TARGET)
    window.start_action(NodeAction.WARM_TRANSFER)
    qtbot.waitUntil(lambda: len(window.log_model.entries) >= 2, timeout=5000)
    result, notice = window.log_model.entries[1], window.log_model.entries[0]
    assert result.cells()[3] == "Accepted"
    assert notice.cells()[1] == "History" and "the history could not be written" in notice.message
    assert [e["action"] for e in sandbox.snapshot()["events"]] == ["warm_transfer"]


def test_history_opens_from_the_window_and_shows_new_actions_while_open(qtbot, launched):
    window = launched.window
    send(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.total() == 1
    send(qtbot, window, to="+14152226666")
    qtbot.waitUntil(lambda: dialog.model.total() == 2, timeout=3000)
    dialog.close()


# -- the order of writing, sending and showing (the background on its threads, a recording server) --


@contextmanager
def background_for(server: RecordingServer, history_path):  # type: ignore[no-untyped-def]
    background = Background()
    profile = Profile(api_base=server.url, auth_id=AUTH_ID, phlo_id="phlo-1", node_id="node-1", trigger_source=AGENT)
    background.configure(profile, TOKEN)
    background.use_history(history_path)
    try:
        yield background
    finally:
        background.stop()


def send_warm(qtbot, background):  # type: ignore[no-untyped-def]
    """Submit the warm transfer and wait for its answer, as the window gets it (an ActionAnswer)."""
    job = background.submit(WARM)
    assert job is not None
    answers: list = []  # type: ignore[type-arg]
    job.finished.connect(answers.append)
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
    return answers[0]


def rows_in(path) -> list:  # type: ignore[no-untyped-def,type-arg]
    """What the history file says now, read through a connection of the calling thread."""
    store = HistoryStore(path)
    try:
        return store.page(HistoryFilter(), None, 100)
    finally:
        store.close()


def test_the_row_is_written_before_the_request_goes_out(qtbot, tmp_path):
    path, on_the_wire = tmp_path / "history.sqlite3", []

    def answer(request):  # type: ignore[no-untyped-def]
        on_the_wire.extend(rows_in(path))  # read by the server, while it holds the request
        return ACCEPTED

    with RecordingServer() as server, background_for(server, path) as background:
        server.script(answer)
        shown = send_warm(qtbot, background)
    [sent] = on_the_wire
    assert (sent.action, sent.target, sent.trigger_source, sent.role) == ("warm_transfer", TARGET, AGENT, "agent")
    assert not sent.answered and sent.outcome is Outcome.UNKNOWN and sent.message == NO_ANSWER_MESSAGE
    assert shown.result.ok and shown.history_problem is None


def test_the_answer_is_in_the_history_before_the_agent_is_shown_it(qtbot, tmp_path):
    path, when_shown, shown = tmp_path / "history.sqlite3", [], threading.Event()

    def hold_until_shown(request):  # type: ignore[no-untyped-def]
        shown.wait(5)
        return ACCEPTED

    with RecordingServer() as server, background_for(server, path) as background:
        server.script(ACCEPTED, hold_until_shown)
        job = background.submit(WARM)
        job.finished.connect(lambda answer: (when_shown.append((rows_in(path), answer)), shown.set()))
        # Queued behind the action on its thread and held at the server until the answer is
        # shown: whatever that thread might write after handing the answer over comes too late.
        background.warm_up()
        qtbot.waitUntil(lambda: len(when_shown) == 1, timeout=5000)
    [([record], answer)] = when_shown
    result = answer.result
    assert record.answered and result.ok and result.api_id and answer.history_problem is None
    assert record.as_result() == result  # outcome, status, api_id, message, detail and time taken
    assert rows_in(path) == [record]  # one row per action, completed in place


def test_a_history_locked_while_sending_still_gets_the_whole_row_afterwards(qtbot, tmp_path):
    path = tmp_path / "history.sqlite3"
    created = HistoryStore(path)
    created.open()
    created.close()
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the file as the action starts

    def answer(request):  # type: ignore[no-untyped-def]
        blocker.rollback()  # ... and lets go of it before the answer comes
        return ACCEPTED

    try:
        with RecordingServer() as server, background_for(server, path) as background:
            server.script(answer)
            shown = send_warm(qtbot, background)
    finally:
        blocker.close()
    assert len(server.requests) == 1 and shown.result.ok  # the transfer went out regardless
    [record] = rows_in(path)
    assert record.answered and record.as_result() == shown.result
    assert shown.history_problem is None  # the history has it all: nothing to warn about
