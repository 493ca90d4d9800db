"""The one background thread: it owns the HTTP session and the keyring calls.

The window calls the public methods below from the GUI thread; each hands its
work to the worker thread through a queued signal, and results come back as
signals. Work runs in call order, the TLS connection stays warm between clicks,
and widgets are only ever touched from the GUI thread.

`submit()` is the double-send guard: it is checked synchronously in the GUI
thread, so a second action is refused while one is in flight, however fast
the presses come.

The audit comes first: each action's history row is written before its
request goes out and completed with the answer before the window is given it,
so a crash at any moment leaves a history that says what was sent and which
answer is unknown. A history that cannot be written never stops the action.
"""

from __future__ import annotations

import logging
import threading
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from phlo_desk.core.actions import ActionRequest
from phlo_desk.core.errors import PhloError
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.settings import Profile
from phlo_desk.ui.log_view import history_error_text, tr_core

log = logging.getLogger(__name__)


class RequestWorker(QObject):
    # Results, delivered to the GUI thread.
    actionStarted = Signal(object)  # ActionRequest
    actionFinished = Signal(object)  # ActionResult
    connectionChecked = Signal(object)  # ActionResult of a warm-up
    settingsChecked = Signal(object)  # ActionResult of a settings dialog test
    tokenSaved = Signal(bool, str)  # ok, message
    keyringDescribed = Signal(str, bool)  # backend name, a token is stored for the Auth ID
    historyFailed = Signal(str)  # the action went through, but its answer is not in the history
    historyAppended = Signal()  # a row was written or completed
    historyExported = Signal(bool, str)  # ok, row count or the reason it failed

    # Requests, queued to the worker thread.
    _performRequested = Signal(object)
    _configureRequested = Signal(object, object)
    _warmUpRequested = Signal()
    _checkRequested = Signal(object, object)
    _saveTokenRequested = Signal(str, str)
    _describeKeyringRequested = Signal(str)
    _historyPathChanged = Signal(object)
    _exportHistoryRequested = Signal(object, str)

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._in_flight = False
        self._profile: Profile | None = None
        self._token: str | None = None  # set only when not from the keyring (sandbox, environment)
        self._client = None
        self._history_path = None
        self._clients: weakref.WeakSet = weakref.WeakSet()  # every PhloClient this worker made
        self.total_timeout_s: float | None = None  # each request's whole deadline; None: the client's
        self._history = None  # HistoryStore, opened on the worker thread (sqlite is thread-bound)
        self._performRequested.connect(self._perform)
        self._configureRequested.connect(self._configure)
        self._warmUpRequested.connect(self._warm_up)
        self._checkRequested.connect(self._check)
        self._saveTokenRequested.connect(self._save_token)
        self._describeKeyringRequested.connect(self._describe_keyring)
        self._historyPathChanged.connect(self._use_history)
        self._exportHistoryRequested.connect(self._export_history)

    # -- called from the GUI thread ------------------------------------------

    def submit(self, request: ActionRequest) -> bool:
        """Queue one action; False (and nothing queued) while another is in flight."""
        with self._lock:
            if self._in_flight:
                return False
            self._in_flight = True
        self._performRequested.emit(request)
        return True

    def abort(self) -> None:
        """Cut whatever request is in flight, now (the desk is closing).

        Thread-safe: the GUI thread calls it while the worker thread waits on the
        network. A sent action comes back as outcome unknown and its history row says so.
        """
        for client in list(self._clients):
            client.abort()

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._in_flight

    def configure(self, profile: Profile, token: str | None = None) -> None:
        """Use these settings from the next request on; token None reads the keyring."""
        self._configureRequested.emit(profile, token)

    def warm_up(self) -> None:
        if not self.busy:
            self._warmUpRequested.emit()

    def check(self, profile: Profile, token: str | None) -> None:
        self._checkRequested.emit(profile, token)

    def save_token(self, auth_id: str, token: str) -> None:
        self._saveTokenRequested.emit(auth_id, token)

    def describe_keyring(self, auth_id: str) -> None:
        self._describeKeyringRequested.emit(auth_id)

    def use_history(self, path) -> None:  # type: ignore[no-untyped-def]
        """Record every action in the history database at `path` (None: don't)."""
        self._historyPathChanged.emit(path)

    def export_history(self, flt, path: str) -> None:  # type: ignore[no-untyped-def]
        self._exportHistoryRequested.emit(flt, path)

    # -- on the worker thread ------------------------------------------------

    @Slot(object, object)
    def _configure(self, profile: Profile, token: str | None) -> None:
        self._close_client()
        self._profile, self._token = profile, token

    @Slot(object)
    def _perform(self, request: ActionRequest) -> None:
        self.actionStarted.emit(request)
        row_id = self._record_sent(request)  # before anything can reach Plivo
        result = self._send(request)
        problem = self._record_answer(row_id, result)  # before the agent sees the answer
        with self._lock:
            self._in_flight = False
        self.actionFinished.emit(result)
        if problem:
            self.historyFailed.emit(problem)

    def _send(self, request: ActionRequest) -> ActionResult:
        try:
            return self._client_or_raise().run(request)
        except PhloError as err:  # set-up problems: nothing was sent
            from phlo_desk.core.client import result_from_error

            return result_from_error(err, request)
        except Exception:  # a bug must not kill the thread; whether it sent is unknown
            log.exception("action failed inside the worker")
            return ActionResult(
                Outcome.UNKNOWN,
                "Internal error while sending: the action may have happened. "
                "Check the call before trying again.",
                request=request,
            )

    @Slot()
    def _warm_up(self) -> None:
        self.connectionChecked.emit(self._read(lambda: self._client_or_raise().warm_up()))
        self._open_history_early()

    @Slot(object, object)
    def _check(self, profile: Profile, token: str | None) -> None:
        def check() -> ActionResult:
            client = self._make_client(profile, token)
            try:
                return client.check()
            finally:
                client.close()

        self.settingsChecked.emit(self._read(check))

    @Slot(str, str)
    def _save_token(self, auth_id: str, token: str) -> None:
        from phlo_desk.core.credentials import CredentialStore

        try:
            store = CredentialStore()
            store.set(auth_id, token)
        except PhloError as err:
            self.tokenSaved.emit(False, tr_core(err.advice) + (f" ({err.detail})" if err.detail else ""))
            return
        if self._profile is not None and self._profile.auth_id == auth_id:
            self._close_client()  # the next action picks up the new token
        self.tokenSaved.emit(True, store.backend_name())

    @Slot(str)
    def _describe_keyring(self, auth_id: str) -> None:
        from phlo_desk.core.credentials import CredentialStore

        store = CredentialStore()
        try:
            stored = bool(auth_id) and store.get(auth_id) is not None
        except PhloError:
            stored = False
        self.keyringDescribed.emit(store.backend_name(), stored)

    @Slot(object)
    def _use_history(self, path) -> None:  # type: ignore[no-untyped-def]
        if self._history is not None:
            self._history.close()
        self._history_path, self._history = path, None

    def _record_sent(self, request: ActionRequest) -> int | None:
        """Write the action's row, as sent with no answer: its id, or None if it could not be written."""
        if self._history_path is None:
            return None
        from phlo_desk.core.history import HistoryError

        try:
            row_id = self._open_history().append_sent(request)
        except HistoryError as err:  # the action goes out all the same
            log.warning("history row not written before sending: %s (%s)", err, err.detail)
            return None
        self.historyAppended.emit()
        return row_id

    def _record_answer(self, row_id: int | None, result: ActionResult) -> str:
        """Complete the action's row (or, if it has none, write it whole): "" or why it failed."""
        if self._history_path is None or result.request is None:
            return ""
        from phlo_desk.core.history import HistoryError

        try:
            history = self._open_history()
            if row_id is None:
                history.append(result)
            else:
                history.complete(row_id, result)
        except HistoryError as err:
            log.warning("history not written: %s (%s)", err, err.detail)
            return history_error_text(err)
        self.historyAppended.emit()
        return ""

    def _open_history_early(self) -> None:
        """Open the history now, so the next action's first write does not pay for it."""
        if self._history_path is None:
            return
        from phlo_desk.core.history import HistoryError

        try:
            self._open_history().open()
        except HistoryError as err:  # said to the agent if an action's write fails too
            log.warning("history not opened: %s (%s)", err, err.detail)

    @Slot(object, str)
    def _export_history(self, flt, path: str) -> None:  # type: ignore[no-untyped-def]
        from phlo_desk.core.history import HistoryError

        if self._history_path is None:
            self.historyExported.emit(False, "No history is kept in this session.")
            return
        try:
            count = self._open_history().export_csv(flt, Path(path))
        except HistoryError as err:
            log.warning("history export failed: %s (%s)", err, err.detail)
            self.historyExported.emit(False, history_error_text(err))
            return
        except OSError as err:
            self.historyExported.emit(False, f"{err.strerror or err}: {path}")
            return
        self.historyExported.emit(True, str(count))

    # -- helpers (worker thread) ---------------------------------------------

    def _open_history(self):  # type: ignore[no-untyped-def]
        """This thread's HistoryStore (an sqlite3 connection belongs to the thread that opened it)."""
        from phlo_desk.core.history import HistoryStore

        if self._history is None:
            self._history = HistoryStore(self._history_path)
        return self._history

    def _read(self, operation) -> ActionResult:  # type: ignore[no-untyped-def]
        """Run a side-effect-free operation; every failure becomes a result."""
        from phlo_desk.core.client import result_from_error

        try:
            return operation()
        except PhloError as err:
            return result_from_error(err, None)
        except Exception:
            log.exception("connection check failed inside the worker")
            return ActionResult(Outcome.NETWORK, "Internal error while checking the connection.")

    def _client_or_raise(self):  # type: ignore[no-untyped-def]
        if self._client is None:
            if self._profile is None:
                from phlo_desk.core.errors import NotConfigured

                raise NotConfigured("no settings yet")
            self._client = self._make_client(self._profile, self._token)
        return self._client

    def _make_client(self, profile: Profile, token: str | None):  # type: ignore[no-untyped-def]
        from phlo_desk.core.client import PhloClient
        from phlo_desk.core.credentials import CredentialStore, resolve_token

        profile.require_complete()
        token = token or resolve_token(profile.auth_id, CredentialStore())
        deadline = {} if self.total_timeout_s is None else {"total_timeout": self.total_timeout_s}
        client = PhloClient(profile, token, **deadline)
        self._clients.add(client)  # so abort() reaches the settings check's client too
        return client

    def _close_client(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


class WorkerThread:
    """Owns the QThread the RequestWorker lives on."""

    def __init__(self) -> None:
        self.thread = QThread()
        self.thread.setObjectName("phlo-desk-worker")
        self.worker = RequestWorker()
        self.worker.moveToThread(self.thread)
        self.thread.start()

    def stop(self, wait_ms: int = 5_000) -> None:
        """Cut the request in flight, then let the thread finish: quitting is prompt.

        A QThread destroyed while it runs aborts the process, so the wait is real;
        the cut makes it short (the client's watchdog bounds it in any case).
        """
        self.worker.abort()
        self.thread.quit()
        if not self.thread.wait(wait_ms):
            log.error("the worker thread did not stop within %d ms", wait_ms)
