"""The small dialog that adds or changes one of the agent's own directory entries.

It only collects the fields: saving them is the window's work (on its bulk worker),
asked for through the directory panel's signals. A save that fails comes back as
`show_problem`, shown above the fields the agent typed.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from phlo_desk.core.addresses import DEFAULT_REGION
from phlo_desk.core.directory import Entry
from phlo_desk.core.directory_sources import NAME_LIMIT, NOTES_LIMIT
from phlo_desk.ui.address_field import AddressField, name_clear_button
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.translation import tr


class EntryEditor(QDialog):
    """Name, address (checked as typed), team and notes of one own entry."""

    saved = Signal(object)  # dict: name, address (wire form), team, notes

    def __init__(self, teams: list[str], region: str = DEFAULT_REGION, entry: Entry | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryEditor")
        self.setWindowTitle(tr("Add to the directory") if entry is None else tr("Edit directory entry"))
        self.setAccessibleName(self.windowTitle())
        self.problem_label = QLabel()
        self.problem_label.setObjectName("entryProblem")
        self.problem_label.setAccessibleName(tr("Why the entry was not saved"))
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        set_flag(self.problem_label, "hint", "error")
        self.problem_label.hide()
        self.name_edit = self._line_edit("entryNameInput", tr("Name"), NAME_LIMIT)
        self.name_edit.setPlaceholderText(tr("Alice Chen, or Billing team"))
        self.address_field = AddressField("entryAddressInput", tr("Address"), region)
        self.team_edit = self._line_edit("entryTeamInput", tr("Team"), NAME_LIMIT)
        completer = QCompleter(QStringListModel(teams, self), self)  # the teams already in use, spelled alike
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.team_edit.setCompleter(completer)
        self.notes_edit = self._line_edit("entryNotesInput", tr("Notes"), NOTES_LIMIT)
        self.notes_edit.setPlaceholderText(tr("For example: mornings only"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for text, buddy, field in ((tr("&Name:"), self.name_edit, self.name_edit),
                                   (tr("&Address:"), self.address_field.edit, self.address_field),
                                   (tr("&Team:"), self.team_edit, self.team_edit),
                                   (tr("N&otes:"), self.notes_edit, self.notes_edit)):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(tr("Save"))
        self.save_button.setObjectName("saveEntryButton")
        self.save_button.setAccessibleName(tr("Save"))
        self.save_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("Cancel"))
        cancel.setObjectName("cancelEntryButton")
        cancel.setAccessibleName(tr("Cancel"))
        cancel.setToolTip(tr("Close without saving (Esc)."))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if entry is not None:
            self.fill({"name": entry.name, "address": entry.address, "team": entry.team, "notes": entry.notes})
        self.name_edit.textChanged.connect(self._update_save)
        self.address_field.validityChanged.connect(self._update_save)
        self._update_save()
        self.name_edit.setFocus()

    def _line_edit(self, name: str, accessible: str, limit: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setMaxLength(limit)  # what the directory keeps; more would be cut silently
        name_clear_button(edit, accessible)
        return edit

    def fill(self, values: dict) -> None:
        self.name_edit.setText(values.get("name", ""))
        self.address_field.setText(values.get("address", ""))
        self.team_edit.setText(values.get("team", ""))
        self.notes_edit.setText(values.get("notes", ""))

    def values(self) -> dict:
        address = self.address_field.address
        return {"name": self.name_edit.text().strip(),
                "address": address.wire if address is not None else self.address_field.text().strip(),
                "team": self.team_edit.text().strip(), "notes": self.notes_edit.text().strip()}

    def show_problem(self, text: str) -> None:
        self.problem_label.setText("\u26a0 " + text)
        self.problem_label.setVisible(bool(text))

    def _update_save(self) -> None:
        ready = bool(self.name_edit.text().strip()) and self.address_field.address is not None
        self.save_button.setEnabled(ready)
        self.save_button.setToolTip(tr("Save the entry.") if ready
                                    else tr("Enter a name and a valid address first."))

    def _save(self) -> None:
        self.saved.emit(self.values())
        self.accept()
