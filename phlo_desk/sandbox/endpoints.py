"""The sandbox's SIP endpoints: Plivo's Endpoint API (reads only), simulated.

    GET /v1/Account/{auth_id}/Endpoint/?limit=&offset=   a page (limit 1-20, default 20)
    GET /v1/Account/{auth_id}/Endpoint/{endpoint_id}/    one endpoint

and, under /sandbox/endpoints (no auth, like every control route):

    GET    /sandbox/endpoints                  every endpoint's state, the request count, the limits
    POST   /sandbox/endpoints                  {"count": N}: N endpoints, the demo ones first
    GET    /sandbox/endpoints/{endpoint_id}
    POST   /sandbox/endpoints/{endpoint_id}    {"registered": true|false}
    GET    /sandbox/endpoints/throttle
    POST   /sandbox/endpoints/throttle         {"retry_after": 30 | "an HTTP date" | null, "count": N | null}
    DELETE /sandbox/endpoints/throttle
    GET    /sandbox/endpoints/rate-limit
    POST   /sandbox/endpoints/rate-limit       {"requests": N, "window_s": S}
    DELETE /sandbox/endpoints/rate-limit       back to Plivo's 300 per 5 s

Sandbox choices where Plivo's documentation is silent: a path naming another account
than the credentials' answers 401 (this sandbox knows one account); the 400 and 429
error texts; Retry-After on every 429. The PHLO routes' faults never apply here: a
background read must not use up a fault staged for an action.
"""

from __future__ import annotations

import collections
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote

from phlo_desk.sandbox.http import HttpRequest, HttpResponse

SIP_DOMAIN = "phone.plivo.com"
PAGE_LIMIT_MAX = 20  # Plivo's own maximum for list calls
# Plivo's account-wide limit (all APIs but those that start a call).
DEFAULT_RATE_LIMIT_REQUESTS = 300
DEFAULT_RATE_LIMIT_WINDOW_S = 5.0
DEFAULT_RETRY_AFTER_S = 30
REGISTRATION_S = 3600  # how long a simulated softphone's registration lasts
DEMO_DIRECTORY_FILE = "demo-directory.csv"


def demo_directory_path() -> Path:
    """The demo directory shipped beside this module (its SIP rows name the demo endpoints)."""
    return Path(str(resources.files("phlo_desk.sandbox") / DEMO_DIRECTORY_FILE))


@dataclass
class SandboxEndpoint:
    endpoint_id: str
    username: str  # as Plivo makes it: the chosen name and a 12-digit suffix
    alias: str
    registered: bool = False
    user_agent: str = ""
    contact_host: str = "192.0.2.10"  # TEST-NET-1: where the softphone registered from
    registered_at: datetime | None = None

    @property
    def sip_uri(self) -> str:
        return f"sip:{self.username}@{SIP_DOMAIN}"

    def as_plivo(self, auth_id: str) -> dict[str, object]:
        """The object as Plivo's Endpoint API answers it."""
        data: dict[str, object] = {
            "endpoint_id": self.endpoint_id,
            "username": self.username,
            "alias": self.alias,
            "sip_uri": self.sip_uri,
            "sip_registered": "true" if self.registered else "false",
            "resource_uri": f"/v1/Account/{auth_id}/Endpoint/{self.endpoint_id}/",
        }
        if self.registered:
            registered_at = self.registered_at or datetime.now(UTC)
            data["sip_contact"] = f"sip:{self.username}@{self.contact_host}:5060;transport=udp"
            data["sip_expires"] = (registered_at + timedelta(seconds=REGISTRATION_S)).strftime("%Y-%m-%d %H:%M:%S")
            data["sip_user_agent"] = self.user_agent
        return data

    def state(self) -> dict[str, object]:
        """The control routes' view."""
        return {
            "endpoint_id": self.endpoint_id,
            "username": self.username,
            "alias": self.alias,
            "sip_uri": self.sip_uri,
            "registered": self.registered,
        }


# (name, alias, registered, softphone): a few colleagues, some with a softphone open.
_DEMO = (
    ("jose", "José Álvarez", True, "Zoiper rv2.10"),
    ("alice", "Alice Chen", True, "Linphone/5.2.0"),
    ("priya", "Priya Natarajan", False, ""),
    ("mateo", "Mateo Rossi", True, "MicroSIP/3.21.3"),
    ("zoe", "Zoë Müller", False, ""),
    ("kwame", "Kwame Mensah", False, ""),
)
_DEMO_SUFFIX = "240315091200"  # Plivo appends a 12-digit code to the chosen username


