"""One desk per user, and the tel:/sip: links that reach it.

The desk that holds the single-instance lock (app.py) listens on a local socket beside
the lock, open to this user only. A second `phlo-desk LINK` cannot take the lock: it
checks the link, hands it over in one line and exits at once; the open desk checks it
again (never trusting the socket), puts it in To, comes to the front, and sends nothing.
macOS hands links to the running app as open-URL events instead: they take the same way.

One JSON line each way:
    {"link": "tel:+14155551212"}   or {"link": null}: only come to the front
    {"ok": true}                   or {"ok": false, "reason": "..."}

The second process imports only this module, QtCore/QtNetwork and the address parser:
nothing of the window. The open desk loads QtNetwork (~10 ms) after its first paint.
"""

from __future__ import annotations

import enum
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from phlo_desk.core.addresses import Address, AddressError, parse_address
from phlo_desk.core.text import server_text
from phlo_desk.ui.translation import tr

log = logging.getLogger(__name__)

# A desk that has just taken the lock starts listening a moment later (once its window is built).
CONNECT_FOR_S = 3.0
# An open desk answers in milliseconds; one that says nothing in this time is taken to be hung.
ANSWER_WITHIN_MS = 2000
# A client that sends no full line in this time is dropped.
HEAR_WITHIN_MS = 5000
MAX_LINE = 4096
SHOWN_LINK_LIMIT = 80
STATUS_MS = 15_000
# How often a link waiting for the desk to be free looks again.
WAIT_POLL_MS = 100


class Handover(enum.Enum):
    DELIVERED = "delivered"  # the open desk has it
    REFUSED = "refused"  # the open desk refused it and says why in its window
    NO_ANSWER = "no answer"  # nobody listens (an older desk), or the desk did not answer (hung)


def socket_name(lock: Path) -> str:
    """The channel's name: a socket file beside the lock, in the same private folder.
    On Windows a named pipe, which cannot hold a backslash: named after the lock's path."""
    if sys.platform == "win32":
        import hashlib  # here: it loads OpenSSL (~12 M instructions), which only Windows needs for this

        return "phlo-desk-" + hashlib.sha256(str(lock).lower().encode()).hexdigest()[:32]
    return str(lock.with_suffix(".socket"))


def link_text(raw: str) -> str:
    """What a link says: browsers and CRMs hand tel:/sip: links over percent-encoded
    (`tel:+1%20415...`)."""
    if raw.partition(":")[0].lower() in ("tel", "sip", "sips") and "%" in raw:
        return unquote(raw)
    return raw


def read_link(raw: str, region: str) -> Address:
    """The address a link or typed number names, or AddressError saying why not."""
    return parse_address(link_text(raw), region)


def link_refusal(raw: str, region: str) -> str | None:
    """Why `raw` is no address the desk can use (the core's sentence), or None."""
    try:
        read_link(raw, region)
    except AddressError as err:
        return str(err)
    return None


# -- the second process -------------------------------------------------------------------


def hand_over(name: str, link: str | None) -> Handover:
    """Give `link` (None: nothing, only come to the front) to the desk listening on `name`."""
    try:
        from PySide6.QtNetwork import QLocalSocket
    except ImportError as err:  # a system library it needs is missing (libgssapi_krb5 on Linux)
        log.warning("links cannot be handed over: %s", err)
        return Handover.NO_ANSWER
    socket = QLocalSocket()
    give_up = time.monotonic() + CONNECT_FOR_S
    while True:
        socket.connectToServer(name)
        if socket.waitForConnected(500):
            break
        if time.monotonic() >= give_up:
            log.warning("no open desk answers on %s: %s", name, socket.errorString())
            return Handover.NO_ANSWER
        time.sleep(0.05)  # not listening yet, or a killed desk's socket not yet replaced
    socket.write(json.dumps({"link": link}).encode() + b"\n")
    socket.waitForBytesWritten(ANSWER_WITHIN_MS)
    line = _read_line(socket, ANSWER_WITHIN_MS)
    socket.abort()
    try:
        answer = json.loads(line) if line is not None else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
        log.warning("the open desk did not answer on %s", name)
        return Handover.NO_ANSWER
    if not answer["ok"]:
        log.info("the open desk refused the link: %s", server_text(answer.get("reason", ""), 200))
        return Handover.REFUSED
    return Handover.DELIVERED


