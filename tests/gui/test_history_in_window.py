"""The history as the agent meets it: written by the worker, surviving restarts,
feeding the To field, and never standing between the agent and a transfer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.history import HistoryStore, default_history_path
from phlo_desk.ui.history_view import HistoryDialog
from tests.gui.conftest import open_window

TARGET = "+14152225555"


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
    """Send one action and wait until the worker has written it to the history.

    (qtbot.waitSignal is not used on worker signals: its slot would run on the worker thread.)
    """
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
    assert first.window.recent_targets.stringList()[:2] == ["sip:bob@phone.plivo.com", "+14152226666"]
    first.background.stop()

    second = open_window(qtbot, ["--sandbox"], sandbox=sandbox)
    try:
        window = second.window
        assert window.recent_targets.stringList()[:2] == ["sip:bob@phone.plivo.com", "+14152226666"]
        window.to_field.edit.setFocus()
        qtbot.keyClicks(window.to_field.edit, "26")  # two keystrokes
        completer = window.to_field.edit.completer()
        assert completer.completionCount() >= 1 and completer.currentCompletion() == "+14152226666"
    finally:
        second.background.stop()


def test_a_damaged_history_never_stops_a_transfer(qtbot, launched, sandbox):
    window = launched.window
    window.history_path.write_bytes(b"this is not a database" * 100)
    window.worker.use_history(window.history_path)  # reopen: as after a restart
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
