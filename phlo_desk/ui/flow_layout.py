"""A layout that sets widgets in a row and wraps them onto more rows when narrow.

Buttons keep their whole text at any width: at 400 px a row of three moves becomes
two or three rows instead of three clipped buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch_after: set[int] = set()  # item indexes followed by a push to the right
        # Qt asks a layout's height for the same width many times per relayout: remember it
        # until the layout is invalidated (every activation does that, recursively).
        self._heights: dict[int, int] = {}
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)
        self._heights.clear()

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def add_widgets(self, *widgets: QWidget) -> None:
        for widget in widgets:
            self.addWidget(widget)

    def add_push(self) -> None:
        """What follows goes to the right end of the row it lands on."""
        self._stretch_after.add(len(self._items) - 1)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if not 0 <= index < len(self._items):
            return None
        self._stretch_after = {i if i < index else i - 1 for i in self._stretch_after if i != index}
        self._heights.clear()
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        if width not in self._heights:
            self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return self._heights[width]

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        visible = self._visible()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in visible) + self.spacing() * max(0, len(visible) - 1)
        height = max((item.sizeHint().height() for item in visible), default=0)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        # As narrow as the widest single item: everything else wraps.
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        rows: list[list[tuple[QLayoutItem, QSize, bool]]] = [[]]
        x = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():
                continue
            size = item.sizeHint().boundedTo(QSize(area.width(), 1 << 20)).expandedTo(item.minimumSize())
            if rows[-1] and x + size.width() > area.width():
                rows.append([])
                x = 0
            rows[-1].append((item, size, index in self._stretch_after))
            x += size.width() + self.spacing()
        y = area.y()
        for row in rows:
            if not row:
                continue
            height = max(size.height() for _, size, _ in row)
            if move:
                self._place_row(row, area, y, height)
            y += height + self.spacing()
        return y - self.spacing() - area.y() + margins.top() + margins.bottom() if rows[0] else 0

    def _place_row(self, row: list[tuple[QLayoutItem, QSize, bool]], area: QRect, y: int, height: int) -> None:
        used = sum(size.width() for _, size, _ in row) + self.spacing() * (len(row) - 1)
        spare = max(0, area.width() - used)
        push_at = next((i for i, (_, _, push) in enumerate(row) if push), None)
        x = area.x()
        for position, (item, size, _) in enumerate(row):
            if push_at is not None and position == push_at + 1:
                x += spare
            item.setGeometry(QRect(QPoint(x, y + (height - size.height()) // 2), size))
            x += size.width() + self.spacing()


# What a window asks of its layout again: its size, or what it holds, changed.
RELAYOUT_EVENTS = (QEvent.Type.Resize, QEvent.Type.LayoutRequest)


def fit_height_to_width(window: QWidget) -> None:
    """Keep `window` at least as tall as its layout needs at the window's width.

    Qt gives a window its layout's minimum size, which leaves wrapping out: a narrow
    window would squeeze its wrapped labels (or rows of filters) and cut them."""
    layout = window.layout()
    if layout is None:
        return
    needed = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalMinimumHeightForWidth(window.width()))
    if needed != window.minimumHeight():
        window.setMinimumHeight(needed)


def viewport_width(area: QAbstractScrollArea) -> int:
    """The width a scroll area shows its content in, without asking for its viewport:
    the first Python wrapper of that private Qt class costs ~20 ms of start-up."""
    width = area.maximumViewportSize().width()  # already without a scroll bar that is always on
    if area.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded:
        bar = area.verticalScrollBar()
        if bar.isVisible():
            width -= bar.sizeHint().width()
    return width
