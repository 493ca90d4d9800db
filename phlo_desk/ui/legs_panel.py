"""The legs of the call as the desk pictures them, and the moves that fit right now.

It renders `core.desk.Desk` and asks the window to send a move through `requested`;
it decides nothing itself.
"""

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

from phlo_desk.core.call import Move, Phase, Step
from phlo_desk.core.desk import Desk, ShownLeg
from phlo_desk.core.wording import MOVE_NAMES
from phlo_desk.ui.address_field import AddressField
from phlo_desk.ui.log_view import read_only_table
from phlo_desk.ui.vocabulary import leg_role_label, leg_state_label, tr_core


def tr(text: str) -> str:
    return QCoreApplication.translate("LegsPanel", text)


def phase_line(desk: Desk) -> str:
    picture = desk.picture
    text = {
        Phase.IDLE: tr("No transfer in progress."),
        Phase.CONSULTING: tr("Consulting %1 privately; the customer is on hold."),
        Phase.CONFERENCED: tr("Everyone talks together: you, the customer and %1."),
        Phase.HANDED_OVER: tr("Handed over: you have left the call."),
    }[picture.phase].replace("%1", picture.colleague)
    if not desk.certain:
        text += " " + tr("(Unconfirmed: the last answer was not clear.)")
    return text


# Leg moves: the tooltip names the API action behind each button.
LEG_TIPS = {
    Move.HOLD: "Put this leg on hold (API: hold)",
    Move.UNHOLD: "Take this leg off hold (API: unhold)",
    Move.HANGUP: "Disconnect this leg; asks first (API: hangup)",
    Move.VOICEMAIL: "Leave the recorded voicemail and drop this leg (API: voicemail_drop)",
}


class LegsPanel(QGroupBox):
    requested = Signal(object)  # a core.call.Step
    newCallRequested = Signal()

    COLUMNS = ("Who", "Address", "State", "For", "Actions")

    def __init__(self, desk: Desk, region: str) -> None:
        super().__init__(tr("This call"))
        self.setObjectName("legsPanel")
        self.desk = desk
        self.phase = QLabel()
        self.phase.setObjectName("transferPhase")
        self.phase.setWordWrap(True)
        self.phase.setTextFormat(Qt.TextFormat.PlainText)  # it names addresses: never markup
        self.phase.setAccessibleDescription(tr("Where the transfer stands"))
        self._build_consult_buttons()
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

        self._leg_buttons: dict[tuple[str, Move], QPushButton] = {}
        self._shown: list[ShownLeg] = []
        self.clock = QTimer(self)  # the "For" column counts up while legs stay as they are
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._update_durations)
        self.clock.start()
        self.refresh()

    def _build_consult_buttons(self) -> None:
        self.complete_button = self._button(
            "completeTransferButton", tr("Com&plete transfer"),
            tr("Leave the call so the customer stays with your colleague. "
               "Ctrl+Shift+Return (API: hangup on your own leg)"), lambda: self.request(Step(Move.COMPLETE)))
        self.join_button = self._button(
            "joinAllButton", tr("&Join all"),
            tr("Bring the customer into the conversation: all three talk. Ctrl+Shift+J (API: resume_call)"),
            lambda: self.request(Step(Move.JOIN)))
        self.cancel_button = self._button(
            "cancelTransferButton", tr("Cancel t&ransfer"),
            tr("Drop your colleague and go back to the customer. Ctrl+Shift+Backspace "
               "(API: abort_transfer on your own leg)"), lambda: self.request(Step(Move.CANCEL)))
        self.new_call_button = self._button(
            "newCallButton", tr("&New call"),
            tr("Clear this panel for the next call. Sends nothing. (Ctrl+N)"), self.newCallRequested.emit)
        for sequence, move in (("Ctrl+Shift+Return", Move.COMPLETE), ("Ctrl+Shift+Enter", Move.COMPLETE),
                               ("Ctrl+Shift+J", Move.JOIN), ("Ctrl+Shift+Backspace", Move.CANCEL)):
            self._shortcut(sequence, lambda m=move: self.request(Step(m)))
        self._shortcut("Ctrl+N", self.newCallRequested.emit)

    def _shortcut(self, sequence: str, slot) -> None:  # type: ignore[no-untyped-def]
        shortcut = QShortcut(QKeySequence(sequence), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.setAutoRepeat(False)  # a held key must not repeat a call action
        shortcut.activated.connect(slot)

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

    def request(self, step: Step) -> None:
        if self.desk.offers(step.move, step.address):
            self.requested.emit(step)

    def leg_button(self, address: str, move: Move) -> QPushButton | None:
        return self._leg_buttons.get((address, move))

    # -- display -------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the desk's picture; only enable and disable while a request is in flight."""
        desk = self.desk
        self.phase.setText(phase_line(desk))
        for button, move in ((self.complete_button, Move.COMPLETE), (self.join_button, Move.JOIN),
                             (self.cancel_button, Move.CANCEL)):
            button.setEnabled(desk.offers(move))
        shown = desk.shown_legs()
        if [(s.leg, s.certain) for s in shown] != [(s.leg, s.certain) for s in self._shown] or not self._leg_buttons:
            self._rebuild(shown)
        for (address, move), button in self._leg_buttons.items():
            button.setEnabled(desk.offers(move, address))
        self._shown = shown
        self._update_durations()

    def _rebuild(self, shown: list[ShownLeg]) -> None:
        self._leg_buttons.clear()
        self.table.setRowCount(len(shown))
        for row, item in enumerate(shown):
            leg = item.leg
            state = leg_state_label(leg) + ("" if item.certain else " " + tr("(unconfirmed)"))
            for column, text in enumerate([leg_role_label(leg), leg.address or tr("(not known)"), state, ""]):
                cell = QTableWidgetItem(text)
                if not leg.active:
                    cell.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, cell)
            self.table.setCellWidget(row, 4, self._leg_actions(row, item))
        self.table.resizeRowsToContents()

    def _leg_actions(self, row: int, item: ShownLeg) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(2, 0, 2, 0)
        leg = item.leg
        for move in self.desk.leg_moves(leg.address):  # the desk decides, unconfirmed legs included
            label = tr_core(MOVE_NAMES[move])
            button = QPushButton(label)
            button.setObjectName(f"leg{row}{move.value.title().replace('_', '')}Button")
            button.setAccessibleName(f"{label} {leg_role_label(leg)}")
            button.setToolTip(tr(LEG_TIPS[move]))
            button.clicked.connect(lambda _=False, m=move, a=leg.address: self.request(Step(m, a)))
            layout.addWidget(button)
            self._leg_buttons[(leg.address, move)] = button
        layout.addStretch(1)
        return box

    def _update_durations(self) -> None:
        now = time.monotonic()
        for row, item in enumerate(self._shown):
            cell = self.table.item(row, 3)
            if cell is None:
                continue
            if item.since is None:  # no move yet on this call: nothing to time
                cell.setText("\u2013")
            else:
                seconds = int(max(0.0, now - item.since))
                cell.setText(f"{seconds // 60}:{seconds % 60:02d}")

    def _customer_changed(self) -> None:
        address = self.customer_field.address
        self.desk.set_customer_address(address.wire if address else "")
        self.refresh()
