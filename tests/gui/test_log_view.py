"""The status log fits its width: every shown cell shows its whole text, nothing scrolls sideways.

Real views, offscreen, measured with the view's own font. The helpers here also serve
the History and Settings tests: `cut_cells` and `overflow` for a result table,
`clipped_texts` for a dialog's labels, buttons and boxes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest
from phlo_desk.core.call import Move
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.ui import theme
from phlo_desk.ui.log_view import LogEntry, LogModel, StatusLogView

AGENT = "+14155550100"
API_ID = "5e2c0ff0-1234-11ee-9a4f-0242ac110002"
SIP = "sip:alice.longname-of-someone@phone.plivo.com"
LONG_ERROR = ("Destination number +14152225555 is not allowed for this PHLO: the multi-party call node "
              "'Sales queue - west coast overflow' only accepts numbers from the approved list.")
WIDTHS = [400, 900, 1400]


@pytest.fixture(autouse=True)
def colours(qapp):
    """As the app does: the style and colours are set before the first widget is made."""
    theme.manager()


def entries() -> list[LogEntry]:
    """A shift's kinds of rows, long ones included: a SIP address, an api_id, a PHLO error."""
    warm = NodeRequest(NodeAction.WARM_TRANSFER, "+14152225555", AGENT)
    return [
        LogEntry.from_result(ActionResult(Outcome.OK, "Accepted by Plivo.", warm, status=201, api_id=API_ID,
                                          elapsed_ms=123.4)),
        LogEntry.from_result(ActionResult(Outcome.REJECTED, "Plivo refused this action. Nothing changed on the call.",
                                          NodeRequest(NodeAction.COLD_TRANSFER, SIP, AGENT), status=400,
                                          api_id=API_ID, detail=LONG_ERROR, elapsed_ms=87.0)),
        LogEntry.from_result(ActionResult(Outcome.UNKNOWN, "Sent, no answer recorded: check the call.",
                                          MemberRequest(MemberAction.HOLD, "+861391234567890")),
                             action=Move.COMPLETE.value),
        LogEntry.from_result(ActionResult(Outcome.NETWORK, "No connection to Plivo: nothing was sent.", warm,
                                          elapsed_ms=10000.0), action=Move.CANCEL.value),
        LogEntry.notice("internal", "Something went wrong inside the desk; the call is unchanged. "
                                    "The details are in the log file."),
        LogEntry.from_result(ActionResult(Outcome.OK, "Accepted <b>by</b> Plivo.", warm, status=201, api_id="short",
                                          elapsed_ms=5.0)),
    ]


def shown_log(qtbot, width: int) -> tuple[LogModel, StatusLogView]:  # type: ignore[no-untyped-def]
    model = LogModel()
    for entry in reversed(entries()):  # the first of entries() on top
        model.add(entry)
    view = StatusLogView(model)
    qtbot.addWidget(view)
    view.resize(width, 600)
    view.show()
    qtbot.waitExposed(view)
    return model, view


# -- measuring ------------------------------------------------------------------------

def drawn_option(view: QTableView, row: int, column: int) -> QStyleOptionViewItem:
    """The cell as the view paints it: its rect, and the text and icon its delegate draws."""
    index = view.model().index(row, column)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    return option


def shown_cells(view: QTableView) -> dict[tuple[int, int], str]:
    """(row, column) -> the text drawn, for every shown column of every row."""
    model = view.model()
    return {(row, column): drawn_option(view, row, column).text
            for row in range(model.rowCount()) for column in range(model.columnCount())
            if not view.isColumnHidden(column)}


def cut_cells(view: QTableView) -> list[str]:
    """Every shown cell (and column title) whose text needs more room than it has."""
    problems = []
    metrics, style = view.fontMetrics(), view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    for (row, column), text in shown_cells(view).items():
        option = drawn_option(view, row, column)
        cell = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        room = cell.adjusted(margin, 0, -margin, 0)  # the style's margins either side of the text
        wraps = bool(option.features & QStyleOptionViewItem.ViewItemFeature.WrapText)
        flags = Qt.TextFlag.TextWordWrap if wraps else Qt.TextFlag.TextSingleLine
        needed = metrics.boundingRect(QRect(0, 0, room.width(), 1 << 20), int(flags), text)
        if needed.width() > room.width() or needed.height() > room.height():
            problems.append(f"cell ({row}, {column}) {text!r} needs {needed.width()}x{needed.height()}, "
                            f"has {room.width()}x{room.height()}")
    header = view.horizontalHeader()
    if header.isVisible():
        for column in range(view.model().columnCount()):
            if not view.isColumnHidden(column) and header.sectionSize(column) < header.sectionSizeHint(column):
                problems.append(f"title of column {column} needs {header.sectionSizeHint(column)} px, "
                                f"has {header.sectionSize(column)}")
    return problems


def overflow(view: QTableView) -> list[str]:
    """What would need sideways scrolling: a scroll bar, or columns wider than the view."""
    problems = []
    if view.horizontalScrollBar().isVisible():
        problems.append("a horizontal scroll bar is shown")
    width = view.viewport().width()
    if view.horizontalHeader().length() > width:
        problems.append(f"the columns need {view.horizontalHeader().length()} px, the view has {width}")
    return problems


def assert_fits(view: QTableView) -> None:
    problems = overflow(view) + cut_cells(view)
    assert not problems, f"at {view.width()} px:\n  " + "\n  ".join(problems)


