"""The legs of the call as this desk knows them, and the actions that fit right now."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from phlo_desk.core.actions import MemberAction, MemberRequest
from phlo_desk.core.transfer import Leg, LegRole, LegState, Phase, TransferTracker
from phlo_desk.ui.address_field import AddressField
from phlo_desk.ui.log_view import read_only_table


def tr(text: str) -> str:
    return QCoreApplication.translate("LegsPanel", text)


def role_label(role: LegRole) -> str:
    return {LegRole.AGENT: tr("You"), LegRole.CUSTOMER: tr("Customer"),
            LegRole.TARGET: tr("Transfer target"), LegRole.ADDED: tr("Added")}[role]


def state_label(leg: Leg) -> str:
    text = {LegState.CONNECTED: tr("Connected"), LegState.ON_HOLD: tr("On hold"),
            LegState.CONSULTING: tr("Private consult"), LegState.LEFT: tr("Left")}[leg.state]
    return text if leg.certain else text + " " + tr("(unconfirmed)")


def phase_label(tracker: TransferTracker) -> str:
    target = tracker.leg(LegRole.TARGET)
    who = target.address if target else ""
    text = {
        Phase.IDLE: tr("No transfer in progress."),
        Phase.CONSULTING: tr("Warm transfer accepted by Plivo: consulting %1 privately; the customer is on hold."),
        Phase.CONFERENCED: tr("Joined: you, the customer and %1 are asked to talk together."),
        Phase.COMPLETED: tr("Transfer completed: you left; the customer stays with %1."),
        Phase.CANCELLED: tr("Transfer cancelled: back with the customer."),
        Phase.COLD_TRANSFERRED: tr("Cold transfer accepted: the customer goes to %1; you left."),
        Phase.FAILED: tr("The transfer did not go through: the call is as it was."),
    }[tracker.phase].replace("%1", who)
    if tracker.uncertain:
        text += " " + tr("The last request got no answer: it may not have happened. Check the call.")
    elif tracker.last_refusal:
        text += " " + tr("Last problem: %1").replace("%1", tracker.last_refusal)
    return text


# Leg buttons: action -> (label, tooltip naming the API action)
LEG_BUTTONS = {
    MemberAction.HOLD: ("Hold", "Put this leg on hold (API: hold)"),
    MemberAction.UNHOLD: ("Resume", "Take this leg off hold (API: unhold)"),
    MemberAction.HANGUP: ("Hang up", "Disconnect this leg; asks first (API: hangup)"),
    MemberAction.VOICEMAIL_DROP: ("Drop voicemail", "Leave the recorded voicemail and drop this leg (API: voicemail_drop)"),
}


class LegsPanel(QGroupBox):
    """Shows the tracker; asks the window to send requests through `requested`."""

    requested = Signal(object, str)  # MemberRequest, label key for the log
    newCallRequested = Signal()

    COLUMNS = ("Who", "Address", "State", "For", "Actions")

    def __init__(self, tracker: TransferTracker, region: str) -> None:
        super().__init__(tr("This call"))
        self.setObjectName("legsPanel")
        self.tracker = tracker
        self.phase = QLabel()
        self.phase.setObjectName("transferPhase")
        self.phase.setWordWrap(True)
        self.phase.setTextFormat(Qt.TextFormat.PlainText)  # it quotes Plivo's reasons: never markup
        self.phase.setAccessibleName(tr("Transfer status"))

        self.complete_button = self._button(
            "completeTransferButton", tr("Com&plete transfer"),
            tr("Leave the call so the customer stays with your colleague. "
               "Ctrl+Shift+Return (API: hangup on your own leg)"), self.request_completion)
        self.join_button = self._button(
            "joinAllButton", tr("&Join all"),
            tr("Bring the customer into the conversation: all three talk. Ctrl+Shift+J (API: resume_call)"),
            self.request_join)
        self.cancel_button = self._button(
            "cancelTransferButton", tr("Cancel t&ransfer"),
            tr("Drop your colleague and go back to the customer. Ctrl+Shift+Backspace "
               "(API: abort_transfer on your own leg)"), self.request_cancel)
        self.new_call_button = self._button(
            "newCallButton", tr("&New call"),
            tr("Clear this panel for the next call. Sends nothing."), self.newCallRequested.emit)
        for sequence, slot in (("Ctrl+Shift+Return", self.request_completion),
                               ("Ctrl+Shift+Enter", self.request_completion),
                               ("Ctrl+Shift+J", self.request_join),
                               ("Ctrl+Shift+Backspace", self.request_cancel)):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)  # a held key must not repeat a call action
            shortcut.activated.connect(slot)

        self.customer_field = AddressField("customerInput", tr("Customer's number"), region)
        self.customer_field.edit.setPlaceholderText(tr("Customer's number (optional: enables actions on their leg)"))
        self.customer_field.edit.setToolTip(tr("Paste the caller's number to hold, resume or hang up their leg."))
        self.customer_field.edit.textChanged.connect(self._customer_changed)

        self.table = read_only_table("legsTable", tr("Legs of the call"), [tr(c) for c in self.COLUMNS])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

        actions = QHBoxLayout()
        for button in (self.complete_button, self.join_button, self.cancel_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.new_call_button)
        customer_row = QHBoxLayout()
        customer_label = QLabel(tr("C&ustomer:"))
        customer_label.setBuddy(self.customer_field.edit)
        customer_row.addWidget(customer_label, 0, Qt.AlignmentFlag.AlignTop)
        customer_row.addWidget(self.customer_field, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.phase)
        layout.addLayout(actions)
        layout.addLayout(customer_row)
        layout.addWidget(self.table, 1)

        self._leg_buttons: dict[tuple[int, MemberAction], QPushButton] = {}
        self.busy = False
        self.clock = QTimer(self)  # the "For" column counts up while legs stay as they are
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._update_durations)
        self.clock.start()
        self.refresh()

    def focus_order(self) -> list[QWidget]:
        return [self.complete_button, self.join_button, self.cancel_button, self.new_call_button,
                self.customer_field.edit, self.table]

    def _button(self, name: str, text: str, tip: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- requests ----------------------------------------------------------------

    def request_completion(self) -> None:
        if self.tracker.can_complete() and not self.busy:
            self.requested.emit(self.tracker.completion_request(), "complete_transfer")

    def request_join(self) -> None:
        if self.tracker.can_join() and not self.busy:
            self.requested.emit(self.tracker.join_request(), "resume_call")

    def request_cancel(self) -> None:
        if self.tracker.can_cancel() and not self.busy:
            self.requested.emit(self.tracker.cancel_request(), "abort_transfer")

    def leg_button(self, role: LegRole, action: MemberAction) -> QPushButton | None:
        for row, leg in enumerate(self._shown_legs):
            if leg.role is role and leg.state is not LegState.LEFT:
                return self._leg_buttons.get((row, action))
        return None

    # -- display -------------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        # Only enable or disable: rebuilding here would delete the leg button whose
        # click is still being delivered.
        self.busy = busy
        self._update_enabled()

    def _update_enabled(self) -> None:
        tracker = self.tracker
        self.complete_button.setEnabled(tracker.can_complete() and not self.busy)
        self.join_button.setEnabled(tracker.can_join() and not self.busy)
        self.cancel_button.setEnabled(tracker.can_cancel() and not self.busy)
        for button in self._leg_buttons.values():
            button.setEnabled(not self.busy)

    def refresh(self) -> None:
        tracker = self.tracker
        self.phase.setText(phase_label(tracker))
        self._shown_legs = list(tracker.legs)
        self._leg_buttons.clear()
        self.table.setRowCount(len(self._shown_legs))
        for row, leg in enumerate(self._shown_legs):
            cells = [role_label(leg.role), leg.address or tr("(not known)"), state_label(leg), ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if leg.state is LegState.LEFT:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
            self.table.setCellWidget(row, 4, self._leg_actions(row, leg))
        self._update_enabled()
        self._update_durations()
        self.table.resizeRowsToContents()

    def _leg_actions(self, row: int, leg: Leg) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(2, 0, 2, 0)
        for action in self.tracker.leg_actions(leg):
            label, tip = LEG_BUTTONS[action]
            button = QPushButton(tr(label))
            button.setObjectName(f"leg{row}{action.value.title().replace('_', '')}Button")
            button.setAccessibleName(f"{tr(label)} {role_label(leg.role)}")
            button.setToolTip(tr(tip))
            button.clicked.connect(lambda _=False, a=action, address=leg.address: self._leg_request(a, address))
            layout.addWidget(button)
            self._leg_buttons[(row, action)] = button
        layout.addStretch(1)
        return box

    def _leg_request(self, action: MemberAction, address: str) -> None:
        if not self.busy:
            self.requested.emit(MemberRequest(action, address), action.value)

    def _update_durations(self) -> None:
        now = time.monotonic()
        for row, leg in enumerate(getattr(self, "_shown_legs", [])):
            seconds = int(max(0.0, now - leg.since))
            item = self.table.item(row, 3)
            if item is not None:
                item.setText(f"{seconds // 60}:{seconds % 60:02d}")

    def _customer_changed(self) -> None:
        address = self.customer_field.address
        self.tracker.set_customer_address(address.wire if address else "")
        self.refresh()
