"""The PHLO client against every way the wire can fail, on real loopback servers.

One table: each fault, the outcome the agent is shown, how many requests reached
the server (exactly one POST, or none), and for all of them: the call ends within
the deadline, nothing is resent, and the words shown are plain sentences.
"""

from __future__ import annotations

import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass

import pytest

from phlo_desk.core.actions import NodeAction, NodeRequest, Role
from phlo_desk.core.client import PhloClient
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.settings import Profile
from phlo_desk.core.text import printable
from phlo_desk.sandbox.http import HttpRequest, HttpResponse
from tests.support.recording_server import FaultServer, RecordingServer, drip, flood, hang, reset
from tests.support.secrets import AUTH_ID, TOKEN

PHLO_ID = "8b2f6a3e-1111-4222-8333-444455556666"
NODE_ID = "c0ffee00-aaaa-4bbb-8ccc-dddddddddddd"
WARM = NodeRequest(NodeAction.WARM_TRANSFER, "+14152225555", "+14152223333", Role.AGENT)
DEADLINE_S = 1.0
MARGIN_S = 1.0  # thread start-up and a loaded machine, not the server's pace
FIFTY_MB = 50 * 1024 * 1024
ACCEPTED_BODY = b'{"api_id": "11111111-2222-4333-8444-555555555555", "error": ""}'
STATUS_LINE = b"HTTP/1.1 201 Created\r\n"
ACCEPTED_HEAD = STATUS_LINE + b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(ACCEPTED_BODY)
# The status line at once, then the rest a byte every 0.1 s: seconds past any deadline here.
HEADERS_DRIP = drip(ACCEPTED_HEAD[len(STATUS_LINE):] + ACCEPTED_BODY, already=STATUS_LINE)
BODY_DRIP = drip(ACCEPTED_BODY, already=ACCEPTED_HEAD)
# Python's ways of showing an exception, which must never reach the agent.
RAW_EXCEPTION_MARKS = ("Traceback", "Error(", "Exception(", "<urllib3", "object at 0x", "Errno", "HTTPConnectionPool")


@dataclass(frozen=True)
class Staged:
    api_base: str
    requests: Callable[[], list[HttpRequest]]


Stage = Callable[[ExitStack], Staged]


def replying(reply: HttpResponse) -> Stage:
    def stage(stack: ExitStack) -> Staged:
        server = stack.enter_context(RecordingServer())
        server.script(reply)
        return Staged(server.url, lambda: server.requests)

    return stage


def faulting(fault, *, tls: bool = False, scheme: str | None = None) -> Stage:  # type: ignore[no-untyped-def]
    def stage(stack: ExitStack) -> Staged:
        server = stack.enter_context(FaultServer(fault, tls=untrusted_tls_context() if tls else None))
        url = server.url if scheme is None else f"{scheme}://{server.url.split('://', 1)[1]}"
        return Staged(url, lambda: server.requests)

    return stage


def nothing_listening(stack: ExitStack) -> Staged:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return Staged(f"http://127.0.0.1:{port}", list)


def unresolvable(stack: ExitStack) -> Staged:
    return Staged("https://phlorunner.invalid", list)  # .invalid never resolves (RFC 6761)


@dataclass(frozen=True)
class Case:
    stage: Stage
    outcome: Outcome
    reached: int  # requests that reached the server
    says: str = ""  # words the message or detail must hold


def http_head(status: str, *headers: str) -> bytes:
    return ("\r\n".join([f"HTTP/1.1 {status}", *headers]) + "\r\n\r\n").encode()


