"""The status log: one row per action, newest on top.

The log and History share ResultTableView, which fits the table to its width: nothing
scrolls sideways and no cell is cut. Text wraps and each row is as tall as its text.
When the columns a person does not need at a glance (HTTP, api_id, time taken) do not
fit, they are hidden; when even the others do not fit, each row becomes one wrapped
summary. A hidden cell stays in the row's tooltip, its copy and its accessible text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QRegion,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.translatable import translatable
from phlo_desk.core.values import value_class
from phlo_desk.ui.flow_layout import viewport_width
from phlo_desk.ui.translation import tr, tr_marked
from phlo_desk.ui.vocabulary import (
    TONE_ICONS,
    action_label,
    outcome_label,
    outcome_tone,
    tone_colour,
    tr_detail,
    tr_phrase,
)

if TYPE_CHECKING:
    from datetime import datetime

AnyIndex = QModelIndex | QPersistentModelIndex  # what Qt passes to a model's methods

# The whole row in one wrapped cell: the at-a-glance cells on a line, the message under them.
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1


def _now() -> datetime:
    from datetime import datetime  # ~7 M instructions: loaded with the first row, not at start-up

    return datetime.now().astimezone()


class ResultRow(Protocol):
    """A row of a result table: a status log entry, or a history record."""

    @property
    def tone(self) -> str: ...  # "good" | "warn" | "bad": the outcome cell's colour and icon

    @property
    def api_id(self) -> str: ...

    @property
    def target(self) -> str: ...  # whom the action went to, "" for the desk's own rows

    def cells(self) -> Sequence[str]: ...  # one text per column

    def as_text(self) -> str: ...  # one line for the clipboard


RowT = TypeVar("RowT", bound=ResultRow)


@value_class
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
        message = tr_phrase(result.message)
        if result.detail:  # the desk's own words translated, what the server said as it came
            detail = tr_detail(result.detail)
            said = tr("Plivo said: %1").replace("%1", detail) if result.status else detail
            message += f" ({said})"
        return cls(
            time=_now(),
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
        return cls(_now(), action, "", label, tone, message=message)

    @cached_property
    def _cells(self) -> tuple[str, ...]:
        # Worked out once: every repaint asks for each visible cell several times.
        return (
            self.time.strftime("%H:%M:%S"),
            action_label(self.action),
            self.target,
            self.outcome_text,
            str(self.status) if self.status else "",
            self.api_id,
            self.message,
            f"{self.elapsed_ms:.0f} ms" if self.elapsed_ms is not None else "",
        )

    def cells(self) -> list[str]:
        return list(self._cells)

    def as_text(self) -> str:
        """One line for the clipboard, readable in a ticket or chat."""
        return "\t".join(cell for cell in self._cells if cell)


class ResultRowsModel(QAbstractTableModel, Generic[RowT]):
    """A read-only table of result rows, newest first; the outcome cell shows its tone.

    Subclasses fill `rows` and name the columns (marked `translatable`).
    """

    COLUMNS: tuple[str, ...] = ()
    OUTCOME_COLUMN: int
    MESSAGE_COLUMN: int  # the one column that stretches
    DETAIL_COLUMNS: tuple[int, ...] = ()  # not needed at a glance: the first to go when narrow

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RowT] = []
        self._icons: dict[str, QIcon] = {}  # per tone; the style's lookup is slow enough to show

    def icon(self, tone: str) -> QIcon:
        if tone not in self._icons:
            self._icons[tone] = QApplication.style().standardIcon(TONE_ICONS[tone])
        return self._icons[tone]

    def row_at(self, row: int) -> RowT | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def column_title(self, column: int) -> str:
        return tr_marked(self.COLUMNS[column])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.column_title(section)
        return None

    def summary(self, row: RowT) -> str:
        """The row as one cell: the at-a-glance cells on a line, the message below."""
        cells = row.cells()
        glance = [cell for column, cell in enumerate(cells)
                  if cell and column != self.MESSAGE_COLUMN and column not in self.DETAIL_COLUMNS]
        return "\n".join(part for part in (" \u00b7 ".join(glance), cells[self.MESSAGE_COLUMN]) if part)

    def description(self, row: RowT) -> str:
        """Every cell of the row with its column's name, for the tooltip (hidden columns too)."""
        lines = [f"{self.column_title(column)}: {cell}" for column, cell in enumerate(row.cells()) if cell]
        import html  # with its entities ~10 M instructions: loaded by the first tooltip, not at start-up

        # Rich text so that it wraps; escaped, since server text is never markup.
        return "<p>" + "<br>".join(html.escape(line) for line in lines) + "</p>"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells()[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OUTCOME_COLUMN:
            return QBrush(tone_colour(row.tone))
        if role == Qt.ItemDataRole.DecorationRole and column == self.OUTCOME_COLUMN:
            return self.icon(row.tone)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.as_text()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.description(row)
        if role == SUMMARY_ROLE:
            return self.summary(row)
        return None


class LogModel(ResultRowsModel[LogEntry]):
    COLUMNS = (translatable("Time"), translatable("Action"), translatable("Target"), translatable("Outcome"),
               "HTTP", "api_id", translatable("Message"), translatable("Time taken"))
    OUTCOME_COLUMN, API_ID_COLUMN, MESSAGE_COLUMN = 3, 5, 6
    DETAIL_COLUMNS = (4, 5, 7)  # HTTP, api_id, Time taken
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


_WORD = re.compile(r"\S+")


class TextMeasure:
    """Widths and wrapped heights of cell texts in one font, as an item view draws them.

    Remembered, since every change of width measures each row again and most of its
    texts (all but the message) were measured at the same width before."""

    LIMIT = 20_000  # texts remembered, per kind

    def __init__(self, font: QFont) -> None:
        self.font = font
        self.metrics = QFontMetrics(font)
        self._widths: dict[str, int] = {}
        self._heights: dict[tuple[str, int], int] = {}

    def width(self, text: str) -> int:
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) >= self.LIMIT:
                self._widths.clear()
            width = self._widths[text] = self.metrics.horizontalAdvance(text)
        return width

    def breakable(self, text: str, width: int) -> str:
        """`text` with every word wider than `width` (a SIP address, an api_id) free to break
        between any two characters: Qt breaks lines between words only, and cuts the rest."""
        if self.width(text) <= width:
            return text

        def free(word: re.Match[str]) -> str:
            return "\u200b".join(word[0]) if self.metrics.horizontalAdvance(word[0]) > width else word[0]

        return _WORD.sub(free, text)

    def height(self, text: str, width: int) -> int:
        """The height of `text` (breakable) in lines of `width`."""
        key = (text, width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= self.LIMIT:
                self._heights.clear()
            from PySide6.QtGui import QTextLayout, QTextOption  # their types at the first row, not at start-up

            layout = QTextLayout(self.breakable(text, width).replace("\n", "\u2028"), self.font)
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            layout.setTextOption(option)
            layout.beginLayout()
            lines = 0.0
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                lines += line.height()
            layout.endLayout()
            height = self._heights[key] = math.ceil(lines)
        return height


class ResultDelegate(QStyledItemDelegate):
    """Draws each cell as the model gives it, its long words free to break; in the summary
    form the message cell shows the whole row, with the outcome's icon."""

    def __init__(self, view: ResultTableView) -> None:
        super().__init__(view)
        self.view = view
        self.summarising = False

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        model = index.model()
        column = index.column()
        if self.summarising and column == model.MESSAGE_COLUMN:  # type: ignore[attr-defined]
            option.text = self.displayText(index.data(SUMMARY_ROLE), option.locale)
            outcome = index.siblingAtColumn(model.OUTCOME_COLUMN)  # type: ignore[attr-defined]
            icon = outcome.data(Qt.ItemDataRole.DecorationRole)
            if isinstance(icon, QIcon):
                option.icon = icon
                option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        width = self.view.wrap_widths().get(column)
        if width is not None:
            option.text = self.view.measure.breakable(option.text, width)


class ResultTableView(QTableView):
    """A read-only table of result rows that fits its width; one row at a time is
    current, and copied with Ctrl+C or from the context menu (the whole row, or its api_id).

    Row heights follow the text: a new row is measured when it arrives, and every row
    again (once, after the event) when the columns change width.
    """

    saveRequested = Signal(str)  # "Save to directory" on a row: whom its action went to

    # Widths come from sample text, so the columns fit whatever the font size is ("": the message).
    SAMPLES: tuple[str, ...] = ()
    MESSAGE_MIN_CHARS = 30  # the message column is never narrower: detail columns go first
    MIN_ROWS = 3  # two-line rows the view keeps room for, however short its window

    def __init__(self, model: ResultRowsModel) -> None:
        super().__init__()
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the columns fit instead
        # Always shown: rows that grow taller must not take the width they wrap in away from them.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)  # rows of many lines
        self.verticalHeader().hide()
        self.delegate = ResultDelegate(self)
        self.setItemDelegate(self.delegate)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(model.MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self._rows_to_measure = QTimer(self)  # once for many column changes in one event
        self._rows_to_measure.setSingleShot(True)
        self._rows_to_measure.setInterval(0)
        self._rows_to_measure.timeout.connect(self.resizeRowsToContents)
        self._natural_widths: list[int] = []
        self._wrap_widths: dict[int, int] | None = None  # worked out again when the columns change
        self._measure_columns()
        header.sectionResized.connect(self._measure_all_rows)
        model.modelReset.connect(self._measure_all_rows)
        model.layoutChanged.connect(self._measure_all_rows)
        model.rowsInserted.connect(self._measure_new_rows)

        self.copy_row_action = QAction(tr("Copy row"), self)
        self.copy_row_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_row_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_row_action.triggered.connect(self.copy_row)
        self.copy_api_id_action = QAction(tr("Copy api_id"), self)
        self.copy_api_id_action.triggered.connect(self.copy_api_id)
        self.save_action = QAction(tr("Save to directory..."), self)
        self.save_action.triggered.connect(self._save_target)
        self.addAction(self.copy_row_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)

    # -- fitting the width ------------------------------------------------------------

    @property
    def summarising(self) -> bool:
        """True when each row is shown as one wrapped summary cell."""
        return self.delegate.summarising

    def _measure_columns(self) -> None:
        """Each column's width for its sample text (and its title) on one line."""
        model = self.model()
        header = self.horizontalHeader()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay  # measured on one line
        grid = 1 if self.showGrid() else 0
        for column in range(model.columnCount()):
            header.setSectionHidden(column, False)  # a hidden section's title measures 0 wide
        self._natural_widths = []
        for column, sample in enumerate(self.SAMPLES):
            option.text = tr_marked(sample) if sample else sample  # as wide as it will read
            if column == model.OUTCOME_COLUMN:
                option.icon = self.style().standardIcon(TONE_ICONS["good"])
                option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            cell = self.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self)
            option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
            width = max(cell.width() + grid, header.sectionSizeHint(column))
            self._natural_widths.append(width)
            if column != model.MESSAGE_COLUMN:
                header.resizeSection(column, width)
        self._message_minimum = max(self.fontMetrics().averageCharWidth() * self.MESSAGE_MIN_CHARS,
                                    header.sectionSizeHint(model.MESSAGE_COLUMN))
        self.measure = TextMeasure(self.font())
        self._text_padding: dict[bool, int] | None = None  # worked out with the first row's height
        self._least_row_height = max(self._cell_height("X", False), self._cell_height("X", True)) + grid
        self._two_line_row_height = self._cell_height("X\u2028X", True) + grid
        self._arrange_columns()

    def _cell_height(self, text: str, icon: bool) -> int:
        """A cell's height for `text` on one line per line break, with the outcome's icon or not."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.text = text
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if icon:
            option.icon = self.style().standardIcon(TONE_ICONS["good"])
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self).height()

    def _text_paddings(self) -> dict[bool, int]:
        """What the style adds to a cell's text, with and without an icon (measured on two
        lines, where the text is taller than the icon). At the first row, not at start-up:
        the text layout it needs costs ~5 ms there."""
        if self._text_padding is None:
            two_lines = self.measure.height("X\nX", 1 << 16)
            self._text_padding = {icon: self._cell_height("X\u2028X", icon) - two_lines for icon in (False, True)}
        return self._text_padding

    def prepare_first_answer(self) -> None:
        """Set up now, while the desk is idle, what the first row would set up as it
        arrives (~15 ms): the text layout, each tone's icon at the size drawn, the Python
        types of its brush and of the selection, the clock's module."""
        self._text_paddings()
        extent = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self)
        for tone in TONE_ICONS:
            self.model().icon(tone).pixmap(extent, extent)
        QBrush(tone_colour("good"))  # sets up QGradient's and QImage's types (~5 ms)
        # PySide6 sets up QByteArray's type as the first brush goes into a QVariant (data()).
        from PySide6.QtCore import QByteArray, QItemSelectionModel  # noqa: F401

        _now()

    def _columns_that_fit(self, width: int) -> list[int] | None:
        """Every column if they fit, else the at-a-glance ones if they do; None: neither fits."""
        model = self.model()
        everything = list(range(model.columnCount()))
        at_a_glance = [column for column in everything if column not in model.DETAIL_COLUMNS]
        for columns in (everything, at_a_glance):
            fixed = sum(self._natural_widths[column] for column in columns if column != model.MESSAGE_COLUMN)
            if fixed + self._message_minimum <= width:
                return columns
        return None

    def _arrange_columns(self) -> None:
        model = self.model()
        fitting = self._columns_that_fit(viewport_width(self))
        summarising = fitting is None
        shown = [model.MESSAGE_COLUMN] if fitting is None else fitting
        header = self.horizontalHeader()
        changed = summarising != self.delegate.summarising
        for column in range(model.columnCount()):
            hidden = column not in shown
            if header.isSectionHidden(column) != hidden:
                header.setSectionHidden(column, hidden)
                changed = True
        self.delegate.summarising = summarising
        header.setHidden(summarising)  # its one title would name only the message
        if changed:
            self._measure_all_rows()
            self.updateGeometry()  # the least height counts the header
            # Repaint every cell (a summary draws differently at the same size); not through
            # viewport(), whose first Python wrapper costs ~20 ms of start-up.
            self.setDirtyRegion(QRegion(self.rect()))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self._arrange_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measure_columns()
            self._measure_all_rows()

    def wrap_widths(self) -> dict[int, int]:
        """The width each shown column's text wraps in: the cell less its icon and margins."""
        if self._wrap_widths is not None:
            return self._wrap_widths
        model = self.model()
        header = self.horizontalHeader()
        # First, as asking for a size carries out a resize the header had put off.
        sizes = {column: header.sectionSize(column) for column in range(model.columnCount())
                 if not header.isSectionHidden(column)}
        style = self.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        grid = 1 if self.showGrid() else 0
        icon_column = model.MESSAGE_COLUMN if self.summarising else model.OUTCOME_COLUMN
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        widths = {}
        for column, size in sizes.items():
            option.rect = QRect(0, 0, size - grid, 1 << 16)
            option.features = (QStyleOptionViewItem.ViewItemFeature.HasDisplay
                               | QStyleOptionViewItem.ViewItemFeature.WrapText)
            option.icon = QIcon()
            if column == icon_column:
                option.icon = style.standardIcon(TONE_ICONS["good"])
                option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, self)
            widths[column] = max(1, text.width() - 2 * margin)
        self._wrap_widths = widths
        return widths

    def sizeHintForRow(self, row: int) -> int:  # noqa: N802
        """As tall as the row's tallest cell, its text broken into lines as it is drawn.

        Qt's own measure asks the delegate for every cell, which takes over a second for
        a few hundred rows each time the width changes."""
        model = self.model()
        item = model.row_at(row)  # type: ignore[attr-defined]
        if item is None:
            return super().sizeHintForRow(row)
        widths = self.wrap_widths()
        cells = item.cells()
        if self.summarising:
            texts = {model.MESSAGE_COLUMN: model.summary(item)}  # type: ignore[attr-defined]
        else:
            texts = {column: cells[column] for column in widths}
        measure, padding = self.measure, self._text_paddings()
        grid = 1 if self.showGrid() else 0
        icon_column = model.MESSAGE_COLUMN if self.summarising else model.OUTCOME_COLUMN  # type: ignore[attr-defined]
        tallest = self._least_row_height
        for column, text in texts.items():
            width = widths[column]
            if "\n" in text or measure.width(text) > width:
                cell = measure.height(text, width) + padding[column == icon_column] + grid
                tallest = max(tallest, cell)
        return tallest

    def _measure_all_rows(self) -> None:
        self._wrap_widths = None
        self._rows_to_measure.start()

    def _measure_new_rows(self, _parent: AnyIndex, first: int, last: int) -> None:
        if self._rows_to_measure.isActive():
            return  # every row is about to be measured
        for row in range(first, last + 1):
            self.resizeRowToContents(row)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        header = 0 if self.horizontalHeader().isHidden() else self.horizontalHeader().sizeHint().height()
        return QSize(hint.width(), 2 * self.frameWidth() + header + self.MIN_ROWS * self._two_line_row_height)

    # -- copying ----------------------------------------------------------------------

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
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        menu.addAction(self.copy_row_action)
        self.copy_api_id_action.setEnabled(bool(row.api_id))
        menu.addAction(self.copy_api_id_action)
        if row.target:
            menu.addSeparator()
            menu.addAction(self.save_action)
        menu.exec(self.viewport().mapToGlobal(position))

    def _save_target(self) -> None:
        row = self.current_row()
        if row and row.target:
            self.saveRequested.emit(row.target)


class StatusLogView(ResultTableView):
    SAMPLES = ("00:00:00", "Complete transfer", "+44 20 7946 0958", "UNKNOWN: check call", "HTTP",
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
        from PySide6.QtCore import QItemSelectionModel  # its Python type: at the first row, not at start-up

        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(self.model().index(0, 0), flags)

