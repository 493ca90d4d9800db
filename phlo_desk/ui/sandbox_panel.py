"""Sandbox mode: the banner that says so, with the simulator's address and its controls.

The simulated call itself is shown in the legs panel, beside the desk's own picture
(see `LegsPanel.simulated_members`): one picture, the simulator's truth shown where
it differs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout

from phlo_desk.core.settings import environment_commands
from phlo_desk.ui.flow_layout import FlowLayout
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.translation import tr
from phlo_desk.ui.wrapping_label import WrappingLabel


class SandboxBanner(QFrame):
    """SANDBOX, the simulator's address, Copy CLI settings and Reset simulated call."""

    resetRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sandboxBanner")
        set_flag(self, "surface", "banner")
        self.setAccessibleName(tr("Sandbox mode"))
        self.server = None
        self.title = WrappingLabel(tr("SANDBOX: no real calls are placed. Everything here is simulated."))
        self.title.setObjectName("sandboxBannerTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.address = WrappingLabel(tr("Starting the simulator..."))
        self.address.setObjectName("sandboxAddress")
        self.address.setAccessibleName(tr("Simulator address"))
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(tr("Copy CLI settings"))
        self.copy_button.setObjectName("copyCliSettingsButton")
        self.copy_button.setToolTip(tr("Copies shell lines that point phlo-desk-cli at this simulator."))
        self.copy_button.clicked.connect(self.copy_cli_settings)
        self.reset_button = QPushButton(tr("Reset simulated call"))
        self.reset_button.setObjectName("sandboxResetButton")
        self.reset_button.setToolTip(tr("Start the simulated call again (you and one customer, connected) "
                                        "and clear the desk's picture to match."))
        self.reset_button.clicked.connect(self.resetRequested.emit)
        for button in (self.copy_button, self.reset_button):
            button.setEnabled(False)
        controls = FlowLayout()
        controls.add_widgets(self.copy_button, self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.address)
        layout.addLayout(controls)

    def attach(self, server) -> None:  # type: ignore[no-untyped-def]
        self.server = server
        self.address.setText(tr("Simulator at %1").replace("%1", server.api_base))
        for button in (self.copy_button, self.reset_button):
            button.setEnabled(True)

    def cli_settings(self) -> str:
        from phlo_desk.sandbox.endpoints import demo_directory_path

        details = self.server.credentials()
        token = details.pop("auth_token")
        details["directory"] = str(demo_directory_path())  # `phlo-desk-cli directory search` finds the same colleagues
        return environment_commands(details, token)

    def copy_cli_settings(self) -> None:
        if self.server is not None:
            QGuiApplication.clipboard().setText(self.cli_settings())


def simulated_members(server) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """The simulated call's members, as the legs panel compares them with the desk's picture."""
    return list(server.snapshot()["members"])  # type: ignore[arg-type]


def simulated_customer(server) -> str:  # type: ignore[no-untyped-def]
    """The number of the simulated customer: the desk fills it in, as an agent would paste it."""
    return next((str(m["address"]) for m in simulated_members(server) if m["label"] == "customer"), "")
