"""The PHLO client against a recording HTTP server on loopback: the exact wire,
one round trip per action, every error class, and never a resend."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys
import time

import pytest

from phlo_desk.core import errors
from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.client import PhloClient
from phlo_desk.core.outcomes import Outcome
from phlo_desk.core.settings import Profile
from phlo_desk.sandbox.http import HttpResponse
from tests.support.recording_server import Drop, FaultServer, RecordingServer, Slow, flood
from tests.support.secrets import AUTH_ID, TOKEN

PHLO_ID = "8b2f6a3e-1111-4222-8333-444455556666"
NODE_ID = "c0ffee00-aaaa-4bbb-8ccc-dddddddddddd"
WARM = NodeRequest(NodeAction.WARM_TRANSFER, "+14152225555", "+14152223333", Role.AGENT)
NODE_PATH = f"/v1/phlo/{PHLO_ID}/multi_party_call/{NODE_ID}"


@pytest.fixture
def server():
    with RecordingServer() as recording:
        yield recording


def make_client(api_base: str, **kwargs) -> PhloClient:
    profile = Profile(api_base=api_base, auth_id=AUTH_ID, phlo_id=PHLO_ID, node_id=NODE_ID)
    return PhloClient(profile, TOKEN, **kwargs)


def test_warm_transfer_sends_the_documented_wire_in_one_round_trip(server):
    result = make_client(server.url).perform(WARM)

    assert result.ok and result.status == 201
    assert result.api_id == "11111111-2222-4333-8444-555555555555"
    assert result.elapsed_ms is not None and result.elapsed_ms > 0
    [request] = server.requests
    assert request.method == "POST"
    assert request.path == NODE_PATH
    assert json.loads(request.body) == {
        "action": "warm_transfer",
        "to": "+14152225555",
        "role": "agent",
        "trigger_source": "+14152223333",
    }
    expected_auth = base64.b64encode(f"{AUTH_ID}:{TOKEN}".encode()).decode()
    assert request.headers["authorization"] == f"Basic {expected_auth}"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "application/json"
    assert request.headers["user-agent"].startswith("phlo-desk/0.1.0 (Python: ")


@pytest.mark.parametrize("action", list(NodeAction))
def test_every_node_action_posts_its_name(server, action):
    make_client(server.url).perform(NodeRequest(action, "+14152225555", "+14152223333", Role.CUSTOMER))
    body = json.loads(server.requests[-1].body)
    assert body["action"] == action.value and body["role"] == "customer"


@pytest.mark.parametrize("action", list(MemberAction))
@pytest.mark.parametrize(
    ("member", "path_segment"),
    [("+14152223333", "+14152223333"), ("sip:alice@phone.plivo.com", "sip:alice@phone.plivo.com")],
)
def test_member_actions_post_only_the_action_to_the_member_path(server, action, member, path_segment):
    make_client(server.url).perform(MemberRequest(action, member))
    [request] = server.requests
    assert request.method == "POST"
    assert request.path == f"{NODE_PATH}/members/{path_segment}"
    assert json.loads(request.body) == {"action": action.value}


def test_one_connection_serves_many_actions(server):
    client = make_client(server.url)
    client.warm_up()
    for _ in range(5):
        client.perform(WARM)
    assert len(server.requests) == 6
    assert len({r.peer for r in server.requests}) == 1, "the warmed connection must be reused"


def test_check_is_a_get_of_the_node(server):
    server.script(HttpResponse.json(200, {"api_id": "a", "node_id": NODE_ID, "node_type": "multi_party_call"}))
    result = make_client(server.url).check()
    assert result.ok
    [request] = server.requests
    assert (request.method, request.path, request.body) == ("GET", NODE_PATH, b"")


@pytest.mark.parametrize(
    ("reply", "error_class", "outcome"),
    [
        (HttpResponse.json(400, {"api_id": "x", "error": "to is a mandatory param."}), errors.Rejected, Outcome.REJECTED),
        (HttpResponse.json(401, {"api_id": "x", "error": "Authentication failed"}), errors.AuthenticationFailed, Outcome.AUTH),
        (HttpResponse.json(403, {"api_id": "x", "error": "PHLO not enabled"}), errors.AccessDenied, Outcome.AUTH),
        (HttpResponse.json(404, {}), errors.NotFound, Outcome.NOT_FOUND),
        (HttpResponse.json(405, {"error": "method not allowed"}), errors.Rejected, Outcome.REJECTED),
        (HttpResponse.json(409, {"error": "conflict"}), errors.Rejected, Outcome.REJECTED),
        (HttpResponse.json(422, {"error": "unprocessable"}), errors.Rejected, Outcome.REJECTED),
        (HttpResponse.json(429, {"error": "too many requests"}), errors.RateLimited, Outcome.RATE_LIMITED),
        (HttpResponse.json(500, {"error": "internal"}), errors.ServerError, Outcome.SERVER_ERROR),
        (HttpResponse.text(503, "<html><title>Service Unavailable</title></html>", "text/html"), errors.ServerError, Outcome.SERVER_ERROR),
        # success status plus an error text: it may have happened, so never "rejected"
        (HttpResponse.json(201, {"api_id": "x", "error": "Invalid value provided for to."}), errors.OutcomeUnknown, Outcome.UNKNOWN),
        (HttpResponse.json(200, {"api_id": "x", "error": "something odd"}), errors.OutcomeUnknown, Outcome.UNKNOWN),
        (HttpResponse.text(200, "<html><body>Welcome to the proxy</body></html>", "text/html"), errors.OutcomeUnknown, Outcome.UNKNOWN),
        (HttpResponse(302, headers={"Location": "https://elsewhere.example/"}), errors.Rejected, Outcome.REJECTED),
    ],
)
def test_each_answer_maps_to_the_error_the_agent_acts_on(server, reply, error_class, outcome):
    server.script(reply)
    with pytest.raises(error_class) as caught:
        make_client(server.url).perform(WARM)
    err = caught.value
    assert err.outcome is outcome
    assert err.status == reply.status
    assert err.advice and "Traceback" not in str(err)
    assert len(server.requests) == 1, "an error must never cause a resend or a redirect follow"


def test_server_error_texts_reach_the_detail(server):
    server.script(HttpResponse.json(400, {"api_id": "abc-123", "error": "Invalid value provided for to."}))
    result = make_client(server.url).run(WARM)
    assert result.outcome is Outcome.REJECTED
    assert result.detail == "Invalid value provided for to."
    assert result.api_id == "abc-123"


def test_a_server_that_echoes_the_credentials_gets_them_nowhere(server):
    def echo(request):
        authorization = request.headers["authorization"]
        return HttpResponse(400, json.dumps({"api_id": TOKEN, "error": f"bad: {authorization} / {TOKEN}"}).encode(),
                            {"Content-Type": "application/json", "X-Echo": authorization})

    server.script(echo)
    result = make_client(server.url).run(WARM)
    basic = base64.b64encode(f"{AUTH_ID}:{TOKEN}".encode()).decode()
    shown = json.dumps(result.as_dict())
    assert TOKEN not in shown and basic not in shown
    assert result.detail == "bad: Basic [redacted] / [redacted]" and result.api_id == "[redacted]"


def test_html_error_pages_are_summarised_not_dumped(server):
    page = "<html><head><title>502 Bad Gateway</title></head><body>" + "x" * 5000 + "</body></html>"
    server.script(HttpResponse.text(502, page, "text/html"))
    result = make_client(server.url).run(WARM)
    assert result.outcome is Outcome.SERVER_ERROR
    assert "502 Bad Gateway" in result.detail and "text/html" in result.detail
    assert len(result.detail) < 300


def test_server_texts_reach_the_agent_plain_and_bounded(server):
    hostile = "\x1b]52;c;cGF5bG9hZA==\x07red\u202e\nline two " + "y" * 2000
    server.script(HttpResponse.json(400, {"api_id": "\x1b[2J" + "a" * 300, "error": hostile}))
    result = make_client(server.url).run(WARM)
    assert result.outcome is Outcome.REJECTED
    assert result.detail.startswith("]52;c;cGF5bG9hZA==red line two yyy") and result.detail.endswith(" [cut]")
    assert len(result.detail) == 500
    assert result.api_id.startswith("[2Jaaa") and result.api_id.endswith(" [cut]") and len(result.api_id) == 100


def test_the_content_type_and_title_of_a_page_are_plain_text(server):
    page = "<html><title>Bad\x1b[31m\nGateway\u200b</title></html>"
    server.script(HttpResponse(502, page.encode(), {"Content-Type": "text/\x1bhtml; charset=utf-8"}))
    result = make_client(server.url).run(WARM)
    assert result.detail == "HTTP 502, not JSON (text/html): Bad[31m Gateway"


@pytest.mark.parametrize(
    ("status", "outcome"), [(404, Outcome.NOT_FOUND), (503, Outcome.SERVER_ERROR), (200, Outcome.SERVER_ERROR)]
)
def test_a_body_over_a_mebibyte_is_not_read_and_keeps_the_status_class(status, outcome):
    head = f"HTTP/1.1 {status} Whatever\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
    with FaultServer(flood(head.encode(), 2 * 1024 * 1024)) as server:
        result = make_client(server.url).warm_up()  # a check: a 2xx it cannot read is a server error
    assert result.outcome is outcome and result.status == status
    assert result.detail == f"HTTP {status}: the answer was longer than 1 MiB and was not read"


def test_rate_limit_reports_retry_after(server):
    server.script(HttpResponse(429, b"", {"Retry-After": "7"}))
    result = make_client(server.url).run(WARM)
    assert result.outcome is Outcome.RATE_LIMITED and "retry after 7 s" in result.detail


def test_no_content_success_is_accepted(server):
    server.script(HttpResponse(204))
    result = make_client(server.url).perform(WARM)
    assert result.ok and result.status == 204 and result.api_id == ""


def test_no_answer_by_the_deadline_means_outcome_unknown_and_no_resend(server):
    server.script(Slow(1.0))
    started = time.perf_counter()
    result = make_client(server.url, total_timeout=0.3).run(WARM)
    assert result.outcome is Outcome.UNKNOWN
    assert "may have happened" in result.message
    assert time.perf_counter() - started < 0.9
    time.sleep(1.0)  # give a would-be resend time to arrive
    assert len(server.requests) == 1


def test_connection_dropped_before_the_answer_means_outcome_unknown(server):
    server.script(Drop())
    result = make_client(server.url).run(WARM)
    assert result.outcome is Outcome.UNKNOWN
    time.sleep(0.3)
    assert len(server.requests) == 1


def test_reply_cut_off_half_way_means_outcome_unknown(server):
    server.script(HttpResponse(201, raw=b'HTTP/1.1 201 Created\r\nContent-Length: 200\r\n\r\n{"api_id": '))
    result = make_client(server.url).run(WARM)
    assert result.outcome is Outcome.UNKNOWN
    assert len(server.requests) == 1


def test_connection_refused_means_nothing_was_sent():
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(errors.NetworkUnavailable) as caught:
        make_client(f"http://127.0.0.1:{port}").perform(WARM)
    assert not caught.value.outcome.may_have_taken_effect
    assert "nothing was sent" in caught.value.advice


def test_unresolvable_host_means_nothing_was_sent():
    result = make_client("https://phlorunner.invalid", connect_timeout=3).run(WARM)
    assert result.outcome is Outcome.NETWORK


def test_read_without_side_effects_never_claims_unknown(server):
    server.script(Slow(1.0))
    result = make_client(server.url, total_timeout=0.2).warm_up()
    assert result.outcome is Outcome.NETWORK


@pytest.mark.parametrize(
    ("api_base", "auth_id"),
    [
        ("http://phlorunner.plivo.com", AUTH_ID),  # plain http off loopback
        ("ftp://127.0.0.1", AUTH_ID),
        (None, "XX123"),  # not an Auth ID
    ],
)
def test_bad_settings_are_refused_before_anything_is_sent(server, api_base, auth_id):
    profile = Profile(api_base=api_base or server.url, auth_id=auth_id, phlo_id=PHLO_ID, node_id=NODE_ID)
    with pytest.raises(errors.InvalidInput):
        PhloClient(profile, TOKEN)
    assert server.requests == []


def test_the_token_never_shows_in_results_errors_or_reprs(server):
    replies = [
        HttpResponse.json(401, {"error": "Authentication failed"}),
        HttpResponse.text(502, "<html>bad</html>", "text/html"),
        Drop(),
        HttpResponse.json(201, {"api_id": "z", "error": ""}),
    ]
    server.script(*replies)
    client = make_client(server.url)
    texts = [repr(client), str(client)]
    for _ in replies:
        result = client.run(WARM)
        texts += [repr(result), json.dumps(result.as_dict())]
        try:
            client.perform(WARM)
        except errors.PhloError as err:
            texts += [str(err), repr(err)]
    assert not [t for t in texts if TOKEN in t]


def test_a_check_with_success_status_and_an_error_is_refused(server):
    server.script(HttpResponse.json(200, {"api_id": "x", "error": "odd"}))
    result = make_client(server.url).warm_up()
    assert result.outcome is Outcome.REJECTED and result.detail == "odd"


@pytest.mark.parametrize("token", ["tok\u2019en", "tok en", "", "tok\n"])
def test_a_token_that_cannot_be_sent_is_refused_before_sending(server, token):
    profile = Profile(api_base=server.url, auth_id=AUTH_ID, phlo_id=PHLO_ID, node_id=NODE_ID)
    with pytest.raises(errors.InvalidInput) as caught:
        PhloClient(profile, token)
    assert "enter it again in Settings" in caught.value.advice
    assert server.requests == []


def test_a_proxy_that_refuses_the_tunnel_means_nothing_was_sent(monkeypatch):
    """A real local proxy answering 407 to CONNECT: the request never reached Plivo."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    seen = []

    def refuse() -> None:
        connection, _ = listener.accept()
        with connection:
            seen.append(connection.recv(4096))
            connection.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=refuse, daemon=True)
    thread.start()
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{listener.getsockname()[1]}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    try:
        result = make_client("https://phlorunner.plivo.com", connect_timeout=3).run(WARM)
    finally:
        thread.join(timeout=5)
        listener.close()
    assert seen and seen[0].startswith(b"CONNECT phlorunner.plivo.com:443")
    assert result.outcome is Outcome.NETWORK and "proxy" in result.message


def test_importing_the_client_leaves_requests_and_urllib3_unimported():
    """They take ~100 ms to import: the window's start-up imports the client, not them."""
    code = (
        "import sys, phlo_desk.core.client\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('requests', 'urllib3', 'truststore'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
