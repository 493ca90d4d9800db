"""The History dialog on a real history file of 1,500 rows and the real background threads."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, QRect, Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QToolButton

from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest
from phlo_desk.core.history import HistoryFilter, HistoryStore
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.ui import theme
from phlo_desk.ui.history_view import HistoryDialog, HistoryModel
from phlo_desk.ui.worker import Background
from tests.gui.test_log_view import SIP, clipped_texts, cut_cells, overflow

ROWS = 1500
TARGETS = ("+14152225555", "+442079460958", "sip:alice@example.com", "+14155550199")
AGENT = "+14155550100"


@pytest.fixture(autouse=True)
def colours(qapp):
    """As the app does: the style and colours are set before the first widget is made."""
    theme.manager()


def result_number(n: int) -> ActionResult:
    target, outcome = TARGETS[n % len(TARGETS)], list(Outcome)[n % len(Outcome)]
    if n % 5 == 0:
        request = MemberRequest(MemberAction.HOLD, target)
    else:
        request = NodeRequest(NodeAction.WARM_TRANSFER, target, AGENT)
    return ActionResult(outcome, f"Result number {n}.", request, status=201, api_id=f"api-{n}", elapsed_ms=n / 10)


@pytest.fixture
def history_path(tmp_path):
    """1,500 actions, one every 15 minutes, the newest now (about 15 days in all)."""
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    now = datetime.now().astimezone()
    store.append_many((result_number(n), now - timedelta(minutes=15 * (ROWS - 1 - n))) for n in range(ROWS))
    store.close()
    return path


@pytest.fixture
def truth(history_path):
    """A second reader of the same file, to say what the dialog should show."""
    store = HistoryStore(history_path)
    yield store
    store.close()


@pytest.fixture
def background(history_path):
    background = Background()
    background.use_history(history_path)
    yield background
    background.stop()


def open_dialog(qtbot, path, background) -> HistoryDialog:  # type: ignore[no-untyped-def]
    dialog = HistoryDialog(path, background)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def dialog(qtbot, history_path, background):
    return open_dialog(qtbot, history_path, background)


def count_text(total: int) -> str:
    return f"{QLocale().toString(total)} actions"


def wait_for_count(qtbot, dialog: HistoryDialog, total: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.count_label.text() == count_text(total), timeout=3000)


def shown_ids(dialog: HistoryDialog) -> list[int]:
    return [row.record.id for row in dialog.model.rows]


def load_all(dialog: HistoryDialog) -> None:
    while dialog.model.canFetchMore():
        dialog.model.fetchMore()


def test_opens_with_the_total_and_the_first_page_only(dialog):
    assert dialog.objectName() == "historyDialog"
    assert dialog.count_label.text() == count_text(ROWS)
    assert dialog.model.total() == ROWS
    assert dialog.model.rowCount() == HistoryModel.PAGE_SIZE < ROWS
    assert shown_ids(dialog)[:3] == [ROWS, ROWS - 1, ROWS - 2]  # newest on top
    newest = [dialog.model.index(0, column).data() for column in range(dialog.model.columnCount())]
    assert newest[1:6] == ["Warm transfer", "+14155550199", AGENT, "Agent", "Rate limited"]
    assert newest[6:] == ["201", f"api-{ROWS - 1}", f"Result number {ROWS - 1}.", "150 ms"]


def test_an_action_whose_answer_was_never_recorded_says_so(qtbot, history_path, background):
    store = HistoryStore(history_path)
    store.append_sent(NodeRequest(NodeAction.COLD_TRANSFER, "+14152227777", AGENT))  # and the desk stopped
    store.close()
    dialog = open_dialog(qtbot, history_path, background)
    assert dialog.model.total() == ROWS + 1
    cells = [dialog.model.index(0, column).data() for column in range(dialog.model.columnCount())]
    assert cells[1:6] == ["Cold transfer", "+14152227777", AGENT, "Agent", "UNKNOWN: check call"]
    assert cells[6:] == ["", "", "Sent, no answer recorded: check the call.", ""]
    assert dialog.model.row_at(0).tone == "warn"


def test_scrolling_to_the_bottom_fetches_the_rest_page_by_page(qtbot, dialog):
    table = dialog.table
    table.scrollToBottom()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > HistoryModel.PAGE_SIZE, timeout=3000)
    assert dialog.model.rowCount() < ROWS
    while dialog.model.canFetchMore():
        loaded = dialog.model.rowCount()
        table.scrollToBottom()
        qtbot.waitUntil(lambda loaded=loaded: dialog.model.rowCount() > loaded, timeout=3000)
    assert shown_ids(dialog) == list(range(ROWS, 0, -1))  # every row once, newest first


def test_typing_an_address_filters_by_digits(qtbot, dialog, truth):
    qtbot.keyClicks(dialog.address_edit, "415 222")
    expected = truth.count(HistoryFilter(address="415 222"))
    assert 0 < expected < ROWS
    wait_for_count(qtbot, dialog, expected)
    load_all(dialog)
    assert {row.record.target for row in dialog.model.rows} == {"+14152225555"}
    assert dialog.model.rowCount() == expected


def test_the_outcome_filter(qtbot, dialog, truth):
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findText("UNKNOWN: check call"))
    wait_for_count(qtbot, dialog, truth.count(HistoryFilter(outcome=Outcome.UNKNOWN)))
    load_all(dialog)
    assert {row.record.outcome for row in dialog.model.rows} == {Outcome.UNKNOWN}
    dialog.outcome_combo.setCurrentIndex(0)  # "Any outcome"
    assert dialog.outcome_combo.currentText() == "Any outcome"
    wait_for_count(qtbot, dialog, ROWS)


def test_the_date_filters(qtbot, dialog, truth):
    three_days_ago = date.today() - timedelta(days=3)
    assert not dialog.since_edit.isEnabled()
    dialog.since_check.setChecked(True)
    assert dialog.since_edit.isEnabled()
    dialog.since_edit.setDate(three_days_ago)
    expected = truth.count(HistoryFilter(since=three_days_ago))
    assert 0 < expected < ROWS
    wait_for_count(qtbot, dialog, expected)
    load_all(dialog)
    assert min(row.record.at.date() for row in dialog.model.rows) == three_days_ago

    dialog.until_check.setChecked(True)
    dialog.until_edit.setDate(three_days_ago)
    wait_for_count(qtbot, dialog, truth.count(HistoryFilter(since=three_days_ago, until=three_days_ago)))
    load_all(dialog)
    assert {row.record.at.date() for row in dialog.model.rows} == {three_days_ago}


def test_ctrl_c_copies_the_current_row(qtbot, dialog):
    table = dialog.table
    table.setFocus()
    table.selectRow(2)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    row = dialog.model.row_at(2)
    assert copied == row.as_text() == "\t".join(cell for cell in row.cells() if cell)
    assert copied.startswith(row.record.at.strftime("%Y-%m-%d %H:%M:%S") + "\t")
    assert row.record.target in copied and row.record.api_id in copied


def test_export_writes_every_filtered_row_not_only_those_loaded(qtbot, dialog, truth, tmp_path, monkeypatch):
    chosen = tmp_path / "export.csv"
    monkeypatch.setattr(dialog, "choose_export_path", lambda: str(chosen))
    flt = HistoryFilter(address="+1415")
    expected = [record.id for record in truth.page(flt, None, ROWS)]
    assert len(expected) > HistoryModel.PAGE_SIZE
    qtbot.keyClicks(dialog.address_edit, "+1415")
    wait_for_count(qtbot, dialog, len(expected))
    assert dialog.model.rowCount() < len(expected)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith("Saved"), timeout=5000)
    assert dialog.status_label.text() == f"Saved: {count_text(len(expected))}."
    assert dialog.export_button.isEnabled()
    with open(chosen, encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert [int(row[header.index("id")]) for row in rows] == expected


def test_export_takes_a_filter_still_being_typed(qtbot, dialog, truth, tmp_path, monkeypatch):
    chosen = tmp_path / "export.csv"
    monkeypatch.setattr(dialog, "choose_export_path", lambda: str(chosen))
    dialog.address_edit.setText("alice")  # and Export at once, within the typing pause
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    expected = truth.count(HistoryFilter(address="alice"))
    qtbot.waitUntil(lambda: dialog.status_label.text() == f"Saved: {count_text(expected)}.", timeout=5000)


def test_a_failed_export_says_why_and_cancelling_does_nothing(qtbot, dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(dialog, "choose_export_path", lambda: None)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text() == "" and dialog.export_button.isEnabled()

    monkeypatch.setattr(dialog, "choose_export_path", lambda: str(tmp_path / "missing" / "export.csv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not be exported" in dialog.status_label.text(), timeout=5000)
    assert dialog.export_button.isEnabled()


def test_a_damaged_history_shows_a_plain_message(qtbot, tmp_path, background):
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"not a database" * 100)
    dialog = open_dialog(qtbot, path, background)
    assert dialog.count_label.text() == count_text(0)
    assert "history file is damaged" in dialog.status_label.text()
    assert dialog.model.rowCount() == 0


def test_every_control_is_named_and_explained(dialog):
    close_button = dialog.findChild(type(dialog.export_button), "closeHistoryButton")
    controls = [dialog.since_check, dialog.since_edit, dialog.until_check, dialog.until_edit,
                dialog.address_edit, dialog.outcome_combo, dialog.table, dialog.export_button, close_button]
    for control in controls:
        assert control.accessibleName() and control.toolTip(), control.objectName()
    assert dialog.table.objectName() == "historyTable"


@pytest.mark.parametrize("size", [(400, 700), (1400, 900)], ids=["docked", "wide"])
def test_the_dialog_fits_a_docked_width_and_a_wide_screen(qtbot, history_path, background, size):
    store = HistoryStore(history_path)  # a row with the longest cells, newest on top
    store.append_many([(ActionResult(Outcome.REJECTED, "Plivo refused this action. Nothing changed on the call.",
                                     NodeRequest(NodeAction.COLD_TRANSFER, SIP, AGENT), status=400,
                                     api_id="5e2c0ff0-1234-11ee-9a4f-0242ac110002",
                                     detail="Destination number is not allowed for this PHLO: the node only "
                                            "accepts numbers from the approved list.", elapsed_ms=87.0),
                        datetime.now().astimezone())])
    store.close()
    dialog = open_dialog(qtbot, history_path, background)
    dialog.since_check.setChecked(True)  # the date boxes drawn as they are used
    dialog.resize(*size)
    qtbot.waitUntil(lambda: dialog.size().toTuple() == size, timeout=3000)

    def whole() -> None:
        problems = clipped_texts(dialog) + overflow(dialog.table) + cut_cells(dialog.table)
        assert not problems, f"at {size}:\n  " + "\n  ".join(problems)

    qtbot.waitUntil(whole, timeout=5000)
    filters = [dialog.since_edit, dialog.until_edit, dialog.address_edit, dialog.outcome_combo]
    middles = [field.mapTo(dialog, field.rect().center()).y() for field in filters]
    wrapped = max(middles) - min(middles) > max(field.height() for field in filters)
    assert wrapped == (size[0] < 800)  # the filters take more lines when narrow, one when wide


def test_dates_read_the_same_in_every_country(dialog):
    week_ago = date.today() - timedelta(days=HistoryDialog.RECENT_DAYS - 1)
    assert dialog.since_edit.text() == week_ago.isoformat()
    assert dialog.until_edit.text() == date.today().isoformat()


def test_the_address_clear_button_says_what_it_clears(dialog):
    dialog.address_edit.setText("415")
    buttons = [button for button in dialog.address_edit.findChildren(QToolButton) if button.isVisible()]
    assert len(buttons) == 1
    spoken = QAccessible.queryAccessibleInterface(buttons[0]).text(QAccessible.Text.Name)
    assert spoken == "Clear Address filter"


def test_the_address_placeholder_shows_whole(qtbot, dialog):
    """Drawn at its own width and at a far greater one, the placeholder looks the same:
    it is not cut short with an ellipsis."""
    edit = dialog.address_edit
    dialog.resize(400, 700)
    qtbot.waitUntil(lambda: dialog.width() == 400, timeout=3000)
    dialog.since_check.setFocus()  # the placeholder shows while the field is empty and not focused
    text_width = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    area = QRect(0, 0, min(edit.width(), text_width + 12), edit.height())
    own = edit.grab(area).toImage()
    edit.setFixedWidth(edit.width() + 300)
    try:
        wide = edit.grab(area).toImage()
    finally:
        edit.setMinimumWidth(0)
        edit.setMaximumWidth(16777215)
    assert own == wide, f"the placeholder is cut at {edit.width() - 300} px"
