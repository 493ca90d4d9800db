"""The wire under the PHLO client: one requests.Session, one request at a time.

What it guarantees:
- the total deadline covers the whole request: connecting, sending, the answer's
  headers and its body. A server that trickles its answer a byte at a time is cut off
  when the deadline passes;
- `abort()`, from any other thread, cuts the request in flight at once;
- nothing is sent twice: urllib3 retries nothing and redirects are not followed;
- an answer's body is read up to BODY_LIMIT_BYTES (or the Transport's own `body_limit`) and no further;
- a failure says "nothing was sent" only when that is certain: a connection of ours
  opened and no byte of the request went out, or the failure is one that only happens
  before sending. Otherwise a request with side effects has an unknown outcome;
- what went wrong is a short plain phrase; the raw exception is only the error's
  `__cause__`, for the log file;
- certificates are checked against the OS trust store; loopback never goes through a
  proxy from the environment.

requests and urllib3 are imported on first use: they are slow to import.
"""

from __future__ import annotations

import errno
import functools
import socket
import ssl
import threading
import time
from dataclasses import dataclass

from phlo_desk.core import errors
from phlo_desk.core.translatable import Phrase, say, translatable

BODY_LIMIT_BYTES = 1024 * 1024  # a PHLO answer is a few hundred bytes
BODY_LIMIT_TEXT = "1 MiB"

_trust_store_injected = False
# Why a request was cut off.
_DEADLINE = "deadline"
_ABORTED = "aborted"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # keys lower-cased
    body: bytes | None  # None: longer than the body limit, not read to the end


