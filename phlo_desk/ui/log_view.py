"""The status log: one row per action, newest on top."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAction, QBrush, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QMenu,
    QTableView,
    QTableWidget,
)

from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.ui.vocabulary import TONE_COLOURS, TONE_ICONS, action_label, outcome_label, outcome_tone, tr_core

AnyIndex = QModelIndex | QPersistentModelIndex  # what Qt passes to a model's methods


def tr(text: str) -> str:
    return QCoreApplication.translate("StatusLog", text)


class ResultRow(Protocol):
    """A row of a result table: a status log entry, or a history record."""

    @property
    def tone(self) -> str: ...  # "good" | "warn" | "bad": the outcome cell's colour and icon

    @property
    def api_id(self) -> str: ...

    def cells(self) -> Sequence[str]: ...  # one text per column

    def as_text(self) -> str: ...  # one line for the clipboard


RowT = TypeVar("RowT", bound=ResultRow)


@dataclass(frozen=True)
class LogEntry:
    time: datetime
    action: str  # wire name, or a key of action_label() such as "check"
    target: str
    outcome_text: str
    tone: str  # "good" | "warn" | "bad"
    status: int | None = None
    api_id: str = ""
    message: str = ""
    elapsed_ms: float | None = None
    outcome: Outcome | None = None  # None for notices that are not an action's result

    @classmethod
    def from_result(cls, result: ActionResult, action: str | None = None, target: str = "") -> LogEntry:
        """A row for an answer; `action` and `target` name the move as the agent saw it."""
        request = result.request
        message = tr_core(result.message)
        if result.detail:
            message += f" ({tr('Plivo said') + ': ' if result.status else ''}{result.detail})"
        return cls(
            time=datetime.now().astimezone(),
            action=action or (request.action.value if request else "check"),
            target=target or (request.target if request else ""),
            outcome_text=outcome_label(result.outcome),
            tone=outcome_tone(result.outcome),
            status=result.status,
            api_id=result.api_id,
            message=message,
            elapsed_ms=result.elapsed_ms,
            outcome=result.outcome,
        )

    @classmethod
    def notice(cls, action: str, message: str, *, tone: str = "warn") -> LogEntry:
        """A row that is not an action's result: an internal error, a history problem."""
        label = tr("Warning") if tone == "warn" else tr("Error")
        return cls(datetime.now().astimezone(), action, "", label, tone, message=message)

    def cells(self) -> list[str]:
        return [
            self.time.strftime("%H:%M:%S"),
            action_label(self.action),
            self.target,
            self.outcome_text,
            str(self.status) if self.status else "",
            self.api_id,
            self.message,
            f"{self.elapsed_ms:.0f} ms" if self.elapsed_ms is not None else "",
        ]

    def as_text(self) -> str:
        """One line for the clipboard, readable in a ticket or chat."""
        return "\t".join(cell for cell in self.cells() if cell)


class ResultRowsModel(QAbstractTableModel, Generic[RowT]):
    """A read-only table of result rows, newest first; the outcome cell shows its tone.

    Subclasses fill `rows` and name the columns (translated in TR_CONTEXT).
    """

    TR_CONTEXT = "StatusLog"
    COLUMNS: tuple[str, ...] = ()
    OUTCOME_COLUMN: int
    MESSAGE_COLUMN: int  # the one column that stretches

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RowT] = []
        self._icons: dict[str, QIcon] = {}  # per tone; the style's lookup is slow enough to show

    def row_at(self, row: int) -> RowT | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.TR_CONTEXT, self.COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.cells()[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OUTCOME_COLUMN:
            return QBrush(TONE_COLOURS[row.tone])
        if role == Qt.ItemDataRole.DecorationRole and column == self.OUTCOME_COLUMN:
            if row.tone not in self._icons:
                self._icons[row.tone] = QApplication.style().standardIcon(TONE_ICONS[row.tone])
            return self._icons[row.tone]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.as_text()
        return None


class LogModel(ResultRowsModel[LogEntry]):
    COLUMNS = ("Time", "Action", "Target", "Outcome", "HTTP", "api_id", "Message", "Time taken")
    OUTCOME_COLUMN, API_ID_COLUMN, MESSAGE_COLUMN = 3, 5, 6
    # A whole shift would otherwise keep every row in memory; History keeps them all.
    MAX_ROWS = 500

    @property
    def entries(self) -> list[LogEntry]:  # the status log's name for its rows
        return self.rows

    def add(self, entry: LogEntry) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.rows.insert(0, entry)
        self.endInsertRows()
        if len(self.rows) > self.MAX_ROWS:
            self.beginRemoveRows(QModelIndex(), self.MAX_ROWS, len(self.rows) - 1)
            del self.rows[self.MAX_ROWS:]
            self.endRemoveRows()


class ResultTableView(QTableView):
    """A read-only table of result rows: one row at a time is current, and copied
    with Ctrl+C or from the context menu (the whole row, or its api_id)."""

    TR_CONTEXT = "StatusLog"
    # Widths come from sample text, so the columns fit whatever the font size is ("": leave it be).
    SAMPLES: tuple[str, ...] = ()

    def __init__(self, model: ResultRowsModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        for column, sample in enumerate(self.SAMPLES):
            if sample:
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setSectionResizeMode(model.MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)

        self.copy_row_action = QAction(self._tr("Copy row"), self)
        self.copy_row_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_row_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_row_action.triggered.connect(self.copy_row)
        self.copy_api_id_action = QAction(self._tr("Copy api_id"), self)
        self.copy_api_id_action.triggered.connect(self.copy_api_id)
        self.addAction(self.copy_row_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)

    def _tr(self, text: str) -> str:
        return QCoreApplication.translate(self.TR_CONTEXT, text)

    def current_row(self) -> ResultRow | None:
        return self.model().row_at(self.currentIndex().row())  # type: ignore[attr-defined]

    def copy_row(self) -> None:
        row = self.current_row()
        if row:
            QGuiApplication.clipboard().setText(row.as_text())

    def copy_api_id(self) -> None:
        row = self.current_row()
        if row and row.api_id:
            QGuiApplication.clipboard().setText(row.api_id)

    def _show_menu(self, position) -> None:  # type: ignore[no-untyped-def]
        row = self.current_row()
        if row is None:
            return
        menu = QMenu(self)
        menu.addAction(self.copy_row_action)
        self.copy_api_id_action.setEnabled(bool(row.api_id))
        menu.addAction(self.copy_api_id_action)
        menu.exec(self.viewport().mapToGlobal(position))


class StatusLogView(ResultTableView):
    SAMPLES = ("00:00:00", "Cancel transfer", "+44 20 7946 0958", "UNKNOWN: check call", "HTTP",
               "12345678-1234", "", "10000 ms")

    def __init__(self, model: LogModel) -> None:
        super().__init__(model)
        self.setObjectName("statusLog")
        self.setAccessibleName(tr("Status log"))
        self.setToolTip(tr("Every action and its result, newest on top. Ctrl+C copies the selected row."))
        model.rowsInserted.connect(self._follow_newest)

    def _follow_newest(self) -> None:
        # The newest row is row 0: visible, current and selected, so Ctrl+C copies it and a
        # screen reader reads it (its outcome keeps its icon under the selection colour).
        self.scrollToTop()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(self.model().index(0, 0), flags)


def read_only_table(object_name: str, accessible_name: str, headers: list[str]) -> QTableWidget:
    """A small table of call members (the legs panel, the sandbox panel): shown, not edited."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setAccessibleName(accessible_name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table
