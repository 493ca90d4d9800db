"""Drive a sandbox window into each state an agent meets, for the layout test and the screenshots.

Each state is a function `(window, wait) -> QWidget`: it puts the window (started
with `--sandbox` and attached to its simulator) into that state and returns the
top-level widget to look at: the window, or a dialog it opened. `wait(predicate)`
runs the event loop until the predicate holds (qtbot.waitUntil in tests).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.call import Move, Step
from phlo_desk.sandbox import Fault
from phlo_desk.ui.translation import tr

Wait = Callable[[Callable[[], bool]], None]
TARGET = "(415) 222-5555"
# What a PHLO error can look like at its longest: the desk shows it whole, wrapped.
LONG_ERROR = ("Destination number +14152225555 is not allowed for this PHLO: the multi-party call node "
              "'Sales queue - west coast overflow' only accepts numbers from the approved list of the "
              "account's geo permissions; contact your account administrator to extend the list, or "
              "transfer to a SIP endpoint of the same account instead.")


def _fresh_call(window) -> None:  # type: ignore[no-untyped-def]
    window.sandbox.set_fault(None)
    window.reset_simulated_call()


def _answered(window, wait: Wait) -> None:  # type: ignore[no-untyped-def]
    wait(lambda: window.desk.in_flight is None)


def _warm_transfer(window, wait: Wait, to: str = TARGET) -> None:  # type: ignore[no-untyped-def]
    window.to_field.setText(to)
    assert window.start_action(NodeAction.WARM_TRANSFER)
    _answered(window, wait)


def idle(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    _fresh_call(window)
    window.to_field.setText(TARGET)
    return window


def sending(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    """A warm transfer on its way; the simulator answers it 1.5 s later (call `finish_sending`)."""
    _fresh_call(window)
    window.sandbox.set_fault(Fault(mode="hang", delay_ms=1500, count=1))
    window.to_field.setText(TARGET)
    assert window.start_action(NodeAction.WARM_TRANSFER)
    wait(lambda: window.desk.in_flight is not None and window.sending_label.isVisible())
    return window


def finish_sending(window, wait: Wait) -> None:  # type: ignore[no-untyped-def]
    _answered(window, wait)


def consult(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    _fresh_call(window)
    _warm_transfer(window, wait)
    return window


def unconfirmed(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    """A Cancel answered with a server error: every way back stays offered."""
    consult(window, wait)
    window.sandbox.set_fault(Fault(status=500, count=1))
    assert window.send_step(Step(Move.CANCEL))
    _answered(window, wait)
    return window


def handed_over(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    consult(window, wait)
    assert window.send_step(Step(Move.COMPLETE))
    _answered(window, wait)
    return window


def long_error(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    _fresh_call(window)
    window.sandbox.set_fault(Fault(status=400, body=json.dumps({"error": LONG_ERROR}), count=1))
    _warm_transfer(window, wait)
    return window


def settings_dialog(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    from phlo_desk.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.profile, window.background, window.store, window)
    dialog.show()
    wait(dialog.isVisible)
    return dialog


def history_dialog(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    _fresh_call(window)
    _warm_transfer(window, wait)
    window.send_step(Step(Move.CANCEL))
    _answered(window, wait)
    window.open_history()
    wait(lambda: _history(window) is not None and _history(window).isVisible())
    return _history(window)


def _history(window):  # type: ignore[no-untyped-def]
    from phlo_desk.ui.history_view import HistoryDialog

    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, HistoryDialog) and w.isVisible()), None)


# -- the directory: To searching it, a colleague picked, the panel ------------------------

SEARCHED = "al"  # in the demo directory: José Álvarez (accent ignored) and Alice Chen, by words
OFFLINE_COLLEAGUE = "priya"  # Priya Natarajan: a SIP endpoint whose softphone the sandbox has offline


def demo_directory_texts() -> tuple[str, ...]:
    """The demo directory's names and teams: data the window shows as IT wrote them, in any language."""
    from phlo_desk.sandbox.endpoints import demo_directory_path

    with demo_directory_path().open(encoding="utf-8-sig", newline="") as rows:
        texts = {row[column] for row in csv.DictReader(rows) for column in ("name", "team") if row[column]}
    return tuple(sorted(texts, key=len, reverse=True))  # "Billing desk" before "Billing": both go whole


