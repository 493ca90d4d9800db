"""The PHLO client: one round trip per action, its answer read as the PHLO API means it.

Safety rules it keeps (see docs/design.md; the wire's own are in transport.py):
- a POST is never retried and never follows a redirect, so it cannot be sent twice;
- an error before the request went out says "nothing was sent"; an error after it
  went out says the outcome is unknown;
- every request has a total deadline, connect included, and `abort()` cuts it off;
- a 2xx with a non-empty `error`, or one whose body cannot be read, is not success;
- what the server says is shown as plain, bounded text, with the credentials blanked
  out; what went wrong on the wire is a short phrase, the raw exception goes to the
  log file only;
- certificates are always checked, against the OS trust store; plain http only to loopback.
"""

from __future__ import annotations

import base64
import json
import logging
import platform
import re
from urllib.parse import quote, urlsplit

from phlo_desk import __version__
from phlo_desk.core import errors
from phlo_desk.core.actions import ActionRequest, MemberRequest, NodeRequest, member_path, node_path
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.settings import Profile, is_loopback_host, normalise_api_base
from phlo_desk.core.text import server_text
from phlo_desk.core.translatable import say, translatable

# BODY_LIMIT_BYTES: the wire's cap, still importable from here.
from phlo_desk.core.transport import BODY_LIMIT_BYTES, BODY_LIMIT_TEXT, Answer, Transport  # noqa: F401

CONNECT_TIMEOUT_S = 5.0
TOTAL_TIMEOUT_S = 15.0
USER_AGENT = f"phlo-desk/{__version__} (Python: {platform.python_version()})"

log = logging.getLogger(__name__)


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
        if not total_timeout > 0 or not connect_timeout > 0:
            raise ValueError("timeouts must be positive")
        profile.require_complete()
        check_token(token)
        self.profile = profile
        self.api_base = normalise_api_base(profile.api_base)
        basic = base64.b64encode(f"{profile.auth_id}:{token}".encode("latin-1")).decode("ascii")
        self._secret_forms = (basic, token)  # the header's form first: it contains no bare token
        self._transport = Transport(
            (profile.auth_id, token),
            # requests adds Content-Type: application/json to the POSTs (json=).
            {"User-Agent": USER_AGENT, "Accept": "application/json"},
            loopback=is_loopback_host(_host_of(self.api_base)),
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
        )

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
        self._transport.abort()

    def close(self) -> None:
        self._transport.close()

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
    ) -> tuple[Answer, float]:
        """One round trip under the total deadline: the answer, or the PhloError it amounts to."""
        try:
            answer, elapsed_ms = self._transport.send(method, url, body, side_effects=side_effects)
        except errors.PhloError as error:
            # The wire's raw exception, the error's cause, goes to the log file only.
            log.info(
                "%s %s: %s (%s)", method, urlsplit(url).path, error.outcome, error.detail, exc_info=error.__cause__
            )
            raise
        return self._without_credentials(answer), elapsed_ms

    def _without_credentials(self, answer: Answer) -> Answer:
        """The answer with the token blanked out: a server or proxy that echoes the request
        back must not get it into the log file, the history or the screen."""
        body, headers = answer.body, dict(answer.headers)
        for secret in self._secret_forms:
            if body is not None:
                body = body.replace(secret.encode(), REDACTED.encode())
            headers = {name: value.replace(secret, REDACTED) for name, value in headers.items()}
        return Answer(answer.status, headers, body)

    def _interpret(self, answer: Answer, elapsed_ms: float, *, request, side_effects: bool) -> ActionResult:  # type: ignore[no-untyped-def]
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
                advice=translatable("Plivo answered with both success and an error: the action may have "
                                    "happened. Check the call before trying again."),
                **context,
            )
        if server_error:
            raise errors.Rejected(server_error, **context)
        if not readable and side_effects:
            raise errors.OutcomeUnknown(
                detail,
                advice=translatable("Plivo's answer could not be read: the action may have happened. "
                                    "Check the call before trying again."),
                **context,
            )
        if not readable:
            raise errors.ServerError(detail, **context)
        return ActionResult(
            Outcome.OK,
            translatable("Accepted by Plivo.") if side_effects
            else translatable("Connected: Plivo accepted the credentials and ids."),
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


def _refusal(answer: Answer, detail: str, context: dict) -> errors.PhloError:
    """The error for an answer with a status other than 2xx."""
    status = answer.status
    if 300 <= status < 400:
        location = server_text(answer.headers.get("location", ""))
        return errors.Rejected(
            say("HTTP {status} redirect to {location}", status=status, location=location) if location
            else say("HTTP {status} redirect", status=status),
            advice=translatable("The API base URL answered with a redirect: check it in Settings."),
            **context,
        )
    error_class = _ERRORS_BY_STATUS.get(status)
    if error_class is None:
        error_class = errors.ServerError if status >= 500 else errors.Rejected
    retry_after = server_text(answer.headers.get("retry-after", ""), 40)
    if status == 429 and retry_after:
        # Seconds, or an HTTP date.
        retry_after += " s" if retry_after.isdigit() else ""
        if detail:
            detail = say("{detail} (retry after {after})", detail=detail, after=retry_after)
        else:
            detail = say("(retry after {after})", after=retry_after)
    return error_class(detail or say("HTTP {status}", status=status), **context)


def check_token(token: str) -> None:
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
            advice=translatable("The Auth Token has characters a Plivo token never has: enter it again in "
                                "Settings. Nothing was sent."),
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


# -- reading the answer ----------------------------------------------------------


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


def _describe_unreadable(answer: Answer) -> str:
    if answer.body is None:
        return say("HTTP {status}: the answer was longer than {limit} and was not read", status=answer.status,
                   limit=BODY_LIMIT_TEXT)
    content_type = server_text(answer.headers.get("content-type", "").split(";")[0], 100) or say("unknown type")
    return say("HTTP {status}, not JSON ({type}): {excerpt}", status=answer.status, type=content_type,
               excerpt=_excerpt(_decoded(answer)))


def _decoded(answer: Answer) -> str:
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


def _host_of(url: str) -> str:
    return urlsplit(url).hostname or ""