class Transport:
    def __init__(
        self,
        auth: tuple[str, str] | None,
        headers: dict[str, str],
        *,
        loopback: bool,
        connect_timeout: float,
        total_timeout: float,
        body_limit: int = BODY_LIMIT_BYTES,
    ) -> None:
        """`total_timeout` is each request's whole deadline, connecting included. `auth`
        None sends no credentials; `body_limit` is for answers bigger than the PHLO API's."""
        import requests  # ~100+ ms to import: kept off the window's start-up path

        self.total_timeout = total_timeout
        self.body_limit = body_limit
        # Per connect and per read; the watchdog in send() bounds the whole request.
        self.timeouts = (min(connect_timeout, total_timeout), total_timeout)
        self._flight: _Flight | None = None
        if not loopback:
            _use_os_trust_store()

        session = requests.Session()
        # Loopback (the sandbox, tests) must never be sent to a proxy from the environment.
        session.trust_env = not loopback
        session.auth = auth
        session.headers.update(headers)
        # max_retries=0: urllib3 must never resend anything on our behalf.
        adapter = _cuttable_adapter_class()(max_retries=0, pool_connections=1, pool_maxsize=1)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        self._session = session

    def send(self, method: str, url: str, body: dict | None, *, side_effects: bool) -> tuple[Answer, float]:
        """One round trip under the total deadline: the answer and its time in ms, or the
        PhloError it amounts to, raised from the wire's own exception."""
        import http.client

        from urllib3.exceptions import HTTPError as Urllib3Error

        flight = _Flight()
        watchdog = threading.Timer(self.total_timeout, flight.cut, args=(_DEADLINE,))
        watchdog.daemon = True
        answer, failure = None, None
        self._flight = _this_thread.flight = flight
        started = time.perf_counter()
        watchdog.start()
        try:
            answer = self._exchange(method, url, body)
        # requests' own errors are OSErrors; the others can surface from a socket cut mid-read.
        except (OSError, Urllib3Error, http.client.HTTPException) as err:
            failure = err
        finally:
            watchdog.cancel()
            cut_reason = flight.land()
            self._flight = _this_thread.flight = None
        elapsed_ms = _ms_since(started)
        if cut_reason is None and failure is None:
            return answer, elapsed_ms  # type: ignore[return-value]
        nothing_sent = flight.surely_unsent(failure)
        if cut_reason is not None:
            error = self._cut_error(cut_reason, nothing_sent=nothing_sent, side_effects=side_effects)
        else:
            error = _transport_error(
                failure, nothing_sent=nothing_sent, side_effects=side_effects, timeouts=self.timeouts
            )
        error.elapsed_ms = elapsed_ms
        raise error from failure

    def abort(self) -> None:
        """Cut the request in flight now, from any thread. A request started later runs as usual."""
        flight = self._flight
        if flight is not None:
            flight.cut(_ABORTED)

    def close(self) -> None:
        self._session.close()

    def _exchange(self, method: str, url: str, body: dict | None) -> Answer:
        response = self._session.request(
            method, url, json=body, timeout=self.timeouts, allow_redirects=False, stream=True
        )
        with response:  # closing an answer not read to its end drops the connection
            headers = {name.lower(): value for name, value in response.headers.items()}
            return Answer(response.status_code, headers, _read_capped(response, self.body_limit))

    def _cut_error(self, reason: str, *, nothing_sent: bool, side_effects: bool) -> errors.PhloError:
        """The error for a request cut off by the deadline or by abort()."""
        seconds, duration = f"{self.total_timeout:g}", _duration(self.total_timeout)
        if reason == _DEADLINE and nothing_sent:
            return errors.NetworkUnavailable(
                say("no connection within {seconds} s", seconds=seconds),
                advice=say("No connection to Plivo within {duration}: nothing was sent. "
                           "Check the network connection, then try again.", duration=duration),
            )
        if reason == _DEADLINE and side_effects:
            return errors.OutcomeUnknown(
                say("no complete answer within {seconds} s", seconds=seconds),
                advice=say("No complete answer from Plivo within {duration}: the action may have "
                           "happened. Check the call before trying again.", duration=duration),
            )
        if reason == _DEADLINE:
            return errors.NetworkUnavailable(
                say("no complete answer within {seconds} s", seconds=seconds),
                advice=say("No complete answer from Plivo within {duration}. "
                           "Check the network connection, then try again.", duration=duration),
            )
        if nothing_sent:
            return errors.NetworkUnavailable(
                say("stopped before sending"),
                advice=translatable("The request was stopped before it was sent: nothing was sent."),
            )
        if side_effects:
            return errors.OutcomeUnknown(
                say("stopped before the answer"),
                advice=translatable("The request was stopped before Plivo answered: the action may have happened. "
                                    "Check the call before trying again."),
            )
        return errors.NetworkUnavailable(
            say("stopped before the answer"), advice=translatable("The request was stopped before Plivo answered.")
        )


def _use_os_trust_store() -> None:
    """Verify TLS against the OS store, so TLS-inspecting enterprise proxies work."""
    global _trust_store_injected
    if not _trust_store_injected:
        import truststore

        truststore.inject_into_ssl()
        _trust_store_injected = True


# -- cutting a request off ------------------------------------------------------

# The request the current thread is sending, for the connections it opens or reuses.
_this_thread = threading.local()


class _Flight:
    """One request under way: the connection it uses, whether any of it was sent, and
    whether (and why) it was cut off. Cutting shuts the connection's socket down, which
    ends a blocked read on the sending thread at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection = None  # type: ignore[var-annotated]
        self._landed = False
        self.connected = False  # a connection of ours was opened for this request
        self.sent = False  # the request's first byte went out
        self.cut_reason: str | None = None

    def watch(self, connection) -> None:  # type: ignore[no-untyped-def]
        """A new connection's socket exists (nothing is sent yet)."""
        with self._lock:
            self._connection = connection
            self.connected = True
            already_cut = self.cut_reason is not None
        if already_cut:
            connection.shut()

    def sending(self, connection) -> None:  # type: ignore[no-untyped-def]
        """The request's first byte is about to go out on `connection`; refused once cut."""
        with self._lock:
            self._connection = connection
            if self.cut_reason is None:
                self.sent = True
                return
        connection.shut()
        raise ConnectionAbortedError(errno.ECONNABORTED, "cut off before sending")

    def cut(self, reason: str) -> None:
        with self._lock:
            if self._landed or self.cut_reason is not None:
                return
            self.cut_reason = reason
            connection = self._connection
        if connection is not None:
            connection.shut()

    def land(self) -> str | None:
        """The request is over: later cuts do nothing. Why it was cut, if it was."""
        with self._lock:
            self._landed = True
            return self.cut_reason

    def surely_unsent(self, failure: BaseException | None) -> bool:
        """Whether no byte of the request can have left: a connection of ours opened and
        sent nothing, or the failure is one that only happens before sending."""
        if self.sent:
            return False
        return self.connected or (failure is not None and _fails_before_sending(failure))


