"""The agent's window: it renders the desk (`core/desk.py`) and forwards the agent's input.

The window decides nothing about the call: which moves are offered, which need a
question and with what words, what an answer means are the desk's. The window turns
typing into steps, asks the desk's questions, hands requests to the background and
shows what comes back.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenuBar,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.call import Move, Step
from phlo_desk.core.desk import Desk, Plan, Refused
from phlo_desk.core.errors import InvalidInput
from phlo_desk.core.forms import node_request
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.settings import Profile, SettingsStore
from phlo_desk.core.view_state import ViewStateStore
from phlo_desk.core.wording import Question, marked, say
from phlo_desk.ui import theme
from phlo_desk.ui.call_card import CallCard
from phlo_desk.ui.columns import ColumnsArea
from phlo_desk.ui.directory_controller import DirectoryController
from phlo_desk.ui.headline import ResultHeadline
from phlo_desk.ui.legs_panel import LegsPanel
from phlo_desk.ui.log_view import LogEntry, LogModel, StatusLogView
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.transfer_form import TransferForm
from phlo_desk.ui.translation import tr
from phlo_desk.ui.view_menu import ViewMenu
from phlo_desk.ui.vocabulary import action_label, history_error_text, tr_phrase
from phlo_desk.ui.worker import Background
from phlo_desk.ui.wrapping_label import WrappingLabel

log = logging.getLogger(__name__)

# After the first paint, the window's follow-ups (layout, label heights, a screen
# reader's first look) run before the start-up's background imports, which hold the
# GIL for ~100 ms and would slow every Python call of the GUI thread meanwhile.
SETTLE_AFTER_FIRST_PAINT_MS = 60
WARM_UP_DELAY_MS = 200
# Warm the connection again when the window comes back after this long unused.
IDLE_REWARM_S = 60.0
_MOVES = {NodeAction.WARM_TRANSFER: Move.WARM_TRANSFER, NodeAction.COLD_TRANSFER: Move.COLD_TRANSFER,
          NodeAction.CALL: Move.ADD_TO_CALL}



class MainWindow(QMainWindow):
    # Emitted once, a moment after the first paint: work that can wait (parsing numbers,
    # opening the connection) starts there, so the window shows and settles first.
    firstPainted = Signal()
    # Emitted once, when start-up is over: the first connection check answered, or there
    # was nothing to check. What the first answer would set up is set up by then.
    settled = Signal()
    # For what shows the desk outside the window (the tray): what the window shows changed
    # (the call, the connection, the profile), and an answer came (its ActionResult, once
    # the headline shows it).
    changed = Signal()
    answered = Signal(object)

    def __init__(
        self,
        profile: Profile,
        background: Background,
        store: SettingsStore,
        *,
        token: str | None = None,
        sandbox_mode: bool = False,
        history_path: Path | None = None,
        view_store: ViewStateStore | None = None,
    ) -> None:
        super().__init__()
        theme.manager()  # the palette and styles, before the first widget is polished
        self.profile, self.background, self.store = profile, background, store
        self.history_path = history_path
        self.token = token  # only for the sandbox or PLIVO_AUTH_TOKEN; never the keyring's
        self.sandbox_mode = sandbox_mode
        self.sandbox = None  # the SandboxServer, once attach_sandbox() has run
        self.view_store = view_store if view_store is not None else ViewStateStore()
        self.desk = Desk(sandbox_mode=sandbox_mode)
        self.log_model = LogModel()
        self._painted = False
        self._settled = False
        self._sending_since = 0.0
        self._last_network_use = time.monotonic()

        self.setWindowTitle(tr("PHLO Desk") + (" - " + tr("SANDBOX") if sandbox_mode else ""))
        self.setObjectName("mainWindow")
        self._build()
        self.view.restore()
        # The panels' area at the width it will get: until the window is laid out it is
        # Qt's default 100 px, and the first layout would measure every panel at that width,
        # arrange one column, and then lay out and paint the window a second time.
        margins = self._body.contentsMargins()
        self.panels.resize(self.width() - margins.left() - margins.right(), self.panels.height())
        self.panels.arrange()
        self.to_field.edit.setFocus()  # the agent types the number first
        self.render()

    # -- layout ----------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.menu_bar = QMenuBar()
        self.banner = None
        if self.sandbox_mode:
            from phlo_desk.ui.sandbox_panel import SandboxBanner

            self.banner = SandboxBanner()
            self.banner.resetRequested.connect(self.reset_simulated_call)
            self.banner.copy_button.clicked.connect(
                lambda: self.statusBar().showMessage(tr("Copied: paste the lines into a terminal."), 5000))
            # The banner above everything, menus included: no one can miss it.
            top = QWidget()
            top_layout = QVBoxLayout(top)
            top_layout.setContentsMargins(0, 0, 0, 0)
            top_layout.setSpacing(0)
            top_layout.addWidget(self.banner)
            top_layout.addWidget(self.menu_bar)
            self.setMenuWidget(top)
        else:
            self.setMenuBar(self.menu_bar)
        body = self._body = QVBoxLayout()  # the headline, the panels and the log
        body.setContentsMargins(10, 8, 10, 6)
        outer.addLayout(body, 1)
        self.headline = ResultHeadline()
        body.addWidget(self.headline)

        self.call_card = CallCard(self.desk)
        self.call_card.requested.connect(self.send_step)
        self.call_card.newCallRequested.connect(self.new_call)
        self.form = TransferForm(self.profile.default_region)
        self.form.actionRequested.connect(self.start_action)
        self.to_field, self.trigger_field, self.role_combo = self.form.to_field, self.form.trigger_field, \
            self.form.role_combo
        self.warm_button, self.cold_button, self.add_button = self.form.warm_button, self.form.cold_button, \
            self.form.add_button
        self.target_search = self.form.target_search
        self.directory = DirectoryController(self)
        self.to_field.validityChanged.connect(self.render)
        self.trigger_field.validityChanged.connect(self.render)
        self.trigger_field.edit.textChanged.connect(self._trigger_changed)
        self._build_window_buttons()
        self.legs_panel = LegsPanel(self.desk, self.profile.default_region)
        self.legs_panel.requested.connect(self.send_step)
        # The call card, the form and what is being sent, then the legs: one column when
        # narrow, two side by side when wide. The log takes what the panels do not need.
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.call_card)
        left.addWidget(self.form)
        left.addLayout(self._build_sending_line())
        left.addStretch(1)
        self.panels = ColumnsArea(left, self.legs_panel)
        body.addWidget(self.panels)
        self.log_view = StatusLogView(self.log_model)
        self.log_view.saveRequested.connect(self.directory.save_address)
        body.addWidget(self.log_view, 1)
        self.setCentralWidget(central)
        self._build_status_bar()
        self._build_menus()
        self._build_shortcuts()

    def _build_window_buttons(self) -> None:
        self.directory_button = QPushButton(tr("D&irectory..."))
        self.directory_button.setObjectName("directoryButton")
        self.directory_button.setAccessibleName(tr("Directory"))
        self.directory_button.setToolTip(tr("Colleagues and teams to transfer to: search, favourites, "
                                            "your own entries (Ctrl+D)."))
        self.directory_button.clicked.connect(self.directory.open_panel)
        self.history_button = QPushButton(tr("&History..."))
        self.history_button.setObjectName("historyButton")
        self.history_button.setAccessibleName(tr("History"))
        self.history_button.setToolTip(tr("Every action sent from this desk: filter, copy, export (Ctrl+H)."))
        self.history_button.setEnabled(self.history_path is not None)
        self.history_button.clicked.connect(self.open_history)
        self.settings_button = QPushButton(tr("&Settings..."))
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setAccessibleName(tr("Settings"))
        self.settings_button.clicked.connect(self.open_settings)
        if self.sandbox_mode:
            self.settings_button.setEnabled(False)
            self.settings_button.setToolTip(tr("In sandbox mode the settings point at the simulator."))
        else:
            self.settings_button.setToolTip(tr("Plivo credentials, PHLO and node, your number (Alt+S)."))
        self.form.buttons.add_push()
        self.form.buttons.add_widgets(self.directory_button, self.history_button, self.settings_button)

    def _build_sending_line(self) -> QVBoxLayout:
        self.progress = QProgressBar()
        self.progress.setObjectName("sendingProgress")
        self.progress.setAccessibleName(tr("Sending in progress"))
        self.progress.setRange(0, 0)  # busy indicator
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.sending_label = WrappingLabel()  # what the agent can do now, or what is being sent
        self.sending_label.setObjectName("sendingLabel")
        self.sending_label.setAccessibleDescription(tr("What you can do now"))
        self.sending_label.setTextFormat(Qt.TextFormat.PlainText)
        self.elapsed_timer = QTimer(self)
        self.elapsed_timer.setInterval(100)
        self.elapsed_timer.timeout.connect(self._show_next_step)
        sending = QVBoxLayout()
        sending.addWidget(self.sending_label)
        sending.addWidget(self.progress)
        return sending

    def _build_status_bar(self) -> None:
        self.connection_symbol = QLabel()  # colour and shape: the words beside it say the same
        self.connection_symbol.setObjectName("connectionSymbol")
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connectionIndicator")
        self.connection_label.setTextFormat(Qt.TextFormat.PlainText)  # it may quote Plivo
        self.connection_label.setAccessibleName(tr("Connection to Plivo"))
        self.statusBar().addPermanentWidget(self.connection_symbol)
        self.statusBar().addPermanentWidget(self.connection_label)
        self._show_connection(tr("Not checked yet"), None)

    def _build_menus(self) -> None:
        desk_menu = self.menu_bar.addMenu(tr("&Desk"))
        desk_menu.addAction(tr("&New call"), self.new_call)  # Ctrl+N is the call card's shortcut
        desk_menu.addAction(tr("&Directory..."), self.directory.open_panel)
        desk_menu.addAction(tr("&History..."), self.open_history).setEnabled(self.history_path is not None)
        desk_menu.addAction(tr("&Settings..."), self.open_settings).setEnabled(not self.sandbox_mode)
        desk_menu.addSeparator()
        desk_menu.addAction(tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.view = ViewMenu(self, self.menu_bar.addMenu(tr("&View")), self.panels, self.view_store)
        self.one_column_action, self.on_top_action = self.view.one_column_action, self.view.on_top_action

    def use_colours(self, scheme: theme.Scheme) -> None:
        self.view.use_colours(scheme)

    def _build_shortcuts(self) -> None:
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setAutoRepeat(False)  # holding the keys down must not repeat a transfer
            shortcut.activated.connect(lambda: self.start_action(NodeAction.WARM_TRANSFER))
        QShortcut(QKeySequence("Ctrl+H"), self).activated.connect(self.open_history)
        QShortcut(QKeySequence("Ctrl+D"), self).activated.connect(self.directory.open_panel)
        self.legs_panel.rowsRebuilt.connect(self._apply_tab_order)
        self._apply_tab_order()

    def _apply_tab_order(self) -> None:
        """Tab follows the reading order, leg buttons included (they come and go with the legs)."""
        banner = [self.banner.copy_button, self.banner.reset_button] if self.banner else []
        reading_order = [*banner, *self.call_card.focus_order(), self.to_field.edit, self.trigger_field.edit,
                         self.role_combo, self.warm_button, self.cold_button, self.add_button, self.directory_button,
                         self.history_button,
                         self.settings_button, *self.legs_panel.focus_order(), self.log_view]
        for before, after in zip(reading_order, reading_order[1:]):
            QWidget.setTabOrder(before, after)

    # -- start-up ----------------------------------------------------------------

    def apply_profile(self, profile: Profile) -> None:
        """Use a (new) profile: fill the form and point the background at it."""
        previous, self.profile = self.profile, profile
        for field in (self.to_field, self.trigger_field, self.legs_panel.customer_field):
            field.set_region(profile.default_region)
        # Replace "Your number" unless the agent typed something of their own there.
        typed = self.trigger_field.text()
        if profile.trigger_source and (not typed or typed == previous.trigger_source):
            self.trigger_field.setText(profile.trigger_source)
        self.background.configure(profile, self.token)
        for notice in profile.notices:  # a damaged settings file: say so, and what was used
            self.log_model.add(LogEntry.notice("settings", tr_phrase(notice)))
        # The warm-up imports requests (~150 ms of Python on the worker thread, holding
        # the GIL): let the window settle first. Agents do not click within 200 ms.
        QTimer.singleShot(WARM_UP_DELAY_MS, self.warm_up)
        self._load_recent_targets()
        self.directory.start()
        self.changed.emit()

    def _load_recent_targets(self) -> None:
        if self.history_path is None:
            return
        from phlo_desk.core.history import HistoryError, HistoryStore

        store = HistoryStore(self.history_path)
        try:
            self.target_search.set_recent(store.recent_targets(50))  # indexed: well under 1 ms
        except HistoryError as err:
            log.warning("recent targets not loaded: %s (%s)", err, err.detail)
        finally:
            store.close()

    def _remember_target(self, plan: Plan, result: ActionResult) -> None:
        if result.ok and plan.step.move in _MOVES.values():
            self.target_search.remember(plan.about)

    def attach_sandbox(self, server, profile: Profile, token: str) -> None:  # type: ignore[no-untyped-def]
        """Point the window at a running simulator and show its call beside the desk's.

        The app starts the simulator after the first paint (its imports cost ~80 ms),
        so the banner shows at once and the simulator's address follows.
        """
        from phlo_desk.ui.sandbox_panel import simulated_members

        self.sandbox, self.profile, self.token = server, profile, token
        self.banner.attach(server)
        self.legs_panel.simulated_members = lambda: simulated_members(server)
        self._fill_simulated_customer()

    def _fill_simulated_customer(self) -> None:
        """In sandbox mode the customer's number is known: fill it in, as an agent would paste it."""
        from phlo_desk.ui.sandbox_panel import simulated_customer

        if self.sandbox is not None:
            self.legs_panel.customer_field.setText(simulated_customer(self.sandbox))

    def reset_simulated_call(self) -> None:
        """Start the simulated call again and the desk's picture with it, so the two agree."""
        if self.desk.in_flight is not None or self.sandbox is None:
            self.statusBar().showMessage(tr("Still sending the last move: wait for its answer."), 4000)
            return
        self.sandbox.reset()
        self.new_call()

    def warm_up(self) -> None:
        if self.profile.missing():
            self._show_connection(tr("Not set up: open Settings"), False)
            self._settle()
            return
        if self.background.busy:
            return  # the action in flight opens the connection anyway
        self._show_connection(tr("Checking connection..."), None)
        self._last_network_use = time.monotonic()
        self.background.warm_up().finished.connect(self._connection_checked)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(SETTLE_AFTER_FIRST_PAINT_MS, self, self.firstPainted.emit)  # not after the window is gone
        if event.type() == QEvent.Type.WindowActivate and not self.background.busy:
            if time.monotonic() - self._last_network_use > IDLE_REWARM_S:
                self.warm_up()
        return super().event(event)

    # -- moves -------------------------------------------------------------------

    def start_action(self, action: NodeAction) -> bool:
        """Validate the form, then send a node move (warm, cold, add to call)."""
        move = _MOVES[action]
        if not self.desk.offers(move):
            return self.send_step(Step(move))  # the desk refuses it and says why
        resolved = self.target_search.resolved(self.to_field.text())
        if resolved != self.to_field.text():  # a colleague's whole name: To shows whom it sends to first
            self.target_search.fill(resolved)
        try:
            request = node_request(action, self.to_field.text(), self.trigger_field.text(),
                                   self.role_combo.currentData(), self.profile.default_region)
        except InvalidInput as err:
            self._refused_before_sending(move, err)
            return False
        return self.send_step(Step(move, request.to, request.role))

    def send_step(self, step: Step) -> bool:
        """Plan a move with the desk, ask its question if it has one, then send it."""
        try:
            plan = self.desk.plan(step)
        except Refused as refused:
            self.statusBar().showMessage(tr_phrase(refused.reason), 5000)
            return False
        if plan.question is not None and not self._ask(plan.question):
            return False
        from phlo_desk.core.history import Audit  # sqlite3 and the audit load at the first move, not at start-up

        job = self.background.submit(plan.request, Audit.of(plan.request, step.move.value, plan.about))
        if job is None:  # the background's own guard: one action at a time, whatever the desk thinks
            self.statusBar().showMessage(tr("Still sending the last move: wait for its answer."), 4000)
            return False
        job.finished.connect(lambda answer, plan=plan: self._answered(plan, answer))
        self.desk.sent(plan)
        self._sending_since = self._last_network_use = time.monotonic()
        self.elapsed_timer.start()
        self.render()
        return True

    def _ask(self, question: Question) -> bool:
        from PySide6.QtWidgets import QMessageBox  # its Python type costs ~5 ms: not at start-up

        box = QMessageBox(QMessageBox.Icon.Warning, tr_phrase(question.title), tr_phrase(question.text),
                          QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # it may name a colleague from IT's list: never markup
        confirm = box.addButton(tr_phrase(question.confirm), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(tr_phrase(question.keep), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Return alone must never confirm by accident
        box.setEscapeButton(keep)
        box.exec()
        box.deleteLater()
        return box.clickedButton() is confirm

    def _refused_before_sending(self, move: Move, err: InvalidInput) -> None:
        field = {"To": self.to_field, "Trigger source": self.trigger_field}.get(err.detail)
        if field is not None:
            field.edit.setFocus()
        self.desk.refused_before_sending(move, marked(err.advice))
        self.log_model.add(LogEntry.from_result(ActionResult(Outcome.INVALID, err.advice, detail=err.detail),
                                                move.value))
        self.render()

    def _answered(self, plan: Plan, answer) -> None:  # type: ignore[no-untyped-def]
        self.elapsed_timer.stop()
        result = answer.result if answer is not None else _internal_error(plan)
        self.desk.answered(result)
        self._remember_target(plan, result)
        self.log_model.add(LogEntry.from_result(result, plan.step.move.value, plan.about))
        if answer is not None and answer.history_problem is not None:
            self._history_failed(history_error_text(answer.history_problem))
        log.info("action result %s", json.dumps({**result.as_dict(), "move": plan.step.move.value}))
        if result.ok:
            self._show_connection(tr("Connected"), True)
        elif result.outcome in (Outcome.NETWORK, Outcome.AUTH, Outcome.NOT_FOUND):
            self._show_connection(tr_phrase(result.message), False)
        if self.desk.handed_over:
            self.to_field.setText("")  # the transfer is over: never offer it again as the default
            self.call_card.new_call_button.setFocus()
        self.render()
        self.answered.emit(result)

    def new_call(self) -> None:
        if self.desk.in_flight is not None:
            self.statusBar().showMessage(tr("Still sending the last move: wait for its answer."), 4000)
            return
        self.desk.new_call()
        self._trigger_changed()
        self.legs_panel.customer_field.setText("")
        self._fill_simulated_customer()
        self.to_field.edit.setFocus()
        self.render()

    def _trigger_changed(self) -> None:
        address = self.trigger_field.address
        self.desk.set_agent_address(address.wire if address else "")
        self.render()

    def _history_failed(self, reason: str) -> None:
        self.log_model.add(LogEntry.notice(
            "history", tr("The action went through, but the history could not be written: %1").replace("%1", reason)))

    # -- rendering the desk ------------------------------------------------------------

    def render(self) -> None:
        """Show the desk: the headline, what can be done now, and the moves that fit."""
        if not hasattr(self, "legs_panel"):
            return  # still being built
        desk = self.desk
        for button, action in self.form.action_buttons():
            button.setEnabled(self.form.ready and desk.offers(_MOVES[action]))
        set_flag(self.warm_button, "primary", desk.default_move() is Move.WARM_TRANSFER)
        self.headline.show_headline(desk.headline)
        self.progress.setVisible(desk.in_flight is not None)
        self._show_next_step()
        self.call_card.refresh()
        self.legs_panel.refresh()
        self.changed.emit()

    def _show_next_step(self) -> None:
        plan = self.desk.in_flight
        if plan is None:
            self.sending_label.setText(tr_phrase(self.desk.next_step(to_ready=self.form.ready)))
            return
        seconds = time.monotonic() - self._sending_since
        what = action_label(plan.step.move.value).lower()
        self.sending_label.setText(
            tr("Sending %1 to %2... %3 s").replace("%1", what).replace("%2", plan.about).replace("%3", f"{seconds:.1f}"))

    # -- connection indicator -------------------------------------------------------

    def _connection_checked(self, result: ActionResult | None) -> None:
        if result is not None and result.ok:
            self._show_connection(tr("Connected (%1 ms)").replace("%1", f"{result.elapsed_ms:.0f}"), True)
        else:
            self._show_connection(tr_phrase(result.message) if result else tr("Internal error"), False)
        self._settle()

    def _settle(self) -> None:
        if not self._settled:
            self._settled = True
            # ~25 ms of Qt types, text layout and icons that the first answer would wait for.
            self.headline.prepare_first_answer()
            self.log_view.prepare_first_answer()
            self.settled.emit()

    def _show_connection(self, text: str, good: bool | None) -> None:
        symbol, tone = {True: ("\u25cf", "good"), False: ("\u25cf", "bad"), None: ("\u25cb", "info")}[good]
        self.connection_symbol.setText(symbol)
        set_flag(self.connection_symbol, "tone", tone)
        self.connection_label.setText(text)
        self.connection_label.setToolTip(text)
        self.changed.emit()

    # -- settings and history ---------------------------------------------------------

    def open_settings(self) -> bool:
        from phlo_desk.core.settings import resolve_profile
        from phlo_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.profile, self.background, self.store, self)
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

        dialog = HistoryDialog(self.history_path, self.background, self)
        dialog.table.saveRequested.connect(self.directory.save_address)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()  # not modal: the agent keeps working while it is open

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.desk.in_flight is not None and not self._ask(Question(
                say("Still sending"),
                say("An action is still waiting for Plivo's answer. If you quit now you will not see "
                    "whether it happened."),
                say("Quit anyway"), say("Keep the desk open"))):
            event.ignore()
            return
        self.view.save()
        event.accept()


def _internal_error(plan: Plan) -> ActionResult:
    """What the agent reads if the background failed to answer at all (a bug)."""
    return ActionResult(Outcome.UNKNOWN, "Internal error while sending: the action may have happened. "
                        "Check the call before trying again.", request=plan.request)