def _read_line(socket, within_ms: int) -> bytes | None:
    deadline = time.monotonic() + within_ms / 1000
    while not socket.canReadLine():
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0 or socket.bytesAvailable() > MAX_LINE or not socket.waitForReadyRead(left_ms):
            return bytes(socket.readLine(MAX_LINE)) if socket.canReadLine() else None
    return bytes(socket.readLine(MAX_LINE))


def say_link_refused(raw: str, reason: str) -> None:
    """A message box: the link, and why the desk cannot use it (needs a QApplication)."""
    from PySide6.QtWidgets import QMessageBox

    from phlo_desk.ui.vocabulary import tr_phrase

    text = tr("This link is not a phone number or SIP address PHLO Desk can use:\n{link}\n\n{reason}\n\n"
              "Nothing was put in To.").format(link=server_text(raw, SHOWN_LINK_LIMIT), reason=tr_phrase(reason))
    QMessageBox.warning(None, tr("PHLO Desk"), text)


# -- the open desk ------------------------------------------------------------------------


class LinkServer(QObject):
    """The open desk's end of the channel: one line in, one line out, per connection.

    `receive(link)` takes a link (None: only come to the front) and returns None when it
    took it, else why not.
    """

    def __init__(self, name: str, receive: Callable[[str | None], str | None], parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.name = name
        self._receive = receive
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this user only
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; False (logged) if that fails: the desk works on without links."""
        # The caller holds the single-instance lock, so a socket already there was left by a
        # desk that was killed (kill -9, a crash): nobody listens on it any more. (Qt 6.11's
        # listen() replaces it too; this does not rely on that.)
        self._server.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("links from other apps will not reach this desk: cannot listen on %s: %s",
                        self.name, self._server.errorString())
            return False
        return True

    def close(self) -> None:
        self._server.close()  # removes the socket file

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.disconnected.connect(socket.deleteLater)
            QTimer.singleShot(HEAR_WITHIN_MS, socket, socket.abort)  # one that never says a whole line
            socket.readyRead.connect(lambda socket=socket: self._hear(socket))
            self._hear(socket)  # the line may have come with the connection

    def _hear(self, socket) -> None:  # type: ignore[no-untyped-def]
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_LINE:
                socket.abort()
            return
        socket.readyRead.disconnect()  # one message per connection
        answer = self._answer(bytes(socket.readLine(MAX_LINE)))
        socket.write(json.dumps(answer).encode() + b"\n")
        socket.disconnectFromServer()  # after what was written is sent

    def _answer(self, line: bytes) -> dict[str, object]:
        try:
            message = json.loads(line)
            link = message["link"]
        except (ValueError, KeyError, TypeError):
            message, link = None, False
        if not isinstance(message, dict) or not (link is None or isinstance(link, str)):
            log.warning("a message on %s was not understood", self.name)
            return {"ok": False, "reason": "not understood"}
        refusal = self._receive(link)
        return {"ok": True} if refusal is None else {"ok": False, "reason": refusal}


def serve_links(name: str, window, parent: QObject | None = None) -> LinkServer | None:  # type: ignore[no-untyped-def]
    """Listen on `name` (the caller holds the lock) and show each link in `window`; None
    (logged) when QtNetwork cannot load: the desk works on without links."""
    try:
        server = LinkServer(name, lambda link: show_link(window, link), parent)
    except ImportError as err:  # a system library it needs is missing (libgssapi_krb5 on Linux)
        log.warning("links from other apps will not reach this desk: %s", err)
        return None
    server.listen()
    return server


def show_link(window, text: str | None, *, come_forward: bool = True) -> str | None:  # type: ignore[no-untyped-def]
    """Put the address a link names into the window's To and bring the window to the front.

    Never sends. None when the link was taken, else why not (said in the status bar too).
    While a move is being sent or a question is open, To is filled once the desk is free:
    an answer that completes a transfer empties To, and a question is about what it says.
    """
    if come_forward:
        come_to_front(window)
    if text is None:
        return None
    try:
        address = read_link(text, window.to_field.region)
    except AddressError as err:
        from phlo_desk.ui.vocabulary import tr_phrase

        window.statusBar().showMessage(tr("Link not used: {link}: {reason}").format(
            link=server_text(text, SHOWN_LINK_LIMIT), reason=tr_phrase(str(err))), STATUS_MS)
        return str(err)
    _waiting_link(window).put(address.wire)
    return None


def come_to_front(window) -> None:  # type: ignore[no-untyped-def]
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:  # back as it was, maximised or not
        window.setWindowState(state & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class _WaitingLink(QObject):
    """The latest link for a window, until the desk is free to show it in To."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.setObjectName("waitingLink")
        self.window = window
        self.wire: str | None = None
        self._said: str | None = None  # what the status bar says it waits for
        self._poll = QTimer(self)
        self._poll.setInterval(WAIT_POLL_MS)
        self._poll.timeout.connect(self._fill_when_free)

    def put(self, wire: str) -> None:
        self.wire, self._said = wire, None
        self._fill_when_free()

    def _fill_when_free(self) -> None:
        busy = _busy_with(self.window)
        if busy is not None:
            self._poll.start()
            if busy != self._said:  # said once per reason: the desk's own messages stay readable
                self._said = busy
                self.window.statusBar().showMessage(busy.format(link=self.wire), STATUS_MS)
            return
        self._poll.stop()
        wire, self.wire = self.wire, None
        if wire is not None:
            _fill_to(self.window, wire)


def _waiting_link(window) -> _WaitingLink:  # type: ignore[no-untyped-def]
    found = window.findChild(QObject, "waitingLink")
    return found if isinstance(found, _WaitingLink) else _WaitingLink(window)


def _busy_with(window) -> str | None:  # type: ignore[no-untyped-def]
    """What the link waits for, as a sentence with {link}; None when To can be filled now."""
    from PySide6.QtWidgets import QApplication

    if window.desk.in_flight is not None:
        return tr("From a link: {link} goes into To once the move being sent is answered.")
    if QApplication.activeModalWidget() is not None:
        return tr("From a link: {link} goes into To once the open dialog is closed.")
    return None


def _fill_to(window, wire: str) -> None:  # type: ignore[no-untyped-def]
    field = window.to_field
    before, had = field.text().strip(), field.address
    # Without the list popping up (Return would then pick from it); on the undo stack (Ctrl+Z).
    window.target_search.fill(wire)
    if before and (had is None or had.wire != wire):
        message = tr("From a link: {link} is in To, in place of {before} (Ctrl+Z in To brings it back). "
                     "Nothing was sent.").format(link=wire, before=server_text(before, SHOWN_LINK_LIMIT))
    else:
        message = tr("From a link: {link} is in To. Nothing was sent.").format(link=wire)
    window.statusBar().showMessage(message, STATUS_MS)


class _OpenUrlEvents(QObject):
    """macOS hands a clicked link to the running app as an open-URL event (QFileOpenEvent)."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.FileOpen:
            return False
        url = event.url()  # type: ignore[attr-defined]
        # Encoded, as a link reaches the command line; link_text() reads it the same way.
        text = bytes(url.toEncoded()).decode("ascii", "replace") if url.scheme() else url.toLocalFile()
        show_link(self.window, text or None)
        return True


def receive_open_url_events(app, window) -> QObject:  # type: ignore[no-untyped-def]
    """Route the application's open-URL events to `window` (until the window is gone)."""
    events = _OpenUrlEvents(window)
    app.installEventFilter(events)
    return events
