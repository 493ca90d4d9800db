"""What the desk's two background threads do, without Qt.

`ActionService` runs on the action thread only: it owns the HTTP session (so requests
go in click order over a warm connection) and writes the audit around each action.
`BulkService` runs on the bulk thread only: the keyring and the history export, which
may take long, so that an action never waits behind them. Each keeps its own
HistoryStore (an sqlite3 connection belongs to the thread that opened it).

Every method returns its answer and never raises: an error is part of the answer,
as plain English that the window translates. `ActionService.abort()` is the one
method meant for another thread.
"""

from __future__ import annotations

import logging
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from phlo_desk.core.errors import PhloError
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.translatable import say, translatable
from phlo_desk.core.values import value_class

if TYPE_CHECKING:  # at run time imported where used: the history brings sqlite3, on the worker threads
    from phlo_desk.core.actions import ActionRequest
    from phlo_desk.core.history import Audit, HistoryError, HistoryFilter, HistoryStore
    from phlo_desk.core.settings import Profile

log = logging.getLogger(__name__)


@value_class
class ActionAnswer:
    result: ActionResult
    history_problem: HistoryError | None = None  # the action went out, but its row is not complete


@value_class
class TokenSaved:
    ok: bool
    backend: str = ""  # where it went, when ok
    problem: PhloError | None = None


@value_class
class KeyringState:
    backend: str
    stored: bool  # a token is stored for the Auth ID asked about


@value_class
class Exported:
    rows: int | None  # None: nothing was written
    problem: HistoryError | None = None
    os_problem: str = ""  # what the OS said of the file, e.g. "Permission denied: /x.csv"


