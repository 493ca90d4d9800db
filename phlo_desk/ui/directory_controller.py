"""The window's side of the transfer directory: when to read it, and where it shows.

The directory is read on the bulk worker after the window can take input, then every
15 minutes (IT's list answers "unchanged" cheaply). The Plivo endpoints, when IT
switched them on, are listed a page at a time as the desk's read budget allows, and
only while the window is on screen: a hidden desk spends nothing of the account's rate
limit. Picking a SIP endpoint in To asks Plivo whether its softphone is registered; the
desk then asks before dialling one that is not.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject, QTimer

from phlo_desk.core.directory import SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO
from phlo_desk.ui.translation import tr
from phlo_desk.ui.vocabulary import tr_phrase

log = logging.getLogger(__name__)

REFRESH_MS = 15 * 60 * 1000
FIRST_READ_MS = 300  # after the window takes input: the first keystrokes come first
HIDDEN_RETRY_MS = 30_000  # while hidden, look again this often whether the window is back
STATUS_MS = 6000


class DirectoryController(QObject):
    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]
        super().__init__(window)
        self.window = window
        self.search = window.target_search
        self.read = None  # the last core DirectoryRead
        self.presence: dict[str, bool | None] = {}  # endpoint_id -> registered
        self.panel = None  # the DirectoryPanel, once opened
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(lambda: self.reread(refresh=True))
        self._listing = QTimer(self)
        self._listing.setSingleShot(True)
        self._listing.timeout.connect(self._list_step)
        self._first_read = QTimer(self)  # a member, not QTimer.singleShot: it dies with the window
        self._first_read.setSingleShot(True)
        self._first_read.timeout.connect(lambda: self.reread(refresh=True))
        self._presence_retry = QTimer(self)
        self._presence_retry.setSingleShot(True)
        self._presence_retry.timeout.connect(self._ask_presence_of_to)
        self.search.picked.connect(self._picked)

    @property
    def active(self) -> bool:
        return self.window.background.keeps_directory

    def start(self) -> None:
        """Read the directory soon, then keep it fresh (called whenever the settings change)."""
        if not self.active:
            return
        self._first_read.start(FIRST_READ_MS)
        self._refresh.start()

    def reread(self, refresh: bool) -> None:
        job = self.window.background.read_directory(refresh)
        job.finished.connect(self._got)
        if refresh:  # then the endpoints too, as the budget allows
            job.finished.connect(self._list_endpoints_again)

    def _list_endpoints_again(self, read) -> None:  # type: ignore[no-untyped-def]
        if read is not None and read.endpoints_on and not self._listing.isActive():
            self._listing.start(0)

    # -- answers from the bulk worker ------------------------------------------------------

    def _got(self, read) -> None:  # type: ignore[no-untyped-def]
        if read is None:
            return  # the worker logged why; transfers by number go on
        if self.read is None or read.problems != self.read.problems:  # each new problem once in the log
            from phlo_desk.ui.log_view import LogEntry

            for problem in read.problems:
                self.window.log_model.add(LogEntry.notice("directory", tr_phrase(problem)))
        self.read = read
        # The service knows the latest of every answer, and answers come in the order asked.
        self.presence = dict(read.presence)
        self.search.set_directory(read.directory)
        self._show_presence()
        if self.panel is not None:
            self.panel.set_directory(self.search.directory, self.status_lines())

    def _list_step(self) -> None:
        if self.read is None or not self.read.endpoints_on:
            return
        if not self._on_screen():
            self._listing.start(HIDDEN_RETRY_MS)
            return
        self.window.background.list_endpoints().finished.connect(self._listed)

    def _listed(self, step) -> None:  # type: ignore[no-untyped-def]
        if step is None:
            return
        if step.problem:
            log.info("endpoint listing: %s", step.problem)
        if step.read is not None:
            self._got(step.read)
            self._ask_presence_of_to()  # To may hold a colleague the list did not know as an endpoint yet
        if step.wait_s is not None:
            self._listing.start(max(1000, int(step.wait_s * 1000)))

    def _picked(self, entry) -> None:  # type: ignore[no-untyped-def]
        endpoint_id = self.search.endpoint_id_for(entry.address)
        if endpoint_id and self.read is not None and self.read.endpoints_on:
            self._ask_presence(endpoint_id)

    def _ask_presence_of_to(self) -> None:
        address = self.window.to_field.address
        endpoint_id = self.search.endpoint_id_for(address.wire) if address is not None else ""
        if endpoint_id:
            self._ask_presence(endpoint_id)

    def _ask_presence(self, endpoint_id: str) -> None:
        if self._on_screen():
            self.window.background.presence(endpoint_id).finished.connect(self._presence_known)

    def _presence_known(self, presence) -> None:  # type: ignore[no-untyped-def]
        if presence is None:
            return
        if presence.wait_s > 0:  # the budget is spent for now: ask again if To still holds them
            self._presence_retry.start(max(1000, int(presence.wait_s * 1000)))
            return
        if presence.registered is not None:
            self.presence[presence.endpoint_id] = presence.registered
            self._show_presence()

    def _show_presence(self) -> None:
        known = {endpoint_id: registered for endpoint_id, registered in self.presence.items() if registered is not None}
        self.search.set_presence(known)
        if self.read is not None:
            for entry in self.read.entries:
                if entry.endpoint_id:
                    self.window.desk.set_presence(entry.address, entry.name, self.presence.get(entry.endpoint_id))
        if self.panel is not None:
            self.panel.set_presence(dict(self.presence))

    def _on_screen(self) -> bool:
        return self.window.isVisible() and not self.window.isMinimized()

    # -- the panel ---------------------------------------------------------------------------

    def open_panel(self) -> None:
        if not self.active:
            self.window.statusBar().showMessage(tr("No directory is kept in this session."), STATUS_MS)
            return
        if self.panel is None:
            from phlo_desk.ui.directory_panel import DirectoryPanel

            self.panel = DirectoryPanel(self.window, self.window.profile.default_region)
            # Over the desk, no larger than it: docked at 400 px it must not cover the CRM.
            area = self.window.frameGeometry()
            self.panel.resize(min(self.panel.width(), area.width()), min(self.panel.height(), area.height()))
            self.panel.move(area.topLeft())
            self.panel.use_entry.connect(self._use)
            self.panel.star_requested.connect(
                lambda address, on: self._change(lambda service: service.star(address, on)))
            self.panel.add_requested.connect(lambda fields: self._change(lambda service: service.add(**fields)))
            self.panel.edit_requested.connect(
                lambda key, fields: self._change(lambda service: service.update(key, **fields)))
            self.panel.remove_requested.connect(lambda key: self._change(lambda service: service.remove(key)))
            if self.search.directory is not None:
                self.panel.set_directory(self.search.directory, self.status_lines())
                self.panel.set_presence(dict(self.presence))
        self.panel.set_region(self.window.profile.default_region)
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()
        self.panel.search_edit.setFocus()

    def save_address(self, address: str) -> None:
        """A log or History row's "Save to directory": the editor, with the address filled in."""
        self.open_panel()
        if self.panel is not None:
            self.panel.add_entry(address)

    def _use(self, entry) -> None:  # type: ignore[no-untyped-def]
        from phlo_desk.ui.target_search import filled_text

        self.search.fill(filled_text(entry))
        self.window.to_field.edit.setFocus()
        self.window.activateWindow()
        self._picked(entry)

    def _change(self, change) -> None:  # type: ignore[no-untyped-def]
        self.window.background.change_directory(change).finished.connect(self._changed)

    def _changed(self, saved) -> None:  # type: ignore[no-untyped-def]
        if saved is None:
            return
        self._got(saved.read)
        if saved.problem and self.panel is not None:
            self.panel.show_entry_problem(tr_phrase(saved.problem))

    def status_lines(self) -> list[str]:
        """Per source, how many entries and from when; then each problem."""
        read = self.read
        if read is None:
            return [tr("Reading the directory...")]
        count = {source: QLocale().toString(read.counts.get(source, 0)) for source in (SOURCE_LIST, SOURCE_OWN,
                                                                                      SOURCE_PLIVO)}
        lines = []
        if self.window.profile.directory:
            line = tr("Entries from IT's list: %1").replace("%1", count[SOURCE_LIST])
            if read.list_checked_at is not None:
                when = read.list_checked_at.astimezone().strftime("%H:%M")
                line += " " + (tr("(saved copy from %1)") if read.list_from_cache else tr("(checked %1)")).replace(
                    "%1", when)
            lines.append(line)
        else:
            lines.append(tr("No list from IT is set up."))
        lines.append(tr("My own entries: %1").replace("%1", count[SOURCE_OWN]))
        if read.endpoints_on:
            lines.append(tr("Plivo SIP endpoints: %1").replace("%1", count[SOURCE_PLIVO]))
        lines += [tr_phrase(problem) for problem in read.problems]
        return lines
