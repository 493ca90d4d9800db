"""Screenshots of the real sandbox window in the states an agent meets, for docs and review.

    bash packaging/make-screenshot.sh docs/screens     # starts Xvfb and openbox, then this

Runs `phlo_desk.ui.app.main(["--sandbox"])` and drives the window as an agent would:
a warm transfer (the consult), Cancel answered with a server error (unconfirmed),
then Cancel again, a new warm transfer and Complete (handed over). After each it grabs
the whole X screen, window manager frame included, at the window's full size and at
400 px wide (a docked console: the window manager keeps the window's minimum size).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phlo_desk.core.actions import NodeAction  # noqa: E402
from phlo_desk.core.call import Move, Step  # noqa: E402
from phlo_desk.sandbox import DEFAULT_CUSTOMER, Fault  # noqa: E402
from phlo_desk.ui import app as desk_app  # noqa: E402
from phlo_desk.ui.main_window import MainWindow  # noqa: E402

SIZES = {"full": (1400, 900), "narrow": (400, 700)}


class Tour:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.window: MainWindow | None = None
        self.steps = [self.consult, self.unconfirmed_cancel, self.handed_over]
        QTimer.singleShot(100, self.find_window)

    def find_window(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.sandbox is not None and \
                    "Connected" in widget.connection_label.text():
                self.window = widget
                widget.legs_panel.customer_field.setText(DEFAULT_CUSTOMER)
                QTimer.singleShot(300, self.next_step)
                return
        QTimer.singleShot(100, self.find_window)

    def next_step(self) -> None:
        if not self.steps:
            self.window.close()
            return
        self.steps.pop(0)()

    def when_answered(self, then) -> None:  # type: ignore[no-untyped-def]
        if self.window.desk.in_flight is None:
            QTimer.singleShot(400, then)  # let the answer paint
        else:
            QTimer.singleShot(50, lambda: self.when_answered(then))

    def shoot(self, name: str) -> None:
        """Grab the screen at each size, then go on with the tour."""
        sizes = list(SIZES.items())

        def next_size() -> None:
            if not sizes:
                self.next_step()
                return
            size, (width, height) = sizes.pop(0)
            self.window.resize(width, height)
            # The window manager applies the resize (and the minimum size) asynchronously.
            QTimer.singleShot(600, lambda: (self._grab(f"{name}-{size}.png"), next_size()))

        next_size()

    def _grab(self, file_name: str) -> None:
        self.window.screen().grabWindow(0).save(str(self.out / file_name))
        print("wrote", self.out / file_name, flush=True)

    # -- the states ----------------------------------------------------------------

    def consult(self) -> None:
        self.window.to_field.setText("(415) 222-5555")
        self.window.start_action(NodeAction.WARM_TRANSFER)
        self.when_answered(lambda: self.shoot("consult"))

    def unconfirmed_cancel(self) -> None:
        self.window.sandbox.set_fault(Fault(status=500, count=1))
        self.window.send_step(Step(Move.CANCEL))
        self.when_answered(lambda: self.shoot("unconfirmed-cancel"))

    def handed_over(self) -> None:
        window = self.window
        window.send_step(Step(Move.CANCEL))

        def transfer_again() -> None:
            window.to_field.setText("+1 415 222 6666")
            window.start_action(NodeAction.WARM_TRANSFER)
            self.when_answered(lambda: (window.send_step(Step(Move.COMPLETE)),
                                        self.when_answered(lambda: self.shoot("handed-over"))))

        self.when_answered(transfer_again)


def answer_questions() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        accept = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        accept.click()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens")
    out.mkdir(parents=True, exist_ok=True)
    application = QApplication(sys.argv[:1])
    tour = Tour(out)  # noqa: F841 - lives as long as the event loop
    questions = QTimer(application)
    questions.timeout.connect(answer_questions)
    questions.start(50)
    return desk_app.main(["--sandbox"])


if __name__ == "__main__":
    sys.exit(main())
