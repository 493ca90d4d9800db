"""The desk outside its window: a tray icon, and a notification for each answer that
comes while the agent works in another window (the CRM).

The icon's tooltip says what the window's status bar and call card say: the connection,
and during a consult whom and since when. Its menu and a click on it bring the desk to
the front, as a click on a notification does. The notification says the outcome on one
line, in the headline's own words. Both follow the profile (`tray`, `notifications`)
each time the window shows a change, so a profile applied again takes effect at once.

Where a notification goes:
- Linux: the desktop's notification service (org.freedesktop.Notifications on the session
  bus), which needs no tray (GNOME has none). It is spoken with jeepney rather than
  QtDBus: PySide6 cannot send Notify's uint32 `replaces_id` (it marshals a Python int as
  int32 or uint16, and the service refuses the call). The connection is opened on the
  bulk thread; after that its socket is non-blocking and read when the event loop says
  there is something to read, so the GUI thread never waits on the bus.
- Elsewhere, or when that service cannot be reached: the tray icon's own message.
- With neither: the taskbar button flashes (QApplication.alert).
A desktop without a tray, a bus or a notification service only loses the convenience:
nothing here raises into the window.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QObject, QSocketNotifier, QTime, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from phlo_desk import icon_path
from phlo_desk.ui.single_instance import come_to_front
from phlo_desk.ui.translation import tr

log = logging.getLogger(__name__)

# While the tray setting is on and no tray was found, look again at most this often
# (the window changes on every keystroke; a tray comes back when a panel restarts).
TRAY_LOOK_AGAIN_S = 30.0
# A notification the service has not taken by then is told another way.
SERVICE_ANSWER_MS = 5_000
TRAY_MESSAGE_MS = 10_000
_SERVICE_PATH = "/org/freedesktop/Notifications"
_SERVICE = "org.freedesktop.Notifications"  # the bus name and the interface alike
_TRAY_MESSAGE_ICONS = {
    "good": QSystemTrayIcon.MessageIcon.Information,
    "info": QSystemTrayIcon.MessageIcon.Information,
    "warn": QSystemTrayIcon.MessageIcon.Warning,
    "bad": QSystemTrayIcon.MessageIcon.Critical,
}


def attach_tray(window) -> DeskTray:  # type: ignore[no-untyped-def]
    """Give a MainWindow its tray icon and notifications; once, after it is built."""
    return DeskTray(window)


@dataclass(frozen=True)
class Notice:
    title: str  # the window's title: "PHLO Desk", with SANDBOX in sandbox mode
    text: str  # the outcome, on one line
    tone: str  # the headline's: good, warn, bad or info


class DeskTray(QObject):
    """The tray icon and the notifications of one window."""

    notified = Signal(str)  # how an answer was told: "desktop", "tray" or "taskbar"

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.icon: QSystemTrayIcon | None = None
        self.menu: QMenu | None = None
        self._no_tray_since: float | None = None
        self.desktop = DesktopNotifications(window.background, self) if sys.platform.startswith("linux") else None
        if self.desktop is not None:
            self.desktop.shown.connect(lambda: self.notified.emit("desktop"))
            self.desktop.clicked.connect(self.bring_forward)
            self.desktop.failed.connect(self._tell_without_service)
        window.changed.connect(self.refresh)
        window.answered.connect(self._answered)
        self.refresh()

    def bring_forward(self) -> None:
        come_to_front(self.window)

    # -- the icon ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Show, hide or update the icon as the profile and the window say now."""
        if not self.window.profile.is_on("tray"):
            self._remove_icon()
            return
        if self.icon is None:
            if not self._tray_found():
                return
            self._add_icon()
        tooltip = self.tooltip()
        if tooltip != self.icon.toolTip():
            self.icon.setToolTip(tooltip)

    def tooltip(self) -> str:
        window = self.window
        lines = [window.windowTitle(), window.connection_label.text(), window.call_card.phase.text()]
        started = window.desk.consult_started()
        if started is not None:
            since = QTime.currentTime().addSecs(-int(window.desk.clock() - started))
            lines.append(tr("In the consult since %1.").replace(
                "%1", QLocale().toString(since, QLocale.FormatType.ShortFormat)))
        return "\n".join(lines)

    def _tray_found(self) -> bool:
        now = time.monotonic()
        if self._no_tray_since is not None and now - self._no_tray_since < TRAY_LOOK_AGAIN_S:
            return False
        self._no_tray_since = None if QSystemTrayIcon.isSystemTrayAvailable() else now
        return self._no_tray_since is None

    def _add_icon(self) -> None:
        self.menu = QMenu()  # a tray icon does not own its menu
        self.menu.addAction(tr("Show PHLO Desk"), self.bring_forward)
        self.menu.addSeparator()
        self.menu.addAction(tr("&Quit"), self.window.close)  # asks first while a move is being sent
        self.icon = QSystemTrayIcon(_application_icon(), self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.bring_forward)
        self.icon.show()

    def _remove_icon(self) -> None:
        self._no_tray_since = None  # turned on again, it looks for a tray at once
        if self.icon is not None:
            self.icon.hide()
            self.icon.deleteLater()
            self.menu.deleteLater()
            self.icon = self.menu = None

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is not QSystemTrayIcon.ActivationReason.Context:  # the context menu opens by itself
            self.bring_forward()

    # -- notifications -------------------------------------------------------------------

    def _answered(self, _result) -> None:  # type: ignore[no-untyped-def]
        if QApplication.activeWindow() is not None or not self.window.profile.is_on("notifications"):
            return  # the agent is looking at the desk, or wants no notifications
        window = self.window
        # The headline the window shows for this answer, on one line.
        notice = Notice(window.windowTitle(), " ".join(window.headline.text.text().split()),
                        window.desk.headline.tone.value)
        if self.desktop is not None:
            self.desktop.notify(notice)  # told another way if the service does not take it
        else:
            self._tell_without_service(notice)

    def _tell_without_service(self, notice: Notice) -> None:
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(notice.title, notice.text, _TRAY_MESSAGE_ICONS[notice.tone], TRAY_MESSAGE_MS)
            self.notified.emit("tray")
        else:
            QApplication.alert(self.window)
            self.notified.emit("taskbar")