def demo_endpoints() -> list[SandboxEndpoint]:
    return [
        SandboxEndpoint(f"1700100000{n:04d}", name + _DEMO_SUFFIX, alias, registered, agent)
        for n, (name, alias, registered, agent) in enumerate(_DEMO, start=1)
    ]


def _generated(n: int) -> SandboxEndpoint:
    return SandboxEndpoint(f"1700200000{n:04d}", f"test{n:03d}{_DEMO_SUFFIX}", f"Test endpoint {n}")


@dataclass(frozen=True)
class Throttle:
    """429 for Endpoint API requests: `count` of them, or all until cleared (None).

    `retry_after` is the Retry-After header: seconds, any other text sent as it is
    (an HTTP date, to try a client on it), or None for no header.
    """

    retry_after: int | str | None = DEFAULT_RETRY_AFTER_S
    count: int | None = None

    def __post_init__(self) -> None:
        if isinstance(self.retry_after, bool) or not isinstance(self.retry_after, int | str | None):
            raise ValueError("retry_after must be a number of seconds, a string or null")
        if isinstance(self.retry_after, int) and self.retry_after < 0:
            raise ValueError("retry_after must not be negative")
        if self.count is not None and (not _is_int(self.count) or self.count < 1):
            raise ValueError("count must be a positive integer or null")


@dataclass(frozen=True)
class RateLimit:
    """At most `requests` Endpoint API reads answered per `window_s` seconds; 429 beyond."""

    requests: int = DEFAULT_RATE_LIMIT_REQUESTS
    window_s: float = DEFAULT_RATE_LIMIT_WINDOW_S

    def __post_init__(self) -> None:
        if not _is_int(self.requests) or self.requests < 1:
            raise ValueError("requests must be a positive integer")
        if not isinstance(self.window_s, int | float) or isinstance(self.window_s, bool) or not self.window_s > 0:
            raise ValueError("window_s must be a positive number")