class _CuttableConnection:
    """Mixed into urllib3's connections: tells the thread's _Flight about the socket,
    and can shut that socket down from any thread."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._cut_lock = threading.Lock()
        self._cut_handle: socket.socket | None = None

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        with self._cut_lock:
            if self._cut_handle is not None:
                self._cut_handle.close()
            # A second handle on the same socket: shutting down through it still works
            # once TLS has wrapped (and detached) the original socket object.
            self._cut_handle = sock.dup()
        flight = getattr(_this_thread, "flight", None)
        if flight is not None:
            flight.watch(self)
        return sock

    def request(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.sock is None:
            self.connect()  # connecting (or a proxy tunnel) sends none of the request
        flight = getattr(_this_thread, "flight", None)
        if flight is not None:
            flight.sending(self)
        super().request(*args, **kwargs)

    def shut(self) -> None:
        """End any read or write on this connection now."""
        with self._cut_lock:
            if self._cut_handle is not None:
                try:
                    self._cut_handle.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed at the other end

    def close(self) -> None:
        try:
            super().close()
        finally:
            with self._cut_lock:
                if self._cut_handle is not None:
                    self._cut_handle.close()
                    self._cut_handle = None


@functools.cache
def _cuttable_adapter_class() -> type:
    """An HTTPAdapter whose pools make _CuttableConnections (built on first use, like
    every import of requests and urllib3 here: they are slow to import)."""
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class CuttableHTTPConnection(_CuttableConnection, HTTPConnection):
        pass

    class CuttableHTTPSConnection(_CuttableConnection, HTTPSConnection):
        pass

    class CuttableHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = CuttableHTTPConnection

    class CuttableHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = CuttableHTTPSConnection

    pools = {"http": CuttableHTTPConnectionPool, "https": CuttableHTTPSConnectionPool}

    class CuttableAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = pools

        def proxy_manager_for(self, proxy, **proxy_kwargs):  # type: ignore[no-untyped-def]
            manager = super().proxy_manager_for(proxy, **proxy_kwargs)
            if not proxy.lower().startswith("socks"):  # SOCKS pools have connections of their own
                manager.pool_classes_by_scheme = pools
            return manager

    return CuttableAdapter


def _read_capped(response, limit: int) -> bytes | None:  # type: ignore[no-untyped-def]
    """The body, or None once it proves longer than `limit` bytes (the rest is not read)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    for chunk in response.iter_content(64 * 1024):
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


# -- what went wrong on the wire ----------------------------------------------------


def _transport_error(
    err: BaseException, *, nothing_sent: bool, side_effects: bool, timeouts: tuple[float, float]
) -> errors.PhloError:
    """Classify a wire error by whether the request can have left this machine."""
    import requests

    causes = list(_causes(err))
    detail = _plain_reason(err, causes, timeouts, nothing_sent=nothing_sent)
    if isinstance(err, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema)):
        return errors.InvalidInput(detail, advice=translatable("The API base URL is not valid: nothing was sent."))
    if isinstance(err, requests.exceptions.ProxyError):
        # The proxy refused or failed the tunnel: the request never reached Plivo.
        return errors.NetworkUnavailable(
            detail,
            advice=translatable(
                "The proxy would not connect to Plivo: nothing was sent. Ask IT to check the proxy set-up."),
        )
    if nothing_sent and isinstance(err, requests.exceptions.SSLError):
        certificate = any(isinstance(c, ssl.SSLCertVerificationError) for c in causes)
        return errors.NetworkUnavailable(
            detail,
            advice=translatable("The secure connection to Plivo failed its certificate check: nothing was sent. "
                                "Ask IT to check the proxy or certificate set-up.") if certificate else
            translatable("A secure connection to Plivo could not be made: nothing was sent. "
                         "Check the network, then try again."),
        )
    if nothing_sent:
        return errors.NetworkUnavailable(detail)
    if not side_effects:
        return errors.NetworkUnavailable(
            detail, advice=translatable("Plivo did not answer in time. Check the network connection, then try again.")
        )
    return errors.OutcomeUnknown(detail)


