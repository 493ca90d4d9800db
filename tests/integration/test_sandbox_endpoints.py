"""Plivo's Endpoint API in the sandbox, read by the desk's EndpointReader over real HTTP."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
import requests

from phlo_desk.core.client import PhloClient
from phlo_desk.core.endpoints import (
    Endpoint,
    EndpointListing,
    EndpointReader,
    Failed,
    Page,
    Progress,
    ReadBudget,
    Wait,
)
from phlo_desk.core.outcomes import Outcome
from phlo_desk.core.settings import Profile
from phlo_desk.sandbox import SandboxServer
from phlo_desk.sandbox.endpoints import demo_directory_path, demo_endpoints

ALICE = "17001000000002"  # a demo endpoint, registered
PRIYA = "17001000000003"  # a demo endpoint, not registered


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def reader(sandbox: SandboxServer, clock: FakeClock) -> Iterator[EndpointReader]:
    budget = ReadBudget(clock=clock, first_delay_max_s=0.0, rng=random.Random(3))
    endpoint_reader = EndpointReader(sandbox.api_base, sandbox.auth_id, sandbox.auth_token, budget)
    yield endpoint_reader
    endpoint_reader.close()


def control(sandbox: SandboxServer, method: str, route: str, body: object | None = None) -> requests.Response:
    return requests.request(method, f"{sandbox.api_base}/sandbox/endpoints{route}", json=body, timeout=5)


def api(sandbox: SandboxServer, path: str, *, auth: tuple[str, str] | None = None, method: str = "GET",
        auth_id: str | None = None) -> requests.Response:
    url = f"{sandbox.api_base}/v1/Account/{auth_id or sandbox.auth_id}/Endpoint/{path}"
    return requests.request(method, url, auth=auth or (sandbox.auth_id, sandbox.auth_token), timeout=5)


def endpoint_requests(sandbox: SandboxServer) -> int:
    state = requests.get(f"{sandbox.api_base}/sandbox/state", timeout=5).json()
    return state["endpoint_requests"]


# -- the reader against the sandbox ------------------------------------------------


def test_listing_walks_three_pages_of_45_endpoints(sandbox: SandboxServer, reader: EndpointReader):
    assert control(sandbox, "POST", "", {"count": 45}).status_code == 200
    listing = EndpointListing(reader)

    first = listing.step()
    assert first == Progress(first.endpoints, 45, done=False) and len(first.endpoints) == 20
    second = listing.step()
    assert isinstance(second, Progress) and len(second.endpoints) == 40 and not second.done
    last = listing.step()
    assert isinstance(last, Progress) and last.done and last.total_count == 45
    ids = [e.endpoint_id for e in last.endpoints]
    assert len(ids) == len(set(ids)) == 45
    assert last.endpoints[0].name == "José Álvarez" and last.endpoints[-1].name == "Test endpoint 39"
    assert endpoint_requests(sandbox) == 3

    assert listing.step() == last  # done: nothing more is read
    assert endpoint_requests(sandbox) == 3


def test_a_page_says_where_the_next_one_starts(sandbox: SandboxServer, reader: EndpointReader):
    control(sandbox, "POST", "", {"count": 45})
    page = reader.list_page(20)
    assert isinstance(page, Page)
    assert (page.offset, page.next_offset, page.total_count, len(page.endpoints)) == (20, 40, 45, 20)
    last = reader.list_page(40)
    assert isinstance(last, Page) and last.next_offset is None and len(last.endpoints) == 5


def test_listing_waits_for_the_budget_between_pages(sandbox: SandboxServer, sandbox_clock_reader):
    reader, clock = sandbox_clock_reader
    control(sandbox, "POST", "", {"count": 45})
    listing = EndpointListing(reader)
    assert isinstance(listing.step(), Progress)
    wait = listing.step()
    assert wait == Wait(10.0)  # capacity 1: the second page waits for the next token
    assert endpoint_requests(sandbox) == 1
    clock.now += 10
    assert isinstance(listing.step(), Progress)
    clock.now += 10
    done = listing.step()
    assert isinstance(done, Progress) and done.done and len(done.endpoints) == 45


@pytest.fixture
def sandbox_clock_reader(sandbox: SandboxServer) -> Iterator[tuple[EndpointReader, FakeClock]]:
    clock = FakeClock()
    budget = ReadBudget(capacity=1, clock=clock, first_delay_max_s=0.0)
    endpoint_reader = EndpointReader(sandbox.api_base, sandbox.auth_id, sandbox.auth_token, budget)
    yield endpoint_reader, clock
    endpoint_reader.close()


def test_get_one_endpoint_with_its_presence(reader: EndpointReader):
    alice = reader.get(ALICE)
    assert isinstance(alice, Endpoint)
    assert (alice.alias, alice.registered, alice.sip_uri) == ("Alice Chen", True, "sip:alice240315091200@phone.plivo.com")
    assert alice.sip_user_agent == "Linphone/5.2.0" and alice.sip_contact.startswith("sip:alice240315091200@")
    priya = reader.get(PRIYA)
    assert isinstance(priya, Endpoint) and priya.registered is False and priya.sip_contact == ""


def test_a_registration_set_through_the_control_route_is_seen_by_get(sandbox: SandboxServer, reader: EndpointReader):
    assert control(sandbox, "POST", f"/{ALICE}", {"registered": False}).json()["registered"] is False
    alice = reader.get(ALICE)
    assert isinstance(alice, Endpoint) and alice.registered is False
    control(sandbox, "POST", f"/{PRIYA}", {"registered": True})
    priya = reader.get(PRIYA)
    assert isinstance(priya, Endpoint) and priya.registered is True and priya.sip_expires


def test_an_unknown_endpoint_fails_plainly(reader: EndpointReader):
    gone = reader.get("99999999999999")
    assert isinstance(gone, Failed) and gone.status == 404
    assert gone.reason == "Plivo has no SIP endpoint 99999999999999 any more."


def test_429_with_retry_after_waits_that_long_and_sends_nothing_until_then(
    sandbox: SandboxServer, reader: EndpointReader, clock: FakeClock
):
    control(sandbox, "POST", "/throttle", {"retry_after": 42, "count": 1})
    refused = reader.get(ALICE)
    assert refused == Wait(42.0, rate_limited=True)
    assert endpoint_requests(sandbox) == 1

    clock.now += 41
    assert reader.get(ALICE) == Wait(pytest.approx(1.0))
    assert reader.list_page(0) == Wait(pytest.approx(1.0))
    assert endpoint_requests(sandbox) == 1  # nothing went out while waiting

    clock.now += 1
    assert isinstance(reader.get(ALICE), Endpoint)
    assert endpoint_requests(sandbox) == 2


def test_429_with_an_http_date_backs_off_by_the_desks_own_rule(
    sandbox: SandboxServer, reader: EndpointReader
):
    control(sandbox, "POST", "/throttle", {"retry_after": "Wed, 21 Oct 2015 07:28:00 GMT", "count": 1})
    assert reader.get(ALICE) == Wait(30.0, rate_limited=True)


def test_the_sandbox_rate_limit_answers_429_beyond_its_window(sandbox: SandboxServer):
    control(sandbox, "POST", "/rate-limit", {"requests": 2, "window_s": 5})
    assert [api(sandbox, "").status_code for _ in range(2)] == [200, 200]
    refused = api(sandbox, f"{ALICE}/")
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 5
    assert endpoint_requests(sandbox) == 3


def test_the_rate_limit_reaches_the_reader_as_a_wait(sandbox: SandboxServer, reader: EndpointReader):
    control(sandbox, "POST", "/rate-limit", {"requests": 1, "window_s": 5})
    assert isinstance(reader.get(ALICE), Endpoint)
    wait = reader.get(ALICE)
    assert isinstance(wait, Wait) and wait.rate_limited and 1 <= wait.seconds <= 5


def test_a_wrong_token_fails_with_a_sentence_about_credentials(sandbox: SandboxServer, clock: FakeClock):
    budget = ReadBudget(clock=clock, first_delay_max_s=0.0)
    wrong = EndpointReader(sandbox.api_base, sandbox.auth_id, "not-the-token", budget)
    try:
        failed = wrong.list_page(0)
    finally:
        wrong.close()
    assert isinstance(failed, Failed) and failed.credentials_rejected
    assert "Auth ID / Auth Token" in failed.reason
    assert endpoint_requests(sandbox) == 1


def test_an_unreachable_server_fails_and_backs_off(clock: FakeClock):
    budget = ReadBudget(clock=clock, first_delay_max_s=0.0)
    with SandboxServer() as gone:
        base = gone.api_base
    reader = EndpointReader(base, "MASANDBOX00000000001", "token", budget)
    try:
        failed = reader.list_page(0)
        assert isinstance(failed, Failed) and failed.status is None
        assert failed.reason.startswith("Could not reach Plivo to read the SIP endpoints")
        assert reader.list_page(0) == Wait(30.0)
    finally:
        reader.close()


def test_an_action_fault_is_not_used_up_by_an_endpoint_read(sandbox: SandboxServer, reader: EndpointReader):
    requests.post(f"{sandbox.api_base}/sandbox/faults", json={"status": 503, "count": 1}, timeout=5)
    assert isinstance(reader.list_page(0), Page)
    assert isinstance(reader.get(ALICE), Endpoint)
    assert sandbox.fault is not None and sandbox.fault.count == 1

    profile = Profile(api_base=sandbox.api_base, auth_id=sandbox.auth_id, phlo_id=sandbox.phlo_id,
                      node_id=sandbox.node_id, trigger_source=sandbox.trigger_source)
    client = PhloClient(profile, sandbox.auth_token)
    try:
        assert client.warm_up().outcome is Outcome.SERVER_ERROR  # the fault went to the PHLO request
    finally:
        client.close()
    assert sandbox.fault is None


# -- the simulated API's own wire ---------------------------------------------------------


def test_a_page_is_shaped_like_plivos(sandbox: SandboxServer):
    control(sandbox, "POST", "", {"count": 45})
    body = api(sandbox, "?limit=20&offset=20").json()
    here = f"/v1/Account/{sandbox.auth_id}/Endpoint/"
    assert body["meta"] == {"limit": 20, "offset": 20, "total_count": 45,
                            "next": f"{here}?limit=20&offset=40", "previous": f"{here}?limit=20&offset=0"}
    assert len(body["objects"]) == 20 and body["api_id"]
    first = api(sandbox, "").json()
    assert first["meta"]["limit"] == 20 and first["meta"]["previous"] is None
    jose = first["objects"][0]
    assert jose["sip_registered"] == "true" and jose["sip_uri"] == f"sip:{jose['username']}@phone.plivo.com"
    assert jose["username"].removeprefix("jose").isdigit() and len(jose["username"]) == len("jose") + 12
    assert {"sip_contact", "sip_expires", "sip_user_agent"} <= set(jose)
    priya = api(sandbox, f"{PRIYA}/").json()
    assert priya["sip_registered"] == "false" and "sip_contact" not in priya


@pytest.mark.parametrize("query", ["?limit=21", "?limit=0", "?limit=ten", "?offset=-1"])
def test_a_page_beyond_plivos_limits_is_refused(sandbox: SandboxServer, query: str):
    answer = api(sandbox, query)
    assert answer.status_code == 400 and answer.json()["error"]


def test_the_endpoint_api_takes_the_phlo_credentials_and_only_gets(sandbox: SandboxServer):
    assert api(sandbox, "", auth=(sandbox.auth_id, "wrong")).status_code == 401
    assert api(sandbox, "", auth_id="MAOTHERACCOUNT000001").status_code == 401
    assert api(sandbox, "12345/").status_code == 404
    refused = api(sandbox, "", method="POST")
    assert refused.status_code == 405 and refused.headers["Allow"] == "GET"
    assert api(sandbox, "", method="DELETE").status_code == 405


def test_reset_restores_the_demo_endpoints_and_clears_counts_and_limits(sandbox: SandboxServer):
    control(sandbox, "POST", "", {"count": 45})
    control(sandbox, "POST", f"/{ALICE}", {"registered": False})
    control(sandbox, "POST", "/throttle", {"retry_after": 5})
    control(sandbox, "POST", "/rate-limit", {"requests": 1, "window_s": 60})
    api(sandbox, "")
    requests.post(f"{sandbox.api_base}/sandbox/reset", json={}, timeout=5)
    state = control(sandbox, "GET", "").json()
    assert [e["endpoint_id"] for e in state["endpoints"]] == [e.endpoint_id for e in demo_endpoints()]
    assert state["endpoints"][1]["registered"] is True
    assert (state["requests"], state["throttle"]) == (0, None)
    assert state["rate_limit"] == {"requests": 300, "window_s": 5.0}


def test_a_throttle_without_count_lasts_until_cleared(sandbox: SandboxServer):
    control(sandbox, "POST", "/throttle", {"retry_after": 7})
    answers = [api(sandbox, "") for _ in range(3)]
    assert [a.status_code for a in answers] == [429, 429, 429]
    assert answers[0].headers["Retry-After"] == "7"
    assert control(sandbox, "GET", "/throttle").json()["throttle"] == {"retry_after": 7, "count": None}
    control(sandbox, "DELETE", "/throttle")
    assert api(sandbox, "").status_code == 200


@pytest.mark.parametrize(
    ("route", "body"),
    [("/throttle", {"retry_after": -1}), ("/throttle", {"count": 0}), ("/throttle", {"wait": 5}),
     ("/rate-limit", {"requests": 0}), ("/rate-limit", {"window_s": "5"}), ("", {"count": -1}),
     (f"/{ALICE}", {"registered": "yes"})],
)
def test_control_routes_refuse_malformed_settings(sandbox: SandboxServer, route: str, body: dict):
    assert control(sandbox, "POST", route, body).status_code == 400


def test_control_routes_keep_the_sandboxs_web_page_guards(sandbox: SandboxServer):
    url = f"{sandbox.api_base}/sandbox/endpoints/{ALICE}"
    from_a_page = requests.post(url, data='{"registered": false}', headers={"Content-Type": "text/plain"}, timeout=5)
    assert from_a_page.status_code == 415
    other_origin = requests.post(url, json={"registered": False}, headers={"Origin": "http://evil.example"}, timeout=5)
    assert other_origin.status_code == 403
    assert control(sandbox, "GET", f"/{ALICE}").json()["registered"] is True
    assert control(sandbox, "POST", "/99999/", {"registered": True}).status_code == 404


def test_the_demo_directory_names_demo_endpoints():
    text = demo_directory_path().read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "name,address,team,notes,favourite" and len(lines) >= 13
    assert "José" in text
    sip_rows = [line.split(",")[1] for line in lines[1:] if ",sip:" in line]
    uris = {f"sip:{e.username}@phone.plivo.com" for e in demo_endpoints()}
    assert sip_rows and set(sip_rows) <= uris
