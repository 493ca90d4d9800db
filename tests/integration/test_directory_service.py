"""The directory as the window and the command line get it: IT's list, own entries and
stars, and the Plivo endpoints read from the real sandbox within the desk's budget."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace

import pytest
import requests

from phlo_desk.core.directory import SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO
from phlo_desk.core.directory_service import DirectoryService
from phlo_desk.core.endpoints import ReadBudget
from phlo_desk.core.settings import Profile
from phlo_desk.sandbox import SandboxServer
from phlo_desk.sandbox.endpoints import demo_directory_path

PRIYA = "17001000000003"  # a demo endpoint whose softphone is not registered
ALICE = "17001000000002"


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


def profile_for(sandbox: SandboxServer, **values: str) -> Profile:
    details = sandbox.credentials()
    details.pop("auth_token")
    return Profile(**details, **values)


def service(tmp_path, profile: Profile, token: str | None) -> DirectoryService:
    made = DirectoryService(tmp_path / "own.json", tmp_path / "cache",
                            read_budget=lambda: ReadBudget(first_delay_max_s=0.0, rng=random.Random(1)))
    made.configure(profile, token)
    return made


def listed_all(directory_service: DirectoryService):  # type: ignore[no-untyped-def]
    for _ in range(5):
        step = directory_service.list_endpoints()
        if step.wait_s is None:
            return step
    raise AssertionError("the listing never ended")


def test_it_s_list_own_entries_and_stars_merge_own_first(tmp_path):
    listed = tmp_path / "team.csv"
    listed.write_text("name,address,team\nBilling desk,+14155550110,Billing\nBad row,not a number,Sales\n")
    made = service(tmp_path, Profile(directory=str(listed)), token=None)
    saved = made.add("Dana Scully", "(415) 555-0199", "Support")
    assert saved.problem == ""
    starred = made.star("+14155550110", True)
    entries = starred.read.entries
    assert [(e.name, e.source) for e in entries] == [("Dana Scully", SOURCE_OWN), ("Billing desk", SOURCE_LIST)]
    assert entries[0].address == "+14155550199" and entries[1].favourite
    assert starred.read.counts[SOURCE_OWN] == 1 and starred.read.counts[SOURCE_LIST] == 1
    assert any("Line 3" in problem for problem in starred.read.problems)
    assert starred.read.directory.search("dana")[0].name == "Dana Scully"


def test_a_bad_own_entry_is_refused_with_a_reason_and_loses_nothing(tmp_path):
    made = service(tmp_path, Profile(), token=None)
    made.add("Dana Scully", "+14155550199")
    refused = made.add("Someone", "not a number")
    assert refused.problem and [e.name for e in refused.read.entries] == ["Dana Scully"]


def test_the_endpoints_stay_out_until_it_switches_them_on(tmp_path, sandbox):
    made = service(tmp_path, profile_for(sandbox), sandbox.auth_token)
    step = made.list_endpoints()
    assert step.wait_s is None and "not part of the directory" in step.problem
    assert sandbox.snapshot()["endpoint_requests"] == 0


def test_the_endpoints_are_listed_kept_for_the_next_start_and_asked_about(tmp_path, sandbox):
    profile = profile_for(sandbox, directory=str(demo_directory_path()), directory_endpoints="on")
    made = service(tmp_path, profile, sandbox.auth_token)
    done = listed_all(made)
    plivo = [e for e in done.read.entries if e.source == SOURCE_PLIVO]
    assert len(plivo) == 6 and done.read.presence[PRIYA] is False and done.read.presence[ALICE] is True
    requests_so_far = sandbox.snapshot()["endpoint_requests"]

    again = service(tmp_path, profile, sandbox.auth_token).read()  # the next start: from the kept copy
    assert len([e for e in again.entries if e.source == SOURCE_PLIVO]) == 6
    assert sandbox.snapshot()["endpoint_requests"] == requests_so_far
    other_account = service(tmp_path, replace(profile, auth_id="MA" + "Z" * 18), sandbox.auth_token).read()
    assert not [e for e in other_account.entries if e.source == SOURCE_PLIVO]

    requests.post(f"{sandbox.api_base}/sandbox/endpoints/{ALICE}", json={"registered": False}, timeout=5)
    presence = made.presence(ALICE)
    assert (presence.registered, presence.problem) == (False, "")
    assert made.read(refresh=False).presence[ALICE] is False


def test_wrong_credentials_stop_the_listing_instead_of_asking_forever(tmp_path, sandbox):
    profile = profile_for(sandbox, directory_endpoints="on")
    made = service(tmp_path, profile, "wrong-token-0123456789")
    step = made.list_endpoints()
    assert step.wait_s is None and "Auth ID / Auth Token" in step.problem


def test_a_full_budget_answers_wait_instead_of_reading(tmp_path, sandbox):
    profile = profile_for(sandbox, directory_endpoints="on")
    made = service(tmp_path, profile, sandbox.auth_token)
    answers = [made.presence(ALICE) for _ in range(5)]
    assert [a.registered for a in answers[:3]] == [True, True, True]  # the budget's burst
    assert answers[3].registered is None and answers[3].wait_s > 0
    assert sandbox.snapshot()["endpoint_requests"] == 3


def test_after_plivo_refuses_the_credentials_nothing_more_is_asked_until_the_settings_change(tmp_path, sandbox):
    profile = profile_for(sandbox, directory_endpoints="on")
    made = service(tmp_path, profile, "wrong-token-0123456789")
    assert made.list_endpoints().wait_s is None
    asked = sandbox.snapshot()["endpoint_requests"]
    assert made.presence(ALICE).problem and made.list_endpoints().problem
    assert sandbox.snapshot()["endpoint_requests"] == asked
    made.configure(profile, sandbox.auth_token)  # the settings changed
    assert made.presence(ALICE).registered is True


def test_a_closing_desk_starts_no_read(tmp_path, sandbox):
    profile = profile_for(sandbox, directory_endpoints="on")
    made = service(tmp_path, profile, sandbox.auth_token)
    made.abort()
    assert made.list_endpoints().problem and made.presence(ALICE).registered is None
    assert sandbox.snapshot()["endpoint_requests"] == 0


def test_another_server_error_backs_off_instead_of_asking_every_ten_seconds(tmp_path):
    from phlo_desk.sandbox.http import HttpResponse
    from tests.support.recording_server import RecordingServer

    with RecordingServer(HttpResponse.json(403, {"error": "forbidden"})) as server:
        profile = Profile(api_base=server.url, auth_id="MA" + "A" * 18, directory_endpoints="on")
        made = service(tmp_path, profile, "token-0123456789")
        step = made.list_endpoints()
        assert step.problem and step.wait_s >= 29  # the budget's first back-off, 30 s


def test_a_damaged_endpoint_list_kept_on_disk_is_not_trusted(tmp_path, sandbox):
    import json

    profile = profile_for(sandbox, directory_endpoints="on")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "endpoints.json").write_text(json.dumps({"auth_id": sandbox.auth_id, "endpoints": [
        {"endpoint_id": "1", "alias": "Mallory", "sip_uri": "not an address"},
        {"endpoint_id": "2", "alias": "Bob <x>", "sip_uri": "sip:bob@phone.plivo.com", "sip_registered": "true"}]}))
    read = service(tmp_path, profile, sandbox.auth_token).read()
    assert [(e.name, e.address) for e in read.entries] == [("Bob x", "sip:bob@phone.plivo.com")]


def test_a_damaged_own_entries_file_is_reported(tmp_path):
    (tmp_path / "own.json").write_text("{not json")
    read = service(tmp_path, Profile(), token=None).read()
    assert read.problems and (tmp_path / "own.json.damaged").exists()