CASES = {
    "401": Case(replying(HttpResponse.json(401, {"api_id": "x", "error": "Authentication failed"})), Outcome.AUTH, 1),
    "403": Case(replying(HttpResponse.json(403, {"api_id": "x", "error": "PHLO not enabled"})), Outcome.AUTH, 1),
    "404 {}": Case(replying(HttpResponse.json(404, {})), Outcome.NOT_FOUND, 1),
    "400 with text": Case(
        replying(HttpResponse.json(400, {"error": "to is a mandatory param."})), Outcome.REJECTED, 1,
        "to is a mandatory param.",
    ),
    "400 with terminal escapes and 20,000 characters": Case(
        replying(HttpResponse.json(400, {"error": "\x1b]52;c;cGF5bG9hZA==\x07bad\u202e" + "x" * 20_000})),
        Outcome.REJECTED, 1, "[cut]",
    ),
    "2xx with error": Case(
        replying(HttpResponse.json(201, {"api_id": "x", "error": "Invalid value provided for to."})),
        Outcome.UNKNOWN, 1, "may have happened",
    ),
    "429 with Retry-After": Case(
        replying(HttpResponse(429, b"", {"Retry-After": "7"})), Outcome.RATE_LIMITED, 1, "retry after 7 s"
    ),
    "500": Case(replying(HttpResponse.json(500, {"error": "internal"})), Outcome.SERVER_ERROR, 1, "internal"),
    "502 HTML": Case(
        replying(HttpResponse.text(502, "<html><title>502 Bad Gateway</title>" + "<p>x" * 5000, "text/html")),
        Outcome.SERVER_ERROR, 1, "502 Bad Gateway",
    ),
    "200 not JSON": Case(
        replying(HttpResponse.text(200, "<html><body>Welcome to the proxy</body></html>", "text/html")),
        Outcome.UNKNOWN, 1, "Welcome to the proxy",
    ),
    "200 JSON nested 100,000 deep": Case(
        replying(HttpResponse(200, b"[" * 100_000, {"Content-Type": "application/json"})), Outcome.UNKNOWN, 1,
        "could not be read",
    ),
    "connection refused": Case(nothing_listening, Outcome.NETWORK, 0, "connection refused"),
    "unresolvable host": Case(unresolvable, Outcome.NETWORK, 0, "the host name could not be found"),
    "reset after the request was read": Case(faulting(reset), Outcome.UNKNOWN, 1, "the connection was reset"),
    "hang": Case(faulting(hang), Outcome.UNKNOWN, 1, "within 1 second"),
    "slow drip in the headers": Case(faulting(HEADERS_DRIP), Outcome.UNKNOWN, 1, "within 1 second"),
    "slow drip in the body": Case(faulting(BODY_DRIP), Outcome.UNKNOWN, 1, "within 1 second"),
    "redirect (not followed)": Case(
        replying(HttpResponse(302, headers={"Location": "https://elsewhere.example/\x1b[2J"})),
        Outcome.REJECTED, 1, "redirect to https://elsewhere.example/",
    ),
    "50 MB body, declared": Case(
        faulting(flood(http_head("201 Created", f"Content-Length: {FIFTY_MB}"), FIFTY_MB)),
        Outcome.UNKNOWN, 1, "longer than 1 MiB",
    ),
    "50 MB body, until the connection closes": Case(
        faulting(flood(http_head("201 Created", "Connection: close"), FIFTY_MB)), Outcome.UNKNOWN, 1,
        "longer than 1 MiB",
    ),
    "50 MB error body": Case(
        faulting(flood(http_head("500 Internal Server Error", "Connection: close"), FIFTY_MB)),
        Outcome.SERVER_ERROR, 1, "longer than 1 MiB",
    ),
    "untrusted certificate": Case(faulting(hang, tls=True), Outcome.NETWORK, 0, "certificate not trusted"),
    "TLS handshake never answered": Case(faulting(hang, scheme="https"), Outcome.NETWORK, 0, "nothing was sent"),
}


def make_client(api_base: str, **timeouts: float) -> PhloClient:
    profile = Profile(api_base=api_base, auth_id=AUTH_ID, phlo_id=PHLO_ID, node_id=NODE_ID)
    return PhloClient(profile, TOKEN, **({"total_timeout": DEADLINE_S} | timeouts))


def assert_plain(result: ActionResult) -> None:
    for text in (result.message, result.detail):
        assert not [mark for mark in RAW_EXCEPTION_MARKS if mark in text], text
        assert printable(text) == text and len(text) <= 600, text


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_fault_ends_in_the_outcome_the_agent_can_act_on(case: Case) -> None:
    with ExitStack() as stack:
        staged = case.stage(stack)
        client = make_client(staged.api_base)
        started = time.perf_counter()
        result = client.run(WARM)
        took = time.perf_counter() - started
        reached = list(staged.requests())

    assert result.outcome is case.outcome, (result.message, result.detail)
    assert len(reached) == case.reached, "never resent, never a redirect followed"
    assert all(r.method == "POST" for r in reached)
    assert took <= DEADLINE_S + MARGIN_S
    assert_plain(result)
    assert case.says in f"{result.message} {result.detail}"


def test_a_check_without_a_complete_answer_in_time_is_a_network_error_not_unknown() -> None:
    with FaultServer(BODY_DRIP) as server:
        result = make_client(server.url).warm_up()
    assert result.outcome is Outcome.NETWORK
    assert result.message.startswith("No complete answer from Plivo within 1 second.")
    assert [r.method for r in server.requests] == ["GET"]


def test_the_deadline_counts_the_whole_request_not_each_read() -> None:
    """A per-read timeout of 1 s never fires on a byte every 0.1 s; the deadline does."""
    with FaultServer(BODY_DRIP) as server:
        result = make_client(server.url, total_timeout=1.5).run(WARM)
    assert result.outcome is Outcome.UNKNOWN
    assert result.message == (
        "No complete answer from Plivo within 1.5 seconds: the action may have happened. "
        "Check the call before trying again."
    )
    assert result.detail == "no complete answer within 1.5 s"