def _application_icon() -> QIcon:
    icon = QApplication.windowIcon()
    path = icon_path()
    if icon.isNull() and path is not None:  # the app sets it at start-up; a bare QApplication has none
        icon = QIcon(str(path))
    return icon


def open_session_bus():  # type: ignore[no-untyped-def]
    """A jeepney connection to the session bus whose socket does not block, or None.

    Runs on the bulk thread: connecting waits for the bus's answers.
    """
    try:
        from jeepney.io.blocking import open_dbus_connection

        connection = open_dbus_connection(bus="SESSION")
    except Exception as err:  # noqa: BLE001 - no jeepney, no bus, a bus that refuses us: all mean no service
        log.info("no session bus for notifications: %s", err)
        return None
    connection.sock.setblocking(False)
    return connection


class DesktopNotifications(QObject):
    """org.freedesktop.Notifications over a session-bus connection of its own (opened at
    the first notification, and again after the bus went away)."""

    shown = Signal()  # the service took a notification
    clicked = Signal()  # the agent clicked one of ours
    failed = Signal(object)  # a Notice the service did not take

    def __init__(self, background, parent: QObject | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.background = background
        self._connection = None
        self._reader: QSocketNotifier | None = None
        self._connecting = False
        self._waiting: list[Notice] = []  # until the connection is open
        self._unanswered: dict[int, Notice] = {}  # by the serial of their Notify call
        self._on_screen: set[int] = set()  # ids the service gave ours, until it closes them
        self._service_name: str | None = None  # the service's unique name: only its signals count

    def notify(self, notice: Notice) -> None:
        if self._connection is not None:
            self._send(notice)
            return
        self._waiting.append(notice)
        if not self._connecting:
            self._connecting = True
            self.background.prepare(open_session_bus).finished.connect(self._opened)

    def _opened(self, connection) -> None:  # type: ignore[no-untyped-def]
        self._connecting = False
        waiting, self._waiting = self._waiting, []
        if connection is None:
            for notice in waiting:
                self.failed.emit(notice)
            return
        from jeepney import MatchRule, message_bus

        self._connection = connection
        self._reader = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._read)
        # Services send ActionInvoked to the caller alone, most of them; the rule is for the others.
        self._call(message_bus.AddMatch(MatchRule(type="signal", interface=_SERVICE, path=_SERVICE_PATH)))
        for notice in waiting:
            self._send(notice)

    def _send(self, notice: Notice) -> None:
        from jeepney import DBusAddress, new_method_call

        # The outcome is the summary, which is plain text; the body may be read as markup.
        message = new_method_call(DBusAddress(_SERVICE_PATH, _SERVICE, _SERVICE), "Notify", "susssasa{sv}i", (
            notice.title, 0, "phlo-desk", notice.text, "", ["default", tr("Show PHLO Desk")],
            {"desktop-entry": ("s", "phlo-desk")}, -1))
        serial = self._call(message)
        if serial is None:
            self.failed.emit(notice)
            return
        self._unanswered[serial] = notice
        QTimer.singleShot(SERVICE_ANSWER_MS, self, lambda: self._no_answer(serial))

    def _call(self, message) -> int | None:  # type: ignore[no-untyped-def]
        """Send; the message's serial, or None if the bus is gone."""
        serial = next(self._connection.outgoing_serial)
        try:
            self._connection.send(message, serial=serial)
        except OSError as err:  # the bus went away, or its buffer is full: never wait for it
            log.info("the session bus took no notification: %s", err)
            self._close()
            return None
        return serial

    def _read(self) -> None:
        from jeepney import HeaderFields, MessageType

        while self._connection is not None:
            try:
                message = self._connection.receive(timeout=0)
            except TimeoutError:
                return  # all read; the rest of a message comes with the next notice of the socket
            except (OSError, ValueError) as err:  # the bus closed, or sent what cannot be read
                log.info("the session bus connection for notifications ended: %s", err)
                self._close()
                return
            fields = message.header.fields
            kind, answered = message.header.message_type, fields.get(HeaderFields.reply_serial)
            if kind is MessageType.method_return and answered in self._unanswered:
                del self._unanswered[answered]
                self._service_name = fields.get(HeaderFields.sender)
                self._on_screen.add(message.body[0])
                self.shown.emit()
            elif kind is MessageType.error and answered in self._unanswered:
                log.info("the notification service refused a notification: %s", fields.get(HeaderFields.error_name))
                self.failed.emit(self._unanswered.pop(answered))
            elif (kind is MessageType.signal and fields.get(HeaderFields.sender) == self._service_name
                  and fields.get(HeaderFields.interface) == _SERVICE and message.body
                  and message.body[0] in self._on_screen):
                if fields.get(HeaderFields.member) == "ActionInvoked":
                    self.clicked.emit()
                elif fields.get(HeaderFields.member) == "NotificationClosed":
                    self._on_screen.discard(message.body[0])

    def _no_answer(self, serial: int) -> None:
        notice = self._unanswered.pop(serial, None)
        if notice is not None:
            log.info("the notification service did not answer within %d ms", SERVICE_ANSWER_MS)
            self.failed.emit(notice)

    def _close(self) -> None:
        """Forget the connection (the next notification opens a new one); tell what it still held another way."""
        if self._reader is not None:
            self._reader.setEnabled(False)
            self._reader.deleteLater()
        if self._connection is not None:
            self._connection.close()
        self._connection = self._reader = self._service_name = None
        self._on_screen.clear()
        unanswered, self._unanswered = list(self._unanswered.values()), {}
        for notice in unanswered:
            self.failed.emit(notice)
