"""The directory's table: a model that works each cell out when it is drawn, and a view
whose rows all have one height, so no row is ever measured and opening on 10,000
entries costs no more than on ten.

Wide, each field has its column; narrow (the window docked at 400 px), each row is three
lines: the name and team, the address that will be sent, then the source and the
presence. A text longer than its cell is elided; the cell's tooltip and accessible
text hold the whole entry.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyleOptionViewItem, QTableView

from phlo_desk.core.directory import SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO, Entry
from phlo_desk.ui.flow_layout import viewport_width
from phlo_desk.ui.translation import tr
from phlo_desk.ui.vocabulary import tone_colour

AnyIndex = QModelIndex | QPersistentModelIndex  # what Qt passes to a model's methods

STAR, NAME, TEAM, ADDRESS, SOURCE, PRESENCE = range(6)
STARRED, NOT_STARRED = "\u2605", "\u2606"
STAR_SHORTCUT = "Ctrl+S"


def source_label(source: str) -> str:
    return {SOURCE_LIST: tr("IT's list"), SOURCE_OWN: tr("My entry"), SOURCE_PLIVO: tr("Plivo endpoint")}.get(
        source, source)


def presence_label(available: bool | None) -> str:
    return {True: tr("available"), False: tr("offline")}.get(available, "")  # type: ignore[arg-type]


def read_only_reason(entry: Entry | None) -> str:
    """Why an entry cannot be changed here; "" for the agent's own entries."""
    if entry is None:
        return tr("Choose one of your own entries first.")
    return {SOURCE_LIST: tr("Entries from IT's list are read-only here: ask IT to change the list."),
            SOURCE_PLIVO: tr("Plivo endpoints are read-only here: they are managed in the Plivo console."),
            }.get(entry.source, "")


def entry_identity(entry: Entry) -> tuple[str, str, str, str]:
    return entry.source, entry.key, entry.address, entry.name