class ActionService:
    def __init__(self) -> None:
        self._profile: Profile | None = None
        self._token: str | None = None  # only when not from the keyring (sandbox, environment)
        self._client = None
        self._clients: weakref.WeakSet = weakref.WeakSet()  # every PhloClient made, for abort()
        self._history = ThreadHistory()
        self.total_timeout_s: float | None = None  # each request's whole deadline; None: the client's

    def configure(self, profile: Profile, token: str | None = None) -> None:
        """Use these settings from the next request on; token None reads the keyring."""
        self._close_client()
        self._profile, self._token = profile, token

    def use_history(self, path: Path | None) -> None:
        """Record every action in the history database at `path` (None: don't)."""
        self._history.use(path)

    def perform(self, request: ActionRequest, audit: Audit | None = None) -> ActionAnswer:
        """Write the audit row, send once, complete the row: in that order, whatever fails."""
        from phlo_desk.core.history import Audit

        audit = audit or Audit.of(request)
        row_id = self._record_sent(audit)  # before anything can reach Plivo
        result = self._send(request)
        return ActionAnswer(result, self._record_answer(row_id, result, audit))  # before the agent sees it

    def warm_up(self) -> ActionResult:
        """Open the connection (and the history) ahead of the agent's first click."""
        from phlo_desk.core.history import HistoryError

        result = self._read(lambda: self._client_or_raise().warm_up())
        history = self._history.store()
        if history is not None:
            try:
                history.open()
            except HistoryError as err:  # said to the agent if an action's write fails too
                log.warning("history not opened: %s (%s)", err, err.detail)
        return result

    def check(self, profile: Profile, token: str | None) -> ActionResult:
        """The settings dialog's test: these settings, a connection of their own."""
        def check() -> ActionResult:
            client = self._make_client(profile, token)
            try:
                return client.check()
            finally:
                client.close()

        return self._read(check)

    def abort(self) -> None:
        """Cut whatever request is in flight, now; callable from any thread (the desk is closing)."""
        for client in list(self._clients):
            client.abort()

    def close(self) -> None:
        self._close_client()
        self._history.close()

    # -- helpers ------------------------------------------------------------------------

    def _send(self, request: ActionRequest) -> ActionResult:
        from phlo_desk.core.client import result_from_error

        try:
            return self._client_or_raise().run(request)
        except PhloError as err:  # set-up problems: nothing was sent
            return result_from_error(err, request)
        except Exception:  # a bug must not kill the thread; whether it sent is unknown
            log.exception("action failed inside the worker")
            return ActionResult(Outcome.UNKNOWN, translatable("Internal error while sending: the action may have "
                                                              "happened. Check the call before trying again."),
                                request=request)

    def _record_sent(self, audit: Audit) -> int | None:
        from phlo_desk.core.history import HistoryError

        history = self._history.store()
        if history is None:
            return None
        try:
            return history.append_sent(audit)
        except HistoryError as err:  # the action goes out all the same
            log.warning("history row not written before sending: %s (%s)", err, err.detail)
            return None

    def _record_answer(self, row_id: int | None, result: ActionResult, audit: Audit) -> HistoryError | None:
        from phlo_desk.core.history import HistoryError

        history = self._history.store()
        if history is None:
            return None
        try:
            if row_id is None:
                history.append(result, audit=audit)
            else:
                history.complete(row_id, result)
        except HistoryError as err:
            log.warning("history not written: %s (%s)", err, err.detail)
            return err
        return None

    def _read(self, operation) -> ActionResult:  # type: ignore[no-untyped-def]
        """Run a side-effect-free operation; every failure becomes a result."""
        from phlo_desk.core.client import result_from_error

        try:
            return operation()
        except PhloError as err:
            return result_from_error(err, None)
        except Exception:
            log.exception("connection check failed inside the worker")
            return ActionResult(Outcome.NETWORK, translatable("Internal error while checking the connection."))

    def _client_or_raise(self):  # type: ignore[no-untyped-def]
        if self._client is None:
            if self._profile is None:
                from phlo_desk.core.errors import NotConfigured

                raise NotConfigured(say("no settings yet"))
            self._client = self._make_client(self._profile, self._token)
        return self._client

    def _make_client(self, profile: Profile, token: str | None):  # type: ignore[no-untyped-def]
        from phlo_desk.core.client import PhloClient
        from phlo_desk.core.credentials import CredentialStore, resolve_token

        profile.require_complete()
        token = token or resolve_token(profile.auth_id, CredentialStore())
        deadline = {} if self.total_timeout_s is None else {"total_timeout": self.total_timeout_s}
        client = PhloClient(profile, token, **deadline)
        self._clients.add(client)
        return client

    def _close_client(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


class BulkService:
    def __init__(self) -> None:
        self._history = ThreadHistory()

    def use_history(self, path: Path | None) -> None:
        self._history.use(path)

    def save_token(self, auth_id: str, token: str) -> TokenSaved:
        from phlo_desk.core.credentials import CredentialStore

        try:
            store = CredentialStore()
            store.set(auth_id, token)
        except PhloError as err:
            return TokenSaved(False, problem=err)
        return TokenSaved(True, store.backend_name())

    def describe_keyring(self, auth_id: str) -> KeyringState:
        from phlo_desk.core.credentials import CredentialStore

        store = CredentialStore()
        try:
            stored = bool(auth_id) and store.get(auth_id) is not None
        except PhloError:
            stored = False
        return KeyringState(store.backend_name(), stored)

    def export_history(self, flt: HistoryFilter, path: Path) -> Exported:
        from phlo_desk.core.history import HistoryError

        history = self._history.store()
        if history is None:
            return Exported(None, os_problem=translatable("No history is kept in this session."))
        try:
            return Exported(history.export_csv(flt, Path(path)))
        except HistoryError as err:
            log.warning("history export failed: %s (%s)", err, err.detail)
            return Exported(None, problem=err)
        except OSError as err:
            return Exported(None, os_problem=f"{err.strerror or err}: {path}")

    def close(self) -> None:
        self._history.close()


class ThreadHistory:
    """One thread's history store, made at first use: the history module brings sqlite3
    and datetime (~25 ms of imports), which would otherwise compete for the GIL with the
    window being built."""

    def __init__(self) -> None:
        self._path: Path | None = None
        self._store: HistoryStore | None = None

    def use(self, path: Path | None) -> None:
        """Keep the history at `path` from now on (None: keep none)."""
        self.close()
        self._path = path

    def store(self) -> HistoryStore | None:
        if self._store is None and self._path is not None:
            from phlo_desk.core.history import HistoryStore

            self._store = HistoryStore(self._path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
