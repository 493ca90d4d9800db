"""The sandbox: the PHLO multi-party call API, simulated on loopback.

Routes (each with or without a trailing slash):

    GET  /v1/phlo/{phlo_id}
    GET  /v1/phlo/{phlo_id}/multi_party_call/{node_id}
    POST /v1/phlo/{phlo_id}/multi_party_call/{node_id}                    node action
    POST /v1/phlo/{phlo_id}/multi_party_call/{node_id}/members/{address}  member action

    GET    /sandbox/state    the simulated call (no auth, never faulted)
    POST   /sandbox/reset
    GET    /sandbox/faults
    POST   /sandbox/faults   {"mode", "status", "body", "content_type", "delay_ms", "count"}
    DELETE /sandbox/faults

    GET  /v1/Account/{auth_id}/Endpoint[/{endpoint_id}]   Plivo's Endpoint API (sandbox/endpoints.py)
    ...  /sandbox/endpoints[/...]                          its endpoints and limits (same module)

Faults apply to the PHLO routes only: a background Endpoint read must never use up a
fault staged for an action.

The control routes have no auth, which is why the server only binds loopback,
and why it refuses what a web page in the trainer's browser could send it: a
Host that is not its own address (DNS rebinding, on every route), a control
request from another Origin, and a control POST that is not application/json.
The Auth Token is never logged.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import secrets
import threading
import time
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from http import HTTPStatus
from urllib.parse import unquote

from phlo_desk.core.settings import is_loopback_host
from phlo_desk.sandbox.endpoints import SandboxEndpoints
from phlo_desk.sandbox.http import HttpRequest, HttpResponse, LoopbackServer
from phlo_desk.sandbox.state import SandboxCall, SandboxRejection

log = logging.getLogger(__name__)

DEFAULT_AUTH_ID = "MASANDBOX00000000001"  # 20 characters starting with MA, like a real one
DEFAULT_PHLO_ID = "5a4db0c0-0000-4000-8000-000000000001"
DEFAULT_NODE_ID = "5a4db0c0-0000-4000-8000-000000000002"
DEFAULT_TRIGGER_SOURCE = "+14155550123"

PHLO_NAME = "PHLO Desk sandbox"
NODE_NAME = "Multi-Party Call (sandbox)"

FAULT_MODES = ("answer", "drop", "hang")
NODE_PARAMS = ("action", "to", "role", "trigger_source")
MANDATORY_NODE_PARAMS = ("action", "to", "trigger_source")  # role defaults to agent


@dataclass(frozen=True)
class Fault:
    """How the sandbox misbehaves on /v1 requests, for training and tests.

    Every mode first waits `delay_ms`. Then "answer" replies `status`/`body`
    without touching the call, "drop" closes the connection without a reply
    (the call is untouched), and "hang" processes the request normally (a slow
    service: the action does take effect). `count` is how many requests it
    applies to before it clears itself; None means until cleared.
    `body=None` answers a JSON error body with a fresh api_id.
    """

    mode: str = "answer"
    status: int = 500
    body: str | None = None
    content_type: str = "application/json"
    delay_ms: int = 0
    count: int | None = None

    def __post_init__(self) -> None:
        if self.mode not in FAULT_MODES:
            raise ValueError(f"mode must be one of {', '.join(FAULT_MODES)}")
        if not _is_int(self.status) or not 100 <= self.status <= 599:
            raise ValueError("status must be an HTTP status code (100-599)")
        if self.body is not None and not isinstance(self.body, str):
            raise ValueError("body must be a string or null")
        if not isinstance(self.content_type, str) or not self.content_type:
            raise ValueError("content_type must be a non-empty string")
        if not _is_int(self.delay_ms) or self.delay_ms < 0:
            raise ValueError("delay_ms must be a non-negative integer")
        if self.count is not None and (not _is_int(self.count) or self.count < 1):
            raise ValueError("count must be a positive integer or null")

    @classmethod
    def from_dict(cls, data: object) -> Fault:
        """Build from the JSON of `POST /sandbox/faults`; ValueError if malformed."""
        if not isinstance(data, dict):
            raise ValueError("a fault is a JSON object")
        unknown = sorted(set(data) - {f for f in cls.__dataclass_fields__})
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(unknown)}")
        return cls(**data)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def response(self) -> HttpResponse:
        if self.body is None:
            reason = _reason(self.status)
            return HttpResponse.json(self.status, {"api_id": _api_id(), "error": reason})
        return HttpResponse(self.status, self.body.encode(), {"Content-Type": self.content_type})


class SandboxServer:
    """The simulated PHLO API on a loopback port, with its one simulated call."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        auth_id: str = DEFAULT_AUTH_ID,
        auth_token: str | None = None,
        phlo_id: str = DEFAULT_PHLO_ID,
        node_id: str = DEFAULT_NODE_ID,
        trigger_source: str = DEFAULT_TRIGGER_SOURCE,
    ) -> None:
        if not is_loopback_host(host):
            # The control routes are unauthenticated: never expose them.
            raise ValueError(f"the sandbox only listens on loopback, not {host!r}")
        self.auth_id = auth_id
        self.auth_token = auth_token if auth_token is not None else secrets.token_urlsafe(24)
        self.phlo_id = phlo_id
        self.node_id = node_id
        self.trigger_source = trigger_source
        self.call = SandboxCall(phlo_id, node_id, trigger_source)
        self.endpoints = SandboxEndpoints(auth_id)  # locks on its own
        self.created_on = datetime.now(UTC).isoformat(sep=" ")
        self._lock = threading.Lock()  # guards self.call and the fault
        self._fault: Fault | None = None
        self._fault_remaining: int | None = None
        self._http = LoopbackServer(self._handle, host, port)  # binds now: the port is known
        self._own_hosts = _own_hosts(self._http.url_host, self._http.port)
        self._own_origins = frozenset(f"http://{own}" for own in self._own_hosts)
        self._running = False
        self._stopped = False

    def __repr__(self) -> str:  # never the token
        return f"SandboxServer({self.api_base!r}, phlo_id={self.phlo_id!r})"

    # ------------------------------------------------------------- lifecycle

    @property
    def api_base(self) -> str:
        """Where the client points instead of https://phlorunner.plivo.com."""
        return self._http.url

    def start(self) -> SandboxServer:
        self._http.start()
        self._running = True
        return self

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._http.stop()
        self._running = False

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---------------------------------------------------------------- control

    def credentials(self) -> dict[str, str]:
        """Everything a client profile needs to talk to this sandbox."""
        return {
            "api_base": self.api_base,
            "auth_id": self.auth_id,
            "auth_token": self.auth_token,
            "phlo_id": self.phlo_id,
            "node_id": self.node_id,
            "trigger_source": self.trigger_source,
        }

    def snapshot(self) -> dict[str, object]:
        """The call's snapshot plus the fault in force (see SandboxCall.snapshot) and
        how many Endpoint API requests arrived."""
        with self._lock:
            data = self.call.snapshot()
            data["fault"] = self._current_fault_dict()
        data["endpoint_requests"] = self.endpoints.request_count
        return data

    def reset(self) -> None:
        """The initial call, and the demo endpoints with their counts and limits."""
        with self._lock:
            self.call.reset()
        self.endpoints.reset()

    @property
    def fault(self) -> Fault | None:
        """The fault in force, with `count` showing how many requests remain."""
        with self._lock:
            if self._fault is None:
                return None
            return replace(self._fault, count=self._fault_remaining)

    def set_fault(self, fault: Fault | None) -> None:
        with self._lock:
            self._fault = fault
            self._fault_remaining = fault.count if fault else None

    def _take_fault(self) -> Fault | None:
        """The fault for this request, consuming one of its count."""
        with self._lock:
            fault = self._fault
            if fault is not None and self._fault_remaining is not None:
                self._fault_remaining -= 1
                if self._fault_remaining <= 0:
                    self._fault = None
                    self._fault_remaining = None
            return fault

    def _current_fault_dict(self) -> dict[str, object] | None:
        if self._fault is None:
            return None
        return replace(self._fault, count=self._fault_remaining).as_dict()

    # ---------------------------------------------------------------- routing

    def _handle(self, request: HttpRequest) -> HttpResponse | None:
        if request.headers.get("host", "").strip().lower() not in self._own_hosts:
            # A DNS-rebinding page reaches loopback under its own name, which the
            # browser then treats as same-origin; only the Host header gives it away.
            own = " or ".join(sorted(self._own_hosts))
            return _error(403, f"Refused: the Host header must name this sandbox ({own}).")
        path = request.path
        if len(path) > 1 and path.endswith("/"):
            path = path[:-1]  # every SDK spelling: with or without the slash
        segments = path.split("/")[1:]  # raw, so an encoded "/" stays in its segment
        if segments[:2] == ["v1", "Account"] and len(segments) > 2:
            return self.endpoints.handle_api(request, segments[2:], authorised=self._authorised(request))
        if segments[:1] == ["v1"]:
            return self._handle_api(request, segments)
        if segments[:1] == ["sandbox"]:
            return self._refuse_web_pages(request) or self._handle_control(request, segments)
        return HttpResponse.json(404, {})

    def _refuse_web_pages(self, request: HttpRequest) -> HttpResponse | None:
        """Keep other sites' pages from steering the sandbox through the trainer's browser."""
        origin = request.headers.get("origin")
        if origin is not None and origin.strip().lower() not in self._own_origins:
            return _error(403, "Refused: control requests from another Origin are not accepted.")
        # A browser sends a cross-origin POST without asking first only as text/plain,
        # a form, or with no body at all; application/json needs a CORS preflight,
        # which the sandbox never approves (it sends no Access-Control-* headers).
        if request.method == "POST" and _media_type(request) != "application/json":
            return _error(415, "Control requests must be sent as Content-Type: application/json.")
        return None

    def _handle_control(self, request: HttpRequest, segments: list[str]) -> HttpResponse:
        route = "/".join(segments[1:])
        if segments[1:2] == ["endpoints"]:
            return self.endpoints.handle_control(request, segments[2:])
        if route == "state":
            if request.method != "GET":
                return _method_not_allowed("GET")
            return HttpResponse.json(200, self.snapshot())
        if route == "reset":
            if request.method != "POST":
                return _method_not_allowed("POST")
            self.reset()
            return HttpResponse.json(200, self.snapshot())
        if route == "faults":
            if request.method == "GET":
                return HttpResponse.json(200, {"fault": _fault_dict(self.fault)})
            if request.method == "DELETE":
                self.set_fault(None)
                return HttpResponse.json(200, {"fault": None})
            if request.method == "POST":
                try:
                    fault = Fault.from_dict(request.json())
                except (ValueError, TypeError) as error:  # JSONDecodeError is a ValueError
                    return HttpResponse.json(400, {"error": f"invalid fault: {error}"})
                self.set_fault(fault)
                return HttpResponse.json(200, {"fault": fault.as_dict()})
            return _method_not_allowed("GET, POST, DELETE")
        return HttpResponse.json(404, {})

    def _handle_api(self, request: HttpRequest, segments: list[str]) -> HttpResponse | None:
        fault = self._take_fault()
        if fault is not None:
            time.sleep(fault.delay_ms / 1000)
            if fault.mode == "answer":
                return fault.response()
            if fault.mode == "drop":
                return None  # the caller cannot know whether the action happened
            # "hang": slow, then business as usual

        if not self._authorised(request):
            return _error(401, "Authentication failed")

        # v1 / phlo / {phlo_id} [/ multi_party_call / {node_id} [/ members / {address}]]
        if len(segments) not in (3, 5, 7) or segments[1] != "phlo":
            return HttpResponse.json(404, {})
        if len(segments) >= 5 and segments[3] != "multi_party_call":
            return HttpResponse.json(404, {})
        if len(segments) == 7 and segments[5] != "members":
            return HttpResponse.json(404, {})
        if segments[2] != self.phlo_id or (len(segments) >= 5 and segments[4] != self.node_id):
            return HttpResponse.json(404, {})

        if len(segments) == 3:
            if request.method != "GET":
                return _method_not_allowed("GET")
            return HttpResponse.json(
                200,
                {
                    "api_id": _api_id(),
                    "phlo_id": self.phlo_id,
                    "name": PHLO_NAME,
                    "created_on": self.created_on,
                },
            )
        if len(segments) == 5:
            if request.method == "GET":
                return HttpResponse.json(
                    200,
                    {
                        "api_id": _api_id(),
                        "node_id": self.node_id,
                        "phlo_id": self.phlo_id,
                        "name": NODE_NAME,
                        "node_type": "multi_party_call",
                        "created_on": self.created_on,
                    },
                )
            if request.method != "POST":
                return _method_not_allowed("GET, POST")
            return self._node_action(request)
        if request.method != "POST":
            return _method_not_allowed("POST")
        return self._member_action(request, unquote(segments[6]))

    def _authorised(self, request: HttpRequest) -> bool:
        scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        user, colon, password = decoded.partition(b":")
        # Both compared in full, so timing tells nothing about which one was wrong.
        user_ok = hmac.compare_digest(user, self.auth_id.encode())
        password_ok = hmac.compare_digest(password, self.auth_token.encode())
        return bool(colon) and user_ok and password_ok

    # ---------------------------------------------------------------- actions

    def _node_action(self, request: HttpRequest) -> HttpResponse:
        body = _json_object(request)
        if isinstance(body, HttpResponse):
            return body
        problem = _check_params(body, mandatory=MANDATORY_NODE_PARAMS, allowed=NODE_PARAMS)
        if problem:
            return _error(400, problem)
        api_id = _api_id()
        with self._lock:
            try:
                message = self.call.apply(
                    body["action"],
                    body["to"],
                    body.get("role", "agent"),
                    body["trigger_source"],
                    api_id=api_id,
                )
            except SandboxRejection as rejection:
                return _error(400, rejection.message, api_id)
        log.info("sandbox %s: %s", body["action"], message)
        return HttpResponse.json(201, {"api_id": api_id, "error": ""})

    def _member_action(self, request: HttpRequest, member: str) -> HttpResponse:
        body = _json_object(request)
        if isinstance(body, HttpResponse):
            return body
        problem = _check_params(body, mandatory=("action",), allowed=("action",))
        if problem:
            return _error(400, problem)
        api_id = _api_id()
        with self._lock:
            try:
                message = self.call.apply_member(member, body["action"], api_id=api_id)
            except SandboxRejection as rejection:
                return _error(400, rejection.message, api_id)
        log.info("sandbox %s: %s", body["action"], message)
        return HttpResponse.json(201, {"api_id": api_id, "error": ""})