class DirectoryModel(QAbstractTableModel):
    """The entries shown, in order; each cell is worked out when the view asks for it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []
        self.presence: dict[str, bool | None] = {}  # by endpoint_id
        # address -> endpoint_id: a colleague in IT's list who is also an endpoint shows its presence too
        self.endpoint_at: dict[str, str] = {}
        self.compact = False  # one two-line cell per row instead of a column per field

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def set_presence(self, presence: dict[str, bool | None]) -> None:
        self.presence = dict(presence)
        if self.entries:
            self.dataChanged.emit(self.index(0, NAME), self.index(len(self.entries) - 1, PRESENCE))

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, NAME, NAME)
            if self.entries:
                self.dataChanged.emit(self.index(0, NAME), self.index(len(self.entries) - 1, NAME))

    def entry_at(self, row: int) -> Entry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def availability(self, entry: Entry) -> bool | None:
        endpoint_id = entry.endpoint_id or self.endpoint_at.get(entry.address, "")
        return self.presence.get(endpoint_id) if endpoint_id else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == NAME and self.compact:
                return tr("Entry")
            return (STARRED, tr("Name"), tr("Team"), tr("Address"), tr("Source"), tr("Availability"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == STAR:
            return tr("Favourite")
        return None

    def cells(self, entry: Entry) -> tuple[str, ...]:
        return (STARRED if entry.favourite else NOT_STARRED, entry.name, entry.team, entry.address,
                source_label(entry.source), presence_label(self.availability(entry)))

    def summary(self, entry: Entry) -> str:
        """The three lines of a row in the narrow form: a Plivo address alone fills the width."""
        _star, name, team, address, source, presence = self.cells(entry)
        return "\n".join((" \u00b7 ".join(part for part in (name, team) if part), address,
                          " \u00b7 ".join(part for part in (source, presence) if part)))

    def description(self, entry: Entry) -> str:
        """Every field with its name, one a line, for the tooltip and a screen reader."""
        cells = self.cells(entry)
        lines = [entry.name, *(f"{title}: {cells[column]}" for column, title in (
            (TEAM, tr("Team")), (ADDRESS, tr("Will send")), (SOURCE, tr("Source")),
            (PRESENCE, tr("Availability"))) if cells[column])]
        if entry.notes:
            lines.append(tr("Notes: %1").replace("%1", entry.notes))
        if entry.favourite:
            lines.append(tr("Favourite"))
        return "\n".join(lines)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.summary(entry) if column == NAME and self.compact else self.cells(entry)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STAR:
                return (tr("A favourite: click to unstar (%1).") if entry.favourite
                        else tr("Click to make it a favourite (%1).")).replace("%1", STAR_SHORTCUT)
            # Rich text so that it wraps; escaped, since names come from outside the desk.
            return "<p>" + html.escape(self.description(entry)).replace("\n", "<br>") + "</p>"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.description(entry).replace("\n", ", ")
        if role == Qt.ItemDataRole.ForegroundRole and column == PRESENCE:
            available = self.availability(entry)
            return None if available is None else QBrush(tone_colour("good" if available else "warn"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == STAR:
            return Qt.AlignmentFlag.AlignCenter
        return None


class DirectoryTable(QTableView):
    """Rows of one height (one line wide, three narrow): no row is ever measured."""

    starPressed = Signal()  # Space on a row
    leftAtTop = Signal()  # Up on the first row: back to the search box
    typed = Signal(str)  # a letter typed in the table belongs in the search box

    ADDRESS_SAMPLE = "sip:alice240315091200@phone.plivo.com"  # Plivo adds 12 digits to endpoint names
    TEAM_SAMPLE = "Customer support"
    NAME_MIN_CHARS = 16

    def __init__(self, model: DirectoryModel) -> None:
        super().__init__()
        self.setObjectName("directoryTable")
        self.setAccessibleName(tr("Directory entries"))
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the columns fit instead
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # no width lost when it appears
        self.setTabKeyNavigation(False)  # Tab goes on to the buttons
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self._measure()

    def _cell_size(self, text: str) -> QSize:
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        option.text = text
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self)

    def _measure(self) -> None:
        """Column widths from sample texts and titles, and the row heights of both forms."""
        header = self.horizontalHeader()
        for column in range(self.model().columnCount()):
            header.setSectionHidden(column, False)  # a hidden section's title measures 0 wide
        grid = 1 if self.showGrid() else 0
        samples = {STAR: [STARRED, NOT_STARRED], TEAM: [self.TEAM_SAMPLE], ADDRESS: [self.ADDRESS_SAMPLE],
                   SOURCE: [source_label(source) for source in (SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO)],
                   PRESENCE: [presence_label(True), presence_label(False)]}
        self._widths = {column: max([header.sectionSizeHint(column)]
                                    + [self._cell_size(text).width() + grid for text in texts])
                        for column, texts in samples.items()}
        self._name_minimum = max(header.sectionSizeHint(NAME),
                                 self.fontMetrics().averageCharWidth() * self.NAME_MIN_CHARS)
        self._row_heights = {False: self._cell_size("X").height() + grid,
                             True: self._cell_size("X\u2028X\u2028X").height() + grid}
        self._arrange(force=True)

    def _arrange(self, force: bool = False) -> None:
        model: DirectoryModel = self.model()  # type: ignore[assignment]
        wide = sum(self._widths.values()) + self._name_minimum <= viewport_width(self)
        if not force and model.compact == (not wide):
            return
        model.set_compact(not wide)
        header = self.horizontalHeader()
        shown = (STAR, NAME, TEAM, ADDRESS, SOURCE, PRESENCE) if wide else (STAR, NAME)
        for column, width in self._widths.items():
            header.setSectionHidden(column, column not in shown)
            header.resizeSection(column, width)
        self.verticalHeader().setDefaultSectionSize(self._row_heights[model.compact])
        self.updateGeometry()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measure()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        header = self.horizontalHeader().sizeHint().height()
        return QSize(hint.width(), 2 * self.frameWidth() + header + 3 * self._row_heights[True])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Space and not modifiers:
            self.starPressed.emit()
        elif key == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.leftAtTop.emit()
        elif event.text().isprintable() and event.text().strip() and not (
                modifiers & ~Qt.KeyboardModifier.ShiftModifier):
            self.typed.emit(event.text())
        else:
            super().keyPressEvent(event)