def test_a_tls_handshake_that_times_out_sent_nothing() -> None:
    """urllib3 reports a handshake timeout as a read timeout; no byte of the POST had gone out."""
    with FaultServer(hang) as server:
        result = make_client(server.url.replace("http://", "https://"), connect_timeout=0.3).run(WARM)
    assert result.outcome is Outcome.NETWORK
    assert result.detail == "no connection within 0.3 s"
    assert "nothing was sent" in result.message and server.requests == []


def test_after_a_cut_the_next_request_gets_a_fresh_connection() -> None:
    replies = [hang]

    def first_hangs_then_accept(connection: socket.socket, stopping: threading.Event) -> None:
        if replies:
            replies.pop()(connection, stopping)
        else:
            connection.sendall(ACCEPTED_HEAD + ACCEPTED_BODY)

    with FaultServer(first_hangs_then_accept) as server:
        client = make_client(server.url)
        assert client.run(WARM).outcome is Outcome.UNKNOWN
        assert client.run(WARM).ok
    assert len(server.requests) == 2
    assert len({r.peer for r in server.requests}) == 2


def run_in_background(call: Callable[[], ActionResult]) -> tuple[threading.Thread, list[ActionResult]]:
    results: list[ActionResult] = []
    thread = threading.Thread(target=lambda: results.append(call()), daemon=True)
    thread.start()
    return thread, results


def wait_for(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    give_up = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < give_up, "timed out waiting"
        time.sleep(0.01)


@pytest.mark.parametrize(
    ("fault", "call", "outcome", "message"),
    [
        (hang, "run", Outcome.UNKNOWN, "The request was stopped before Plivo answered: the action may have happened."),
        (HEADERS_DRIP, "run", Outcome.UNKNOWN,
         "The request was stopped before Plivo answered: the action may have happened."),
        (hang, "warm_up", Outcome.NETWORK, "The request was stopped before Plivo answered."),
    ],
    ids=["post, no answer", "post, headers dripping", "check"],
)
def test_abort_from_another_thread_cuts_the_request_in_flight(fault, call, outcome, message) -> None:  # type: ignore[no-untyped-def]
    with FaultServer(fault) as server:
        client = make_client(server.url, total_timeout=60)
        thread, results = run_in_background(lambda: getattr(client, call)(*([WARM] if call == "run" else [])))
        wait_for(lambda: len(server.requests) == 1)
        client.abort()
        thread.join(timeout=10)  # far short of the 60 s deadline
        assert not thread.is_alive(), "abort() must end the request"
    [result] = results
    assert result.outcome is outcome
    assert result.message.startswith(message)
    assert len(server.requests) == 1
    assert_plain(result)


def test_abort_with_nothing_in_flight_changes_nothing() -> None:
    with RecordingServer() as server:
        client = make_client(server.url)
        client.abort()
        assert client.run(WARM).ok
    assert len(server.requests) == 1


def test_the_raw_exception_goes_to_the_log_not_to_the_agent(caplog) -> None:  # type: ignore[no-untyped-def]
    with ExitStack() as stack, caplog.at_level("INFO", logger="phlo_desk.core.client"):
        result = make_client(nothing_listening(stack).api_base).run(WARM)
    assert result.detail == "connection refused"
    [record] = [r for r in caplog.records if r.name == "phlo_desk.core.client"]
    assert record.exc_info is not None and "ConnectionRefusedError" in caplog.text


# -- a TLS server with a certificate no one trusts, made for this run ---------------

_tls_files: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def self_signed_certificate(tmp_path_factory):  # type: ignore[no-untyped-def]
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command makes the test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=30,
    )
    _tls_files.update(cert=str(cert), key=str(key))


def untrusted_tls_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(_tls_files["cert"], _tls_files["key"])
    return context


def test_the_test_certificate_is_fine_apart_from_trust() -> None:
    """So the "untrusted certificate" case fails on trust, not on a broken certificate."""
    with FaultServer(lambda c, s: c.sendall(ACCEPTED_HEAD + ACCEPTED_BODY), tls=untrusted_tls_context()) as server:
        client_context = ssl.create_default_context(cafile=_tls_files["cert"])
        host, port = server.url.removeprefix("https://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as raw:
            with client_context.wrap_socket(raw, server_hostname=host) as tls:
                tls.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
                answer = tls.recv(4096)
    assert answer.startswith(b"HTTP/1.1 201") and json.loads(answer.partition(b"\r\n\r\n")[2])