def _fails_before_sending(err: BaseException) -> bool:
    """Errors that only happen before a request is written: no connection, no tunnel."""
    import requests
    from urllib3.exceptions import NewConnectionError

    if isinstance(err, (requests.exceptions.ConnectTimeout, requests.exceptions.ProxyError)):
        return True
    return any(isinstance(c, NewConnectionError) for c in _causes(err))


def _plain_reason(
    err: BaseException, causes: list[BaseException], timeouts: tuple[float, float], *, nothing_sent: bool
) -> Phrase:
    """What went wrong, as a short phrase for the agent (a Phrase, so the window translates
    it): never the exception's own text."""
    import http.client

    import requests
    from urllib3.exceptions import NameResolutionError
    from urllib3.util.ssl_match_hostname import CertificateError

    if isinstance(err, requests.exceptions.ProxyError):
        return say("the proxy did not connect to Plivo")
    if isinstance(err, requests.exceptions.ConnectTimeout) or (
        nothing_sent and isinstance(err, requests.exceptions.Timeout)  # a TLS handshake timed out
    ):
        return say("no connection within {seconds} s", seconds=f"{timeouts[0]:g}")
    if isinstance(err, requests.exceptions.ReadTimeout):
        return say("no answer within {seconds} s", seconds=f"{timeouts[1]:g}")
    if isinstance(err, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema)):
        return say("the address is not valid")
    reasons: list[tuple[type[BaseException] | tuple[type[BaseException], ...], Phrase]] = [
        (CertificateError, say("certificate is for another host name")),
        ((socket.gaierror, NameResolutionError), say("the host name could not be found")),
        (ConnectionRefusedError, say("connection refused")),
        (http.client.RemoteDisconnected, say("the connection closed before the answer")),
        (ConnectionResetError, say("the connection was reset")),
        (http.client.IncompleteRead, say("the answer was cut off")),
        (ssl.SSLError, say("the secure connection failed")),
        (http.client.HTTPException, say("the answer was not valid HTTP")),
        (TimeoutError, say("no answer in time")),
    ]
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return _certificate_reason(cause)
    for kinds, phrase in reasons:
        if any(isinstance(c, kinds) for c in causes):
            return phrase
    for cause in causes:
        if isinstance(cause, OSError) and cause.errno in _UNREACHABLE:
            return _UNREACHABLE[cause.errno]
    return say("the connection failed")


_UNREACHABLE = {errno.ENETUNREACH: say("the network is unreachable"),
                errno.EHOSTUNREACH: say("the host is unreachable")}


def _certificate_reason(err: ssl.SSLCertVerificationError) -> Phrase:
    # OpenSSL's X509_V_ERR codes: 10 expired, 62 host name mismatch.
    return {10: say("certificate expired"), 62: say("certificate is for another host name")}.get(
        getattr(err, "verify_code", None), say("certificate not trusted")
    )


def _causes(err: BaseException):  # type: ignore[no-untyped-def]
    """The error and every exception wrapped under it."""
    seen: set[int] = set()
    stack: list[object] = [err]
    while stack:
        current = stack.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend([getattr(current, "reason", None), current.__cause__, current.__context__])
        stack.extend(a for a in current.args if isinstance(a, BaseException))


def _duration(seconds: float) -> Phrase:
    return say("1 second") if seconds == 1 else say("{seconds} seconds", seconds=f"{seconds:g}")


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
