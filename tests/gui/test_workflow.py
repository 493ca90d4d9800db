"""Every transfer path through the window against the sandbox: the legs panel and the
simulated call must show the same picture after each step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from phlo_desk.core.actions import MemberAction, NodeAction
from phlo_desk.core.transfer import LegRole, Phase
from phlo_desk.sandbox import DEFAULT_CUSTOMER, Fault
from tests.gui.conftest import answer_next_dialog

TARGET = "+14152225555"
ADDED = "sip:alice@phone.plivo.com"


@pytest.fixture
def desk(qtbot, window):
    window.legs_panel.customer_field.setText(DEFAULT_CUSTOMER)  # the agent pastes the caller's number
    return window


def act(qtbot, window, start) -> None:
    """Run one action to its answer."""
    before = len(window.log_model.entries)
    start()
    qtbot.waitUntil(lambda: len(window.log_model.entries) > before, timeout=5000)


def agree(window, sandbox) -> dict[str, str]:
    desk = {leg.address: leg.state.value for leg in window.tracker.legs if leg.address}
    simulated = {m["address"]: m["state"] for m in sandbox.snapshot()["members"]}
    assert desk == simulated
    # and what each panel shows is that picture
    legs_table = window.legs_panel.table
    assert [legs_table.item(r, 1).text() for r in range(legs_table.rowCount())] == [
        leg.address for leg in window.tracker.legs]
    sandbox_table = window.sandbox_panel.table
    assert [sandbox_table.item(r, 0).text() for r in range(sandbox_table.rowCount())] == list(simulated)
    return desk


def warm_transfer(qtbot, window) -> None:
    window.to_field.setText(TARGET)
    act(qtbot, window, lambda: qtbot.keyClick(window.to_field.edit, Qt.Key.Key_Return,
                                              Qt.KeyboardModifier.ControlModifier))
    assert window.tracker.phase is Phase.CONSULTING


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
    act(qtbot, window, lambda: qtbot.keyClick(window.to_field.edit, key, modifiers))


def test_nothing_to_complete_join_or_cancel_without_a_transfer(qtbot, desk, sandbox):
    panel = desk.legs_panel
    assert not (panel.complete_button.isEnabled() or panel.join_button.isEnabled() or panel.cancel_button.isEnabled())
    for key in (Qt.Key.Key_Return, Qt.Key.Key_J, Qt.Key.Key_Backspace):
        qtbot.keyClick(desk.to_field.edit, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(100)
    assert sandbox.snapshot()["events"] == []


def test_warm_then_complete(qtbot, desk, sandbox):
    warm_transfer(qtbot, desk)
    assert agree(desk, sandbox) == {"+14155550123": "consulting", DEFAULT_CUSTOMER: "on_hold", TARGET: "consulting"}
    assert desk.legs_panel.complete_button.isEnabled()
    press(qtbot, desk, Qt.Key.Key_Return)  # Ctrl+Shift+Return
    assert desk.tracker.phase is Phase.COMPLETED
    assert agree(desk, sandbox) == {"+14155550123": "left", DEFAULT_CUSTOMER: "connected", TARGET: "connected"}
    assert desk.log_model.entries[0].cells()[1:4] == ["Complete transfer", "+14155550123", "Accepted"]
    assert "Transfer completed" in desk.legs_panel.phase.text()


def test_warm_then_join_then_the_agent_leaves(qtbot, desk, sandbox):
    warm_transfer(qtbot, desk)
    act(qtbot, desk, lambda: qtbot.mouseClick(desk.legs_panel.join_button, Qt.MouseButton.LeftButton))
    assert desk.tracker.phase is Phase.CONFERENCED
    assert set(agree(desk, sandbox).values()) == {"connected"}
    assert not desk.legs_panel.cancel_button.isEnabled()
    act(qtbot, desk, lambda: qtbot.mouseClick(desk.legs_panel.complete_button, Qt.MouseButton.LeftButton))
    assert desk.tracker.phase is Phase.COMPLETED
    assert agree(desk, sandbox)["+14155550123"] == "left"


def test_warm_then_cancel(qtbot, desk, sandbox):
    warm_transfer(qtbot, desk)
    press(qtbot, desk, Qt.Key.Key_Backspace)  # Ctrl+Shift+Backspace
    assert desk.tracker.phase is Phase.CANCELLED
    assert agree(desk, sandbox) == {"+14155550123": "connected", DEFAULT_CUSTOMER: "connected", TARGET: "left"}
    assert desk.warm_button.isEnabled()  # free to try another colleague


def test_cold_transfer(qtbot, desk, sandbox):
    desk.to_field.setText(TARGET)
    answer_next_dialog(QMessageBox.StandardButton.Yes)
    act(qtbot, desk, lambda: desk.start_action(NodeAction.COLD_TRANSFER))
    assert desk.tracker.phase is Phase.COLD_TRANSFERRED
    assert agree(desk, sandbox) == {"+14155550123": "left", DEFAULT_CUSTOMER: "connected", TARGET: "connected"}


def test_add_call_hold_resume_voicemail_and_hang_up(qtbot, desk, sandbox):
    panel = desk.legs_panel
    desk.to_field.setText(ADDED)
    act(qtbot, desk, lambda: desk.start_action(NodeAction.CALL))
    assert agree(desk, sandbox)[ADDED] == "connected"

    act(qtbot, desk, lambda: panel.leg_button(LegRole.ADDED, MemberAction.HOLD).click())
    assert agree(desk, sandbox)[ADDED] == "on_hold"
    act(qtbot, desk, lambda: panel.leg_button(LegRole.ADDED, MemberAction.UNHOLD).click())
    assert agree(desk, sandbox)[ADDED] == "connected"

    answers = answer_next_dialog(QMessageBox.StandardButton.Yes)
    act(qtbot, desk, lambda: panel.leg_button(LegRole.CUSTOMER, MemberAction.HANGUP).click())
    assert "Disconnect +14155550100" in answers[0]
    assert agree(desk, sandbox)[DEFAULT_CUSTOMER] == "left"

    act(qtbot, desk, lambda: panel.leg_button(LegRole.ADDED, MemberAction.VOICEMAIL_DROP).click())
    assert agree(desk, sandbox)[ADDED] == "left"
    assert [e.cells()[1] for e in desk.log_model.entries] == [
        "Drop voicemail", "Hang up", "Resume from hold", "Hold", "Add to call"]


def test_hang_up_asks_first_and_cancel_sends_nothing(qtbot, desk, sandbox):
    answer_next_dialog(QMessageBox.StandardButton.Cancel)
    desk.legs_panel.leg_button(LegRole.CUSTOMER, MemberAction.HANGUP).click()
    qtbot.wait(100)
    assert sandbox.snapshot()["events"] == []
    agree(desk, sandbox)


@pytest.mark.parametrize(
    ("step", "label"),
    [
        (lambda qtbot, w: press(qtbot, w, Qt.Key.Key_Return), "Complete transfer"),
        (lambda qtbot, w: act(qtbot, w, w.legs_panel.join_button.click), "Join all"),
        (lambda qtbot, w: press(qtbot, w, Qt.Key.Key_Backspace), "Cancel transfer"),
        (lambda qtbot, w: act(qtbot, w, w.legs_panel.leg_button(LegRole.TARGET, MemberAction.HANGUP).click), "Hang up"),
    ],
)
def test_a_rejected_step_leaves_the_consult_where_it_was(qtbot, desk, sandbox, step, label):
    warm_transfer(qtbot, desk)
    before = agree(desk, sandbox)
    sandbox.set_fault(Fault(status=400, body='{"api_id": "x", "error": "Invalid value provided for action."}', count=1))
    if label == "Hang up":
        answer_next_dialog(QMessageBox.StandardButton.Yes)  # hang up asks first
    step(qtbot, desk)
    entry = desk.log_model.entries[0]
    assert entry.cells()[1] == label and entry.cells()[3] == "Refused"
    assert "Invalid value provided for action." in entry.message
    assert desk.tracker.phase is Phase.CONSULTING and agree(desk, sandbox) == before
    assert "Last problem: Invalid value provided for action." in desk.legs_panel.phase.text()
    assert desk.legs_panel.complete_button.isEnabled()


def test_a_rejected_transfer_fails_and_leaves_the_call(qtbot, desk, sandbox):
    before = agree(desk, sandbox)
    desk.trigger_field.setText("+14155550199")  # not in the call: the sandbox refuses
    desk.to_field.setText(TARGET)
    act(qtbot, desk, lambda: desk.start_action(NodeAction.WARM_TRANSFER))
    assert desk.tracker.phase is Phase.FAILED
    assert desk.log_model.entries[0].cells()[3] == "Refused"
    simulated = {m["address"]: m["state"] for m in sandbox.snapshot()["members"]}
    assert simulated == before


def test_holding_the_complete_shortcut_sends_once(qtbot, desk, sandbox):
    warm_transfer(qtbot, desk)
    sandbox.set_fault(Fault(mode="hang", delay_ms=300, count=1))
    for _ in range(10):
        qtbot.keyClick(desk.to_field.edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: desk.tracker.phase is Phase.COMPLETED, timeout=5000)
    for _ in range(5):
        qtbot.keyClick(desk.to_field.edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(200)
    assert [e["action"] for e in sandbox.snapshot()["events"]] == ["warm_transfer", "hangup"]


def test_unanswered_consult_is_shown_as_unconfirmed(qtbot, desk, sandbox):
    sandbox.set_fault(Fault(mode="drop", count=1))
    desk.to_field.setText(TARGET)
    act(qtbot, desk, lambda: desk.start_action(NodeAction.WARM_TRANSFER))
    assert desk.tracker.uncertain
    assert "(unconfirmed)" in desk.legs_panel.table.item(2, 2).text()
    assert "it may not have happened" in desk.legs_panel.phase.text()


def test_new_call_clears_the_panel_and_sends_nothing(qtbot, desk, sandbox):
    warm_transfer(qtbot, desk)
    press(qtbot, desk, Qt.Key.Key_Return)
    events = len(sandbox.snapshot()["events"])
    qtbot.mouseClick(desk.legs_panel.new_call_button, Qt.MouseButton.LeftButton)
    assert desk.tracker.phase is Phase.IDLE
    assert [leg.address for leg in desk.tracker.legs] == ["+14155550123", ""]
    assert desk.legs_panel.customer_field.text() == ""
    assert len(sandbox.snapshot()["events"]) == events


def test_a_customer_added_before_the_transfer_waits_with_the_caller(qtbot, desk, sandbox):
    desk.role_combo.setCurrentIndex(desk.role_combo.findText("Customer"))
    desk.to_field.setText(ADDED)
    act(qtbot, desk, lambda: desk.start_action(NodeAction.CALL))
    desk.role_combo.setCurrentIndex(desk.role_combo.findText("Agent"))
    warm_transfer(qtbot, desk)
    assert agree(desk, sandbox)[ADDED] == "on_hold"
    act(qtbot, desk, desk.legs_panel.join_button.click)
    assert agree(desk, sandbox)[ADDED] == "connected"
