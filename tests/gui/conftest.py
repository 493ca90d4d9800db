"""A real window, its real worker thread and the real sandbox on loopback."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from phlo_desk.sandbox import SandboxServer
from phlo_desk.ui.app import build_parser, launch


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread(qapp):
    """As the app does: otherwise a test's leftover widgets may be collected on a worker thread."""
    from phlo_desk.ui.garbage import collect_on_gui_thread

    collect_on_gui_thread(qapp)


@pytest.fixture
def sandbox():
    with SandboxServer() as server:
        yield server


_open_desks: list = []


@pytest.fixture(autouse=True)
def back_to_english(request):
    """A test that starts the desk in another language leaves no translator for the next
    (test_translations.py's pseudo-language and Spanish windows keep theirs for the module)."""
    yield
    if not {"pseudo_desk", "spanish_desk"} & set(request.fixturenames):
        from phlo_desk.ui import translation

        translation.remove()


@pytest.fixture(autouse=True)
def stop_worker_threads():
    """Stop every worker thread a test started, even when the test failed half way:
    a QThread collected while running aborts the whole test process."""
    yield
    while _open_desks:
        _open_desks.pop().background.stop()


def open_window(qtbot, args: list[str], sandbox=None, environ=None):  # type: ignore[no-untyped-def]
    """Launch as `phlo-desk ARGS` would, show the window, and apply its profile."""
    launched = launch(build_parser().parse_args(args), environ=environ, sandbox=sandbox)
    _open_desks.append(launched)
    window = launched.window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.apply_profile(window.profile)
    return launched


@pytest.fixture
def launched(qtbot, sandbox):
    result = open_window(qtbot, ["--sandbox"], sandbox=sandbox)
    qtbot.waitUntil(lambda: "Connected" in result.window.connection_label.text(), timeout=5000)
    return result


@pytest.fixture
def window(launched):
    return launched.window


_waiting_for_dialogs: list[QTimer] = []


@pytest.fixture(autouse=True)
def stop_waiting_for_dialogs():
    """A test that armed an answer but never saw its dialog must not answer the next test's."""
    yield
    while _waiting_for_dialogs:
        _waiting_for_dialogs.pop().stop()


def when_dialog_opens(handle) -> None:  # type: ignore[no-untyped-def]
    """Call `handle(dialog)` once the next modal dialog is up (exec() blocks the test)."""
    poll = QTimer(QApplication.instance())  # parented: lives until it has handled the dialog
    poll.setInterval(10)
    _waiting_for_dialogs.append(poll)

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            poll.stop()
            handle(dialog)

    poll.timeout.connect(check)
    poll.start()


# The desk's questions name their buttons after the act ("Transfer and leave" / "Stay on
# the call"): Yes and Ok press the confirming one, Cancel and No the other.
_ROLES = {QMessageBox.StandardButton.Yes: QMessageBox.ButtonRole.AcceptRole,
          QMessageBox.StandardButton.Ok: QMessageBox.ButtonRole.AcceptRole,
          QMessageBox.StandardButton.Cancel: QMessageBox.ButtonRole.RejectRole,
          QMessageBox.StandardButton.No: QMessageBox.ButtonRole.RejectRole}


def answer_next_dialog(button: QMessageBox.StandardButton, buttons: list[list[str]] | None = None) -> list[str]:
    """Click `button` on the next message box; the list gets the box's text (and
    `buttons`, if given, the texts of its buttons)."""
    seen: list[str] = []

    def answer(box: QMessageBox) -> None:
        seen.append(box.text())
        if buttons is not None:
            buttons.append([b.text() for b in box.buttons()])
        target = box.button(button) or next(b for b in box.buttons() if box.buttonRole(b) == _ROLES[button])
        target.click()

    when_dialog_opens(answer)
    return seen
