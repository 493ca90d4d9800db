"""The agent window, offscreen, against the sandbox: typing, keyboard, guards, log rows."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPushButton, QWidget

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.call import Move
from phlo_desk.sandbox import DEFAULT_CUSTOMER, Fault
from tests.gui.conftest import answer_next_dialog, open_window

TARGET = "+14152225555"


def members(sandbox) -> dict[str, str]:
    return {m["address"]: m["state"] for m in sandbox.snapshot()["members"]}


def sent_actions(sandbox) -> list[str]:
    return [e["action"] for e in sandbox.snapshot()["events"]]


def log_cells(window, row: int = 0) -> list[str]:
    return window.log_model.entries[row].cells()


def wait_for_rows(qtbot, window, count: int) -> None:
    qtbot.waitUntil(lambda: len(window.log_model.entries) >= count, timeout=5000)


def test_opens_ready_for_the_agent(window):
    assert "PHLO Desk" in window.windowTitle()
    for name, kind in [
        ("toInput", QLineEdit), ("triggerSourceInput", QLineEdit), ("roleCombo", QComboBox),
        ("warmTransferButton", QPushButton), ("coldTransferButton", QPushButton),
        ("addCallButton", QPushButton), ("statusLog", QWidget), ("settingsButton", QPushButton),
    ]:
        widget = window.findChild(kind, name)
        assert widget is not None, name
        assert widget.accessibleName(), f"{name} has no accessible name"
        assert widget.toolTip(), f"{name} has no tooltip"
    assert window.focusWidget() is window.to_field.edit  # typing goes straight into To
    assert window.trigger_field.text() == window.profile.trigger_source
    assert window.role_combo.currentText() == "Agent"
    assert "Ctrl+Return" in window.to_field.edit.toolTip()
    assert window.findChild(QWidget, "sandboxBanner").isVisible()


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("(415) 222-5555", "+14152225555"),
        ("415.222.5555", "+14152225555"),
        ("tel:+1-415-222-5555", "+14152225555"),
        ("0044 20 7946 0958", "+442079460958"),
        ("sip:alice@phone.plivo.com", "sip:alice@phone.plivo.com"),
    ],
)
def test_typing_shows_what_will_be_sent(window, typed, shown):
    window.to_field.setText(typed)
    assert shown in window.to_field.hint.text()
    assert window.warm_button.isEnabled()


def test_pasting_works_like_typing(qtbot, window):
    QGuiApplication.clipboard().setText(" (415) 222-5555 ")
    window.to_field.edit.setFocus()
    qtbot.keyClick(window.to_field.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.to_field.address is not None and window.to_field.address.wire == TARGET


def test_invalid_entry_says_why_and_blocks_sending(qtbot, window, sandbox):
    qtbot.keyClicks(window.to_field.edit, "415 22")
    assert "Too few digits" in window.to_field.hint.text()
    assert not window.warm_button.isEnabled()
    assert not window.cold_button.isEnabled() and not window.add_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    assert sent_actions(sandbox) == []


def test_ctrl_return_sends_a_warm_transfer_and_logs_it(qtbot, window, sandbox):
    qtbot.keyClicks(window.to_field.edit, "(415) 222-5555")
    qtbot.keyClick(window.to_field.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_rows(qtbot, window, 1)
    time_, action, target, outcome, status, api_id, message, elapsed = log_cells(window)
    assert (action, target, outcome, status) == ("Warm transfer", TARGET, "Accepted", "201")
    assert len(api_id) == 36 and message == "Accepted by Plivo." and elapsed.endswith(" ms")
    assert members(sandbox)[TARGET] == "consulting"
    rows = {row.shown.leg.address: row for row in window.legs_panel.rows}
    assert rows[TARGET].state.text().startswith("Private consult")
    assert rows["+14155550100"].state.text().startswith("On hold")
    # the simulator agrees with the desk, so no row shows a second opinion
    assert all(row.simulator.isHidden() for row in rows.values()) and window.legs_panel.only_simulated.isHidden()


def test_ctrl_enter_on_the_keypad_also_sends(qtbot, window, sandbox):
    window.to_field.setText(TARGET)
    qtbot.keyClick(window.to_field.edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
    wait_for_rows(qtbot, window, 1)
    assert sent_actions(sandbox) == ["warm_transfer"]


def test_twenty_rapid_presses_send_exactly_one_request(qtbot, window, sandbox):
    sandbox.set_fault(Fault(mode="hang", delay_ms=600, count=1))
    window.to_field.setText(TARGET)
    for _ in range(20):
        qtbot.keyClick(window.to_field.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.background.busy and not window.warm_button.isEnabled()
    wait_for_rows(qtbot, window, 1)
    for _ in range(5):  # after the answer: the consult is on, a second transfer is not offered
        qtbot.keyClick(window.to_field.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    assert sent_actions(sandbox) == ["warm_transfer"]
    assert not window.warm_button.isEnabled()
    assert "Warm transfer does not fit the call now" in window.statusBar().currentMessage()


def test_dialling_someone_already_on_the_call_asks_first(qtbot, window, sandbox):
    window.to_field.setText(TARGET)
    window.start_action(NodeAction.CALL)
    wait_for_rows(qtbot, window, 1)
    buttons: list[list[str]] = []
    answers = answer_next_dialog(QMessageBox.StandardButton.Cancel, buttons)
    assert not window.start_action(NodeAction.CALL)
    assert f"{TARGET} is already on this call" in answers[0] and "ring them twice" in answers[0]
    assert buttons[0] == ["Add to call again", "Don't send"]
    qtbot.wait(100)
    assert sent_actions(sandbox) == ["call"]


def test_the_window_stays_responsive_and_shows_elapsed_time_while_sending(qtbot, window, sandbox):
    sandbox.set_fault(Fault(mode="hang", delay_ms=1200, count=1))
    window.to_field.setText(TARGET)
    window.start_action(NodeAction.WARM_TRANSFER)
    qtbot.wait(400)
    first = window.sending_label.text()
    window.resize(window.width() + 40, window.height() + 30)  # the event loop is free
    qtbot.wait(400)
    second = window.sending_label.text()
    assert first.startswith("Sending warm transfer to +14152225555") and first != second
    assert window.progress.isVisible()
    wait_for_rows(qtbot, window, 1)
    assert not window.progress.isVisible() and window.add_button.isEnabled()


def test_an_answer_that_trickles_in_ends_at_the_deadline_as_outcome_unknown(qtbot, monkeypatch):
    from tests.gui.conftest import open_window
    from tests.support.recording_server import FaultServer, drip
    from tests.support.secrets import AUTH_ID, TOKEN

    # A byte every 0.3 s: each read is quick, so only a deadline on the whole answer ends it.
    answer = b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n" + b" " * 30
    with FaultServer(drip(answer, every_s=0.3)) as server:
        monkeypatch.setenv("PLIVO_AUTH_TOKEN", TOKEN)
        environ = {"PHLO_DESK_API_BASE": server.url, "PLIVO_AUTH_ID": AUTH_ID, "PHLO_DESK_PHLO_ID": "phlo-1",
                   "PHLO_DESK_NODE_ID": "node-1", "PHLO_DESK_TRIGGER_SOURCE": "+14155550123"}
        launched = open_window(qtbot, [], environ=environ)
        window = launched.window
        launched.background.actions.total_timeout_s = 2.0
        qtbot.waitUntil(lambda: "Checking" not in window.connection_label.text(), timeout=10_000)
        window.to_field.setText(TARGET)
        assert window.start_action(NodeAction.WARM_TRANSFER)
        wait_for_rows(qtbot, window, 1)
        outcome, message = log_cells(window)[3], log_cells(window)[6]
        assert outcome == "UNKNOWN: check call"
        assert "No complete answer from Plivo within 2 seconds" in message and "Check the call" in message
        assert window.add_button.isEnabled() and not window.progress.isVisible()
        assert [r.method for r in server.requests].count("POST") == 1  # never resent


def test_cold_transfer_asks_first_and_cancel_sends_nothing(qtbot, window, sandbox):
    window.to_field.setText(TARGET)
    answers = answer_next_dialog(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(window.cold_button, Qt.MouseButton.LeftButton)
    assert answers and "leave the call yourself" in answers[0]
    qtbot.wait(100)
    assert sent_actions(sandbox) == []

    answer_next_dialog(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(window.cold_button, Qt.MouseButton.LeftButton)
    wait_for_rows(qtbot, window, 1)
    assert sent_actions(sandbox) == ["cold_transfer"]
    assert members(sandbox)[window.profile.trigger_source] == "left"


def test_add_to_call_uses_the_chosen_role(qtbot, window, sandbox):
    window.to_field.setText("sip:alice@phone.plivo.com")
    window.role_combo.setCurrentIndex(window.role_combo.findText("Customer"))
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    wait_for_rows(qtbot, window, 1)
    [member] = [m for m in sandbox.snapshot()["members"] if m["address"] == "sip:alice@phone.plivo.com"]
    assert (member["role"], member["state"]) == ("customer", "connected")


@pytest.mark.parametrize(
    ("arrange", "outcome", "says"),
    [
        (lambda w, s: s.set_fault(Fault(status=429, count=1)), "Rate limited", "wait a few seconds"),
        (lambda w, s: s.set_fault(Fault(status=500, count=1)), "Plivo error", "server error"),
        (lambda w, s: s.set_fault(Fault(status=502, body="<html><title>Bad Gateway</title></html>",
                                        content_type="text/html", count=1)), "Plivo error", "Bad Gateway"),
        (lambda w, s: s.set_fault(Fault(mode="drop", count=1)), "UNKNOWN: check call", "the transfer may have happened"),
        (lambda w, s: w.trigger_field.setText("+14155550199"), "Refused", "not in this call"),
        (lambda w, s: w.apply_profile(_with(w.profile, node_id="no-such-node")), "Not found", "check the PHLO ID"),
        (lambda w, s: _reconfigure(w, token="wrong-token"), "Auth failed", "check them in Settings"),
        (lambda w, s: w.apply_profile(_with(w.profile, api_base=_closed_port())), "Not sent: network", "nothing was sent"),
    ],
)
def test_each_error_class_becomes_the_right_log_row(qtbot, window, sandbox, arrange, outcome, says):
    window.to_field.setText(TARGET)
    arrange(window, sandbox)
    qtbot.wait(50)
    window.start_action(NodeAction.WARM_TRANSFER)
    qtbot.waitUntil(lambda: any(e.action == "warm_transfer" for e in window.log_model.entries), timeout=8000)
    entry = next(e for e in window.log_model.entries if e.action == "warm_transfer")
    assert entry.cells()[3] == outcome
    assert says in entry.message
    assert window.warm_button.isEnabled()  # the agent can act on the advice straight away


def test_input_refused_before_sending_is_logged_and_focused(qtbot, window, sandbox):
    window.to_field.setText(window.profile.trigger_source)  # transferring to oneself
    window.start_action(NodeAction.WARM_TRANSFER)
    entry = window.log_model.entries[0]
    assert entry.cells()[3] == "Not sent" and "same address" in entry.message
    assert sent_actions(sandbox) == []


HOSTILE_TEXT = "<b>bold</b><img src='file:///etc/hostname'><a href='https://example.invalid/'>click</a>"


def test_server_text_is_shown_as_plain_text_everywhere(qtbot, window, sandbox):
    from PySide6.QtGui import Qt as QtGui
    from PySide6.QtWidgets import QLabel

    sandbox.set_fault(Fault(status=400, body=json.dumps({"api_id": "x", "error": HOSTILE_TEXT}), count=1))
    window.to_field.setText(TARGET)
    window.start_action(NodeAction.WARM_TRANSFER)
    wait_for_rows(qtbot, window, 1)
    assert HOSTILE_TEXT in window.headline.text.text()  # Plivo's reason is shown, as it came
    for label in window.findChildren(QLabel):
        if QtGui.mightBeRichText(label.text()):
            interprets = label.textFormat() != Qt.TextFormat.PlainText
            assert not (interprets and "<b>bold" in label.text()), f"{label.objectName()} renders server markup"
    assert "<b>" not in window.connection_label.text()


def test_log_rows_and_api_id_can_be_copied(qtbot, window):
    window.to_field.setText(TARGET)
    window.start_action(NodeAction.WARM_TRANSFER)
    wait_for_rows(qtbot, window, 1)
    entry = window.log_model.entries[0]
    window.log_view.setFocus()
    qtbot.keyClick(window.log_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == entry.as_text()
    assert entry.api_id in entry.as_text() and "Warm transfer" in entry.as_text()
    window.log_view.copy_api_id_action.trigger()
    assert QGuiApplication.clipboard().text() == entry.api_id


def test_newest_result_is_on_top(qtbot, window, sandbox):
    window.to_field.setText(TARGET)
    window.start_action(NodeAction.WARM_TRANSFER)
    wait_for_rows(qtbot, window, 1)
    window.to_field.setText("+14152226666")
    window.start_action(NodeAction.CALL)
    wait_for_rows(qtbot, window, 2)
    assert [e.target for e in window.log_model.entries] == ["+14152226666", TARGET]
    assert window.log_view.currentIndex().row() == 0


def test_tab_walks_the_controls_in_reading_order(qtbot, window):
    window.to_field.setText(TARGET)
    panel = window.legs_panel
    # Settings and the consult's moves are disabled here (sandbox, no consult): Tab skips them.
    customer_moves = [panel.leg_button(DEFAULT_CUSTOMER, move) for move in (Move.HOLD, Move.HANGUP, Move.VOICEMAIL)]
    expected = [window.trigger_field.edit, window.role_combo, window.warm_button,
                window.cold_button, window.add_button, window.directory_button, window.history_button,
                panel.customer_field.edit, *customer_moves, window.log_view,
                window.banner.copy_button, window.banner.reset_button,
                window.call_card.new_call_button, window.to_field.edit]
    widget = window.to_field.edit
    for following in expected:
        widget = widget.nextInFocusChain()
        while not (widget.isEnabled() and widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget = widget.nextInFocusChain()
        assert widget is following, f"expected {following.objectName()}, got {widget.objectName()}"


# -- helpers ---------------------------------------------------------------------


def _with(profile, **changes):
    from dataclasses import replace

    return replace(profile, **changes)


def _reconfigure(window, token: str) -> None:
    window.token = token
    window.apply_profile(window.profile)


def _closed_port() -> str:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_indicator_reports_a_failing_warm_up_and_rewarms_after_idle(qtbot, window, sandbox):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from phlo_desk.ui import main_window

    assert "Connected" in window.connection_label.text()
    sandbox.set_fault(Fault(status=401, count=1))
    window._last_network_use -= main_window.IDLE_REWARM_S + 1  # as if idle for a while
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: "rejected the Auth ID" in window.connection_label.text(), timeout=5000)
    # Active again soon after: no new warm-up, the indicator keeps the last answer.
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    qtbot.wait(200)
    assert "rejected the Auth ID" in window.connection_label.text()


def test_the_desk_settles_once_after_its_first_connection_check(qtbot, sandbox):
    launched = open_window(qtbot, ["--sandbox"], sandbox=sandbox)
    window, settled = launched.window, []
    window.settled.connect(lambda: settled.append(window.connection_label.text()))
    qtbot.waitUntil(lambda: bool(settled), timeout=5000)
    assert "Connected" in settled[0]  # the check answered first
    window.warm_up()  # a re-warm later in the shift: checked again, not settled again
    qtbot.waitUntil(lambda: "Checking" not in window.connection_label.text(), timeout=5000)
    qtbot.wait(50)
    assert len(settled) == 1


def test_a_desk_with_nothing_to_check_settles_at_once(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PHLO_DESK_CONFIG_DIR", str(tmp_path / "config"))
    launched = open_window(qtbot, [], environ={})  # no settings: nothing to connect to
    window, settled = launched.window, []
    window.settled.connect(lambda: settled.append(window.connection_label.text()))
    qtbot.waitUntil(lambda: bool(settled), timeout=5000)
    assert "Not set up" in settled[0]


def test_the_status_log_keeps_only_the_newest_rows(qapp):
    from phlo_desk.ui.log_view import LogEntry, LogModel

    model = LogModel()
    for number in range(LogModel.MAX_ROWS + 50):
        model.add(LogEntry.notice("history", f"row {number}"))
    assert model.rowCount() == LogModel.MAX_ROWS
    assert model.entries[0].message == f"row {LogModel.MAX_ROWS + 49}"  # newest on top
    assert model.entries[-1].message == "row 50"  # the oldest 50 went
