"""The PHLO client: one requests.Session, one round trip per action.

Safety rules it keeps (see docs/design.md):
- a POST is never retried and never follows a redirect, so it cannot be sent twice;
- an error before the connection exists says "nothing was sent"; an error after
  the request went out says the outcome is unknown;
- a 2xx with a non-empty `error`, or one whose body cannot be read, is not success;
- certificates are always checked, against the OS trust store; plain http only to loopback.
"""

from __future__ import annotations

import platform
import re
import ssl
import time
from urllib.parse import quote

from phlo_desk import __version__
from phlo_desk.core import errors
from phlo_desk.core.actions import ActionRequest, MemberRequest, NodeRequest, member_path, node_path
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.settings import Profile, is_loopback_host, normalise_api_base

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 10.0
USER_AGENT = f"phlo-desk/{__version__} (Python: {platform.python_version()})"

_trust_store_injected = False


def _use_os_trust_store() -> None:
    """Verify TLS against the OS store, so TLS-inspecting enterprise proxies work."""
    global _trust_store_injected
    if not _trust_store_injected:
        import truststore

        truststore.inject_into_ssl()
        _trust_store_injected = True


class PhloClient:
    def __init__(
        self,
        profile: Profile,
        token: str,
        *,
        connect_timeout: float = CONNECT_TIMEOUT_S,
        read_timeout: float = READ_TIMEOUT_S,
    ) -> None:
        import requests  # ~100+ ms to import: kept off the window's start-up path
        from requests.adapters import HTTPAdapter

        profile.require_complete()
        _check_token(token)
        self.profile = profile
        self.api_base = normalise_api_base(profile.api_base)
        self.timeouts = (connect_timeout, read_timeout)
        loopback = is_loopback_host(_host_of(self.api_base))
        if not loopback:
            _use_os_trust_store()

        session = requests.Session()
        # Loopback (the sandbox, tests) must never be sent to a proxy from the environment.
        session.trust_env = not loopback
        session.auth = (profile.auth_id, token)
        # requests adds Content-Type: application/json to the POSTs (json=).
        session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        # max_retries=0: urllib3 must never resend anything on our behalf.
        adapter = HTTPAdapter(max_retries=0, pool_connections=1, pool_maxsize=1)
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
        response, elapsed_ms = self._send("POST", url, body, side_effects=True)
        return self._interpret(response, elapsed_ms, request=request, side_effects=True)

    def run(self, request: ActionRequest) -> ActionResult:
        """Like perform(), but every failure comes back as a result, never raised."""
        try:
            return self.perform(request)
        except errors.PhloError as err:
            return result_from_error(err, request)

    def check(self) -> ActionResult:
        """Verify credentials and ids with a GET of the node: no side effects."""
        url = self.api_base + node_path(self.profile.phlo_id, self.profile.node_id)
        response, elapsed_ms = self._send("GET", url, None, side_effects=False)
        return self._interpret(response, elapsed_ms, request=None, side_effects=False)

    def warm_up(self) -> ActionResult:
        """Open the (TLS) connection ahead of the agent's click; never raises."""
        try:
            return self.check()
        except errors.PhloError as err:
            return result_from_error(err, None)

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

    def _send(self, method: str, url: str, body: dict | None, *, side_effects: bool):  # type: ignore[no-untyped-def]
        import requests

        started = time.perf_counter()
        try:
            response = self._session.request(
                method, url, json=body, timeout=self.timeouts, allow_redirects=False
            )
        except requests.exceptions.RequestException as err:
            raise _transport_error(err, _ms_since(started), side_effects=side_effects) from None
        return response, _ms_since(started)

    def _interpret(self, response, elapsed_ms: float, *, request, side_effects: bool) -> ActionResult:  # type: ignore[no-untyped-def]
        status = response.status_code
        payload, readable = _json_body(response)
        api_id = str(payload.get("api_id") or "") if payload else ""
        server_error = str(payload.get("error") or "").strip() if payload else ""
        detail = server_error or ("" if readable else _describe_unreadable(response))
        context = {"status": status, "api_id": api_id, "elapsed_ms": elapsed_ms}

        if 200 <= status < 300:
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
            if not readable:
                if side_effects:
                    raise errors.OutcomeUnknown(
                        detail,
                        advice="Plivo's answer could not be read: the action may have happened. "
                        "Check the call before trying again.",
                        **context,
                    )
                raise errors.ServerError(detail, **context)
            return ActionResult(
                Outcome.OK,
                "Accepted by Plivo." if side_effects else "Connected: Plivo accepted the credentials and ids.",
                request=request,
                **context,
            )
        if 300 <= status < 400:
            location = response.headers.get("Location", "")
            raise errors.Rejected(
                f"HTTP {status} redirect to {location}".strip(),
                advice="The API base URL answered with a redirect: check it in Settings.",
                **context,
            )
        error_class = _ERRORS_BY_STATUS.get(status)
        if error_class is None:
            error_class = errors.ServerError if status >= 500 else errors.Rejected
        if status == 429 and response.headers.get("Retry-After"):
            detail = f"{detail} (retry after {response.headers['Retry-After']} s)".strip()
        raise error_class(detail or f"HTTP {status}", **context)


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