class SandboxEndpoints:
    """The simulated account's SIP endpoints, their API's request count and its limits."""

    def __init__(self, auth_id: str, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.auth_id = auth_id
        self._clock = clock
        self._lock = threading.Lock()
        self._endpoints: dict[str, SandboxEndpoint] = {}
        self._requests = 0
        self._throttle: Throttle | None = None
        self._throttle_remaining: int | None = None
        self._rate_limit = RateLimit()
        self._answered: collections.deque[float] = collections.deque()  # when each read was answered
        self.reset()

    def reset(self) -> None:
        """The demo endpoints, no request counted, no throttle, Plivo's rate limit."""
        with self._lock:
            self._endpoints = {e.endpoint_id: e for e in demo_endpoints()}
            self._stamp_registrations()
            self._requests = 0
            self._throttle = self._throttle_remaining = None
            self._rate_limit = RateLimit()
            self._answered.clear()

    @property
    def request_count(self) -> int:
        """Endpoint API requests received, whatever their answer."""
        with self._lock:
            return self._requests

    def snapshot(self) -> dict[str, object]:
        with self._lock:
            return {
                "endpoints": [e.state() for e in self._endpoints.values()],
                "requests": self._requests,
                "throttle": self._throttle_dict(),
                "rate_limit": asdict(self._rate_limit),
            }

    def set_count(self, count: int) -> None:
        """`count` endpoints: the demo ones first, then generated "Test endpoint N" ones."""
        if not _is_int(count) or count < 0:
            raise ValueError("count must be a non-negative integer")
        demo = demo_endpoints()
        chosen = demo[:count] + [_generated(n) for n in range(1, count - len(demo) + 1)]
        with self._lock:
            self._endpoints = {e.endpoint_id: e for e in chosen}
            self._stamp_registrations()

    def set_registered(self, endpoint_id: str, registered: bool) -> dict[str, object]:
        """Open or close the endpoint's softphone; KeyError if there is no such endpoint."""
        with self._lock:
            endpoint = self._endpoints[endpoint_id]
            endpoint.registered = registered
            endpoint.registered_at = datetime.now(UTC) if registered else None
            if registered and not endpoint.user_agent:
                endpoint.user_agent = "PHLO Desk sandbox softphone"
            return endpoint.state()

    def set_throttle(self, throttle: Throttle | None) -> None:
        with self._lock:
            self._throttle = throttle
            self._throttle_remaining = throttle.count if throttle else None

    def set_rate_limit(self, rate_limit: RateLimit) -> None:
        with self._lock:
            self._rate_limit = rate_limit
            self._answered.clear()

    # ---------------------------------------------------------------- the API

    def handle_api(self, request: HttpRequest, segments: list[str], *, authorised: bool) -> HttpResponse:
        """`segments`: the path after /v1/Account, without a trailing slash."""
        with self._lock:
            self._requests += 1
        if not authorised or unquote(segments[0]) != self.auth_id:
            # Sandbox choice: credentials for one account do not open another's path.
            return _error(401, "Authentication failed")
        if len(segments) not in (2, 3) or segments[1] != "Endpoint":
            return HttpResponse.json(404, {})
        if request.method != "GET":
            response = _error(405, "Method not allowed.")
            return replace(response, headers={**response.headers, "Allow": "GET"})
        refusal = self._refusal()
        if refusal is not None:
            return refusal
        if len(segments) == 3:
            return self._one(unquote(segments[2]))
        return self._page(request.query)

    def _refusal(self) -> HttpResponse | None:
        """429 while throttled or over the rate limit; otherwise counts this read as answered."""
        with self._lock:
            throttle = self._throttle
            if throttle is not None:
                if self._throttle_remaining is not None:
                    self._throttle_remaining -= 1
                    if self._throttle_remaining <= 0:
                        self._throttle = self._throttle_remaining = None
                return _too_many(throttle.retry_after)
            now = self._clock()
            limit = self._rate_limit
            while self._answered and self._answered[0] <= now - limit.window_s:
                self._answered.popleft()
            if len(self._answered) >= limit.requests:
                free_in = self._answered[0] + limit.window_s - now
                return _too_many(max(1, int(-(-free_in // 1))))  # whole seconds, rounded up
            self._answered.append(now)
            return None

    def _one(self, endpoint_id: str) -> HttpResponse:
        with self._lock:
            endpoint = self._endpoints.get(endpoint_id)
            body = endpoint.as_plivo(self.auth_id) if endpoint else None
        if body is None:
            return _error(404, "Endpoint not found")
        return HttpResponse.json(200, {"api_id": _api_id(), **body})

    def _page(self, query: str) -> HttpResponse:
        params = parse_qs(query)
        limit = _query_int(params, "limit", PAGE_LIMIT_MAX)
        offset = _query_int(params, "offset", 0)
        if limit is None or not 1 <= limit <= PAGE_LIMIT_MAX:
            return _error(400, f"limit must be an integer from 1 to {PAGE_LIMIT_MAX}.")
        if offset is None or offset < 0:
            return _error(400, "offset must be a non-negative integer.")
        with self._lock:
            everyone = list(self._endpoints.values())
            objects = [e.as_plivo(self.auth_id) for e in everyone[offset : offset + limit]]
        total = len(everyone)
        here = f"/v1/Account/{self.auth_id}/Endpoint/"
        meta = {
            "limit": limit,
            "offset": offset,
            "next": f"{here}?limit={limit}&offset={offset + limit}" if offset + limit < total else None,
            "previous": f"{here}?limit={limit}&offset={max(0, offset - limit)}" if offset > 0 else None,
            "total_count": total,
        }
        return HttpResponse.json(200, {"api_id": _api_id(), "meta": meta, "objects": objects})

    # --------------------------------------------------------------- control

    def handle_control(self, request: HttpRequest, route: list[str]) -> HttpResponse:
        """`route`: the path after /sandbox/endpoints."""
        if not route:
            return self._control_all(request)
        if route == ["throttle"]:
            return self._control_throttle(request)
        if route == ["rate-limit"]:
            return self._control_rate_limit(request)
        if len(route) == 1:
            return self._control_one(request, unquote(route[0]))
        return HttpResponse.json(404, {})

    def _control_all(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            body = _control_body(request, {"count"})
            if isinstance(body, HttpResponse):
                return body
            try:
                self.set_count(body.get("count"))  # type: ignore[arg-type]
            except ValueError as error:
                return HttpResponse.json(400, {"error": str(error)})
        elif request.method != "GET":
            return _method_not_allowed("GET, POST")
        return HttpResponse.json(200, self.snapshot())

    def _control_one(self, request: HttpRequest, endpoint_id: str) -> HttpResponse:
        if request.method == "GET":
            with self._lock:
                endpoint = self._endpoints.get(endpoint_id)
                state = endpoint.state() if endpoint else None
            return HttpResponse.json(200, state) if state else HttpResponse.json(404, {})
        if request.method != "POST":
            return _method_not_allowed("GET, POST")
        body = _control_body(request, {"registered"})
        if isinstance(body, HttpResponse):
            return body
        registered = body.get("registered")
        if not isinstance(registered, bool):
            return HttpResponse.json(400, {"error": "registered must be true or false"})
        try:
            return HttpResponse.json(200, self.set_registered(endpoint_id, registered))
        except KeyError:
            return HttpResponse.json(404, {})

    def _control_throttle(self, request: HttpRequest) -> HttpResponse:
        if request.method == "DELETE":
            self.set_throttle(None)
        elif request.method == "POST":
            body = _control_body(request, {"retry_after", "count"})
            if isinstance(body, HttpResponse):
                return body
            try:
                self.set_throttle(Throttle(**body))  # type: ignore[arg-type]
            except ValueError as error:
                return HttpResponse.json(400, {"error": f"invalid throttle: {error}"})
        elif request.method != "GET":
            return _method_not_allowed("GET, POST, DELETE")
        with self._lock:
            return HttpResponse.json(200, {"throttle": self._throttle_dict()})

    def _control_rate_limit(self, request: HttpRequest) -> HttpResponse:
        if request.method == "DELETE":
            self.set_rate_limit(RateLimit())
        elif request.method == "POST":
            body = _control_body(request, {"requests", "window_s"})
            if isinstance(body, HttpResponse):
                return body
            try:
                self.set_rate_limit(RateLimit(**body))  # type: ignore[arg-type]
            except ValueError as error:
                return HttpResponse.json(400, {"error": f"invalid rate limit: {error}"})
        elif request.method != "GET":
            return _method_not_allowed("GET, POST, DELETE")
        with self._lock:
            return HttpResponse.json(200, {"rate_limit": asdict(self._rate_limit)})

    def _throttle_dict(self) -> dict[str, object] | None:
        if self._throttle is None:
            return None
        return asdict(replace(self._throttle, count=self._throttle_remaining))

    def _stamp_registrations(self) -> None:
        now = datetime.now(UTC)
        for endpoint in self._endpoints.values():
            endpoint.registered_at = now if endpoint.registered else None


# -------------------------------------------------------------------- helpers


def _api_id() -> str:
    return str(uuid.uuid4())


def _error(status: int, message: str) -> HttpResponse:
    return HttpResponse.json(status, {"api_id": _api_id(), "error": message})


def _too_many(retry_after: int | str | None) -> HttpResponse:
    response = _error(429, "Too many requests")
    if retry_after is None:
        return response
    return replace(response, headers={**response.headers, "Retry-After": str(retry_after)})


def _method_not_allowed(allow: str) -> HttpResponse:
    response = HttpResponse.json(405, {"error": "Method not allowed."})
    return replace(response, headers={**response.headers, "Allow": allow})


def _query_int(params: dict[str, list[str]], name: str, default: int) -> int | None:
    """The parameter's value, `default` when absent, None when it is not a whole number."""
    values = params.get(name)
    if not values:
        return default
    text = values[-1].strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _control_body(request: HttpRequest, allowed: set[str]) -> dict[str, object] | HttpResponse:
    try:
        body = request.json()
    except (ValueError, UnicodeDecodeError):
        return HttpResponse.json(400, {"error": "the body must be JSON"})
    if not isinstance(body, dict):
        return HttpResponse.json(400, {"error": "the body must be a JSON object"})
    unknown = sorted(set(body) - allowed)
    if unknown:
        return HttpResponse.json(400, {"error": f"unknown field(s): {', '.join(unknown)}"})
    return body


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
