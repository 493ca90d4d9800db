"""The one background thread: it owns the HTTP session and the keyring calls.

The window calls the public methods below from the GUI thread; each hands its
work to the worker thread through a queued signal, and results come back as
signals. Work runs in call order, the TLS connection stays warm between clicks,
and widgets are only ever touched from the GUI thread.

`submit()` is the double-send guard: it is checked synchronously in the GUI
thread, so a second action is refused while one is in flight, however fast
the presses come.
"""

from __future__ import annotations

import logging
import threading
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
    historyFailed = Signal(str)  # the action went through, but its history row was not written
    historyAppended = Signal()
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
        """Append every action's result to the history database at `path` (None: don't)."""
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
        try:
            result = self._client_or_raise().run(request)
        except PhloError as err:  # set-up problems: nothing was sent
            from phlo_desk.core.client import result_from_error

            result = result_from_error(err, request)
        except Exception:  # a bug must not kill the thread; whether it sent is unknown
            log.exception("action failed inside the worker")
            result = ActionResult(
                Outcome.UNKNOWN,
                "Internal error while sending: the action may have happened. "
                "Check the call before trying again.",
                request=request,
            )
        with self._lock:
            self._in_flight = False
        self.actionFinished.emit(result)
        self._record(result)  # after the agent has the answer: history never delays it

    @Slot()
    def _warm_up(self) -> None:
        self.connectionChecked.emit(self._read(lambda: self._client_or_raise().warm_up()))

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

    def _record(self, result: ActionResult) -> None:
        if self._history_path is None or result.request is None:
            return
        from phlo_desk.core.history import HistoryError, HistoryStore

        try:
            if self._history is None:
                self._history = HistoryStore(self._history_path)
            self._history.append(result)
        except HistoryError as err:
            log.warning("history not written: %s (%s)", err, err.detail)
            self.historyFailed.emit(history_error_text(err))
            return
        self.historyAppended.emit()

    @Slot(object, str)
    def _export_history(self, flt, path: str) -> None:  # type: ignore[no-untyped-def]
        from phlo_desk.core.history import HistoryError, HistoryStore

        if self._history_path is None:
            self.historyExported.emit(False, "No history is kept in this session.")
            return
        try:
            if self._history is None:
                self._history = HistoryStore(self._history_path)
            count = self._history.export_csv(flt, Path(path))
        except HistoryError as err:
            log.warning("history export failed: %s (%s)", err, err.detail)
            self.historyExported.emit(False, history_error_text(err))
            return
        except OSError as err:
            self.historyExported.emit(False, f"{err.strerror or err}: {path}")
            return
        self.historyExported.emit(True, str(count))

    # -- helpers (worker thread) ---------------------------------------------

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

    @staticmethod
    def _make_client(profile: Profile, token: str | None):  # type: ignore[no-untyped-def]
        from phlo_desk.core.client import PhloClient
        from phlo_desk.core.credentials import CredentialStore, resolve_token

        profile.require_complete()
        return PhloClient(profile, token or resolve_token(profile.auth_id, CredentialStore()))

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

    def stop(self, wait_ms: int = 15_000) -> None:
        # Waits out a request in flight (bounded by its read timeout) rather than
        # killing it half way.
        self.thread.quit()
        self.thread.wait(wait_ms)
