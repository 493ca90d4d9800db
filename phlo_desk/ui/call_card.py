"""The call card: where the transfer stands, for how long, and the moves that end it.

During a consult it is the most prominent thing in the window: whom the agent is
talking to, a running timer since the consult began, and Complete transfer (the
filled button), Join all and Cancel transfer (secondary). It renders the desk and
decides nothing; the moves go out through `requested`.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from phlo_desk.core.call import Move, Phase, Step
from phlo_desk.core.desk import Desk
from phlo_desk.ui.flow_layout import FlowLayout
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.translation import tr
from phlo_desk.ui.wrapping_label import WrappingLabel

_WITH_COLLEAGUE = (Phase.CONSULTING, Phase.CONFERENCED)


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


def shortcut_text(sequence: str) -> str:
    """A key sequence as the keys are labelled ("Ctrl+Shift+Return"; macOS's symbols there).

    Not Qt's translated key names elsewhere: in Spanish "Control+Mayúsculas+Retorno"
    made Complete transfer too wide at 400 px, and the sentences name "Ctrl+Shift+Return".
    """
    native = sys.platform == "darwin"  # "Ctrl" there would name the Command key as Control
    return QKeySequence(sequence).toString(
        QKeySequence.SequenceFormat.NativeText if native else QKeySequence.SequenceFormat.PortableText)


def move_button(name: str, label: str, sequence: str | None, tip: str) -> QPushButton:
    """A push button that shows its shortcut after its name, so no one needs the tooltip."""
    text = f"{label}  {shortcut_text(sequence)}" if sequence else label
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(label.replace("&", ""))
    button.setToolTip(tip)
    return button


class CallCard(QFrame):
    requested = Signal(object)  # a core.call.Step
    newCallRequested = Signal()

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.setObjectName("callCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        set_flag(self, "surface", "card")
        self.desk = desk
        self.phase = WrappingLabel()
        self.phase.setObjectName("transferPhase")
        self.phase.setTextFormat(Qt.TextFormat.PlainText)  # it names addresses: never markup
        self.phase.setAccessibleDescription(tr("Where the transfer stands"))
        font = self.phase.font()
        font.setBold(True)
        self.phase.setFont(font)
        self.timer = QLabel()
        self.timer.setObjectName("consultTimer")
        self.timer.setAccessibleName(tr("Time in the consult"))
        set_flag(self.timer, "hint", True)
        self._build_buttons()
        moves = FlowLayout()
        moves.add_widgets(self.complete_button, self.join_button, self.cancel_button)
        moves.add_push()
        moves.addWidget(self.new_call_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.phase)
        layout.addWidget(self.timer)
        layout.addLayout(moves)
        self.clock = QTimer(self)  # the consult timer counts up once a second
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._tick)
        self.refresh()

    def _build_buttons(self) -> None:
        self.complete_button = move_button(
            "completeTransferButton", tr("Com&plete transfer"), "Ctrl+Shift+Return",
            tr("Leave the call so the customer stays with your colleague (API: hangup on your own leg)."))
        self.join_button = move_button(
            "joinAllButton", tr("&Join all"), "Ctrl+Shift+J",
            tr("Bring the customer into the conversation: all three talk (API: resume_call)."))
        self.cancel_button = move_button(
            "cancelTransferButton", tr("Cancel t&ransfer"), "Ctrl+Shift+Backspace",
            tr("Drop your colleague and go back to the customer (API: abort_transfer on your own leg)."))
        set_flag(self.cancel_button, "secondary", True)  # the way back, not the way forward
        self.new_call_button = move_button(
            "newCallButton", tr("&New call"), "Ctrl+N", tr("Clear the desk for the next call. Sends nothing."))
        for button, move in ((self.complete_button, Move.COMPLETE), (self.join_button, Move.JOIN),
                             (self.cancel_button, Move.CANCEL)):
            button.clicked.connect(lambda _=False, m=move: self.request(Step(m)))
        self.new_call_button.clicked.connect(self.newCallRequested.emit)
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
        return [self.complete_button, self.join_button, self.cancel_button, self.new_call_button]

    def request(self, step: Step) -> None:
        if self.desk.offers(step.move, step.address):
            self.requested.emit(step)

    def refresh(self) -> None:
        desk = self.desk
        self.phase.setText(phase_line(desk))
        # The three moves show while a consult (or the three-way talk after Join all, which
        # Complete ends) may be going on, disabled while a move is in flight; an idle card
        # is one line and New call.
        in_consult = desk.lost_track or any(state.phase in _WITH_COLLEAGUE for state in desk.possible_states())
        for button, move in ((self.complete_button, Move.COMPLETE), (self.join_button, Move.JOIN),
                             (self.cancel_button, Move.CANCEL)):
            button.setEnabled(desk.offers(move))
            button.setVisible(in_consult)
        default = desk.default_move()
        set_flag(self.complete_button, "primary", default is Move.COMPLETE)
        set_flag(self.new_call_button, "primary", default is None)
        self._tick()
        if desk.consult_started() is None:
            self.clock.stop()
        elif not self.clock.isActive():
            self.clock.start()

    def _tick(self) -> None:
        started = self.desk.consult_started()
        self.timer.setVisible(started is not None)
        if started is not None:
            seconds = int(max(0.0, self.desk.clock() - started))
            self.timer.setText(tr("In the consult for %1").replace("%1", f"{seconds // 60}:{seconds % 60:02d}"))
