"""The PHLO client: one requests.Session, one round trip per action.

Safety rules it keeps (see docs/design.md):
- a POST is never retried and never follows a redirect, so it cannot be sent twice;
- an error before the request went out says "nothing was sent"; an error after it
  went out says the outcome is unknown;
- every request has a total deadline, connect included: a server that trickles its
  answer a byte at a time is cut off when it passes, as it is by `abort()`;
- at most BODY_LIMIT_BYTES of an answer are read; a 2xx with a non-empty `error`,
  or one whose body cannot be read, is not success;
- what the server says is shown as plain, bounded text; what went wrong on the wire
  is a short phrase, and the raw exception goes to the log file only;
- certificates are always checked, against the OS trust store; plain http only to loopback.
"""

from __future__ import annotations

import base64
import errno
import functools
import json
import logging
import platform
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from phlo_desk import __version__
from phlo_desk.core import errors
from phlo_desk.core.actions import ActionRequest, MemberRequest, NodeRequest, member_path, node_path
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.settings import Profile, is_loopback_host, normalise_api_base
from phlo_desk.core.text import server_text

CONNECT_TIMEOUT_S = 5.0
TOTAL_TIMEOUT_S = 15.0
BODY_LIMIT_BYTES = 1024 * 1024  # a PHLO answer is a few hundred bytes
BODY_LIMIT_TEXT = "1 MiB"
USER_AGENT = f"phlo-desk/{__version__} (Python: {platform.python_version()})"

log = logging.getLogger(__name__)

_trust_store_injected = False
# Why a request was cut off.
_DEADLINE = "deadline"
_ABORTED = "aborted"


def _use_os_trust_store() -> None:
    """Verify TLS against the OS store, so TLS-inspecting enterprise proxies work."""
    global _trust_store_injected
    if not _trust_store_injected:
        import truststore

        truststore.inject_into_ssl()
        _trust_store_injected = True


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: dict[str, str]  # keys lower-cased
    body: bytes | None  # None: longer than BODY_LIMIT_BYTES, not read to the end