# -------------------------------------------------------------------- helpers


def _api_id() -> str:
    return str(uuid.uuid4())


def _own_hosts(address: str, port: int) -> frozenset[str]:
    """The Host headers that name this server: its address or localhost, with its port."""
    names = (address, "localhost")
    hosts = {f"{name}:{port}" for name in names}
    if port == 80:  # clients leave the default port out
        hosts.update(names)
    return frozenset(hosts)


def _media_type(request: HttpRequest) -> str:
    return request.headers.get("content-type", "").partition(";")[0].strip().lower()


def _error(status: int, message: str, api_id: str | None = None) -> HttpResponse:
    return HttpResponse.json(status, {"api_id": api_id or _api_id(), "error": message})


def _method_not_allowed(allow: str) -> HttpResponse:
    response = _error(405, "Method not allowed.")
    return replace(response, headers={**response.headers, "Allow": allow})


def _json_object(request: HttpRequest) -> dict[str, object] | HttpResponse:
    try:
        body = request.json()
    except (ValueError, UnicodeDecodeError):
        return _error(400, "Invalid JSON in request body.")
    if not isinstance(body, dict):
        return _error(400, "Request body must be a JSON object.")
    return body


def _check_params(
    body: dict[str, object], mandatory: tuple[str, ...], allowed: tuple[str, ...]
) -> str | None:
    """The first problem with the body's keys and types, as the API words it."""
    for param in mandatory:
        if param not in body:
            return f"{param} is a mandatory param."
    for param in sorted(body):
        if param not in allowed:
            return f"{param} is not a valid param."
    for param in allowed:
        # Values are checked by the call; only strings can be valid ones.
        if param in body and not isinstance(body[param], str):
            return f"Invalid value provided for {param}."
    return None


def _fault_dict(fault: Fault | None) -> dict[str, object] | None:
    return fault.as_dict() if fault else None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


