"""The legs of the call as the desk pictures them, and the moves that fit each one.

One row per leg: who, the address, the state and for how long, then its moves as
buttons that wrap onto more lines when the window is narrow (no button is ever
clipped). In sandbox mode each row also shows the simulator's truth where it differs
from the desk's belief, so a trainer sees one picture of the call.

It renders `core.desk.Desk` and asks the window to send a move through `requested`;
it decides nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from phlo_desk.core.call import LegState, Move, Step
from phlo_desk.core.desk import Desk, ShownLeg
from phlo_desk.core.wording import LEG_STATE_NAMES, MOVE_NAMES
from phlo_desk.ui.address_field import AddressField
from phlo_desk.ui.flow_layout import FlowLayout
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.translation import tr
from phlo_desk.ui.vocabulary import leg_role_label, leg_state_label, tr_phrase
from phlo_desk.ui.wrapping_label import WrappingLabel


# Leg moves: the tooltip names the API action behind each button.
def leg_tip(move: Move) -> str:
    return {
        Move.HOLD: tr("Put this leg on hold (API: hold)"),
        Move.UNHOLD: tr("Take this leg off hold (API: unhold)"),
        Move.HANGUP: tr("Disconnect this leg; asks first (API: hangup)"),
        Move.VOICEMAIL: tr("Leave the recorded voicemail and drop this leg (API: voicemail_drop)"),
    }[move]


# A simulator member: its address, its label ("customer") and its state, as the sandbox says.
SimulatedMember = dict[str, object]


def duration_text(seconds: float) -> str:
    whole = int(max(0.0, seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class LegRow(QFrame):
    """One leg: who and where, its state and time in it, its moves, and the simulator's view."""

    def __init__(self, row: int, shown: ShownLeg, moves: tuple[Move, ...], request: Callable[[Step], None]) -> None:
        super().__init__()
        self.setObjectName(f"leg{row}")
        self.shown = shown
        leg = shown.leg
        self.who = QLabel(leg_role_label(leg))
        self.who.setObjectName(f"leg{row}Who")
        font = self.who.font()
        font.setBold(True)
        self.who.setFont(font)
        self.address = _plain_label(f"leg{row}Address", leg.address or tr("number not known"))
        self.state = _plain_label(f"leg{row}State", "")
        self.simulator = _plain_label(f"leg{row}Simulator", "")
        set_flag(self.simulator, "differs", True)
        self.simulator.hide()
        if not leg.active:
            for label in (self.who, self.address, self.state):
                set_flag(label, "hint", True)
        self.buttons: dict[Move, QPushButton] = {}
        flow = FlowLayout()
        for move in moves:  # the desk decides, unconfirmed legs included
            label = tr_phrase(MOVE_NAMES[move])
            button = QPushButton(label)
            button.setObjectName(f"leg{row}{move.value.title().replace('_', '')}Button")
            button.setAccessibleName(f"{label} {leg_role_label(leg)}")
            button.setToolTip(leg_tip(move))
            button.clicked.connect(lambda _=False, m=move, a=leg.address: request(Step(m, a)))
            flow.addWidget(button)
            self.buttons[move] = button
        heading = FlowLayout(spacing=8)
        heading.add_widgets(self.who, self.address)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addLayout(heading)
        layout.addWidget(self.state)
        layout.addWidget(self.simulator)
        if moves:
            layout.addLayout(flow)
        self.setAccessibleName(f"{leg_role_label(leg)} {leg.address}")

    def show_state(self, now: float) -> None:
        shown = self.shown
        text = leg_state_label(shown.leg)
        if shown.since is not None:  # timed from the call's first move on
            text += "  " + duration_text(now - shown.since)
        if not shown.certain:
            text += "  " + tr("(unconfirmed)")
        self.state.setText(text)

    def show_simulator(self, member: SimulatedMember | None) -> None:
        """The simulator's state of this leg, shown only where it differs from the desk's."""
        leg = self.shown.leg
        simulated = LegState(str(member["state"])) if member else None
        believed = leg.state if leg.active else None
        if member is None and not leg.active or simulated is believed or simulated is LegState.LEFT and not leg.active:
            self.simulator.hide()
            return
        self.simulator.setText(tr("Simulator: %1").replace(
            "%1", tr_phrase(LEG_STATE_NAMES[simulated]) if simulated else tr("not on the call")))
        self.simulator.show()


