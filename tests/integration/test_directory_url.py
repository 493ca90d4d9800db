"""IT's list from a URL, against real HTTP servers on 127.0.0.1: conditional GETs, the
cache, and every way the server can fail (the desk keeps its last copy)."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest

from phlo_desk.core import directory_sources
from phlo_desk.core.directory_sources import ListRead, read_list
from phlo_desk.sandbox.http import HttpRequest, HttpResponse
from tests.support.recording_server import FaultServer, RecordingServer, drip

ALICE = "+14152225555"
FIRST = f"name,address,team\nAlice Chen,{ALICE},Billing\n".encode()
SECOND = f"name,address,team\nAlice Chen,{ALICE},Billing\nBob,sip:bob@pbx.example.com,\n".encode()
CSV = {"Content-Type": "text/csv; charset=utf-8"}
DEADLINE_S = 1.0
MARGIN_S = 1.5  # thread start-up and a loaded machine


def names(read: ListRead) -> list[str]:
    return [entry.name for entry in read.entries]


def stale_problem(read: ListRead) -> str:
    assert read.problems, "expected a problem saying the copy is old"
    return read.problems[0]


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def unchanged_if(header: str, expected: str):  # type: ignore[no-untyped-def]
    """A reply: 304 when the request carries `header` with `expected`, else the second list."""

    def reply(request: HttpRequest) -> HttpResponse:
        if request.headers.get(header) == expected:
            return HttpResponse(304, b"", {"ETag": '"v1"'})
        return HttpResponse(200, SECOND, CSV)

    return reply


def test_the_first_fetch_is_kept_and_an_etag_makes_the_second_a_304(cache):
    with RecordingServer() as server:
        url = server.url + "/directory.csv"
        server.script(HttpResponse(200, FIRST, {**CSV, "ETag": '"v1"'}), unchanged_if("if-none-match", '"v1"'))
        first = read_list(url, cache, "US")
        second = read_list(url, cache, "US")
    assert names(first) == ["Alice Chen"] and first.problems == () and first.changed and not first.from_cache
    assert [p.name.endswith(".cache") for p in cache.iterdir()] == [True]  # stored, no temporary file left
    first_request, second_request = server.requests
    assert "if-none-match" not in first_request.headers and "authorization" not in first_request.headers
    assert second_request.headers["if-none-match"] == '"v1"'
    assert second.entries == first.entries and second.problems == ()
    assert second.from_cache and not second.changed
    assert second.checked_at > first.checked_at  # the server has just confirmed the copy


def test_last_modified_when_the_server_gives_no_etag(cache):
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    with RecordingServer() as server:
        url = server.url + "/directory.csv"
        server.script(HttpResponse(200, FIRST, {**CSV, "Last-Modified": stamp}),
                      unchanged_if("if-modified-since", stamp))
        read_list(url, cache)
        second = read_list(url, cache)
    assert "if-none-match" not in server.requests[1].headers
    assert names(second) == ["Alice Chen"] and second.from_cache


def test_a_changed_list_replaces_the_copy(cache):
    with RecordingServer() as server:
        url = server.url + "/directory.csv"
        server.script(HttpResponse(200, FIRST, {**CSV, "ETag": '"v1"'}), HttpResponse(200, SECOND, {**CSV}),
                      HttpResponse(500, b"down"))
        read_list(url, cache)
        changed = read_list(url, cache)
        fallback = read_list(url, cache)
    assert names(changed) == ["Alice Chen", "Bob"] and changed.changed
    assert server.requests[2].headers.get("if-none-match") is None  # the new copy came without an ETag
    assert names(fallback) == ["Alice Chen", "Bob"]


@pytest.mark.parametrize("reply, why", [
    (HttpResponse(500, b"Internal error"), "the server answered 500"),
    (HttpResponse(302, b"", {"Location": "https://sso.example/login"}),
     "the server sends it from another address (302): put that address in the directory setting"),
    # A proxy's or a login page's HTML instead of the list: not a list, so the copy is kept.
    (HttpResponse.text(200, "<html><body>Please sign in</body></html>", "text/html"),
     "its header row has no \u201cname\u201d column"),
    (HttpResponse(200, b'{"error": "quota"}', {"Content-Type": "application/json"}), "it is not a JSON list of entries"),
])
def test_a_failing_server_leaves_the_last_copy_in_use(cache, reply, why):
    with RecordingServer() as server:
        url = server.url + "/people"
        server.script(HttpResponse(200, FIRST, {**CSV, "ETag": '"v1"'}), reply, unchanged_if("if-none-match", '"v1"'))
        first = read_list(url, cache)
        failed = read_list(url, cache)
        after = read_list(url, cache)  # the bad answer did not replace the copy or its ETag
    assert names(failed) == ["Alice Chen"] and failed.from_cache and not failed.changed
    assert failed.checked_at == first.checked_at
    when = first.checked_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert failed.problems == (f"The directory list could not be refreshed ({why}): showing the copy from {when}.",)
    assert names(after) == ["Alice Chen"] and after.problems == ()


def test_a_server_gone_leaves_the_last_copy_in_use(cache):
    server = RecordingServer()
    with server:
        url = server.url + "/directory.csv"
        server.script(HttpResponse(200, FIRST, CSV))
        read_list(url, cache)
    read = read_list(url, cache, timeout_s=DEADLINE_S)  # the port is closed now: refused
    assert names(read) == ["Alice Chen"] and read.from_cache
    assert stale_problem(read).startswith("The directory list could not be refreshed (connection refused): showing")


def free_port_url() -> str:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/directory.csv"


def test_no_copy_and_no_server_gives_no_entries_and_a_problem(cache):
    read = read_list(free_port_url(), cache, timeout_s=DEADLINE_S)
    assert read == ListRead(problems=("The directory list could not be read: connection refused.",))


def test_no_copy_and_a_failing_server(cache):
    with RecordingServer() as server:
        server.script(HttpResponse(503, b""))
        read = read_list(server.url + "/directory.csv", cache)
    assert read.entries == () and read.problems == ("The directory list could not be read: the server answered 503.",)
    assert not cache.exists() or not any(cache.iterdir())


def first_whole_then_drip(body: bytes):  # type: ignore[no-untyped-def]
    """A server that answers the first request at once and drips every later one a byte at a time."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: %d\r\n\r\n" % len(body)
    answered = threading.Event()
    slow = drip(body, every_s=0.1, already=head)

    def fault(connection: socket.socket, stopping: threading.Event) -> None:
        if not answered.is_set():
            answered.set()
            connection.sendall(head + body)
            return
        slow(connection, stopping)

    return fault


