"""The sandbox over real HTTP on 127.0.0.1: routes, auth, errors, faults, speed."""

from __future__ import annotations

import base64
import http.client
import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
import requests

from phlo_desk.sandbox import (
    DEFAULT_AUTH_ID,
    DEFAULT_CUSTOMER,
    DEFAULT_NODE_ID,
    DEFAULT_PHLO_ID,
    DEFAULT_TRIGGER_SOURCE,
    Fault,
    SandboxServer,
)

AGENT = DEFAULT_TRIGGER_SOURCE
TARGET = "+14152225555"


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


@pytest.fixture
def session(sandbox: SandboxServer) -> Iterator[requests.Session]:
    with requests.Session() as s:
        s.auth = (sandbox.auth_id, sandbox.auth_token)
        s.headers.update({"Content-Type": "application/json", "Accept": "application/json"})
        yield s


def node_url(sandbox: SandboxServer, slash: str = "") -> str:
    return f"{sandbox.api_base}/v1/phlo/{sandbox.phlo_id}/multi_party_call/{sandbox.node_id}{slash}"


def member_url(sandbox: SandboxServer, address: str, slash: str = "") -> str:
    return f"{node_url(sandbox)}/members/{quote(address, safe='+')}{slash}"


def node_body(action: str = "call", to: str = TARGET, **extra: object) -> dict[str, object]:
    return {"action": action, "to": to, "role": "agent", "trigger_source": AGENT, **extra}


def states(sandbox: SandboxServer) -> dict[str, str]:
    return {m["address"]: m["state"] for m in sandbox.snapshot()["members"]}


def call_state(sandbox: SandboxServer) -> dict[str, object]:
    snapshot = sandbox.snapshot()
    return {k: snapshot[k] for k in ("phase", "revision", "transfer")} | {
        "members": [(m["address"], m["state"]) for m in snapshot["members"]]
    }


def assert_api_id(value: object) -> None:
    assert isinstance(value, str)
    assert uuid.UUID(value).version == 4


def port_of(sandbox: SandboxServer) -> int:
    return int(sandbox.api_base.rsplit(":", 1)[1])


def raw_request(
    sandbox: SandboxServer,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    connect_to: str = "127.0.0.1",
) -> tuple[int, dict[str, str], bytes]:
    """One request with exactly the headers given (a Host among them replaces the usual one)."""
    connection = http.client.HTTPConnection(connect_to, port_of(sandbox), timeout=5)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def ipv6_loopback_available() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


needs_ipv6 = pytest.mark.skipif(not ipv6_loopback_available(), reason="no IPv6 loopback here")


# ---------------------------------------------------------------- defaults


def test_default_ids_look_real(sandbox: SandboxServer) -> None:
    assert len(DEFAULT_AUTH_ID) == 20 and DEFAULT_AUTH_ID.startswith("MA")
    uuid.UUID(DEFAULT_PHLO_ID)
    uuid.UUID(DEFAULT_NODE_ID)
    assert sandbox.credentials() == {
        "api_base": sandbox.api_base,
        "auth_id": DEFAULT_AUTH_ID,
        "auth_token": sandbox.auth_token,
        "phlo_id": DEFAULT_PHLO_ID,
        "node_id": DEFAULT_NODE_ID,
        "trigger_source": AGENT,
    }
    assert sandbox.api_base.startswith("http://127.0.0.1:")
    assert len(sandbox.auth_token) >= 20
    assert sandbox.auth_token not in repr(sandbox)


def test_tokens_are_random_unless_given() -> None:
    with SandboxServer() as a, SandboxServer() as b:
        assert a.auth_token != b.auth_token
    server = SandboxServer(auth_token="fixed")
    assert server.auth_token == "fixed"
    server.stop()  # never started: must still release the port, and not hang


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com", ""])
def test_only_loopback(host: str) -> None:
    with pytest.raises(ValueError):
        SandboxServer(host=host)