class PhloClient:
    def __init__(
        self,
        profile: Profile,
        token: str,
        *,
        connect_timeout: float = CONNECT_TIMEOUT_S,
        total_timeout: float = TOTAL_TIMEOUT_S,
    ) -> None:
        """`total_timeout` is each request's whole deadline, connecting included."""
        import requests  # ~100+ ms to import: kept off the window's start-up path

        if not total_timeout > 0 or not connect_timeout > 0:
            raise ValueError("timeouts must be positive")
        profile.require_complete()
        _check_token(token)
        self.profile = profile
        self.api_base = normalise_api_base(profile.api_base)
        self.total_timeout = total_timeout
        # Per connect and per read; the watchdog in _send() bounds the whole request.
        self.timeouts = (min(connect_timeout, total_timeout), total_timeout)
        self._flight: _Flight | None = None
        loopback = is_loopback_host(_host_of(self.api_base))
        if not loopback:
            _use_os_trust_store()

        session = requests.Session()
        # Loopback (the sandbox, tests) must never be sent to a proxy from the environment.
        session.trust_env = not loopback
        session.auth = (profile.auth_id, token)
        basic = base64.b64encode(f"{profile.auth_id}:{token}".encode("latin-1")).decode("ascii")
        self._secret_forms = (basic, token)  # the header's form first: it contains no bare token
        # requests adds Content-Type: application/json to the POSTs (json=).
        session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        # max_retries=0: urllib3 must never resend anything on our behalf.
        adapter = _cuttable_adapter_class()(max_retries=0, pool_connections=1, pool_maxsize=1)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        self._session = session

    def __repr__(self) -> str:
        return f"PhloClient(api_base={self.api_base!r}, auth_id={self.profile.auth_id!r})"

    # -- actions -------------------------------------------------------------

    def perform(self, request: ActionRequest) -> ActionResult:
        """Send one action; return its result on success or raise a PhloError."""
        url = self.api_base + self._path_for(request)
        body = request.body()
        answer, elapsed_ms = self._send("POST", url, body, side_effects=True)
        return self._interpret(answer, elapsed_ms, request=request, side_effects=True)

    def run(self, request: ActionRequest) -> ActionResult:
        """Like perform(), but every failure comes back as a result, never raised."""
        try:
            return self.perform(request)
        except errors.PhloError as err:
            return result_from_error(err, request)

    def check(self) -> ActionResult:
        """Verify credentials and ids with a GET of the node: no side effects."""
        url = self.api_base + node_path(self.profile.phlo_id, self.profile.node_id)
        answer, elapsed_ms = self._send("GET", url, None, side_effects=False)
        return self._interpret(answer, elapsed_ms, request=None, side_effects=False)

    def warm_up(self) -> ActionResult:
        """Open the (TLS) connection ahead of the agent's click; never raises."""
        try:
            return self.check()
        except errors.PhloError as err:
            return result_from_error(err, None)

    def abort(self) -> None:
        """Cut the request in flight now, from any thread (the desk is closing).

        The cut request comes back as outcome unknown if any of it was sent (for a
        POST), as a network error if none was. A request started later runs as usual.
        """
        flight = self._flight
        if flight is not None:
            flight.cut(_ABORTED)

    def close(self) -> None:
        self._session.close()

    # -- wire ----------------------------------------------------------------

    def _path_for(self, request: ActionRequest) -> str:
        phlo_id, node_id = self.profile.phlo_id, self.profile.node_id
        if isinstance(request, NodeRequest):
            return node_path(phlo_id, node_id)
        if isinstance(request, MemberRequest):
            # The member in the path as it joined: + @ and : are legal in a path segment.
            return member_path(phlo_id, node_id, quote(request.member, safe="+@:"))
        raise TypeError(f"not an action request: {request!r}")

    def _send(
        self, method: str, url: str, body: dict | None, *, side_effects: bool
    ) -> tuple[_Answer, float]:
        """One round trip under the total deadline: the answer, or the PhloError it amounts to."""
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
        log.info("%s %s: %s (%s)", method, urlsplit(url).path, error.outcome, error.detail, exc_info=failure)
        raise error

    def _exchange(self, method: str, url: str, body: dict | None) -> _Answer:
        response = self._session.request(
            method, url, json=body, timeout=self.timeouts, allow_redirects=False, stream=True
        )
        with response:  # closing an answer not read to its end drops the connection
            headers = {name.lower(): value for name, value in response.headers.items()}
            return self._without_credentials(_Answer(response.status_code, headers, _read_capped(response)))

    def _without_credentials(self, answer: _Answer) -> _Answer:
        """The answer with the token blanked out: a server or proxy that echoes the request
        back must not get it into the log file, the history or the screen."""
        body, headers = answer.body, dict(answer.headers)
        for secret in self._secret_forms:
            if body is not None:
                body = body.replace(secret.encode(), REDACTED.encode())
            headers = {name: value.replace(secret, REDACTED) for name, value in headers.items()}
        return _Answer(answer.status, headers, body)

    def _cut_error(self, reason: str, *, nothing_sent: bool, side_effects: bool) -> errors.PhloError:
        """The error for a request cut off by the deadline or by abort()."""
        seconds, duration = f"{self.total_timeout:g}", _duration(self.total_timeout)
        if reason == _DEADLINE and nothing_sent:
            return errors.NetworkUnavailable(
                f"no connection within {seconds} s",
                advice=f"No connection to Plivo within {duration}: nothing was sent. "
                "Check the network connection, then try again.",
            )
        if reason == _DEADLINE and side_effects:
            return errors.OutcomeUnknown(
                f"no complete answer within {seconds} s",
                advice=f"No complete answer from Plivo within {duration}: the action may have "
                "happened. Check the call before trying again.",
            )
        if reason == _DEADLINE:
            return errors.NetworkUnavailable(
                f"no complete answer within {seconds} s",
                advice=f"No complete answer from Plivo within {duration}. "
                "Check the network connection, then try again.",
            )
        if nothing_sent:
            return errors.NetworkUnavailable(
                "stopped before sending",
                advice="The request was stopped before it was sent: nothing was sent.",
            )
        if side_effects:
            return errors.OutcomeUnknown(
                "stopped before the answer",
                advice="The request was stopped before Plivo answered: the action may have happened. "
                "Check the call before trying again.",
            )
        return errors.NetworkUnavailable(
            "stopped before the answer", advice="The request was stopped before Plivo answered."
        )

    def _interpret(self, answer: _Answer, elapsed_ms: float, *, request, side_effects: bool) -> ActionResult:  # type: ignore[no-untyped-def]
        status = answer.status
        payload, readable = _json_body(answer.body)
        api_id = server_text(payload.get("api_id") or "", API_ID_LIMIT) if payload else ""
        server_error = server_text(payload.get("error") or "") if payload else ""
        detail = server_error or ("" if readable else _describe_unreadable(answer))
        context = {"status": status, "api_id": api_id, "elapsed_ms": elapsed_ms}

        if not 200 <= status < 300:
            raise _refusal(answer, detail, context)
        if server_error and side_effects:
            # Success status and an error text: nothing says which one is true.
            raise errors.OutcomeUnknown(
                server_error,
                advice="Plivo answered with both success and an error: the action may have "
                "happened. Check the call before trying again.",
                **context,
            )
        if server_error:
            raise errors.Rejected(server_error, **context)
        if not readable and side_effects:
            raise errors.OutcomeUnknown(
                detail,
                advice="Plivo's answer could not be read: the action may have happened. "
                "Check the call before trying again.",
                **context,
            )
        if not readable:
            raise errors.ServerError(detail, **context)
        return ActionResult(
            Outcome.OK,
            "Accepted by Plivo." if side_effects else "Connected: Plivo accepted the credentials and ids.",
            request=request,
            **context,
        )


