"""Transfer by name, as the agent meets it: To searches the directory, the pick fills
in name and address, Ctrl+Return sends the address, presence comes from the sandbox's
Endpoint API, and a broken list never stands between the agent and a transfer."""

from __future__ import annotations

import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.call import Move, Step
from tests.gui.conftest import answer_next_dialog, open_window

JOSE = "sip:jose240315091200@phone.plivo.com"
PRIYA = "sip:priya240315091200@phone.plivo.com"
PRIYA_ID = "17001000000003"  # registered: no, in the demo set


def directory_read(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.target_search.directory is not None and len(window.target_search.directory) > 0,
                    timeout=5000)


def type_in_to(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()  # the line edit takes up its completer on focus-in
    qtbot.waitUntil(window.isActiveWindow)
    window.to_field.edit.setFocus()
    window.to_field.setText("")
    qtbot.keyClicks(window.to_field.edit, text)


def pick_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    popup = window.to_field.edit.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def sent_actions(sandbox) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(event["action"], event["target"]) for event in sandbox.snapshot()["events"]]


def test_a_name_typed_in_to_is_picked_by_keyboard_and_its_address_sent(qtbot, launched, sandbox):
    window = launched.window
    directory_read(qtbot, window)
    type_in_to(qtbot, window, "jose alv")  # no accent typed, the name has one
    assert "directory" in window.to_field.hint.text()  # it says Down picks
    assert window.to_field.edit.completer().completionModel().index(0, 0).data().startswith("José Álvarez (Billing)")
    pick_first(qtbot, window)
    assert window.to_field.text() == f"José Álvarez <{JOSE}>"
    assert window.to_field.hint.text().startswith(f"Will send: {JOSE} \N{EM DASH} José Álvarez, Billing")
    qtbot.keyClick(window.to_field.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.desk.in_flight is None and len(window.log_model.entries) >= 1, timeout=5000)
    assert sent_actions(sandbox)[-1] == ("warm_transfer", JOSE)


def test_teams_initials_and_digits_find_colleagues(qtbot, launched):
    window = launched.window
    directory_read(qtbot, window)
    search = window.target_search
    assert search.matches("bil")[0][2].team == "Billing"
    assert [row[2].name for row in search.matches("ac")][:1] == ["Alice Chen"]
    assert search.matches("555 0142")[0][2].name == "Kwame Mensah"


def test_an_offline_colleague_is_shown_as_such_and_asked_about_before_dialling(qtbot, launched, sandbox):
    window = launched.window
    directory_read(qtbot, window)
    type_in_to(qtbot, window, "priya")
    pick_first(qtbot, window)
    qtbot.waitUntil(lambda: "softphone offline" in window.to_field.hint.text().replace("\xa0", " "), timeout=5000)
    before = len(sent_actions(sandbox))
    buttons: list[list[str]] = []
    seen = answer_next_dialog(QMessageBox.StandardButton.Cancel, buttons)
    assert not window.start_action(NodeAction.WARM_TRANSFER)
    assert "not signed in to Plivo" in seen[0] and buttons[0] == ["Warm transfer anyway", "Don't send"]
    assert len(sent_actions(sandbox)) == before  # nothing sent
    seen = answer_next_dialog(QMessageBox.StandardButton.Ok)
    assert window.start_action(NodeAction.WARM_TRANSFER)  # still allowed, after the question
    qtbot.waitUntil(lambda: window.desk.in_flight is None, timeout=5000)
    assert sent_actions(sandbox)[-1] == ("warm_transfer", PRIYA)


def test_a_colleague_who_signs_in_is_no_longer_called_offline(qtbot, launched, sandbox):
    window = launched.window
    directory_read(qtbot, window)
    requests.post(f"{sandbox.api_base}/sandbox/endpoints/{PRIYA_ID}", json={"registered": True}, timeout=5)
    type_in_to(qtbot, window, "priya")
    pick_first(qtbot, window)
    qtbot.waitUntil(lambda: "softphone signed in" in window.to_field.hint.text().replace("\xa0", " "), timeout=5000)
    assert window.desk.plan(Step(Move.WARM_TRANSFER, PRIYA)).question is None