@needs_ipv6
def test_ipv6_loopback_serves_the_api_and_the_controls() -> None:
    with SandboxServer(host="::1") as sandbox:
        assert sandbox.api_base == f"http://[::1]:{port_of(sandbox)}"
        # requests sends "Host: [::1]:PORT", which the sandbox must take as its own.
        auth = (sandbox.auth_id, sandbox.auth_token)
        response = requests.post(node_url(sandbox), json=node_body(), auth=auth, timeout=5)
        assert response.status_code == 201, response.text
        state = requests.get(f"{sandbox.api_base}/sandbox/state", timeout=5).json()
        assert TARGET in {m["address"] for m in state["members"]}
        reset = requests.post(f"{sandbox.api_base}/sandbox/reset", json={}, timeout=5)
        assert reset.status_code == 200
        assert TARGET not in states(sandbox)


@needs_ipv6
@pytest.mark.parametrize(
    ("host", "status"),
    [("[::1]:{port}", 200), ("localhost:{port}", 200), ("127.0.0.1:{port}", 403)],
)
def test_ipv6_sandbox_knows_its_own_host(host: str, status: int) -> None:
    with SandboxServer(host="::1") as sandbox:
        headers = {"Host": host.format(port=port_of(sandbox))}
        answer = raw_request(sandbox, "GET", "/sandbox/state", headers, connect_to="::1")
        assert answer[0] == status


def test_localhost_binds_ipv4_loopback() -> None:
    with SandboxServer(host="localhost") as sandbox:
        assert sandbox.api_base == f"http://127.0.0.1:{port_of(sandbox)}"
        assert requests.get(f"{sandbox.api_base}/sandbox/state", timeout=5).status_code == 200


# ------------------------------------------------------------ node actions


@pytest.mark.parametrize("slash", ["", "/"])
def test_node_action_answers_201_with_a_fresh_api_id(
    sandbox: SandboxServer, session: requests.Session, slash: str
) -> None:
    first = session.post(node_url(sandbox, slash), json=node_body(to=TARGET))
    second = session.post(node_url(sandbox, slash), json=node_body(to="+14152226666"))
    assert first.status_code == second.status_code == 201
    assert first.headers["Content-Type"] == "application/json"
    assert first.json()["error"] == ""
    assert_api_id(first.json()["api_id"])
    assert first.json()["api_id"] != second.json()["api_id"]
    assert set(first.json()) == {"api_id", "error"}
    assert states(sandbox)[TARGET] == "connected"
    # The sandbox's log ties each event to the api_id support would ask for.
    assert sandbox.snapshot()["events"][0]["api_id"] == first.json()["api_id"]


def test_role_is_optional(sandbox: SandboxServer, session: requests.Session) -> None:
    body = node_body()
    del body["role"]
    assert session.post(node_url(sandbox), json=body).status_code == 201
    member = next(m for m in sandbox.snapshot()["members"] if m["address"] == TARGET)
    assert member["role"] == "agent"


@pytest.mark.parametrize("missing", ["action", "to", "trigger_source"])
def test_missing_param(sandbox: SandboxServer, session: requests.Session, missing: str) -> None:
    body = node_body()
    del body[missing]
    response = session.post(node_url(sandbox), json=body)
    assert response.status_code == 400
    assert response.json()["error"] == f"{missing} is a mandatory param."
    assert_api_id(response.json()["api_id"])


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("action", "transfer"),
        ("action", 1),
        ("to", "not a number"),
        ("to", 14152225555),
        ("role", "boss"),
        ("role", None),
        ("trigger_source", "+0123"),
    ],
)
def test_invalid_value(
    sandbox: SandboxServer, session: requests.Session, param: str, value: object
) -> None:
    before = call_state(sandbox)
    response = session.post(node_url(sandbox), json=node_body(**{param: value}))
    assert response.status_code == 400
    assert response.json()["error"] == f"Invalid value provided for {param}."
    assert call_state(sandbox) == before


def test_extra_param_is_refused(sandbox: SandboxServer, session: requests.Session) -> None:
    response = session.post(node_url(sandbox), json=node_body(urgent=True))
    assert response.status_code == 400
    assert "urgent" in response.json()["error"]
    assert TARGET not in states(sandbox)


