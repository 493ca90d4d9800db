"""The Directory panel: find a colleague or team, star favourites, keep one's own entries.

It shows a core Directory and asks for every change through its signals: the window
saves on its bulk worker and answers with the new directory (`set_directory`) or
what went wrong (`show_entry_problem`). Keyboard first: type, Down into the list,
Return uses the entry chosen; Space or Ctrl+S stars it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from phlo_desk.core.addresses import DEFAULT_REGION
from phlo_desk.core.directory import SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO, Directory, Entry
from phlo_desk.ui.address_field import name_clear_button
from phlo_desk.ui.call_card import move_button
from phlo_desk.ui.directory_table import (
    NAME,
    STAR,
    STAR_SHORTCUT,
    DirectoryModel,
    DirectoryTable,
    entry_identity,
    read_only_reason,
)
from phlo_desk.ui.entry_editor import EntryEditor
from phlo_desk.ui.flow_layout import RELAYOUT_EVENTS, FlowLayout, fit_height_to_width
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.translation import tr


class DirectoryPanel(QDialog):
    """Search, filter and pick a directory entry; star it; add, edit or remove one's own.

    Non-modal beside the main window. Nothing here writes: each change is a signal,
    and the window answers with `set_directory` (or `show_entry_problem`).
    """

    use_entry = Signal(object)  # the Entry to put in the To field
    star_requested = Signal(str, bool)  # address, on
    add_requested = Signal(object)  # dict: name, address (wire form), team, notes
    edit_requested = Signal(str, object)  # an own entry's key, dict as for add_requested
    remove_requested = Signal(str)  # an own entry's key
    STATUS_LINES_SHOWN = 3  # more are behind "Show all"

    def __init__(self, parent: QWidget | None = None, region: str = DEFAULT_REGION) -> None:
        super().__init__(parent)
        self.setObjectName("directoryPanel")
        self.setWindowTitle(tr("Directory"))
        self.setModal(False)
        self.resize(720, 560)
        self.region = region
        self.directory = Directory(())
        self.editor: EntryEditor | None = None
        self._status_lines: list[str] = []
        self._status_expanded = False
        self._unsaved: tuple[str | None, dict] | None = None  # the last add or edit asked for: (key, values)
        self.model = DirectoryModel(self)
        self.table = DirectoryTable(self.model)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_status())
        layout.addLayout(self._build_search())
        self.count_label = self._label("directoryCount", tr("Number of entries shown"))
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self.problem_label = self._label("directoryProblem", tr("Directory problem"))
        set_flag(self.problem_label, "hint", "error")
        self.problem_label.hide()  # shown while it has something to say
        layout.addWidget(self.problem_label)
        layout.addLayout(self._build_buttons())
        self._connect()
        self.apply_filter()

    @staticmethod
    def _label(name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names and server text: never markup
        return label

    def _build_status(self) -> QVBoxLayout:
        self.status_label = self._label("directoryStatus", tr("Directory sources"))
        set_flag(self.status_label, "hint", True)
        self.more_button = QPushButton()
        self.more_button.setObjectName("directoryStatusMore")
        self.more_button.setAccessibleName(tr("Show every line about the sources"))
        self.more_button.setFlat(True)
        self.more_button.hide()
        self.more_button.clicked.connect(self._toggle_status)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(self.status_label)
        row = QHBoxLayout()
        row.addWidget(self.more_button)
        row.addStretch(1)
        box.addLayout(row)
        return box

    def _build_search(self) -> QVBoxLayout:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("directorySearch")
        self.search_edit.setAccessibleName(tr("Search the directory"))
        self.search_edit.setPlaceholderText(tr("Name, team, initials or number"))
        self.search_edit.setToolTip(tr("Finds names and teams by their first letters (\"ali che\", \"bil\") or "
                                       "initials, and numbers in any format. Down goes to the list, Return uses "
                                       "the entry chosen."))
        name_clear_button(self.search_edit, tr("Search the directory"))
        search_label = QLabel(tr("&Search:"))
        search_label.setBuddy(self.search_edit)
        search = QHBoxLayout()
        search.addWidget(search_label)
        search.addWidget(self.search_edit, 1)
        self.team_combo = self._combo("directoryTeam", tr("Team filter"), tr("Show only this team's entries."))
        self.source_combo = self._combo("directorySource", tr("Source filter"),
                                        tr("Show only the entries from one source."))
        for text, source in ((tr("All sources"), ""), (tr("IT's list"), SOURCE_LIST), (tr("My entries"), SOURCE_OWN),
                             (tr("Plivo endpoints"), SOURCE_PLIVO)):
            self.source_combo.addItem(text, source)
        filters = FlowLayout(spacing=12)
        for text, combo in ((tr("&Team:"), self.team_combo), (tr("S&ource:"), self.source_combo)):
            label = QLabel(text)
            label.setBuddy(combo)
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(label)
            row.addWidget(combo, 1)
            filters.addWidget(pair)
        self._fill_teams()
        box = QVBoxLayout()
        box.addLayout(search)
        box.addLayout(filters)
        return box

    @staticmethod
    def _combo(name: str, accessible: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(tip)
        return combo

    def _build_buttons(self) -> FlowLayout:
        self.use_button = move_button("useEntryButton", tr("&Use"), "Return",
                                      tr("Put this entry's address in the To field and close the directory."))
        self.use_button.setDefault(True)
        set_flag(self.use_button, "primary", True)
        self.star_button = move_button("starEntryButton", tr("&Favourite"), STAR_SHORTCUT,
                                       tr("Star or unstar the entry: favourites come first (Space in the list)."))
        self.star_button.setCheckable(True)
        self.add_button = move_button("addEntryButton", tr("&Add..."), None,
                                      tr("Add an entry of your own to the directory."))
        self.edit_button = move_button("editEntryButton", tr("&Edit..."), None, "")
        self.remove_button = move_button("removeEntryButton", tr("&Remove..."), None, "")
        self.close_button = move_button("closeDirectoryButton", tr("Close"), None, tr("Close the directory (Esc)."))
        for button in (self.star_button, self.add_button, self.edit_button, self.remove_button, self.close_button):
            button.setAutoDefault(False)  # Return always uses the entry, wherever the focus is
            set_flag(button, "secondary", True)
        buttons = FlowLayout()
        buttons.add_widgets(self.use_button, self.star_button, self.add_button, self.edit_button, self.remove_button)
        buttons.add_push()
        buttons.addWidget(self.close_button)
        return buttons

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda: self.apply_filter(keep_current=False))
        self.team_combo.currentIndexChanged.connect(lambda: self.apply_filter())
        self.source_combo.currentIndexChanged.connect(lambda: self.apply_filter())
        self.search_edit.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.clicked.connect(self._clicked)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.starPressed.connect(self.toggle_star)
        self.table.leftAtTop.connect(self.search_edit.setFocus)
        self.table.typed.connect(self._type_in_search)
        self.use_button.clicked.connect(self.use_current)
        self.star_button.clicked.connect(self.toggle_star)
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.close_button.clicked.connect(self.reject)
        shortcut = QShortcut(QKeySequence(STAR_SHORTCUT), self)
        shortcut.setAutoRepeat(False)  # a held key must not star and unstar over and over
        shortcut.activated.connect(self.toggle_star)

    # -- what the window gives ---------------------------------------------------------

    def set_directory(self, directory: Directory, status_lines: list[str]) -> None:
        """Show these entries (keeping the search, filters and chosen entry) and what each source said."""
        self.directory = directory
        self.model.endpoint_at = {entry.address: entry.endpoint_id for entry in directory.entries if entry.endpoint_id}
        self._fill_teams()
        self._status_lines = list(status_lines)
        self._show_status()
        if self._unsaved is not None:
            _key, values = self._unsaved
            if any(entry.source == SOURCE_OWN and entry.name == values["name"]
                   for entry in directory.find_address(values["address"])):
                self._unsaved = None  # saved: nothing to give back
        self.apply_filter(or_first=False)

    def set_presence(self, presence: dict[str, bool | None]) -> None:
        """Availability by endpoint_id: True available, False offline, None (or absent) not known."""
        self.model.set_presence(presence)

    def set_region(self, region: str) -> None:
        self.region = region  # for the numbers typed in the next editor

    def show_entry_problem(self, text: str) -> None:
        """Say why the last change failed; an add or edit comes back in its editor as typed."""
        self._set_problem(text)
        if self._unsaved is not None and self.editor is None:  # an editor open meanwhile is another change
            key, values = self._unsaved
            entry = next((entry for entry in self.directory.entries if entry.key == key), None) if key else None
            self._open_editor(entry, values)
            self.editor.show_problem(text)  # type: ignore[union-attr]

    # -- filtering -------------------------------------------------------------------

    def _fill_teams(self) -> None:
        chosen = self.team_combo.currentData()
        self.team_combo.blockSignals(True)
        self.team_combo.clear()
        self.team_combo.addItem(tr("All teams"), None)
        for team in self.directory.teams():
            self.team_combo.addItem(team, team)
        self.team_combo.setCurrentIndex(max(0, self.team_combo.findData(chosen)) if chosen else 0)
        self.team_combo.blockSignals(False)

    def apply_filter(self, keep_current: bool = True, or_first: bool = True) -> None:
        """Show what the search and filters find; the entry chosen stays chosen if still shown,
        else the first, or (`or_first` False: the directory changed under the agent) none, so
        that Return never uses a colleague the agent did not choose."""
        before = self.current_entry() if keep_current else None
        text = self.search_edit.text()
        entries = self.directory.search(text, limit=None) if text.strip() else self.directory.browse()
        team, source = self.team_combo.currentData(), self.source_combo.currentData()
        if team is not None:
            entries = [entry for entry in entries if entry.team == team]
        if source:
            entries = [entry for entry in entries if entry.source == source]
        self.model.set_entries(entries)
        row: int | None = 0
        if before is not None:
            wanted = entry_identity(before)
            row = next((n for n, entry in enumerate(entries) if entry_identity(entry) == wanted),
                       0 if or_first else None)
        if entries and row is not None:
            self.table.setCurrentIndex(self.model.index(row, NAME))
            self.table.scrollTo(self.model.index(row, NAME))
        self._update_buttons()
        self._show_count(len(entries))

    def _show_count(self, shown: int) -> None:
        if not len(self.directory):
            text = tr("No entries yet: add your own, or ask IT for a list.")
        elif not shown:
            text = tr("Nothing matches: change the search or the filters.")
        elif shown == 1:
            text = tr("1 entry")
        else:
            text = tr("%1 entries").replace("%1", QLocale().toString(shown))
        self.count_label.setText(text)

    def _show_status(self) -> None:
        many = len(self._status_lines) > self.STATUS_LINES_SHOWN
        shown = len(self._status_lines) if self._status_expanded or not many else self.STATUS_LINES_SHOWN
        lines = self._status_lines[:shown]
        self.status_label.setText("\n".join(lines))
        self.status_label.setVisible(bool(lines))
        self.more_button.setVisible(many)
        self.more_button.setText(tr("Show fewer lines") if self._status_expanded
                                 else tr("Show all %1 lines").replace("%1", str(len(self._status_lines))))

    def _toggle_status(self) -> None:
        self._status_expanded = not self._status_expanded
        self._show_status()

    # -- the entry chosen ------------------------------------------------------------

    def current_entry(self) -> Entry | None:
        return self.model.entry_at(self.table.currentIndex().row())

    def _update_buttons(self) -> None:
        entry = self.current_entry()
        self.use_button.setEnabled(entry is not None)
        self.star_button.setEnabled(entry is not None)
        self.star_button.setChecked(entry is not None and entry.favourite)
        reason = read_only_reason(entry)
        for button, tip in ((self.edit_button, tr("Change this entry of yours.")),
                            (self.remove_button, tr("Remove this entry of yours (asks first)."))):
            button.setEnabled(not reason)
            button.setToolTip(reason or tip)

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == STAR:
            self.toggle_star()

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() != STAR:  # a quick second click on the star is starring, not choosing
            self.use_current()

    def use_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.use_entry.emit(entry)
            self.hide()

    def toggle_star(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        self._unsaved = None
        self._set_problem("")
        self.star_button.setChecked(not entry.favourite)  # until the directory comes back starred or not
        self.star_requested.emit(entry.address, not entry.favourite)

    def add_entry(self, address: str = "") -> None:
        """The editor for a new own entry; `address` filled in (a log row's "Save to directory")."""
        self._open_editor(None, {"address": address} if address else None)

    def edit_current(self) -> None:
        entry = self.current_entry()
        if entry is not None and not read_only_reason(entry):
            self._open_editor(entry, None)

    def remove_current(self) -> None:
        entry = self.current_entry()
        if entry is None or read_only_reason(entry) or not self.confirm_remove(entry):
            return
        self._unsaved = None
        self._set_problem("")
        self.remove_requested.emit(entry.key)

    def confirm_remove(self, entry: Entry) -> bool:
        from PySide6.QtWidgets import QMessageBox  # its Python type costs ~5 ms: not when the panel opens

        box = QMessageBox(QMessageBox.Icon.Question, tr("Remove directory entry"),
                          tr("Remove %1 (%2) from your own entries?").replace("%1", entry.name)
                          .replace("%2", entry.address), QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        remove = box.addButton(tr("Remove %1").replace("%1", entry.name), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Return alone must never remove by accident
        box.setEscapeButton(keep)
        box.exec()
        box.deleteLater()
        return box.clickedButton() is remove

    def _open_editor(self, entry: Entry | None, values: dict | None) -> None:
        if self.editor is not None:
            self.editor.raise_()
            return
        editor = EntryEditor(self.directory.teams(), self.region, entry, self)
        if values is not None:
            editor.fill(values)
        key = entry.key if entry is not None else None
        editor.saved.connect(lambda values: self._saved(key, values))
        editor.finished.connect(self._editor_closed)
        self.editor = editor
        editor.open()  # modal to the panel only: the main window stays usable during a call

    def _saved(self, key: str | None, values: dict) -> None:
        self._unsaved = (key, values)
        self._set_problem("")
        if key is None:
            self.add_requested.emit(values)
        else:
            self.edit_requested.emit(key, values)

    def _editor_closed(self) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
            self.editor = None

    def _set_problem(self, text: str) -> None:
        self.problem_label.setText("\u26a0 " + text if text else "")
        self.problem_label.setVisible(bool(text))

    def _type_in_search(self, text: str) -> None:
        self.search_edit.setFocus()
        self.search_edit.insert(text)

    # -- keys and showing --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.search_edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount()):  # type: ignore[attr-defined]
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, NAME))
            return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in RELAYOUT_EVENTS:
            fit_height_to_width(self)  # the filters and buttons take more lines when narrow
        return handled

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.search_edit.setFocus()
        self.search_edit.selectAll()  # typing a new name replaces the last search
