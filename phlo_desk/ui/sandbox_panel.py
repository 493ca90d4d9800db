"""Sandbox mode: the banner and the simulated call's members, as the sandbox sees them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from phlo_desk.ui.log_view import read_only_table


def tr(text: str) -> str:
    return QCoreApplication.translate("SandboxPanel", text)


def state_label(state: str) -> str:
    return {
        "connected": tr("Connected"),
        "on_hold": tr("On hold"),
        "consulting": tr("In private consult"),
        "left": tr("Left the call"),
    }.get(state, state)


def make_banner() -> QLabel:
    banner = QLabel(tr("SANDBOX - no real calls are placed. Everything here is simulated."))
    banner.setObjectName("sandboxBanner")
    banner.setAccessibleName(tr("Sandbox mode"))
    banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
    banner.setStyleSheet(
        "QLabel#sandboxBanner { background: #ffd54f; color: #3e2723; font-weight: bold;"
        " padding: 6px; border-bottom: 2px solid #f9a825; }"
    )
    return banner


class SandboxPanel(QGroupBox):
    """Members of the simulated call with their states; refreshed after each action."""

    COLUMNS = ("Member", "Who", "Role", "State")

    def __init__(self, sandbox) -> None:  # type: ignore[no-untyped-def]
        super().__init__(tr("Simulated call (sandbox)"))
        self.setObjectName("sandboxPanel")
        self.sandbox = sandbox
        self.phase = QLabel()
        self.phase.setObjectName("sandboxPhase")
        self.phase.setTextFormat(Qt.TextFormat.PlainText)
        self.phase.setAccessibleName(tr("Simulated call state"))
        self.table = read_only_table("sandboxMembers", tr("Simulated call members"), [tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reset_button = QPushButton(tr("Reset simulated call"))
        self.reset_button.setObjectName("sandboxResetButton")
        self.reset_button.setAccessibleName(tr("Reset simulated call"))
        self.reset_button.setToolTip(tr("Start the simulated call again: the agent and one customer, connected."))
        self.reset_button.clicked.connect(self._reset)
        layout = QVBoxLayout(self)
        layout.addWidget(self.phase)
        layout.addWidget(self.table)
        layout.addWidget(self.reset_button)
        self.refresh()

    def refresh(self) -> None:
        snapshot = self.sandbox.snapshot()
        phase = {"active": tr("Call active"), "consulting": tr("Warm transfer: private consult"),
                 "ended": tr("Call ended")}.get(snapshot["phase"], snapshot["phase"])
        self.phase.setText(phase)
        members = snapshot["members"]
        self.table.setRowCount(len(members))
        for row, member in enumerate(members):
            cells = [member["address"], member["label"], member["role"], state_label(member["state"])]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if member["state"] == "left":
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)

    def _reset(self) -> None:
        self.sandbox.reset()
        self.refresh()