@pytest.mark.parametrize("body", [b"", b"action=call", b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_body_that_is_not_a_json_object(
    sandbox: SandboxServer, session: requests.Session, body: bytes
) -> None:
    response = session.post(node_url(sandbox), data=body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert_api_id(response.json()["api_id"])


def test_state_machine_rejection_is_400(sandbox: SandboxServer, session: requests.Session) -> None:
    response = session.post(node_url(sandbox), json=node_body(trigger_source="+14152229999"))
    assert response.status_code == 400
    assert response.json()["error"] == "trigger_source +14152229999 is not in this call"


# ---------------------------------------------------------- member actions


@pytest.mark.parametrize("slash", ["", "/"])
@pytest.mark.parametrize("spelling", [DEFAULT_CUSTOMER, DEFAULT_CUSTOMER.lstrip("+")])
def test_member_action_with_phone_number(
    sandbox: SandboxServer, session: requests.Session, slash: str, spelling: str
) -> None:
    response = session.post(member_url(sandbox, spelling, slash), json={"action": "hold"})
    assert response.status_code == 201, response.text
    assert_api_id(response.json()["api_id"])
    assert states(sandbox)[DEFAULT_CUSTOMER] == "on_hold"


def test_member_path_keeps_a_literal_plus(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    url = f"{node_url(sandbox)}/members/{DEFAULT_CUSTOMER}"  # "+" not encoded
    assert session.post(url, json={"action": "hangup"}).status_code == 201
    assert states(sandbox)[DEFAULT_CUSTOMER] == "left"


def test_member_action_with_percent_encoded_sip_address(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    sip = "sip:john1234@phone.plivo.com"
    assert session.post(node_url(sandbox), json=node_body(to=sip)).status_code == 201
    url = f"{node_url(sandbox)}/members/{quote(sip, safe='')}"
    assert "%3A" in url and "%40" in url
    response = session.post(url, json={"action": "hangup"})
    assert response.status_code == 201, response.text
    assert states(sandbox)[sip] == "left"


def test_member_body_must_be_exactly_action(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    url = member_url(sandbox, DEFAULT_CUSTOMER)
    cases = [
        ({}, "action is a mandatory param."),
        ({"action": "mute"}, "Invalid value provided for action."),
        ({"action": "hold", "reason": "x"}, "reason is not a valid param."),
    ]
    for body, error in cases:
        response = session.post(url, json=body)
        assert (response.status_code, response.json()["error"]) == (400, error)
    assert session.post(url, data=b"hold").status_code == 400
    assert states(sandbox)[DEFAULT_CUSTOMER] == "connected"


def test_unknown_member_is_400(sandbox: SandboxServer, session: requests.Session) -> None:
    response = session.post(member_url(sandbox, "+14152229999"), json={"action": "hangup"})
    assert response.status_code == 400
    assert response.json()["error"] == "member +14152229999 is not in this call"


def test_warm_transfer_shows_in_state_endpoint_and_abort_ends_it(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    response = session.post(node_url(sandbox), json=node_body("warm_transfer"))
    assert response.status_code == 201
    state = requests.get(f"{sandbox.api_base}/sandbox/state").json()  # no auth needed
    assert state["phase"] == "consulting"
    assert state["transfer"] == {
        "initiator": AGENT,
        "target": TARGET,
        "on_hold": [DEFAULT_CUSTOMER],
    }
    assert {m["address"]: m["state"] for m in state["members"]} == {
        AGENT: "consulting",
        DEFAULT_CUSTOMER: "on_hold",
        TARGET: "consulting",
    }
    again = session.post(node_url(sandbox), json=node_body("cold_transfer", to="+14152226666"))
    assert (again.status_code, again.json()["error"]) == (400, "a transfer is already in progress")

    wrong = session.post(member_url(sandbox, TARGET), json={"action": "abort_transfer"})
    assert wrong.status_code == 400
    assert session.post(member_url(sandbox, AGENT), json={"action": "abort_transfer"}).ok
    assert states(sandbox) == {AGENT: "connected", DEFAULT_CUSTOMER: "connected", TARGET: "left"}


def test_reset(sandbox: SandboxServer, session: requests.Session) -> None:
    session.post(node_url(sandbox), json=node_body("cold_transfer"))
    response = requests.post(f"{sandbox.api_base}/sandbox/reset/", json={})
    assert response.status_code == 200
    assert response.json()["phase"] == "active"
    assert states(sandbox) == {AGENT: "connected", DEFAULT_CUSTOMER: "connected"}


# ------------------------------------------------------------------ reads


@pytest.mark.parametrize("slash", ["", "/"])
def test_get_phlo(sandbox: SandboxServer, session: requests.Session, slash: str) -> None:
    response = session.get(f"{sandbox.api_base}/v1/phlo/{sandbox.phlo_id}{slash}")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"api_id", "phlo_id", "name", "created_on"}
    assert body["phlo_id"] == sandbox.phlo_id
    assert_api_id(body["api_id"])


@pytest.mark.parametrize("slash", ["", "/"])
def test_get_node(sandbox: SandboxServer, session: requests.Session, slash: str) -> None:
    revision = sandbox.snapshot()["revision"]
    response = session.get(node_url(sandbox, slash))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"api_id", "node_id", "phlo_id", "name", "node_type", "created_on"}
    assert (body["node_id"], body["phlo_id"], body["node_type"]) == (
        sandbox.node_id,
        sandbox.phlo_id,
        "multi_party_call",
    )
    assert sandbox.snapshot()["revision"] == revision  # reads have no side effects


# ------------------------------------------------------- auth, 404, 405


@pytest.mark.parametrize(
    "auth",
    [None, (DEFAULT_AUTH_ID, "wrong"), ("MAWRONG0000000000001", "x"), ("", "")],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_bad_credentials_are_401(sandbox: SandboxServer, auth, method: str) -> None:
    response = requests.request(method, node_url(sandbox), auth=auth, json=node_body())
    assert response.status_code == 401
    assert response.json()["error"] == "Authentication failed"
    assert_api_id(response.json()["api_id"])
    assert TARGET not in states(sandbox)


def test_right_id_with_other_servers_token_is_401(sandbox: SandboxServer) -> None:
    response = requests.get(node_url(sandbox), auth=(sandbox.auth_id, sandbox.auth_token + "x"))
    assert response.status_code == 401


def test_garbage_authorization_header_is_401(sandbox: SandboxServer) -> None:
    for header in ["Basic !!!", "Bearer abc", "Basic", "Basic " + "bm9jb2xvbg=="]:
        response = requests.get(node_url(sandbox), headers={"Authorization": header})
        assert response.status_code == 401, header


def test_auth_is_checked_before_404(sandbox: SandboxServer) -> None:
    response = requests.get(f"{sandbox.api_base}/v1/phlo/unknown")
    assert response.status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        f"/v1/phlo/{uuid.uuid4()}",
        f"/v1/phlo/{uuid.uuid4()}/multi_party_call/{DEFAULT_NODE_ID}",
        f"/v1/phlo/{DEFAULT_PHLO_ID}/multi_party_call/{uuid.uuid4()}",
        f"/v1/phlo/{DEFAULT_PHLO_ID}/multi_party_call/{uuid.uuid4()}/",
        f"/v1/phlo/{DEFAULT_PHLO_ID}/multi_party_call/{uuid.uuid4()}/members/%2B14155550100",
        f"/v1/phlo/{DEFAULT_PHLO_ID}/other/{DEFAULT_NODE_ID}",
        "/v1/phlo",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unknown_phlo_or_node_is_404_with_empty_object(
    sandbox: SandboxServer, session: requests.Session, path: str, method: str
) -> None:
    response = session.request(method, sandbox.api_base + path, json=node_body())
    assert response.status_code == 404
    assert response.json() == {}


def test_other_methods_are_405(sandbox: SandboxServer, session: requests.Session) -> None:
    cases = [
        ("POST", f"{sandbox.api_base}/v1/phlo/{sandbox.phlo_id}"),
        ("DELETE", node_url(sandbox)),
        ("PUT", node_url(sandbox, "/")),
        ("GET", member_url(sandbox, DEFAULT_CUSTOMER)),
        ("PATCH", member_url(sandbox, DEFAULT_CUSTOMER)),
        ("POST", f"{sandbox.api_base}/sandbox/state"),
        ("GET", f"{sandbox.api_base}/sandbox/reset"),
    ]
    for method, url in cases:
        response = session.request(method, url, json={"action": "hangup"})
        assert response.status_code == 405, (method, url)
    assert states(sandbox)[DEFAULT_CUSTOMER] == "connected"


# ------------------------------------------------------------------ faults


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (500, '{"api_id": "x", "error": "server error"}', "application/json"),
        (429, '{"error": "Too many requests"}', "application/json"),
        (502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
    ],
)
def test_answer_fault_replies_instead_and_leaves_state(
    sandbox: SandboxServer, session: requests.Session, status: int, body: str, content_type: str
) -> None:
    fault = {"mode": "answer", "status": status, "body": body, "content_type": content_type}
    assert requests.post(f"{sandbox.api_base}/sandbox/faults", json=fault).status_code == 200
    before = call_state(sandbox)
    for _ in range(2):  # no count: until cleared
        response = session.post(node_url(sandbox), json=node_body("warm_transfer"))
        assert (response.status_code, response.text) == (status, body)
        assert response.headers["Content-Type"] == content_type
    assert call_state(sandbox) == before
    # The control routes are never faulted, and deleting the fault restores service.
    assert requests.delete(f"{sandbox.api_base}/sandbox/faults").json() == {"fault": None}
    assert session.post(node_url(sandbox), json=node_body("warm_transfer")).status_code == 201


def test_answer_fault_without_body_gives_a_json_error(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    sandbox.set_fault(Fault("answer", status=503))
    response = session.get(node_url(sandbox))
    assert response.status_code == 503
    assert response.json()["error"] == "Service Unavailable"


def test_answer_fault_applies_even_without_credentials(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault("answer", status=500, body=""))
    response = requests.get(node_url(sandbox))
    assert (response.status_code, response.text) == (500, "")


def test_drop_fault_closes_without_answer_and_leaves_state(sandbox: SandboxServer) -> None:
    requests.post(f"{sandbox.api_base}/sandbox/faults", json={"mode": "drop", "count": 1})
    before = call_state(sandbox)
    port = int(sandbox.api_base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    path = node_url(sandbox).removeprefix(sandbox.api_base)
    auth = requests.auth._basic_auth_str(sandbox.auth_id, sandbox.auth_token)
    connection.request(
        "POST",
        path,
        body=json.dumps(node_body()),
        headers={"Authorization": auth, "Content-Type": "application/json"},
    )
    with pytest.raises(http.client.RemoteDisconnected):
        connection.getresponse()
    connection.close()
    assert call_state(sandbox) == before
    assert sandbox.fault is None  # count 1: used up


def test_drop_fault_with_requests(sandbox: SandboxServer, session: requests.Session) -> None:
    sandbox.set_fault(Fault("drop", count=1))
    with pytest.raises(requests.ConnectionError):
        session.post(node_url(sandbox), json=node_body())
    assert TARGET not in states(sandbox)
    assert session.post(node_url(sandbox), json=node_body()).status_code == 201


def test_hang_fault_delays_then_applies(sandbox: SandboxServer, session: requests.Session) -> None:
    sandbox.set_fault(Fault("hang", delay_ms=300, count=1))
    started = time.monotonic()
    response = session.post(node_url(sandbox), json=node_body())
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 201
    assert states(sandbox)[TARGET] == "connected"
    # A client that gives up before the reply leaves the outcome unknown: it happened.
    sandbox.set_fault(Fault("hang", delay_ms=400, count=1))
    with pytest.raises(requests.Timeout):
        session.post(node_url(sandbox), json=node_body(to="+14152226666"), timeout=0.1)
    deadline = time.monotonic() + 5
    while states(sandbox).get("+14152226666") != "connected" and time.monotonic() < deadline:
        time.sleep(0.02)
    assert states(sandbox)["+14152226666"] == "connected"


def test_delay_applies_to_answer_faults_too(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    sandbox.set_fault(Fault("answer", status=500, delay_ms=200, count=1))
    started = time.monotonic()
    assert session.get(node_url(sandbox)).status_code == 500
    assert time.monotonic() - started >= 0.2


def test_fault_count_clears_itself(sandbox: SandboxServer, session: requests.Session) -> None:
    response = requests.post(
        f"{sandbox.api_base}/sandbox/faults", json={"mode": "answer", "status": 500, "count": 2}
    )
    assert response.json()["fault"]["count"] == 2
    assert session.get(node_url(sandbox)).status_code == 500
    assert requests.get(f"{sandbox.api_base}/sandbox/faults").json()["fault"]["count"] == 1
    assert requests.get(f"{sandbox.api_base}/sandbox/state").status_code == 200  # not counted
    assert session.get(node_url(sandbox)).status_code == 500
    assert sandbox.snapshot()["fault"] is None
    assert session.get(node_url(sandbox)).status_code == 200


@pytest.mark.parametrize(
    "fault",
    [
        {"mode": "explode"},
        {"status": "500"},
        {"status": 99},
        {"delay_ms": -1},
        {"count": 0},
        {"count": True},
        {"colour": "red"},
        ["answer"],
    ],
)
def test_invalid_fault_is_400(sandbox: SandboxServer, fault: object) -> None:
    response = requests.post(f"{sandbox.api_base}/sandbox/faults", json=fault)
    assert response.status_code == 400
    assert "invalid fault" in response.json()["error"]
    assert sandbox.fault is None


def test_non_json_fault_is_400(sandbox: SandboxServer) -> None:
    response = requests.post(
        f"{sandbox.api_base}/sandbox/faults",
        data=b"drop",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert sandbox.fault is None


# --------------------------------------- who may steer it: CSRF, rebinding

NODE_PATH = f"/v1/phlo/{DEFAULT_PHLO_ID}/multi_party_call/{DEFAULT_NODE_ID}"
CONTROL_ROUTES = [
    ("GET", "/sandbox/state", None),
    ("POST", "/sandbox/reset", b"{}"),
    ("POST", "/sandbox/faults", b'{"mode": "drop"}'),
    ("DELETE", "/sandbox/faults", None),
]
EVERY_ROUTE = CONTROL_ROUTES + [
    ("GET", NODE_PATH, None),
    ("POST", NODE_PATH, json.dumps(node_body(to="+14152226666")).encode()),
]


def route_id(route: tuple[str, str, bytes | None]) -> str:
    return f"{route[0]} {route[1]}"


def json_headers(sandbox: SandboxServer, **extra: str) -> dict[str, str]:
    auth = requests.auth._basic_auth_str(sandbox.auth_id, sandbox.auth_token)
    return {"Authorization": auth, "Content-Type": "application/json", **extra}


@pytest.fixture
def steered(sandbox: SandboxServer, session: requests.Session) -> SandboxServer:
    """A call in progress and a fault in force: what a refused request must leave alone."""
    assert session.post(node_url(sandbox), json=node_body()).status_code == 201
    sandbox.set_fault(Fault("answer", status=503, count=5))
    return sandbox


def untouched(sandbox: SandboxServer) -> tuple[dict[str, object], Fault | None]:
    return call_state(sandbox), sandbox.fault


@pytest.mark.parametrize("route", EVERY_ROUTE, ids=route_id)
@pytest.mark.parametrize(
    "host",
    [
        "attacker.example:{port}",  # DNS rebinding: the page's own name, our address
        "attacker.example",
        "127.0.0.1:{other}",
        "127.0.0.2:{port}",
        "[::1]:{port}",  # it does not listen there
        "127.0.0.1",
    ],
)
def test_a_foreign_host_is_refused_on_every_route(
    steered: SandboxServer, route: tuple[str, str, bytes | None], host: str
) -> None:
    method, path, body = route
    port = port_of(steered)
    before = untouched(steered)
    headers = json_headers(steered, Host=host.format(port=port, other=port + 1))
    status, response_headers, answer = raw_request(steered, method, path, headers, body)
    assert status == 403
    assert response_headers["content-type"] == "application/json"
    assert "Host" in json.loads(answer)["error"]
    assert untouched(steered) == before  # not reset, no fault set, cleared or used up


def test_on_port_80_the_host_may_leave_the_port_out() -> None:
    try:
        sandbox = SandboxServer(port=80)
    except OSError:
        pytest.skip("port 80 cannot be bound here")
    with sandbox:
        assert sandbox.api_base == "http://127.0.0.1:80"
        # requests leaves the default port out: "Host: 127.0.0.1".
        assert requests.get(f"{sandbox.api_base}/sandbox/state", timeout=5).status_code == 200
        for host, status in [("localhost", 200), ("attacker.example", 403)]:
            assert raw_request(sandbox, "GET", "/sandbox/state", {"Host": host})[0] == status


def test_a_request_without_host_is_refused(steered: SandboxServer) -> None:
    before = untouched(steered)
    connection = http.client.HTTPConnection("127.0.0.1", port_of(steered), timeout=5)
    connection.putrequest("POST", "/sandbox/reset", skip_host=True)
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", "2")
    connection.endheaders(b"{}")
    response = connection.getresponse()
    assert response.status == 403
    assert "Host" in json.loads(response.read())["error"]
    connection.close()
    assert untouched(steered) == before


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}"])
def test_its_own_host_in_any_spelling_is_served(sandbox: SandboxServer, host: str) -> None:
    headers = {"Host": host.format(port=port_of(sandbox))}
    assert raw_request(sandbox, "GET", "/sandbox/state", headers)[0] == 200
    headers["Content-Type"] = "application/json"
    assert raw_request(sandbox, "POST", "/sandbox/faults", headers, b'{"mode": "drop"}')[0] == 200
    assert sandbox.fault == Fault("drop")


@pytest.mark.parametrize("route", CONTROL_ROUTES, ids=route_id)
@pytest.mark.parametrize(
    "origin",
    [
        "http://attacker.example",
        "null",  # sandboxed frames, some redirects, file: pages
        "http://127.0.0.1:{other}",
        "https://127.0.0.1:{port}",
        "http://127.0.0.1:{port}.attacker.example",
        "",
    ],
)
def test_a_control_request_from_another_origin_is_refused(
    steered: SandboxServer, route: tuple[str, str, bytes | None], origin: str
) -> None:
    method, path, body = route
    port = port_of(steered)
    before = untouched(steered)
    headers = json_headers(steered, Origin=origin.format(port=port, other=port + 1))
    status, _, answer = raw_request(steered, method, path, headers, body)
    assert status == 403
    assert "Origin" in json.loads(answer)["error"]
    assert untouched(steered) == before


@pytest.mark.parametrize("origin", ["http://127.0.0.1:{port}", "http://localhost:{port}"])
def test_a_control_request_from_its_own_origin_is_served(
    sandbox: SandboxServer, origin: str
) -> None:
    headers = json_headers(sandbox, Origin=origin.format(port=port_of(sandbox)))
    status, _, _ = raw_request(sandbox, "POST", "/sandbox/faults", headers, b'{"mode": "drop"}')
    assert status == 200
    assert sandbox.fault == Fault("drop")


@pytest.mark.parametrize(
    "content_type",
    [
        None,  # what a bodiless no-cors fetch or a bare form-less POST sends
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonp",
        "application/json-seq",
    ],
)
@pytest.mark.parametrize(
    ("path", "body"),
    [("/sandbox/reset", None), ("/sandbox/reset", b"{}"), ("/sandbox/faults", b'{"mode": "drop"}')],
)
def test_a_control_post_that_is_not_json_is_415(
    steered: SandboxServer, content_type: str | None, path: str, body: bytes | None
) -> None:
    before = untouched(steered)
    headers = {"Content-Type": content_type} if content_type else {}
    status, _, answer = raw_request(steered, "POST", path, headers, body)
    assert status == 415
    assert "application/json" in json.loads(answer)["error"]
    assert untouched(steered) == before


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "Application/JSON"])
def test_a_json_content_type_with_parameters_is_json(
    steered: SandboxServer, content_type: str
) -> None:
    headers = {"Content-Type": content_type}
    assert raw_request(steered, "POST", "/sandbox/reset", headers)[0] == 200
    assert TARGET not in states(steered)


def test_a_cors_preflight_is_never_approved(sandbox: SandboxServer) -> None:
    # Without an approved preflight a browser never sends a cross-origin JSON POST or a DELETE.
    headers = {
        "Origin": "http://attacker.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    for path in ["/sandbox/faults", "/sandbox/reset", NODE_PATH]:
        status, response_headers, _ = raw_request(sandbox, "OPTIONS", path, headers)
        assert not 200 <= status < 300, path
        assert not any(name.startswith("access-control-") for name in response_headers), path


# ----------------------------------------------------- speed and concurrency


def test_keep_alive_requests_are_fast(sandbox: SandboxServer, session: requests.Session) -> None:
    # A guard against Nagle's algorithm (~40 ms per keep-alive request), not a benchmark.
    session.get(node_url(sandbox))  # open the connection
    started = time.perf_counter()
    for i in range(50):
        response = session.post(node_url(sandbox), json=node_body(to=f"+1415300{i:04d}"))
        assert response.status_code == 201
    average = (time.perf_counter() - started) / 50
    assert average < 0.020, f"{average * 1000:.1f} ms per request"


def test_many_clients_at_once(sandbox: SandboxServer) -> None:
    failures: list[str] = []

    def client(number: int) -> None:
        with requests.Session() as s:
            s.auth = (sandbox.auth_id, sandbox.auth_token)
            for i in range(10):
                to = f"+1415400{number:02d}{i:02d}"
                response = s.post(node_url(sandbox), json=node_body(to=to), timeout=10)
                if response.status_code != 201:
                    failures.append(f"{to}: {response.status_code} {response.text}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    snapshot = sandbox.snapshot()
    added = [m for m in snapshot["members"] if m["label"] == "added"]
    assert len(added) == 80
    assert {m["state"] for m in added} == {"connected"}
    assert snapshot["revision"] == 80


def test_unknown_paths_outside_v1_are_404(sandbox: SandboxServer) -> None:
    for path in ["/", "/sandbox", "/sandbox/nothing", "/phlo"]:
        assert requests.get(sandbox.api_base + path).status_code == 404


def test_the_token_is_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    token, wrong = "s3cret-token-value", "s3cret-wrong"
    with SandboxServer(auth_token=token) as sandbox:
        auth = (sandbox.auth_id, sandbox.auth_token)
        requests.post(node_url(sandbox), json=node_body(), auth=auth)
        requests.post(node_url(sandbox), json=node_body(), auth=(sandbox.auth_id, wrong))
        requests.post(member_url(sandbox, "+14152229999"), json={"action": "hold"}, auth=auth)
        requests.get(f"{sandbox.api_base}/v1/phlo/unknown", auth=auth)
        raw_request(sandbox, "GET", NODE_PATH, json_headers(sandbox, Host="attacker.example"))
        requests.get(f"{sandbox.api_base}/sandbox/state")
        assert "s3cret" not in repr(sandbox)
    # The server thread's records were captured (at DEBUG and up) ...
    assert any(r.name.startswith("phlo_desk.sandbox") for r in caplog.records)
    # ... and the token shows in none of them, in clear or as its Authorization header.
    headers = [base64.b64encode(f"{sandbox.auth_id}:{t}".encode()).decode() for t in (token, wrong)]
    for secret in ["s3cret", *headers]:
        assert secret not in caplog.text