def _transport_error(err: Exception, elapsed_ms: float, *, side_effects: bool) -> errors.PhloError:
    """Classify a requests exception by whether the request can have left this machine."""
    import requests
    from urllib3.exceptions import NewConnectionError

    causes = list(_causes(err))
    detail = _short(str(causes[-1]) if causes else str(err))
    if isinstance(err, requests.exceptions.ConnectTimeout) or any(
        isinstance(c, NewConnectionError) for c in causes
    ):
        return errors.NetworkUnavailable(detail, elapsed_ms=elapsed_ms)
    if isinstance(err, requests.exceptions.ProxyError):
        # The proxy refused or failed the tunnel: the request never reached Plivo.
        return errors.NetworkUnavailable(
            detail,
            elapsed_ms=elapsed_ms,
            advice="The proxy would not connect to Plivo: nothing was sent. Ask IT to check the proxy set-up.",
        )
    if isinstance(err, requests.exceptions.SSLError):
        # TLS fails in the handshake, before the request is written.
        certificate = any(isinstance(c, ssl.SSLCertVerificationError) for c in causes)
        return errors.NetworkUnavailable(
            detail,
            elapsed_ms=elapsed_ms,
            advice=("The secure connection to Plivo failed its certificate check: nothing was sent. "
                    "Ask IT to check the proxy or certificate set-up.") if certificate else
            "A secure connection to Plivo could not be made: nothing was sent. Check the network, then try again.",
        )
    if isinstance(err, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema)):
        return errors.InvalidInput(detail, advice="The API base URL is not valid: nothing was sent.")
    if not side_effects:
        return errors.NetworkUnavailable(
            detail, elapsed_ms=elapsed_ms, advice="Plivo did not answer in time. Check the network connection."
        )
    return errors.OutcomeUnknown(detail, elapsed_ms=elapsed_ms)


def _causes(err: BaseException):  # type: ignore[no-untyped-def]
    """The chain of wrapped exceptions under a requests error, outermost first."""
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


def _json_body(response) -> tuple[dict | None, bool]:  # type: ignore[no-untyped-def]
    """(payload, readable): an empty body is readable and has no payload."""
    if not response.content.strip():
        return None, True
    try:
        payload = response.json()
    except ValueError:
        return None, False
    return (payload, True) if isinstance(payload, dict) else (None, False)


def _describe_unreadable(response) -> str:  # type: ignore[no-untyped-def]
    content_type = response.headers.get("Content-Type", "unknown type").split(";")[0]
    text = response.text
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
    excerpt = title.group(1) if title else re.sub(r"<[^>]+>", " ", text)
    return f"HTTP {response.status_code}, not JSON ({content_type}): {_short(excerpt)}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


def _host_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""