def clipped_texts(window: QWidget) -> list[str]:
    """Every shown label, button, combo box or date box of `window` that cannot show its
    whole text, or lies outside its parent or the window."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
        name = f"{type(widget).__name__} {widget.objectName() or text!r}"
        place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not window.rect().contains(place):
            problems.append(f"{name} at {place.getRect()} is outside the window {window.size().toTuple()}")
        if not widget.parentWidget().rect().contains(widget.geometry()):
            problems.append(f"{name} at {widget.geometry().getRect()} is outside its parent")
        size = widget.size()
        if isinstance(widget, QLabel) and text:
            if widget.wordWrap():
                needed = (widget.minimumSizeHint().width(), widget.heightForWidth(size.width()))
            else:
                needed = widget.sizeHint().toTuple()
        elif isinstance(widget, QToolButton) and widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
            continue  # a line edit's clear button: an icon
        elif isinstance(widget, QAbstractButton) and text:
            needed = (widget.sizeHint().width(), widget.minimumSizeHint().height())
        elif isinstance(widget, (QComboBox, QAbstractSpinBox)):
            needed = (widget.sizeHint().width(), widget.minimumSizeHint().height())
        else:
            continue
        if size.width() < needed[0] or size.height() < needed[1]:
            problems.append(f"{name} needs {needed[0]}x{needed[1]}, has {size.width()}x{size.height()}")
    return problems


# -- the tests ------------------------------------------------------------------------

@pytest.mark.parametrize("width", WIDTHS)
def test_every_shown_cell_shows_its_whole_text_and_nothing_scrolls_sideways(qtbot, width):
    _model, view = shown_log(qtbot, width)
    qtbot.waitUntil(lambda: assert_fits(view), timeout=3000)
    shown = " ".join(shown_cells(view).values()).replace("\u200b", "")  # the points where a long word may break
    for whole in (SIP, "+861391234567890", "Complete transfer", "UNKNOWN: check call", LONG_ERROR):
        assert whole in shown
    assert not view.horizontalScrollBar().isVisible()


def test_a_narrow_log_keeps_what_it_hides_in_the_tooltip_the_copy_and_the_screen_reader_text(qtbot):
    _model, view = shown_log(qtbot, 400)
    qtbot.waitUntil(lambda: assert_fits(view), timeout=3000)
    shown = " ".join(shown_cells(view).values())
    assert API_ID not in shown and "123 ms" not in shown  # not needed at a glance
    index = view.model().index(0, 0)
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "api_id: " + API_ID in tooltip and "HTTP: 201" in tooltip and "Time taken: 123 ms" in tooltip
    assert API_ID in index.data(Qt.ItemDataRole.AccessibleTextRole)
    view.setCurrentIndex(index)
    view.copy_row()
    assert API_ID in QGuiApplication.clipboard().text() and "123 ms" in QGuiApplication.clipboard().text()
    # Server text in the tooltip is shown as the characters it is, never as markup.
    markup = view.model().index(5, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;by&lt;/b&gt;" in markup and "<b>by" not in markup


def test_the_log_changes_form_as_it_is_resized(qtbot):
    _model, view = shown_log(qtbot, 1400)
    for width in (1400, 400, 900, 400, 1400):
        view.resize(width, 600)
        qtbot.waitUntil(lambda: assert_fits(view), timeout=3000)
        shown = " ".join(shown_cells(view).values()).replace("\u200b", "")
        if width != 900:  # at 900 px either form may fit, as the font measures
            assert (API_ID in shown) == (width == 1400), f"api_id shown at {width} px: {API_ID in shown}"


def test_a_new_row_is_measured_on_arrival_and_the_others_are_not(qtbot):
    class CountingLog(StatusLogView):
        measured = 0

        def sizeHintForRow(self, row: int) -> int:  # noqa: N802
            self.measured += 1
            return super().sizeHintForRow(row)

    model = LogModel()
    view = CountingLog(model)
    qtbot.addWidget(view)
    view.resize(400, 600)
    view.show()
    qtbot.waitExposed(view)
    rows = entries()
    for number in range(LogModel.MAX_ROWS):
        model.add(rows[number % len(rows)])
    qtbot.waitUntil(lambda: assert_fits(view), timeout=5000)
    view.measured = 0
    for number in range(20):
        model.add(rows[number % len(rows)])
        qtbot.wait(1)
    assert model.rowCount() == LogModel.MAX_ROWS
    assert view.measured <= 20, f"{view.measured} rows measured for 20 new ones in a log of {LogModel.MAX_ROWS}"
    assert_fits(view)


def test_the_log_keeps_room_for_three_rows_in_a_short_window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    above = QWidget()  # the rest of the desk, which would take every pixel it could
    above.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    above.setMinimumHeight(10)
    layout.addWidget(above, 100)
    model = LogModel()
    for _ in range(5):
        model.add(entries()[0])
    view = StatusLogView(model)
    layout.addWidget(view, 1)
    window.resize(400, 120)
    window.show()
    qtbot.waitExposed(window)

    def three_rows_shown() -> None:
        rows = [view.rowHeight(row) for row in range(3)]
        assert view.viewport().height() >= sum(rows), f"{view.viewport().height()} px for rows of {rows}"

    qtbot.waitUntil(three_rows_shown, timeout=3000)