def _directory_read(window, wait: Wait) -> None:  # type: ignore[no-untyped-def]
    wait(lambda: window.target_search.directory is not None and len(window.target_search.directory) > 0)


def _type_in_to(window, wait: Wait, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as the agent does: the completer opens its popup only for keystrokes in a focused To."""
    from PySide6.QtTest import QTest

    _directory_read(window, wait)
    window.activateWindow()  # the line edit takes up its completer on focus-in
    wait(window.isActiveWindow)
    window.to_field.edit.setFocus()
    window.to_field.setText("")
    QTest.keyClicks(window.to_field.edit, text)


def completion_popup(window):  # type: ignore[no-untyped-def]
    """To's list of matches: a top-level popup of its own, outside the window's widget tree."""
    return window.to_field.edit.completer().popup()


def open_completion_popup(window):  # type: ignore[no-untyped-def]
    """To's list of matches when it shows, else None (To makes it at its first keystroke)."""
    completer = window.to_field.edit.completer()
    return completer.popup() if completer is not None and completer.popup().isVisible() else None


def to_search(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    """Letters typed in To, its list of colleagues open below it (`completion_popup`)."""
    _fresh_call(window)
    _type_in_to(window, wait, SEARCHED)
    wait(lambda: completion_popup(window).isVisible())
    return window


def to_picked(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    """A colleague picked from To's list by keyboard; the line under To says their softphone is offline."""
    from PySide6.QtTest import QTest

    _fresh_call(window)
    _type_in_to(window, wait, OFFLINE_COLLEAGUE)
    popup = completion_popup(window)
    wait(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    wait(lambda: tr("softphone offline") in window.to_field.hint.text().replace("\xa0", " "))  # in the window's language
    return window


def directory_panel(window, wait: Wait) -> QWidget:  # type: ignore[no-untyped-def]
    """The Directory panel (Ctrl+D) over the window, searching as To did: IT's list and the
    Plivo endpoints (with their availability) both name Alice Chen and José Álvarez."""
    _fresh_call(window)
    window.to_field.setText("")  # the agent looks a colleague up before To holds anyone
    _directory_read(window, wait)
    window.directory.open_panel()
    panel = window.directory.panel
    wait(panel.isVisible)
    panel.search_edit.setText(SEARCHED)
    wait(lambda: panel.model.rowCount() > 0)
    return panel


STATES: dict[str, Callable[..., QWidget]] = {
    "idle": idle, "sending": sending, "consult": consult, "unconfirmed": unconfirmed,
    "handed-over": handed_over, "long-error": long_error, "settings": settings_dialog, "history": history_dialog,
    "directory-search": to_search, "directory-picked": to_picked, "directory-panel": directory_panel,
}


@contextmanager
def in_state(window, name: str, size: tuple[int, int], wait: Wait) -> Iterator[QWidget]:  # type: ignore[no-untyped-def]
    """The window at `size` in state `name`: the widget to look at (the window or its dialog,
    no larger than a dialog would open), settled. Afterwards the dialog is closed and a
    move in flight answered, so the next state starts clean."""
    from tests.support import fit

    window.resize(*size)
    shown = STATES[name](window, wait)
    try:
        if shown is not window:
            shown.resize(min(size[0], 900), min(size[1], 700))
        fit.settle(shown)
        yield shown
    finally:
        close_dialog(shown, window)
        if name == "sending":
            finish_sending(window, wait)
        QApplication.processEvents()


def close_dialog(widget: QWidget, window: QWidget) -> None:
    if widget is not window:
        widget.close()
    popup = open_completion_popup(window)
    if popup is not None:  # To's list, when a state left it open
        popup.hide()


def answer_questions() -> None:
    """Confirm any question the desk asks (for unattended tours)."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
