"""The agent's window: the transfer form, the actions, the status log."""

from __future__ import annotations

import html
import json
import logging
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from phlo_desk.core.actions import ActionRequest, MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.errors import InvalidInput
from phlo_desk.core.forms import node_request
from phlo_desk.core.guard import DuplicateGuard
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.settings import Profile, SettingsStore
from phlo_desk.core.transfer import Phase, TransferTracker
from phlo_desk.ui.address_field import AddressField
from phlo_desk.ui.legs_panel import LegsPanel
from phlo_desk.ui.log_view import LogEntry, LogModel, StatusLogView, action_label, tr_core
from phlo_desk.ui.worker import RequestWorker

log = logging.getLogger(__name__)

WARM_UP_DELAY_MS = 200
# Warm the connection again when the window comes back after this long unused.
IDLE_REWARM_S = 60.0


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    # Emitted once, on the event-loop turn after the first paint: work that can wait
    # (parsing numbers, opening the connection) starts there, so the window shows first.
    firstPainted = Signal()

    def __init__(
        self,
        profile: Profile,
        worker: RequestWorker,
        store: SettingsStore,
        *,
        token: str | None = None,
        sandbox_mode: bool = False,
        history_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.profile, self.worker, self.store = profile, worker, store
        self.history_path = history_path
        self.token = token  # only for the sandbox or PLIVO_AUTH_TOKEN; never the keyring's
        self.sandbox_mode = sandbox_mode
        self.sandbox = None  # the SandboxServer, once attach_sandbox() has run
        self.guard = DuplicateGuard()
        self.tracker = TransferTracker()
        self.log_model = LogModel()
        self._sending: ActionRequest | None = None
        self._sending_label = ""  # action_label() key for the request in flight
        self._painted = False
        self._sending_since = 0.0
        self._last_network_use = time.monotonic()

        title = tr("PHLO Desk")
        self.setWindowTitle(title + (" - " + tr("SANDBOX") if sandbox_mode else ""))
        self.setObjectName("mainWindow")
        self.resize(1180, 760)
        self._build()
        self._connect_worker()
        self.to_field.edit.setFocus()  # the agent types the number first

    # -- layout ----------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        if self.sandbox_mode:
            from phlo_desk.ui.sandbox_panel import make_banner

            outer.addWidget(make_banner())
        body = QVBoxLayout()
        body.setContentsMargins(12, 10, 12, 6)
        outer.addLayout(body)

        region = self.profile.default_region
        self.to_field = AddressField("toInput", tr("Transfer to"), region)
        self.to_field.edit.setToolTip(tr("Who to transfer the caller to: a phone number in any common format, or sip:user@host. Ctrl+Return sends a warm transfer."))
        # Recent targets, most recent first; "contains" so typing digits of a number finds it.
        self.recent_targets = QStringListModel()
        completer = QCompleter(self.recent_targets, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
        self.to_field.edit.setCompleter(completer)
        self.trigger_field = AddressField("triggerSourceInput", tr("Your number (trigger source)"), region)
        self.trigger_field.edit.setToolTip(tr("Your own number or SIP address on this call (the trigger source)."))
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("roleCombo")
        self.role_combo.setAccessibleName(tr("Role of the person added"))
        self.role_combo.setToolTip(tr("The role the person you transfer to takes in the call."))
        self.role_combo.addItem(tr("Agent"), Role.AGENT)
        self.role_combo.addItem(tr("Customer"), Role.CUSTOMER)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        to_label = QLabel(tr("&To:"))
        to_label.setBuddy(self.to_field.edit)
        trigger_label = QLabel(tr("&Your number:"))
        trigger_label.setBuddy(self.trigger_field.edit)
        role_label = QLabel(tr("&Role:"))
        role_label.setBuddy(self.role_combo)
        form.addRow(to_label, self.to_field)
        form.addRow(trigger_label, self.trigger_field)
        form.addRow(role_label, self.role_combo)
        controls = QVBoxLayout()
        controls.addLayout(form)

        self.warm_button = self._action_button(
            "warmTransferButton", tr("&Warm transfer"), tr("Warm transfer"),
            tr("Talk privately to the target first, then hand over the caller (Ctrl+Return)."),
            NodeAction.WARM_TRANSFER,
        )
        self.warm_button.setDefault(True)
        self.warm_button.setStyleSheet(
            "QPushButton#warmTransferButton { font-weight: bold; padding: 6px 18px; }"
        )
        self.cold_button = self._action_button(
            "coldTransferButton", tr("&Cold transfer..."), tr("Cold transfer"),
            tr("Connect the caller straight to the target; you leave the call. Asks first. (Alt+C)"),
            NodeAction.COLD_TRANSFER,
        )
        self.add_button = self._action_button(
            "addCallButton", tr("&Add to call"), tr("Add to call"),
            tr("Dial the target and add them to the call (Alt+A)."),
            NodeAction.CALL,
        )
        self.history_button = QPushButton(tr("&History..."))
        self.history_button.setObjectName("historyButton")
        self.history_button.setAccessibleName(tr("History"))
        self.history_button.setToolTip(tr("Every action sent from this desk: filter, copy, export (Ctrl+H)."))
        self.history_button.setEnabled(self.history_path is not None)
        self.history_button.clicked.connect(self.open_history)
        QShortcut(QKeySequence("Ctrl+H"), self).activated.connect(self.open_history)
        self.settings_button = QPushButton(tr("&Settings..."))
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setAccessibleName(tr("Settings"))
        self.settings_button.clicked.connect(self.open_settings)
        if self.sandbox_mode:
            self.settings_button.setEnabled(False)
            self.settings_button.setToolTip(tr("In sandbox mode the settings point at the simulator."))
        else:
            self.settings_button.setToolTip(tr("Plivo credentials, PHLO and node, your number (Alt+S)."))
        buttons = QHBoxLayout()
        for button in (self.warm_button, self.cold_button, self.add_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.settings_button)
        controls.addLayout(buttons)

        self.progress = QProgressBar()
        self.progress.setObjectName("sendingProgress")
        self.progress.setAccessibleName(tr("Sending in progress"))
        self.progress.setRange(0, 0)  # busy indicator
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.sending_label = QLabel()
        self.sending_label.setObjectName("sendingLabel")
        self.sending_label.setAccessibleName(tr("Sending status"))
        self.sending_label.setTextFormat(Qt.TextFormat.PlainText)
        sending = QHBoxLayout()
        sending.addWidget(self.sending_label, 1)
        sending.addWidget(self.progress, 1)
        controls.addLayout(sending)
        self._show_idle_line()

        # Form and actions on the left, the legs of the call beside them, the log across
        # the bottom. In sandbox mode the simulated call fills the space under the form,
        # so the desk's picture and the simulator's can be compared at a glance.
        self.legs_panel = LegsPanel(self.tracker, region)
        self.legs_panel.requested.connect(self.send_member_request)
        self.legs_panel.newCallRequested.connect(self.new_call)
        self.sandbox_panel = None
        self._controls = controls  # attach_sandbox() adds the simulated call here
        if not self.sandbox_mode:
            controls.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(controls, 1)
        top.addWidget(self.legs_panel, 1)
        body.addLayout(top, 3)
        self.log_view = StatusLogView(self.log_model)
        body.addWidget(self.log_view, 2)
        self.setCentralWidget(central)

        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionIndicator")
        self.connection_label.setAccessibleName(tr("Connection to Plivo"))
        self.statusBar().addPermanentWidget(self.connection_label)
        self._show_connection(tr("Not checked yet"), None)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setAutoRepeat(False)  # holding the keys down must not repeat a transfer
            shortcut.activated.connect(lambda: self.start_action(NodeAction.WARM_TRANSFER))

        reading_order = [self.to_field.edit, self.trigger_field.edit, self.role_combo, self.warm_button,
                         self.cold_button, self.add_button, self.history_button, self.settings_button,
                         *self.legs_panel.focus_order(), self.log_view]
        for before, after in zip(reading_order, reading_order[1:]):
            QWidget.setTabOrder(before, after)

        self.elapsed_timer = QTimer(self)
        self.elapsed_timer.setInterval(100)
        self.elapsed_timer.timeout.connect(self._update_sending_line)
        self.to_field.validityChanged.connect(self._update_actions)
        self.trigger_field.validityChanged.connect(self._update_actions)
        self.trigger_field.edit.textChanged.connect(self._trigger_changed)
        self._update_actions()

    def _action_button(self, name: str, text: str, accessible: str, tip: str, action: NodeAction) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.start_action(action))
        return button

    def _connect_worker(self) -> None:
        self.worker.actionFinished.connect(self._action_finished)
        self.worker.connectionChecked.connect(self._connection_checked)
        self.worker.historyFailed.connect(self._history_failed)

    # -- start-up ----------------------------------------------------------------

    def apply_profile(self, profile: Profile) -> None:
        """Use a (new) profile: fill the form and point the worker at it."""
        previous, self.profile = self.profile, profile
        for field in (self.to_field, self.trigger_field, self.legs_panel.customer_field):
            field.set_region(profile.default_region)
        # Replace "Your number" unless the agent typed something of their own there.
        typed = self.trigger_field.text()
        if profile.trigger_source and (not typed or typed == previous.trigger_source):
            self.trigger_field.setText(profile.trigger_source)
        self.worker.configure(profile, self.token)
        # The warm-up imports requests (~150 ms of Python on the worker thread, holding
        # the GIL): let the window settle first. Agents do not click within 200 ms.
        QTimer.singleShot(WARM_UP_DELAY_MS, self.warm_up)
        self._load_recent_targets()

    def _load_recent_targets(self) -> None:
        if self.history_path is None:
            return
        from phlo_desk.core.history import HistoryError, HistoryStore

        store = HistoryStore(self.history_path)
        try:
            self.recent_targets.setStringList(store.recent_targets(50))  # indexed: well under 1 ms
        except HistoryError as err:
            log.warning("recent targets not loaded: %s (%s)", err, err.detail)
        finally:
            store.close()

    def _remember_target(self, result: ActionResult) -> None:
        if result.ok and isinstance(result.request, NodeRequest):
            targets = [t for t in self.recent_targets.stringList() if t != result.request.to]
            self.recent_targets.setStringList([result.request.to, *targets][:50])

    def attach_sandbox(self, server, profile: Profile, token: str) -> None:  # type: ignore[no-untyped-def]
        """Point the window at a running simulator and show its call.

        The app starts the simulator after the first paint (its imports cost ~80 ms),
        so the banner shows at once and the panel follows.
        """
        from phlo_desk.ui.sandbox_panel import SandboxPanel

        self.sandbox, self.profile, self.token = server, profile, token
        self.sandbox_panel = SandboxPanel(server)
        self._controls.addWidget(self.sandbox_panel, 1)

    def warm_up(self) -> None:
        if self.profile.missing():
            self._show_connection(tr("Not set up: open Settings"), False)
            return
        self._show_connection(tr("Checking connection..."), None)
        self._last_network_use = time.monotonic()
        self.worker.warm_up()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)
        if event.type() == QEvent.Type.WindowActivate and not self.worker.busy:
            if time.monotonic() - self._last_network_use > IDLE_REWARM_S:
                self.warm_up()
        return super().event(event)

    # -- actions -------------------------------------------------------------------

    def start_action(self, action: NodeAction) -> bool:
        """Validate the form, then send a node action (warm, cold, add to call)."""
        if self._refuse_while_sending():
            return False
        if action is not NodeAction.CALL and not self.tracker.can_transfer():
            self.statusBar().showMessage(tr("A transfer is being consulted: complete, join or cancel it first."), 5000)
            return False
        try:
            request = node_request(
                action, self.to_field.text(), self.trigger_field.text(),
                self.role_combo.currentData(), self.profile.default_region,
            )
        except InvalidInput as err:
            self._log_invalid(action, err)
            return False
        return self._send(request, action.value)

    def send_member_request(self, request: MemberRequest, label: str) -> bool:
        """Send an action on one leg (from the legs panel)."""
        if self._refuse_while_sending():
            return False
        return self._send(request, label)

    def _refuse_while_sending(self) -> bool:
        if self._sending is not None or self.worker.busy:
            self.statusBar().showMessage(tr("Still sending the last action: wait for its answer."), 4000)
            return True
        return False

    def _send(self, request: ActionRequest, label: str) -> bool:
        if not self._confirmed(request, label) or not self.worker.submit(request):
            return False
        self._set_sending(request, label)
        return True

    def _confirmed(self, request: ActionRequest, label: str) -> bool:
        """Ask before anything that could double an action or cut someone off."""
        previous = self.guard.previous_send(request)
        if previous is not None:
            return self._ask(
                tr("Send again?"),
                tr("%1 (%2) was sent %3 s ago (%4). Sending it again may repeat it on the live call.\n\nSend it again?")
                .replace("%1", action_label(label))
                .replace("%2", request.target)
                .replace("%3", f"{time.monotonic() - previous.at:.0f}")
                .replace("%4", {Outcome.OK: tr("accepted by Plivo")}.get(previous.outcome, tr("outcome unknown"))),
            )
        if isinstance(request, MemberRequest) and request.action is MemberAction.HANGUP and label != "complete_transfer":
            return self._ask(tr("Hang up?"), tr("Disconnect %1 from the call?").replace("%1", request.member))
        if isinstance(request, NodeRequest) and request.action is NodeAction.COLD_TRANSFER:
            return self._ask(
                tr("Cold transfer?"),
                tr("Connect the caller to %1 and leave the call yourself?\n\nYou will not hear the hand-over.")
                .replace("%1", request.to),
            )
        return True

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.warning(
            self, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,  # Return alone must never confirm by accident
        )
        return answer == QMessageBox.StandardButton.Yes

    def _log_invalid(self, action: NodeAction, err: InvalidInput) -> None:
        field = {"To": self.to_field, "Trigger source": self.trigger_field}.get(err.detail)
        if field is not None:
            field.edit.setFocus()
        entry = LogEntry.from_result(ActionResult(Outcome.INVALID, err.advice, detail=err.detail), action.value)
        self.log_model.add(entry)

    def _set_sending(self, request: ActionRequest, label: str) -> None:
        self._sending, self._sending_label = request, label
        self.legs_panel.set_busy(True)
        self._sending_since = time.monotonic()
        self._last_network_use = self._sending_since
        self.progress.show()
        self.elapsed_timer.start()
        self._update_sending_line()
        self._update_actions()

    def _update_sending_line(self) -> None:
        if self._sending is None:
            return
        seconds = time.monotonic() - self._sending_since
        self.sending_label.setText(
            tr("Sending %1 to %2... %3 s")
            .replace("%1", action_label(self._sending_label).lower())
            .replace("%2", self._sending.target)
            .replace("%3", f"{seconds:.1f}")
        )

    def _show_idle_line(self) -> None:
        self.progress.hide()
        self.sending_label.setText(tr("Ready. Ctrl+Return sends a warm transfer."))

    def _action_finished(self, result: ActionResult) -> None:
        label, self._sending = self._sending_label, None
        self.elapsed_timer.stop()
        self._show_idle_line()
        self.guard.record(result)
        self.tracker.apply(result)
        self._remember_target(result)
        self.legs_panel.set_busy(False)
        self.legs_panel.refresh()
        self.log_model.add(LogEntry.from_result(result, label or None))
        log.info("action result %s", json.dumps(result.as_dict()))  # for support; holds no secret
        if result.ok:
            self._show_connection(tr("Connected"), True)
        elif result.outcome in (Outcome.NETWORK, Outcome.AUTH, Outcome.NOT_FOUND):
            self._show_connection(tr_core(result.message), False)
        if self.sandbox_panel is not None:
            self.sandbox_panel.refresh()
        self._update_actions()

    def _update_actions(self) -> None:
        ready = self._sending is None and self.to_field.address is not None and self.trigger_field.address is not None
        self.add_button.setEnabled(ready)
        for button in (self.warm_button, self.cold_button):
            button.setEnabled(ready and self.tracker.can_transfer())

    def _trigger_changed(self) -> None:
        address = self.trigger_field.address
        if self.tracker.phase not in (Phase.CONSULTING, Phase.CONFERENCED):
            self.tracker.set_agent_address(address.wire if address else "")
            self.legs_panel.refresh()

    def new_call(self) -> None:
        self.tracker.new_call()
        self._trigger_changed()
        self.legs_panel.customer_field.setText("")
        self.legs_panel.refresh()
        self._update_actions()

    def _history_failed(self, reason: str) -> None:
        self.log_model.add(LogEntry.notice(
            "history", tr("The action went through, but the history could not be written: %1").replace("%1", reason)))

    # -- connection indicator -------------------------------------------------------

    def _connection_checked(self, result: ActionResult) -> None:
        if result.ok:
            self._show_connection(tr("Connected (%1 ms)").replace("%1", f"{result.elapsed_ms:.0f}"), True)
        else:
            self._show_connection(tr_core(result.message), False)

    def _show_connection(self, text: str, good: bool | None) -> None:
        symbol, colour = {True: ("\u25cf", "#1b7f3b"), False: ("\u25cf", "#b3261e"), None: ("\u25cb", "#7a7a7a")}[good]
        self.connection_label.setText(f"<span style='color:{colour}'>{symbol}</span> {html.escape(text)}")
        self.connection_label.setToolTip(text)

    # -- settings ---------------------------------------------------------------------

    def open_settings(self) -> bool:
        from phlo_desk.core.settings import resolve_profile
        from phlo_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.profile, self.worker, self.store, self)
        accepted = dialog.exec() == SettingsDialog.DialogCode.Accepted
        if accepted:
            # Re-resolve so flags and environment keep their precedence over saved values.
            flags = {n: v for n, v in self.profile.stored_values().items() if self.profile.sources.get(n) == "command line"}
            self.apply_profile(resolve_profile(flags, store=self.store))
        dialog.deleteLater()
        return accepted

    def open_history(self) -> None:
        if self.history_path is None:
            return
        from phlo_desk.ui.history_view import HistoryDialog

        dialog = HistoryDialog(self.history_path, self.worker, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()  # not modal: the agent keeps working while it is open

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._sending is not None:
            answer = QMessageBox.warning(
                self, tr("Still sending"),
                tr("An action is still waiting for Plivo's answer. If you quit now you will not see whether it happened.\n\nQuit anyway?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        event.accept()