class LegsPanel(QGroupBox):
    requested = Signal(object)  # a core.call.Step
    rowsRebuilt = Signal()  # new leg buttons: the window puts them in its tab order

    def __init__(self, desk: Desk, region: str) -> None:
        super().__init__(tr("This call"))
        self.setObjectName("legsPanel")
        self.desk = desk
        self.simulated_members: Callable[[], list[SimulatedMember]] | None = None
        self.customer_field = AddressField("customerInput", tr("Customer's number"), region)
        customer_label = WrappingLabel(tr("C&ustomer's number (optional: enables actions on their leg)"))
        customer_label.setBuddy(self.customer_field.edit)
        self.customer_field.edit.setToolTip(tr("Paste the caller's number to hold, resume or hang up their leg."))
        self.customer_field.edit.textChanged.connect(self._customer_changed)
        self.rows_box = QWidget()
        self.rows_box.setObjectName("legsList")
        self.rows_box.setAccessibleName(tr("Legs of the call"))
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        self.only_simulated = _plain_label("onlyInSimulator", "")
        set_flag(self.only_simulated, "differs", True)
        self.only_simulated.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(customer_label)
        layout.addWidget(self.customer_field)
        layout.addWidget(self.rows_box)
        layout.addWidget(self.only_simulated)
        layout.addStretch(1)  # beside a taller column the rows stay at the top
        self.rows: list[LegRow] = []
        self._shown: list[ShownLeg] = []
        self.clock = QTimer(self)  # each leg's time in its state counts up
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._update_durations)
        self.clock.start()
        self.refresh()

    def focus_order(self) -> list[QWidget]:
        return [self.customer_field.edit, *(b for row in self.rows for b in row.buttons.values())]

    # -- requests ----------------------------------------------------------------

    def request(self, step: Step) -> None:
        if self.desk.offers(step.move, step.address):
            self.requested.emit(step)

    def leg_button(self, address: str, move: Move) -> QPushButton | None:
        row = next((row for row in self.rows if row.shown.leg.address == address), None)
        return row.buttons.get(move) if row else None

    # -- display -------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the desk's picture; rows are rebuilt only when the legs change."""
        shown = self.desk.shown_legs()
        moves = [self.desk.leg_moves(item.leg.address) for item in shown]
        current = [(row.shown.leg, row.shown.certain, tuple(row.buttons)) for row in self.rows]
        if [(s.leg, s.certain, m) for s, m in zip(shown, moves)] != current or not self.rows:
            self._rebuild(shown, moves)
        for row in self.rows:
            row.shown = next(s for s in shown if s.leg == row.shown.leg)
            for move, button in row.buttons.items():
                button.setEnabled(self.desk.offers(move, row.shown.leg.address))
        self._update_durations()
        self._compare_with_simulator()

    def _rebuild(self, shown: list[ShownLeg], moves: list[tuple[Move, ...]]) -> None:
        for row in self.rows:
            self.rows_layout.removeWidget(row)
            row.hide()  # gone now, even before the event loop deletes it
            row.deleteLater()
        self.rows = [LegRow(i, item, item_moves, self.request) for i, (item, item_moves) in enumerate(zip(shown, moves))]
        for row in self.rows:
            self.rows_layout.addWidget(row)
        self.rowsRebuilt.emit()

    def _update_durations(self) -> None:
        now = self.desk.clock()
        for row in self.rows:
            row.show_state(now)

    def _compare_with_simulator(self) -> None:
        if self.simulated_members is None:
            return
        members = self.simulated_members()
        by_address = {str(m["address"]): m for m in members}
        for row in self.rows:
            row.show_simulator(by_address.pop(row.shown.leg.address, None) if row.shown.leg.address else None)
        extra = [m for m in by_address.values() if m["state"] != LegState.LEFT.value]
        self.only_simulated.setVisible(bool(extra))
        self.only_simulated.setText("\n".join(
            tr("Only in the simulator: %1 (%2), %3").replace("%1", str(m["address"])).replace(
                "%2", str(m["label"])).replace("%3", tr_phrase(LEG_STATE_NAMES[LegState(str(m["state"]))]))
            for m in extra))

    def _customer_changed(self) -> None:
        address = self.customer_field.address
        self.desk.set_customer_address(address.wire if address else "")
        self.refresh()


def _plain_label(name: str, text: str) -> WrappingLabel:
    label = WrappingLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # addresses and states: never markup
    return label