API_ID_LIMIT = 100  # an api_id is a UUID
REDACTED = "[redacted]"

_ERRORS_BY_STATUS: dict[int, type[errors.PhloError]] = {
    400: errors.Rejected,
    401: errors.AuthenticationFailed,
    403: errors.AccessDenied,
    404: errors.NotFound,
    405: errors.Rejected,
    409: errors.Rejected,
    422: errors.Rejected,
    429: errors.RateLimited,
}


def _refusal(answer: _Answer, detail: str, context: dict) -> errors.PhloError:
    """The error for an answer with a status other than 2xx."""
    status = answer.status
    if 300 <= status < 400:
        location = server_text(answer.headers.get("location", ""))
        return errors.Rejected(
            f"HTTP {status} redirect" + (f" to {location}" if location else ""),
            advice="The API base URL answered with a redirect: check it in Settings.",
            **context,
        )
    error_class = _ERRORS_BY_STATUS.get(status)
    if error_class is None:
        error_class = errors.ServerError if status >= 500 else errors.Rejected
    retry_after = server_text(answer.headers.get("retry-after", ""), 40)
    if status == 429 and retry_after:
        # Seconds, or an HTTP date.
        retry_after += " s" if retry_after.isdigit() else ""
        detail = f"{detail} (retry after {retry_after})".strip()
    return error_class(detail or f"HTTP {status}", **context)


def _check_token(token: str) -> None:
    """Refuse, before sending, a token that cannot go into a Basic auth header."""
    try:
        token.encode("latin-1")
    except UnicodeEncodeError:
        ok = False
    else:
        ok = bool(token) and not any(ch.isspace() for ch in token)
    if not ok:
        raise errors.InvalidInput(
            "Auth Token",
            advice="The Auth Token has characters a Plivo token never has: enter it again in "
            "Settings. Nothing was sent.",
        )


def result_from_error(err: errors.PhloError, request: ActionRequest | None) -> ActionResult:
    return ActionResult(
        err.outcome,
        err.advice,
        request=request,
        status=err.status,
        api_id=err.api_id,
        detail=err.detail,
        elapsed_ms=err.elapsed_ms,
    )


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


# -- reading the answer ----------------------------------------------------------


def _read_capped(response) -> bytes | None:  # type: ignore[no-untyped-def]
    """The body, or None once it proves longer than BODY_LIMIT_BYTES (the rest is not read)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > BODY_LIMIT_BYTES:
        return None
    body = bytearray()
    for chunk in response.iter_content(64 * 1024):
        body += chunk
        if len(body) > BODY_LIMIT_BYTES:
            return None
    return bytes(body)


def _json_body(body: bytes | None) -> tuple[dict | None, bool]:
    """(payload, readable): an empty body is readable and has no payload."""
    if body is None:
        return None, False
    if not body.strip():
        return None, True
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        return None, False
    return (payload, True) if isinstance(payload, dict) else (None, False)


def _describe_unreadable(answer: _Answer) -> str:
    if answer.body is None:
        return f"HTTP {answer.status}: the answer was longer than {BODY_LIMIT_TEXT} and was not read"
    content_type = server_text(answer.headers.get("content-type", "").split(";")[0], 100) or "unknown type"
    return f"HTTP {answer.status}, not JSON ({content_type}): {_excerpt(_decoded(answer))}"


def _decoded(answer: _Answer) -> str:
    charset = re.search(r"charset=\"?([\w.:-]+)", answer.headers.get("content-type", ""), re.I)
    try:
        return (answer.body or b"").decode(charset.group(1) if charset else "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        return (answer.body or b"").decode("utf-8", errors="replace")


def _excerpt(text: str) -> str:
    """An HTML page's title, or the start of the text without its tags."""
    lower = text.lower()  # str.find, not a regex: linear on any page
    start = lower.find("<title")
    opened = lower.find(">", start) if start >= 0 else -1
    closed = lower.find("</title", opened) if opened >= 0 else -1
    if closed >= 0:
        return server_text(text[opened + 1 : closed], 200)
    # [^<>]: each character is scanned by one tag attempt at most, even in "<<<<...".
    return server_text(re.sub(r"<[^<>]*>", " ", text[:8000]), 200)


