"""The transfer form: To (searching the directory and recent targets), your number, the role, and the
moves that start a transfer, each button showing its shortcut.

Labels sit beside their fields when there is room and above them when narrow; the
buttons wrap onto more rows rather than clip their text.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout

from phlo_desk.core.actions import NodeAction, Role
from phlo_desk.ui.address_field import AddressField
from phlo_desk.ui.call_card import move_button
from phlo_desk.ui.flow_layout import FlowLayout
from phlo_desk.ui.target_search import TargetSearch
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.translation import tr


class TransferForm(QGroupBox):
    actionRequested = Signal(object)  # a NodeAction

    def __init__(self, region: str) -> None:
        super().__init__(tr("Transfer"))
        self.setObjectName("transferForm")
        self.to_field = AddressField("toInput", tr("Transfer to"), region)
        self.to_field.edit.setToolTip(tr("Who to transfer the caller to: a phone number in any common format, "
                                         "or sip:user@host. Ctrl+Return sends a warm transfer."))
        self.target_search = TargetSearch(self.to_field, self)  # the directory, then recent numbers
        self.trigger_field = AddressField("triggerSourceInput", tr("Your number (trigger source)"), region)
        self.trigger_field.edit.setToolTip(tr("Your own number or SIP address on this call (the trigger source)."))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("roleCombo")
        self.role_combo.setAccessibleName(tr("Role of the person added"))
        self.role_combo.setToolTip(tr("The role the person you transfer to takes in the call."))
        self.role_combo.addItem(tr("Agent"), Role.AGENT)
        self.role_combo.addItem(tr("Customer"), Role.CUSTOMER)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above the fields when narrow
        for text, buddy, field in ((tr("&To:"), self.to_field.edit, self.to_field),
                                   (tr("&Your number:"), self.trigger_field.edit, self.trigger_field),
                                   (tr("&Role:"), self.role_combo, self.role_combo)):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)

        self.warm_button = self._action_button(
            "warmTransferButton", tr("&Warm transfer"), "Ctrl+Return",
            tr("Talk privately to the target first, then hand over the caller."), NodeAction.WARM_TRANSFER)
        self.cold_button = self._action_button(
            "coldTransferButton", tr("&Cold transfer..."), None,
            tr("Connect the caller straight to the target; you leave the call. Asks first. (Alt+C)"),
            NodeAction.COLD_TRANSFER)
        self.add_button = self._action_button(
            "addCallButton", tr("&Add to call"), None,
            tr("Dial the target and add them to the call (Alt+A)."), NodeAction.CALL)
        set_flag(self.warm_button, "primary", True)
        self.buttons = FlowLayout()
        self.buttons.add_widgets(self.warm_button, self.cold_button, self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.buttons)

    def _action_button(self, name: str, text: str, sequence: str | None, tip: str, action: NodeAction) -> QPushButton:
        button = move_button(name, text, sequence, tip)
        button.clicked.connect(lambda: self.actionRequested.emit(action))
        return button

    def action_buttons(self) -> tuple[tuple[QPushButton, NodeAction], ...]:
        return ((self.warm_button, NodeAction.WARM_TRANSFER), (self.cold_button, NodeAction.COLD_TRANSFER),
                (self.add_button, NodeAction.CALL))

    @property
    def ready(self) -> bool:
        return self.to_field.address is not None and self.trigger_field.address is not None
