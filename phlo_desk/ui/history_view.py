"""The History dialog: every recorded action, filtered, copied, exported.

The model reads the history file a page at a time (keyset pages of the newest
rows first), so it opens as fast with 100,000 rows as with none: the view asks
for more only when the agent scrolls near the end. Reads run in the GUI thread
through the dialog's own HistoryStore. Unfiltered or by outcome, each read is a
query on an index and takes about a millisecond. Not every filter is that
cheap: the address filter matches any part of a number, which no index can
serve, so its count reads every row in the date range; and a page of a date
range with few actions walks the newer rows to find them. On 100,000 rows such
a read takes up to about 25 ms (docs/performance.md), which is why filters
apply once typing pauses. The CSV export, which reads every matching row, runs
on the worker thread.

A row whose answer was never recorded (the desk stopped while it was being
sent) reads "UNKNOWN: check call" with the history's own sentence saying so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QLocale, QModelIndex, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from phlo_desk.core.history import HistoryError, HistoryFilter, HistoryRecord, HistoryStore
from phlo_desk.core.outcomes import Outcome
from phlo_desk.core.translatable import translatable
from phlo_desk.ui.address_field import name_clear_button
from phlo_desk.ui.flow_layout import RELAYOUT_EVENTS, FlowLayout, fit_height_to_width
from phlo_desk.ui.log_view import AnyIndex, LogEntry, ResultRowsModel, ResultTableView
from phlo_desk.ui.translation import tr
from phlo_desk.ui.vocabulary import history_error_text, outcome_label, tr_detail
from phlo_desk.ui.worker import Background


def role_label(role: str) -> str:
    return {"agent": tr("Agent"), "customer": tr("Customer")}.get(role, role)


@dataclass(frozen=True)
class HistoryRow:
    """One record as the table shows it.

    The cells are worked out when first shown: a page has 200 rows, and the
    first paint needs only the twenty or so on screen.
    """

    record: HistoryRecord

    @cached_property
    def _entry(self) -> LogEntry:
        # The status log's own wording for the action, outcome, message and timings.
        return LogEntry.from_result(self.record.as_result(), action=self.record.action)

    @cached_property
    def _cells(self) -> tuple[str, ...]:
        record = self.record
        _time, action, _target, outcome, status, api_id, message, time_taken = self._entry.cells()
        return (
            record.at.strftime("%Y-%m-%d %H:%M:%S"), action, record.target, record.trigger_source,
            role_label(record.role), outcome, status, api_id, message, time_taken,
        )

    def cells(self) -> tuple[str, ...]:
        return self._cells

    @property
    def tone(self) -> str:  # "good" | "warn" | "bad", as in the status log
        return self._entry.tone

    @property
    def api_id(self) -> str:
        return self.record.api_id

    @property
    def target(self) -> str:
        return self.record.target

    def as_text(self) -> str:
        """One line for the clipboard, tab-separated like a status log row."""
        return "\t".join(cell for cell in self.cells() if cell)


class HistoryModel(ResultRowsModel[HistoryRow]):
    COLUMNS = (translatable("Time"), translatable("Action"), translatable("Target"), translatable("Your number"),
               translatable("Role"), translatable("Outcome"), "HTTP", "api_id", translatable("Message"),
               translatable("Time taken"))
    OUTCOME_COLUMN, MESSAGE_COLUMN = 5, 8
    DETAIL_COLUMNS = (6, 7, 9)  # HTTP, api_id, Time taken
    PAGE_SIZE = 200

    failed = Signal(str)  # the history could not be read: a plain sentence

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = HistoryFilter()
        # self.rows, newest first, grows a page at a time as the view asks for more.
        self._total = 0
        self._more = False

    def set_filter(self, flt: HistoryFilter) -> None:
        """Show the rows matching `flt`, from the newest; reads the count and the first page."""
        self.beginResetModel()
        self.filter, self.rows, self._more = flt, [], True
        try:
            self._total = self.store.count(flt)
            self.rows = self._read_page()
        except HistoryError as error:
            self._total, self._more = 0, False
            self.failed.emit(history_error_text(error))
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self.filter)

    def total(self) -> int:
        """How many rows match the filter (not how many are loaded)."""
        return self._total

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        try:
            page = self._read_page()
        except HistoryError as error:
            self._more = False
            self.failed.emit(history_error_text(error))
            return
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def _read_page(self) -> list[HistoryRow]:
        before_id = self.rows[-1].record.id if self.rows else None
        records = self.store.page(self.filter, before_id, self.PAGE_SIZE)
        self._more = len(records) == self.PAGE_SIZE
        return [HistoryRow(record) for record in records]


class HistoryTable(ResultTableView):
    SAMPLES = ("0000-00-00 00:00:00", "Complete transfer", "+44 20 7946 0958", "+44 20 7946 0958", "Customer",
               "UNKNOWN: check call", "HTTP", "12345678-1234", "", "10000 ms")

    def __init__(self, model: HistoryModel) -> None:
        super().__init__(model)
        self.setObjectName("historyTable")
        self.setAccessibleName(tr("History"))
        self.setToolTip(tr("Every recorded action, newest on top. Ctrl+C copies the selected row."))


class HistoryDialog(QDialog):
    FILTER_DELAY_MS = 150  # filters apply as you type, once typing pauses
    RECENT_DAYS = 7  # what the date boxes offer when first ticked
    DATE_FORMAT = "yyyy-MM-dd"  # read the same in every country, unlike the locale's short form

    def __init__(self, history_path: Path, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(tr("History"))
        self.resize(1000, 560)
        self.background = background
        self.store = HistoryStore(history_path)  # this thread's own connection, for reading
        self.model = HistoryModel(self.store, self)
        self._export_job = None  # the export in progress: its answer is this dialog's alone

        filters = self._build_filters()
        self.count_label = QLabel()
        self.count_label.setObjectName("historyCount")
        self.count_label.setAccessibleName(tr("Number of actions shown"))
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.table = HistoryTable(self.model)
        self.status_label = QLabel()  # export results and read errors, on a line of their own
        self.status_label.setObjectName("historyStatus")
        self.status_label.setAccessibleName(tr("History status"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.hide()  # shown while it has something to say
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(self._build_bottom_row())
        self.address_edit.setFocus()
        self._apply_filters_as_typed()
        self.model.failed.connect(self._show_problem)
        background.historyChanged.connect(self.model.refresh)  # a new action shows up while open

    def _build_filters(self) -> FlowLayout:
        today = QDate.currentDate()
        self.since_check, self.since_edit = self._day_filter(
            "historySince", tr("&From"), tr("From this day"),
            tr("Show only actions on or after this day."), today.addDays(1 - self.RECENT_DAYS),
        )
        self.until_check, self.until_edit = self._day_filter(
            "historyUntil", tr("T&o"), tr("To this day"),
            tr("Show only actions on or before this day."), today,
        )
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("historyAddress")
        self.address_edit.setAccessibleName(tr("Address"))
        self.address_edit.setPlaceholderText(tr("Number or SIP address"))
        self.address_edit.setToolTip(tr(
            "Show only actions whose target or your number contains this text. "
            "Numbers match by their digits: 415 222 finds +14152225555."
        ))
        name_clear_button(self.address_edit, tr("Address filter"))
        self._fit_placeholder(self.address_edit)
        address_label = QLabel(tr("&Address:"))
        address_label.setBuddy(self.address_edit)
        self.outcome_combo = QComboBox()
        self.outcome_combo.setObjectName("historyOutcome")
        self.outcome_combo.setAccessibleName(tr("Outcome"))
        self.outcome_combo.setToolTip(tr("Show only actions with this outcome."))
        self.outcome_combo.addItem(tr("Any outcome"), None)
        for outcome in Outcome:
            self.outcome_combo.addItem(outcome_label(outcome), outcome)
        outcome_label_widget = QLabel(tr("O&utcome:"))
        outcome_label_widget.setBuddy(self.outcome_combo)
        # Each filter keeps its label beside it; the filters wrap onto more lines when narrow.
        filters = FlowLayout(spacing=12)
        for pair in ((self.since_check, self.since_edit), (self.until_check, self.until_edit),
                     (address_label, self.address_edit), (outcome_label_widget, self.outcome_combo)):
            filters.addWidget(self._side_by_side(*pair))
        return filters

    @staticmethod
    def _side_by_side(label: QWidget, field: QWidget) -> QWidget:
        pair = QWidget()
        row = QHBoxLayout(pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(field, 1)
        return pair

    @staticmethod
    def _fit_placeholder(edit: QLineEdit) -> None:
        """Wide enough for its whole placeholder, beside its clear button."""
        # A line edit's size hint is room for 17 "x" plus its frame, margins and buttons.
        around_text = edit.sizeHint().width() - 17 * edit.fontMetrics().horizontalAdvance("x")
        text = QFontMetricsF(edit.font()).horizontalAdvance(edit.placeholderText())  # fractions count
        edit.setMinimumWidth(around_text + math.ceil(text))

    def _build_bottom_row(self) -> QHBoxLayout:
        self.export_button = QPushButton(tr("&Export to CSV..."))
        self.export_button.setObjectName("exportHistoryButton")
        self.export_button.setAccessibleName(tr("Export to CSV"))
        self.export_button.setToolTip(tr("Save every action the filter shows (not only those on screen) "
                                         "to a CSV file, for a spreadsheet or a ticket."))
        self.export_button.clicked.connect(self.export_csv)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close_button.setText(tr("Close"))
        close_button.setObjectName("closeHistoryButton")
        close_button.setAccessibleName(tr("Close"))
        close_button.setToolTip(tr("Close the history (Esc)."))
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        return bottom

    def _apply_filters_as_typed(self) -> None:
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(self.FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.address_edit.textChanged.connect(self._filter_timer.start)
        self.outcome_combo.currentIndexChanged.connect(self._filter_timer.start)
        for check, edit in ((self.since_check, self.since_edit), (self.until_check, self.until_edit)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._filter_timer.start)
            edit.dateChanged.connect(self._filter_timer.start)

    def _day_filter(self, name: str, text: str, accessible: str, tip: str, day: QDate) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(text)
        check.setObjectName(name + "Check")
        check.setAccessibleName(accessible)
        check.setToolTip(tip)
        edit = QDateEdit(day)
        edit.setObjectName(name + "Date")
        edit.setDisplayFormat(self.DATE_FORMAT)
        edit.setCalendarPopup(True)
        edit.setEnabled(False)
        edit.setAccessibleName(accessible)
        edit.setToolTip(tip)
        return check, edit

    # -- filtering -------------------------------------------------------------

    def current_filter(self) -> HistoryFilter:
        def day(check: QCheckBox, edit: QDateEdit) -> date | None:
            return edit.date().toPython() if check.isChecked() else None  # type: ignore[return-value]

        return HistoryFilter(
            since=day(self.since_check, self.since_edit),
            until=day(self.until_check, self.until_edit),
            address=self.address_edit.text(),
            outcome=Outcome(outcome) if (outcome := self.outcome_combo.currentData()) else None,
        )

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self._set_status("")
        self.model.set_filter(self.current_filter())
        self.count_label.setText(self._count_text(self.model.total()))

    @staticmethod
    def _count_text(total: int) -> str:
        if total == 1:
            return tr("1 action")
        return tr("%1 actions").replace("%1", QLocale().toString(total))

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in RELAYOUT_EVENTS:
            fit_height_to_width(self)  # the filters take more lines when narrow
        return handled

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Read afresh each time the dialog is shown: actions may have been added meanwhile.
        self.apply_filter()
        super().showEvent(event)

    def done(self, result: int) -> None:
        self.store.close()  # reopened on the next read, if the dialog is shown again
        super().done(result)

    # -- export ------------------------------------------------------------------

    def choose_export_path(self) -> str | None:
        """Ask where to save; None if the agent cancels. Tests replace this."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"phlo-desk-history-{date.today().isoformat()}.csv")
        path, _ = QFileDialog.getSaveFileName(self, tr("Export history"), suggested, tr("CSV files (*.csv)"))
        if not path:
            return None
        return path if Path(path).suffix else path + ".csv"

    def export_csv(self) -> None:
        path = self.choose_export_path()
        if not path:
            return
        if self._filter_timer.isActive():
            self.apply_filter()  # export what the agent has typed, even within the typing pause
        self.export_button.setEnabled(False)
        self._set_status(tr("Exporting..."))
        self._export_job = self.background.export_history(self.model.filter, path)
        self._export_job.finished.connect(self._export_finished)

    def _export_finished(self, exported) -> None:  # type: ignore[no-untyped-def]
        self._export_job = None
        self.export_button.setEnabled(True)
        if exported is not None and exported.rows is not None:
            self._set_status(tr("Saved: %1.").replace("%1", self._count_text(exported.rows)))
        elif exported is not None and exported.problem is not None:
            self._show_problem(history_error_text(exported.problem))
        else:
            self._show_problem(tr_detail(exported.os_problem) if exported is not None else tr("The export failed."))

    def _show_problem(self, text: str) -> None:
        self._set_status("\u26a0 " + text)

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