# -- what went wrong on the wire ----------------------------------------------------


def _transport_error(
    err: BaseException, *, nothing_sent: bool, side_effects: bool, timeouts: tuple[float, float]
) -> errors.PhloError:
    """Classify a wire error by whether the request can have left this machine."""
    import requests

    causes = list(_causes(err))
    detail = _plain_reason(err, causes, timeouts, nothing_sent=nothing_sent)
    if isinstance(err, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema)):
        return errors.InvalidInput(detail, advice="The API base URL is not valid: nothing was sent.")
    if isinstance(err, requests.exceptions.ProxyError):
        # The proxy refused or failed the tunnel: the request never reached Plivo.
        return errors.NetworkUnavailable(
            detail,
            advice="The proxy would not connect to Plivo: nothing was sent. Ask IT to check the proxy set-up.",
        )
    if nothing_sent and isinstance(err, requests.exceptions.SSLError):
        certificate = any(isinstance(c, ssl.SSLCertVerificationError) for c in causes)
        return errors.NetworkUnavailable(
            detail,
            advice=("The secure connection to Plivo failed its certificate check: nothing was sent. "
                    "Ask IT to check the proxy or certificate set-up.") if certificate else
            "A secure connection to Plivo could not be made: nothing was sent. Check the network, then try again.",
        )
    if nothing_sent:
        return errors.NetworkUnavailable(detail)
    if not side_effects:
        return errors.NetworkUnavailable(
            detail, advice="Plivo did not answer in time. Check the network connection, then try again."
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
) -> str:
    """What went wrong, as a short phrase for the agent: never the exception's own text."""
    import http.client

    import requests
    from urllib3.exceptions import NameResolutionError
    from urllib3.util.ssl_match_hostname import CertificateError

    if isinstance(err, requests.exceptions.ProxyError):
        return "the proxy did not connect to Plivo"
    if isinstance(err, requests.exceptions.ConnectTimeout) or (
        nothing_sent and isinstance(err, requests.exceptions.Timeout)  # a TLS handshake timed out
    ):
        return f"no connection within {timeouts[0]:g} s"
    if isinstance(err, requests.exceptions.ReadTimeout):
        return f"no answer within {timeouts[1]:g} s"
    if isinstance(err, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema)):
        return "the address is not valid"
    reasons: list[tuple[type[BaseException] | tuple[type[BaseException], ...], str]] = [
        (CertificateError, "certificate is for another host name"),
        ((socket.gaierror, NameResolutionError), "the host name could not be found"),
        (ConnectionRefusedError, "connection refused"),
        (http.client.RemoteDisconnected, "the connection closed before the answer"),
        (ConnectionResetError, "the connection was reset"),
        (http.client.IncompleteRead, "the answer was cut off"),
        (ssl.SSLError, "the secure connection failed"),
        (http.client.HTTPException, "the answer was not valid HTTP"),
        (TimeoutError, "no answer in time"),
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
    return "the connection failed"


_UNREACHABLE = {errno.ENETUNREACH: "the network is unreachable", errno.EHOSTUNREACH: "the host is unreachable"}


def _certificate_reason(err: ssl.SSLCertVerificationError) -> str:
    # OpenSSL's X509_V_ERR codes: 10 expired, 62 host name mismatch.
    return {10: "certificate expired", 62: "certificate is for another host name"}.get(
        getattr(err, "verify_code", None), "certificate not trusted"
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


def _duration(seconds: float) -> str:
    return "1 second" if seconds == 1 else f"{seconds:g} seconds"


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


def _host_of(url: str) -> str:
    return urlsplit(url).hostname or ""