def test_the_panel_opens_with_ctrl_d_and_use_fills_to(qtbot, launched):
    window = launched.window
    directory_read(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    panel = window.directory.panel
    qtbot.waitUntil(lambda: panel is not None and panel.isVisible(), timeout=2000)
    assert any("Entries from IT's list: 12" in line for line in window.directory.status_lines())
    qtbot.keyClicks(panel.search_edit, "zoe")
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert not panel.isVisible()
    assert window.to_field.text() == "Zoë Müller <sip:zoe240315091200@phone.plivo.com>"
    assert not window.to_field.edit.completer().popup().isVisible()  # filled in, not typed: no list over it


def test_own_entries_added_in_the_panel_are_searched_in_to_and_survive_a_restart(qtbot, sandbox):
    first = open_window(qtbot, ["--sandbox"], sandbox=sandbox)
    window = first.window
    directory_read(qtbot, window)
    window.directory.open_panel()
    window.directory.panel.add_requested.emit({"name": "Dana Scully", "address": "+14155550199", "team": "Escalations",
                                               "notes": ""})
    qtbot.waitUntil(lambda: bool(window.target_search.matches("dana")), timeout=5000)
    first.background.stop()

    second = open_window(qtbot, ["--sandbox"], sandbox=sandbox)
    directory_read(qtbot, second.window)
    qtbot.waitUntil(lambda: bool(second.window.target_search.matches("scul")), timeout=5000)
    assert second.window.target_search.matches("scul")[0][1] == "Dana Scully <+14155550199>"


def test_a_broken_list_is_reported_and_never_stops_a_transfer(qtbot, sandbox, tmp_path):
    broken = tmp_path / "team.csv"
    broken.write_bytes(b"\x00\xff not a list at all")
    launched = open_window(qtbot, ["--sandbox", "--directory", str(broken)], sandbox=sandbox)
    window = launched.window
    qtbot.waitUntil(lambda: any(entry.action == "directory" for entry in window.log_model.entries), timeout=5000)
    notice = next(entry for entry in window.log_model.entries if entry.action == "directory")
    assert "could not be read" in notice.message
    window.to_field.setText("+14152225555")
    assert window.start_action(NodeAction.WARM_TRANSFER)
    qtbot.waitUntil(lambda: window.desk.in_flight is None, timeout=5000)
    assert sent_actions(sandbox)[-1] == ("warm_transfer", "+14152225555")


def test_a_hidden_desk_reads_nothing_from_the_endpoint_api(qtbot, launched, sandbox):
    window = launched.window
    directory_read(qtbot, window)
    qtbot.waitUntil(lambda: sandbox.snapshot()["endpoint_requests"] >= 1, timeout=5000)  # the first listing
    qtbot.wait(200)
    before = sandbox.snapshot()["endpoint_requests"]
    window.hide()
    window.directory._list_step()
    window.directory._ask_presence("17001000000002")
    qtbot.wait(300)
    assert sandbox.snapshot()["endpoint_requests"] == before


def test_save_to_directory_from_a_log_row_opens_the_editor_with_its_address(qtbot, launched, sandbox):
    window = launched.window
    directory_read(qtbot, window)
    window.to_field.setText("+14152227777")
    assert window.start_action(NodeAction.CALL)
    qtbot.waitUntil(lambda: window.desk.in_flight is None and len(window.log_model.entries) >= 1, timeout=5000)
    view = window.log_view
    view.setCurrentIndex(window.log_model.index(0, 0))
    assert view.save_action.isEnabled()
    view.save_action.trigger()
    editor = window.directory.panel.editor
    assert editor is not None and editor.address_field.text() == "+14152227777"
    editor.name_edit.setText("Walter Skinner")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.target_search.matches("skinner")), timeout=5000)
    assert window.target_search.matches("skinner")[0][1] == "Walter Skinner <+14152227777>"


def test_a_name_with_angle_brackets_still_fills_to_with_the_entrys_own_address():
    from phlo_desk.core.addresses import parse_address
    from phlo_desk.core.directory import Entry
    from phlo_desk.ui.target_search import filled_text

    text = filled_text(Entry(name="Bob <sip:evil@example.com>", address="+14155550123"))
    assert parse_address(text, "US").wire == "+14155550123"


def test_down_goes_to_the_best_match_whatever_the_case_typed(qtbot, launched):
    window = launched.window
    directory_read(qtbot, window)
    picked = []
    for typed in ("S", "s"):
        type_in_to(qtbot, window, typed)
        qtbot.wait(20)  # the list is shown and settled, as between an agent's keys
        pick_first(qtbot, window)
        picked.append(window.to_field.text())
    assert picked[0] == picked[1] == window.target_search.matches("s")[0][1]


def test_a_whole_name_and_ctrl_return_sends_to_that_colleague_and_to_says_so(qtbot, launched, sandbox):
    window = launched.window
    directory_read(qtbot, window)
    window.to_field.setText("ines  PENA")  # a phone number in the demo list: no presence, no question
    assert window.start_action(NodeAction.WARM_TRANSFER)
    assert window.to_field.text() == "Inés Peña <+14155550187>"
    qtbot.waitUntil(lambda: window.desk.in_flight is None, timeout=5000)
    assert sent_actions(sandbox)[-1] == ("warm_transfer", "+14155550187")
    window.to_field.setText("Inés")  # a part of a name is no name: refused, nothing sent
    before = len(sent_actions(sandbox))
    assert not window.start_action(NodeAction.WARM_TRANSFER)
    assert len(sent_actions(sandbox)) == before
