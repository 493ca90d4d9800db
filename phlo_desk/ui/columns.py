"""The window's panels: one column when narrow, two side by side when wide.

It asks only for the height its panels need, so the log below it gets the rest;
when the window is too short for the panels, they scroll here and the log keeps
its few rows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QLayout, QScrollArea, QSizePolicy, QWidget

from phlo_desk.ui.flow_layout import viewport_width

# From this width of the panels' area on, the two columns stand side by side.
TWO_COLUMNS_FROM_PX = 820


class ColumnsArea(QScrollArea):
    def __init__(self, first: QLayout | QWidget, second: QWidget) -> None:
        super().__init__()
        self.setObjectName("panels")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # it wraps instead
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls; the area follows focus
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.one_column = False
        content = QWidget()
        content.setObjectName("panelsContent")
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        self.columns.setContentsMargins(0, 0, 0, 0)
        # The content first, the panels after: setWidget() sizes what it is given, and the
        # panels are laid out once the window has its width (~15 M instructions less).
        self.setWidget(content)
        if isinstance(first, QLayout):
            self.columns.addLayout(first, 1)
        else:
            self.columns.addWidget(first, 1)
        self.columns.addWidget(second, 1)
        content.installEventFilter(self)
        self.arrange()

    @property
    def two_columns(self) -> bool:
        return self.columns.direction() == QBoxLayout.Direction.LeftToRight

    def arrange(self) -> None:
        wide = not self.one_column and viewport_width(self) >= TWO_COLUMNS_FROM_PX
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
            self.columns.setSpacing(12 if wide else 6)
            self.updateGeometry()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self.arrange()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # a panel grew or shrank: ask the window for the new height
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:  # noqa: N802
        content = self.widget()
        width = max(viewport_width(self), 1)
        layout = content.layout()
        height = layout.heightForWidth(width) if layout.hasHeightForWidth() else content.sizeHint().height()
        return QSize(content.sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # As narrow as one column, even while two stand side by side: shrinking the window
        # turns them into one. Short windows scroll the panels rather than squeeze the log away.
        columns = (self.columns.itemAt(i) for i in range(self.columns.count()))
        width = max(item.minimumSize().width() for item in columns)
        return QSize(width, self.fontMetrics().height() * 6)
