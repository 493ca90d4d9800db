"""The View menu and how the agent left the window: layout, always on top, colours,
size and place, remembered between starts (`core/view_state.py`)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from phlo_desk.core.view_state import ViewState, ViewStateStore
from phlo_desk.ui import theme
from phlo_desk.ui.columns import ColumnsArea
from phlo_desk.ui.theme import Scheme
from phlo_desk.ui.translation import tr

DEFAULT_SIZE = (1100, 760)



def _decoded(geometry: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QByteArray  # its Python type costs ~2 ms: not on a first start

    return QByteArray.fromBase64(geometry.encode("ascii"))


class ViewMenu(QObject):
    def __init__(self, window: QMainWindow, menu: QMenu, panels: ColumnsArea, store: ViewStateStore | None) -> None:
        super().__init__(window)
        self.window, self.panels, self.store = window, panels, store
        self.one_column_action = menu.addAction(tr("&One column"))
        self.one_column_action.setObjectName("oneColumnAction")
        self.one_column_action.setCheckable(True)
        self.one_column_action.setToolTip(tr("Keep one column even when the window is wide."))
        self.one_column_action.toggled.connect(self._set_one_column)
        self.on_top_action = menu.addAction(tr("Always on &top"))
        self.on_top_action.setObjectName("alwaysOnTopAction")
        self.on_top_action.setCheckable(True)
        self.on_top_action.toggled.connect(self._set_always_on_top)
        self.scheme = Scheme.SYSTEM
        # Its actions are made when it first opens: their radio group is ~2 ms of start-up.
        self.colours_menu = menu.addMenu(tr("&Colours"))
        self.colours_menu.aboutToShow.connect(self._fill_colours)
        self.colour_actions: dict[Scheme, QAction] = {}

    def _fill_colours(self) -> None:
        if self.colour_actions:
            return
        from PySide6.QtGui import QActionGroup

        group = QActionGroup(self)
        for scheme, text in ((Scheme.SYSTEM, tr("Follow the &system")), (Scheme.LIGHT, tr("&Light")),
                             (Scheme.DARK, tr("&Dark"))):
            action = self.colours_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(scheme is self.scheme)
            group.addAction(action)
            action.triggered.connect(lambda _=False, s=scheme: self.use_colours(s))
            self.colour_actions[scheme] = action

    def restore(self) -> None:
        state = self.store.load() if self.store else ViewState()
        if not state.geometry or not self.window.restoreGeometry(_decoded(state.geometry)):
            self.window.resize(*DEFAULT_SIZE)
        self.one_column_action.setChecked(state.one_column)
        self.on_top_action.setChecked(state.always_on_top)
        self.use_colours(Scheme(state.colours))

    def save(self) -> None:
        if self.store is None:
            return
        self.store.save(ViewState(
            geometry=bytes(self.window.saveGeometry().toBase64().data()).decode("ascii"),
            one_column=self.one_column_action.isChecked(), always_on_top=self.on_top_action.isChecked(),
            colours=self.scheme.value))

    def use_colours(self, scheme: Scheme) -> None:
        self.scheme = scheme
        if self.colour_actions:
            self.colour_actions[scheme].setChecked(True)
        theme.manager().use(scheme)

    def _set_one_column(self, on: bool) -> None:
        self.panels.one_column = on
        self.panels.arrange()

    def _set_always_on_top(self, on: bool) -> None:
        window = self.window
        if bool(window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint) == on:
            return
        visible = window.isVisible()
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if visible:  # changing a window flag hides the window
            window.show()
