"""To searches as it completes: colleagues and teams from the directory, then the
numbers recently transferred to.

Each keystroke asks the directory (core/directory.py) for the best matches; the popup
lists them with their team and the address that will be sent. Up/Down and Enter pick;
the field then holds `Name <address>`, of which only the address is sent. A typed
number works as before, with or without a directory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from phlo_desk.core.addresses import Address
from phlo_desk.ui.address_field import AddressField
from phlo_desk.ui.translation import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCompleter

SHOWN_MATCHES = 12
RECENT_KEPT = 50
_ENTRY_ROLE = Qt.ItemDataRole.UserRole


def filled_text(entry) -> str:  # type: ignore[no-untyped-def]
    """What To holds once an entry is picked: its name, and the address that will be sent."""
    # Brackets in a name would make the text ambiguous: only the address in brackets is sent.
    name = entry.name.replace("<", "").replace(">", "").strip()
    return f"{name} <{entry.address}>" if name else entry.address


class _Suggestions(QAbstractListModel):
    """The popup's rows: (shown text, text To takes, the entry or None for a recent number)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, object]] = []

    def replace(self, rows: list[tuple[str, str, object]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        shown, filled, entry = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return shown
        if role == Qt.ItemDataRole.EditRole:
            return filled
        if role == _ENTRY_ROLE:
            return entry
        return None


class TargetSearch(QObject):
    """The To field's completion: the directory's matches, then recent numbers."""

    picked = Signal(object)  # the directory Entry the agent picked from the list

    def __init__(self, field: AddressField, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.directory = None  # a core.directory.Directory once one is read
        self.recent: list[str] = []  # wire addresses, the most recent first
        self.presence: dict[str, bool] = {}  # endpoint_id -> registered, where Plivo said
        self._last: tuple[str, list[tuple[str, str, object]]] = ("", [])  # one search serves hint and popup
        self.model = _Suggestions(self)
        self.completer: QCompleter | None = None  # made at the first keystroke: ~5 ms of start-up
        # Qt's completer highlights the first row that starts with the typed text (with its
        # case): Down must always go to the directory's best match, so nothing stays highlighted.
        self._unhighlight = QTimer(self)
        self._unhighlight.setSingleShot(True)
        self._unhighlight.timeout.connect(self._clear_highlight)
        # After a pick the line edit puts its cursor at the end; the name is what the agent
        # recognises, so it goes back to the start once the line edit has set the text.
        self._show_name = QTimer(self)
        self._show_name.setSingleShot(True)
        self._show_name.timeout.connect(lambda: field.edit.setCursorPosition(0))
        # textEdited comes before the line edit asks the completer: the rows are fresh for it.
        field.edit.textEdited.connect(self._search)
        field.describe = self.describe
        field.suggest = self._suggest

    # -- what the window feeds in -----------------------------------------------------

    def set_directory(self, directory) -> None:  # type: ignore[no-untyped-def]
        self.directory = directory.with_recent(self.recent) if directory is not None else None
        self._last = ("", [])
        self.field.refresh()

    def set_recent(self, targets: list[str]) -> None:
        self.recent = list(dict.fromkeys(targets))[:RECENT_KEPT]
        self._last = ("", [])
        if self.directory is not None:
            self.directory = self.directory.with_recent(self.recent)

    def remember(self, target: str) -> None:
        """A move to `target` went through: it comes first among the recent."""
        self.set_recent([target, *self.recent])

    def set_presence(self, presence: dict[str, bool]) -> None:
        self.presence = dict(presence)
        self._last = ("", [])
        self.field.refresh()

    # -- searching ----------------------------------------------------------------------

    def matches(self, text: str) -> list[tuple[str, str, object]]:
        """The popup's rows for `text`: directory entries first, then recent numbers not among them."""
        query = text.strip()
        if not query:
            return []
        if self._last[0] == query:
            return self._last[1]
        rows = self._find(query)
        self._last = (query, rows)
        return rows

    def _find(self, query: str) -> list[tuple[str, str, object]]:
        # One row per address: the same colleague in IT's list and among the Plivo endpoints is one choice.
        found = self.directory.search(query, SHOWN_MATCHES * 2) if self.directory is not None else []
        entries = list({entry.address: entry for entry in reversed(found)}.values())[::-1][:SHOWN_MATCHES]
        rows = [(self._shown(entry), filled_text(entry), entry) for entry in entries]
        listed = {entry.address for entry in entries}
        folded, digits = query.casefold(), "".join(ch for ch in query if ch.isdigit())
        for target in self.recent:
            if len(rows) >= SHOWN_MATCHES:
                break
            if target in listed:
                continue
            if folded in target.casefold() or (digits and digits in "".join(ch for ch in target if ch.isdigit())):
                rows.append((target, target, None))
        return rows

    def _search(self, text: str) -> None:
        self._ensure_completer()  # the line edit asks it right after this signal
        self.model.replace(self.matches(text))
        self._unhighlight.start(0)  # after the line edit has asked the completer

    def _ensure_completer(self) -> QCompleter:
        if self.completer is None:
            self.completer = self._make_completer()
            self.field.edit.setCompleter(self.completer)
        return self.completer

    def _make_completer(self) -> QCompleter:
        from PySide6.QtWidgets import QCompleter

        completer = QCompleter(self.model, self)
        # The directory has already chosen and ranked the rows: the completer shows them all.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(SHOWN_MATCHES)
        completer.activated[QModelIndex].connect(self._activated)
        # The list is as wide as To, which at 400 px cuts the address off: it widens itself.
        completer.popup().installEventFilter(self)
        completer.popup().setAccessibleName(tr("Matches in the directory"))
        return completer

    def _clear_highlight(self) -> None:
        assert self.completer is not None  # started by a search, which makes it
        selection = self.completer.popup().selectionModel()
        blocked = selection.blockSignals(True)  # not a highlight: To keeps what was typed, and its undo
        selection.clear()
        selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.NoUpdate)
        selection.blockSignals(blocked)
        self.completer.popup().viewport().update()

    def fill(self, text: str) -> None:
        """Put `text` in To as the agent would (Ctrl+Z brings back what was there), without
        opening the list: for a link from the CRM and the Directory panel's Use."""
        edit = self.field.edit
        completer = self._ensure_completer()
        edit.setCompleter(None)
        edit.selectAll()
        edit.insert(text)
        edit.setCompleter(completer)
        edit.setCursorPosition(0)

    def resolved(self, text: str) -> str:
        """`text`, or, when it is no address but the whole name of exactly one colleague (case,
        accents and spaces ignored; one colleague in two sources counts once), `Name <address>`:
        the command line's rule for --to."""
        entry = self.only_named(text)
        return filled_text(entry) if entry is not None else text

    def only_named(self, text: str):  # type: ignore[no-untyped-def]
        if self.directory is None or self.field.address is not None or not text.strip():
            return None
        named = {entry.address: entry for entry in reversed(self.directory.exact(text))}
        return next(iter(named.values())) if len(named) == 1 else None

    def _activated(self, index: QModelIndex) -> None:
        entry = index.data(_ENTRY_ROLE)
        if entry is not None:
            self._show_name.start(0)
            self.picked.emit(entry)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize) and isinstance(watched, QAbstractItemView):
            self._widen(watched)
        return False

    def _widen(self, popup: QAbstractItemView) -> None:
        """As wide as its longest row, within the screen; a resize to this width asks nothing more."""
        wanted = popup.sizeHintForColumn(0) + 2 * popup.frameWidth() + popup.verticalScrollBar().sizeHint().width()
        if popup.width() >= wanted:
            return
        screen = (popup.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        width = min(wanted, screen.width())
        left = max(screen.left(), min(popup.x(), screen.x() + screen.width() - width))
        popup.setGeometry(left, popup.y(), width, popup.height())

    # -- what the field says -------------------------------------------------------------------

    def entry_for(self, address: Address):  # type: ignore[no-untyped-def]
        """The directory's entry for an address, if it has one (the first, when several)."""
        if self.directory is None:
            return None
        found = self.directory.find_address(address.wire)
        return found[0] if found else None

    def endpoint_id_for(self, address: str) -> str:
        """The Plivo endpoint at `address`, whichever source named the colleague first."""
        found = self.directory.find_address(address) if self.directory is not None else []
        return next((entry.endpoint_id for entry in found if entry.endpoint_id), "")

    def registered(self, address: str) -> bool | None:
        endpoint_id = self.endpoint_id_for(address)
        return self.presence.get(endpoint_id) if endpoint_id else None

    def describe(self, address: Address) -> tuple[str, bool]:
        """Who an address is, for the line under To: name, team and whether their softphone
        is signed in; and whether the line should warn (Plivo says it is not)."""
        entry = self.entry_for(address)
        if entry is None:
            return "", False
        parts = [entry.name, entry.team] if entry.team else [entry.name]
        registered = self.registered(entry.address)
        if registered is not None:  # one unbreakable phrase: a narrow window never splits it
            state = tr("softphone signed in") if registered else tr("softphone offline")
            parts.append(state.replace(" ", "\N{NO-BREAK SPACE}"))
        return ", ".join(part for part in parts if part), registered is False

    def _suggest(self, text: str) -> str | None:
        if self.directory is None:
            return None
        count = sum(1 for _shown, _filled, entry in self.matches(text) if entry is not None)
        if count == 0:
            return None
        if count == 1:
            return tr("One match in the directory: Down, then Enter picks it.")
        return tr("%1 matches in the directory: Down picks one, Enter takes it.").replace("%1", str(count))

    def _shown(self, entry) -> str:  # type: ignore[no-untyped-def]
        who = f"{entry.name} ({entry.team})" if entry.team else entry.name
        if self.registered(entry.address) is False:
            who = tr("%1 - offline").replace("%1", who)
        return f"{who}    {entry.address}" if who else entry.address
