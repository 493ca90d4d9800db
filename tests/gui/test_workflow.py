"""Every transfer path through the window against the sandbox: the legs panel and the
simulated call must show the same picture after each step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.call import Move, Phase, Step
from phlo_desk.core.history import HistoryFilter, HistoryStore
from phlo_desk.sandbox import DEFAULT_CUSTOMER, Fault
from tests.gui.conftest import answer_next_dialog

TARGET = "+14152225555"
ADDED = "sip:alice@phone.plivo.com"
OTHER = "+14152226666"


AGENT = "+14155550123"


@pytest.fixture
def win(qtbot, window):
    window.legs_panel.customer_field.setText(DEFAULT_CUSTOMER)  # the agent pastes the caller's number
    return window


def act(qtbot, window, start) -> None:
    """Run one move to its answer."""
    before = len(window.log_model.entries)
    start()
    qtbot.waitUntil(lambda: len(window.log_model.entries) > before, timeout=5000)


def agree(window, sandbox) -> dict[str, str]:
    shown = {leg.address: leg.state.value for leg in window.desk.picture.legs if leg.address}
    simulated = {m["address"]: m["state"] for m in sandbox.snapshot()["members"]}
    assert shown == simulated
    # and what each panel shows is that picture
    rows = window.legs_panel.rows
    assert [row.address.text() for row in rows] == [leg.address for leg in window.desk.picture.legs]
    assert all(row.simulator.isHidden() for row in rows) and window.legs_panel.only_simulated.isHidden()
    return shown


def phase(window) -> Phase:
    return window.desk.picture.phase


def warm_transfer(qtbot, window, target: str = TARGET) -> None:
    window.to_field.setText(target)
    act(qtbot, window, lambda: qtbot.keyClick(window.to_field.edit, Qt.Key.Key_Return,
                                              Qt.KeyboardModifier.ControlModifier))
    assert phase(window) is Phase.CONSULTING


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
    act(qtbot, window, lambda: qtbot.keyClick(window.to_field.edit, key, modifiers))


def leg_button(window, address: str, move: Move):
    button = window.legs_panel.leg_button(address, move)
    assert button is not None and button.isEnabled(), f"no {move} on {address}"
    return button


def test_nothing_to_complete_join_or_cancel_without_a_transfer(qtbot, win, sandbox):
    panel = win.call_card
    assert not (panel.complete_button.isEnabled() or panel.join_button.isEnabled() or panel.cancel_button.isEnabled())
    for key in (Qt.Key.Key_Return, Qt.Key.Key_J, Qt.Key.Key_Backspace):
        qtbot.keyClick(win.to_field.edit, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(100)
    assert sandbox.snapshot()["events"] == []


def test_warm_then_complete(qtbot, win, sandbox):
    warm_transfer(qtbot, win)
    assert agree(win, sandbox) == {AGENT: "consulting", DEFAULT_CUSTOMER: "on_hold", TARGET: "consulting"}
    assert win.call_card.complete_button.isEnabled()
    press(qtbot, win, Qt.Key.Key_Return)  # Ctrl+Shift+Return
    assert phase(win) is Phase.HANDED_OVER
    assert agree(win, sandbox) == {AGENT: "left", DEFAULT_CUSTOMER: "connected", TARGET: "connected"}
    # Named as the agent saw it: Complete transfer, to the colleague.
    assert win.log_model.entries[0].cells()[1:4] == ["Complete transfer", TARGET, "Accepted"]
    assert "Handed over" in win.call_card.phase.text()


def test_warm_then_join_then_the_agent_leaves(qtbot, win, sandbox):
    warm_transfer(qtbot, win)
    act(qtbot, win, lambda: qtbot.mouseClick(win.call_card.join_button, Qt.MouseButton.LeftButton))
    assert phase(win) is Phase.CONFERENCED
    assert set(agree(win, sandbox).values()) == {"connected"}
    assert not win.call_card.cancel_button.isEnabled()
    act(qtbot, win, lambda: qtbot.mouseClick(win.call_card.complete_button, Qt.MouseButton.LeftButton))
    assert phase(win) is Phase.HANDED_OVER
    assert agree(win, sandbox)[AGENT] == "left"


def test_warm_then_cancel(qtbot, win, sandbox):
    warm_transfer(qtbot, win)
    press(qtbot, win, Qt.Key.Key_Backspace)  # Ctrl+Shift+Backspace
    assert phase(win) is Phase.IDLE
    assert agree(win, sandbox) == {AGENT: "connected", DEFAULT_CUSTOMER: "connected", TARGET: "left"}
    assert win.warm_button.isEnabled()  # free to try another colleague


def test_cold_transfer_names_the_act_in_its_question(qtbot, win, sandbox):
    win.to_field.setText(TARGET)
    buttons: list[list[str]] = []
    answer_next_dialog(QMessageBox.StandardButton.Yes, buttons)
    act(qtbot, win, lambda: win.start_action(NodeAction.COLD_TRANSFER))
    assert buttons[0] == ["Transfer and leave", "Stay on the call"]
    assert phase(win) is Phase.HANDED_OVER
    assert agree(win, sandbox) == {AGENT: "left", DEFAULT_CUSTOMER: "connected", TARGET: "connected"}


def test_add_call_hold_resume_voicemail_and_hang_up(qtbot, win, sandbox):
    win.to_field.setText(ADDED)
    act(qtbot, win, lambda: win.start_action(NodeAction.CALL))
    assert agree(win, sandbox)[ADDED] == "connected"

    act(qtbot, win, lambda: leg_button(win, ADDED, Move.HOLD).click())
    assert agree(win, sandbox)[ADDED] == "on_hold"
    act(qtbot, win, lambda: leg_button(win, ADDED, Move.UNHOLD).click())
    assert agree(win, sandbox)[ADDED] == "connected"

    buttons: list[list[str]] = []
    answers = answer_next_dialog(QMessageBox.StandardButton.Yes, buttons)
    act(qtbot, win, lambda: leg_button(win, DEFAULT_CUSTOMER, Move.HANGUP).click())
    assert f"Disconnect {DEFAULT_CUSTOMER}" in answers[0]
    assert buttons[0] == [f"Hang up {DEFAULT_CUSTOMER}", "Keep"]
    assert agree(win, sandbox)[DEFAULT_CUSTOMER] == "left"

    act(qtbot, win, lambda: leg_button(win, ADDED, Move.VOICEMAIL).click())
    assert agree(win, sandbox)[ADDED] == "left"
    assert [e.cells()[1] for e in win.log_model.entries] == [
        "Drop voicemail", "Hang up", "Resume", "Hold", "Add to call"]


def test_hang_up_asks_first_and_keep_sends_nothing(qtbot, win, sandbox):
    answer_next_dialog(QMessageBox.StandardButton.Cancel)
    leg_button(win, DEFAULT_CUSTOMER, Move.HANGUP).click()
    qtbot.wait(100)
    assert sandbox.snapshot()["events"] == []
    agree(win, sandbox)


@pytest.mark.parametrize(
    ("step", "label"),
    [
        (lambda qtbot, w: press(qtbot, w, Qt.Key.Key_Return), "Complete transfer"),
        (lambda qtbot, w: act(qtbot, w, w.call_card.join_button.click), "Join all"),
        (lambda qtbot, w: press(qtbot, w, Qt.Key.Key_Backspace), "Cancel transfer"),
        (lambda qtbot, w: act(qtbot, w, leg_button(w, TARGET, Move.HANGUP).click), "Hang up"),
    ],
)
def test_a_rejected_step_leaves_the_consult_where_it_was(qtbot, win, sandbox, step, label):
    warm_transfer(qtbot, win)
    before = agree(win, sandbox)
    sandbox.set_fault(Fault(status=400, body='{"api_id": "x", "error": "Invalid value provided for action."}', count=1))
    if label == "Hang up":
        answer_next_dialog(QMessageBox.StandardButton.Yes)  # hang up asks first
    step(qtbot, win)
    entry = win.log_model.entries[0]
    assert entry.cells()[1] == label and entry.cells()[3] == "Refused"
    assert "Invalid value provided for action." in entry.message
    assert phase(win) is Phase.CONSULTING and agree(win, sandbox) == before
    assert "Invalid value provided for action." in win.headline.text.text()  # Plivo's reason first
    assert win.call_card.complete_button.isEnabled()


def test_a_rejected_transfer_leaves_the_call_as_it_was(qtbot, win, sandbox):
    before = agree(win, sandbox)
    win.trigger_field.setText("+14155550199")  # not in the call: the sandbox refuses
    win.to_field.setText(TARGET)
    act(qtbot, win, lambda: win.start_action(NodeAction.WARM_TRANSFER))
    assert phase(win) is Phase.IDLE and win.desk.certain
    assert win.log_model.entries[0].cells()[3] == "Refused"
    simulated = {m["address"]: m["state"] for m in sandbox.snapshot()["members"]}
    assert simulated == before


def test_holding_the_complete_shortcut_sends_once(qtbot, win, sandbox):
    warm_transfer(qtbot, win)
    sandbox.set_fault(Fault(mode="hang", delay_ms=300, count=1))
    for _ in range(10):
        qtbot.keyClick(win.to_field.edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: phase(win) is Phase.HANDED_OVER, timeout=5000)
    for _ in range(5):
        qtbot.keyClick(win.to_field.edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(200)
    assert [e["action"] for e in sandbox.snapshot()["events"]] == ["warm_transfer", "hangup"]


def test_new_call_clears_the_panel_and_sends_nothing(qtbot, win, sandbox):
    warm_transfer(qtbot, win)
    press(qtbot, win, Qt.Key.Key_Return)
    events = len(sandbox.snapshot()["events"])
    qtbot.mouseClick(win.call_card.new_call_button, Qt.MouseButton.LeftButton)
    assert phase(win) is Phase.IDLE
    # the simulator's customer is filled in again for the next call, as an agent would paste it
    assert [leg.address for leg in win.desk.picture.legs] == [AGENT, DEFAULT_CUSTOMER]
    assert win.legs_panel.customer_field.text() == DEFAULT_CUSTOMER
    assert len(sandbox.snapshot()["events"]) == events


def test_a_customer_added_before_the_transfer_waits_with_the_caller(qtbot, win, sandbox):
    win.role_combo.setCurrentIndex(win.role_combo.findText("Customer"))
    win.to_field.setText(ADDED)
    act(qtbot, win, lambda: win.start_action(NodeAction.CALL))
    win.role_combo.setCurrentIndex(win.role_combo.findText("Agent"))
    warm_transfer(qtbot, win)
    assert agree(win, sandbox)[ADDED] == "on_hold"
    act(qtbot, win, win.call_card.join_button.click)
    assert agree(win, sandbox)[ADDED] == "connected"


# -- never strand a caller: the findings, one test each ------------------------------------


def test_a_cancel_answered_500_keeps_every_way_back_and_cancel_again_restores_the_call(qtbot, win, sandbox):
    warm_transfer(qtbot, win)
    sandbox.set_fault(Fault(status=500, count=1))  # the simulator stays in the consult
    press(qtbot, win, Qt.Key.Key_Backspace)
    panel = win.call_card
    assert not win.desk.certain and "Unconfirmed" in panel.phase.text()
    assert panel.complete_button.isEnabled() and panel.join_button.isEnabled() and panel.cancel_button.isEnabled()
    assert leg_button(win, DEFAULT_CUSTOMER, Move.UNHOLD) and leg_button(win, DEFAULT_CUSTOMER, Move.HOLD)
    assert "server error (HTTP 500)" in win.headline.text.text()
    press(qtbot, win, Qt.Key.Key_Backspace)  # no question: a second cancel is harmless
    assert win.desk.certain and phase(win) is Phase.IDLE
    assert agree(win, sandbox) == {AGENT: "connected", DEFAULT_CUSTOMER: "connected", TARGET: "left"}


def test_a_dropped_reply_is_not_headlined_accepted_and_a_500_is_not_no_answer(qtbot, win, sandbox):
    sandbox.set_fault(Fault(mode="drop", count=1))
    warm_transfer(qtbot, win)
    headline = win.headline.text.text()
    assert "no answer from Plivo" in headline and "accepted" not in headline
    assert "(unconfirmed)" in win.legs_panel.rows[2].state.text()
    win.new_call()
    sandbox.reset()
    win.legs_panel.customer_field.setText(DEFAULT_CUSTOMER)
    sandbox.set_fault(Fault(status=500, count=1))
    win.to_field.setText(TARGET)
    act(qtbot, win, lambda: win.start_action(NodeAction.WARM_TRANSFER))
    headline = win.headline.text.text()
    assert "server error (HTTP 500)" in headline and "no answer" not in headline


def test_after_complete_the_hand_over_is_visible_and_the_old_transfer_is_not_offered(qtbot, win, sandbox):
    warm_transfer(qtbot, win)
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.to_field.text() == ""
    assert not (win.warm_button.isEnabled() or win.cold_button.isEnabled() or win.add_button.isEnabled())
    assert win.call_card.new_call_button.property("primary") and not win.warm_button.property("primary")
    assert win.focusWidget() is win.call_card.new_call_button
    assert "New call" in win.sending_label.text()
    events = len(sandbox.snapshot()["events"])
    win.to_field.setText(TARGET)
    qtbot.keyClick(win.to_field.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    assert QApplication.activeModalWidget() is None  # no "send it again?"
    assert "New call" in win.statusBar().currentMessage()
    assert len(sandbox.snapshot()["events"]) == events


def test_a_second_consults_cancel_never_asks_and_new_call_starts_a_fresh_scope(qtbot, win, sandbox):
    warm_transfer(qtbot, win)
    press(qtbot, win, Qt.Key.Key_Backspace)
    warm_transfer(qtbot, win, OTHER)
    press(qtbot, win, Qt.Key.Key_Backspace)  # act() would time out behind a question
    assert [e["action"] for e in sandbox.snapshot()["events"]][-1] == "abort_transfer"
    qtbot.mouseClick(win.call_card.new_call_button, Qt.MouseButton.LeftButton)
    sandbox.reset()
    win.legs_panel.customer_field.setText(DEFAULT_CUSTOMER)
    warm_transfer(qtbot, win)  # the same colleague on the next call: no question either


def test_retrying_an_unconfirmed_warm_transfer_as_cold_or_with_another_role_asks(qtbot, win, sandbox):
    sandbox.set_fault(Fault(mode="drop", count=1))
    warm_transfer(qtbot, win)
    for action, role in ((NodeAction.COLD_TRANSFER, "Agent"), (NodeAction.WARM_TRANSFER, "Customer")):
        win.role_combo.setCurrentIndex(win.role_combo.findText(role))
        win.to_field.setText(TARGET)
        answers = answer_next_dialog(QMessageBox.StandardButton.Cancel)
        assert not win.start_action(action)
        assert f"{TARGET} may already be on this call" in answers[0]


def test_timers_wait_for_the_call_and_history_names_the_move_as_seen(qtbot, win, sandbox):
    assert [row.state.text() for row in win.legs_panel.rows] == ["Connected", "Connected"]  # nothing to time yet
    warm_transfer(qtbot, win)
    assert win.legs_panel.rows[0].state.text() == "Private consult  0:00"
    press(qtbot, win, Qt.Key.Key_Return)
    store = HistoryStore(win.history_path)
    try:
        newest = store.page(HistoryFilter(), None, 1)[0]
    finally:
        store.close()
    assert (newest.action, newest.target, newest.trigger_source) == ("complete_transfer", TARGET, AGENT)


def test_the_headline_and_next_step_follow_every_answer(qtbot, win, sandbox):
    sandbox.set_fault(Fault(status=400, count=1))
    win.to_field.setText(TARGET)
    act(qtbot, win, lambda: win.start_action(NodeAction.WARM_TRANSFER))
    assert "Plivo refused Warm transfer" in win.headline.text.text()
    win.to_field.setText(ADDED)
    act(qtbot, win, lambda: win.start_action(NodeAction.CALL))
    assert "Add to call accepted by the sandbox" in win.headline.text.text()
    warm_transfer(qtbot, win)
    assert not win.warm_button.isEnabled() and "Ctrl+Return sends" not in win.sending_label.text()
    assert "In a consult" in win.sending_label.text()


def test_an_auth_failure_in_sandbox_mode_does_not_point_at_the_disabled_settings(qtbot, win, sandbox):
    sandbox.set_fault(Fault(status=401, count=1))
    win.to_field.setText(TARGET)
    act(qtbot, win, lambda: win.start_action(NodeAction.WARM_TRANSFER))
    assert not win.settings_button.isEnabled()
    assert "Settings" not in win.headline.text.text() and "sandbox" in win.headline.text.text()


def test_a_screen_reader_reads_what_happened(qtbot, win, sandbox):
    warm_transfer(qtbot, win)
    headline = win.headline.text
    assert headline.accessibleName() == headline.text() and "accepted by the sandbox" in headline.text()
    for label in (win.sending_label, win.call_card.phase):
        assert label.accessibleName() in ("", label.text()), "a fixed name would hide the content"
    assert win.log_view.selectionModel().isRowSelected(0)  # the newest row is the selected one