def test_a_dripping_server_is_cut_off_by_the_deadline(cache):
    with FaultServer(first_whole_then_drip(SECOND)) as server:
        url = server.url + "/directory.csv"
        assert names(read_list(url, cache)) == ["Alice Chen", "Bob"]
        started = time.monotonic()
        read = read_list(url, cache, timeout_s=DEADLINE_S)
        elapsed = time.monotonic() - started
    assert elapsed < DEADLINE_S + MARGIN_S  # the whole body would take len(SECOND) / 10 s
    assert len(SECOND) * 0.1 > DEADLINE_S + MARGIN_S
    assert names(read) == ["Alice Chen", "Bob"] and read.from_cache
    assert stale_problem(read).startswith("The directory list could not be refreshed (no complete answer within "
                                          "1 s): showing the copy from ")


def test_a_list_larger_than_the_plivo_answer_cap_is_read(cache):
    rows = "".join(f"Person {i},sip:p{i}@pbx.example.com,Team {i % 40},{'n' * 400}\n" for i in range(5000))
    body = ("name,address,team,notes\n" + rows).encode()
    assert len(body) > 2 * 1024 * 1024
    with RecordingServer() as server:
        server.script(HttpResponse(200, body, CSV))
        read = read_list(server.url + "/directory", cache)
    assert len(read.entries) == 5000 and read.problems == ()


def test_a_list_past_the_size_limit_is_refused_without_reading_it_all(cache, monkeypatch):
    monkeypatch.setattr(directory_sources, "LIST_SIZE_LIMIT", 1000)
    with RecordingServer() as server:
        server.script(HttpResponse(200, b"name,address\n" + b"x,+14152225555\n" * 200, CSV))
        read = read_list(server.url + "/directory.csv", cache)
    assert read.problems == ("The directory list could not be read: it is larger than 16 MiB.",)


def test_json_by_content_type(cache):
    with RecordingServer() as server:
        server.script(HttpResponse.json(200, [{"name": "Alice", "address": ALICE}, {"name": "Bob"}]))
        read = read_list(server.url + "/api/people", cache)
    assert names(read) == ["Alice"] and read.problems == ("Item 2: the address is missing.",)


def test_a_damaged_cache_is_not_used(cache):
    with RecordingServer() as server:
        url = server.url + "/directory.csv"
        server.script(HttpResponse(200, FIRST, {**CSV, "ETag": '"v1"'}))
        read_list(url, cache)
        (copy,) = cache.iterdir()
        copy.write_bytes(copy.read_bytes()[:-5])  # cut short
        server.script(HttpResponse(500, b""))
        read = read_list(url, cache)
    assert "if-none-match" not in server.requests[1].headers
    assert read.entries == () and read.problems == ("The directory list could not be read: the server answered 500.",)


def test_each_url_has_its_own_copy(cache):
    with RecordingServer() as server:
        server.script(HttpResponse(200, FIRST, CSV), HttpResponse(500, b""))
        read_list(server.url + "/a.csv", cache)
        other = read_list(server.url + "/b.csv", cache)
    assert other.entries == ()
    assert json.loads(next(cache.iterdir()).read_bytes().split(b"\n")[1])["source"].endswith("/a.csv")
