"""The desk's budget for background reads, and reading Plivo's endpoint objects."""

from __future__ import annotations

import random

import pytest

from phlo_desk.core import errors
from phlo_desk.core.directory import SOURCE_PLIVO, Entry
from phlo_desk.core.endpoints import (
    Endpoint,
    ReadBudget,
    endpoint_from_json,
    entry_of,
    retry_after_seconds,
    voice_api_base,
)


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def budget(clock: FakeClock, **overrides: object) -> ReadBudget:
    """A budget whose start is not jittered, unless the test asks for it."""
    options: dict[str, object] = {"first_delay_max_s": 0.0, "clock": clock, "rng": random.Random(7)}
    return ReadBudget(**(options | overrides))  # type: ignore[arg-type]


def reads_within(b: ReadBudget, clock: FakeClock, seconds: float, step: float = 0.5) -> int:
    """How many reads the budget lets go over `seconds`, asking every `step`."""
    sent, end = 0, clock.now + seconds
    while clock.now < end:
        if b.ready_in() == 0:
            b.spend()
            sent += 1
        clock.now += step
    return sent


# -- ReadBudget ---------------------------------------------------------------------


def test_a_burst_of_capacity_then_a_wait_for_the_next_token():
    clock = FakeClock()
    b = budget(clock)
    for _ in range(3):
        assert b.ready_in() == 0
        b.spend()
    assert b.ready_in() == pytest.approx(10.0)
    clock.now += 4
    assert b.ready_in() == pytest.approx(6.0)
    with pytest.raises(ValueError):
        b.spend()
    clock.now += 6
    assert b.ready_in() == 0


def test_the_long_run_average_is_one_read_per_refill_period():
    clock = FakeClock()
    b = budget(clock)
    # 3 at once, then one per 10 s: over 300 s that is 3 + 30 at most.
    sent = reads_within(b, clock, 300.0)
    assert 32 <= sent <= 33


def test_the_bucket_never_holds_more_than_its_capacity():
    clock = FakeClock()
    b = budget(clock)
    clock.now += 3600  # an hour idle earns no more than a full bucket
    assert reads_within(b, clock, 1.0, step=0.01) == 3


@pytest.mark.parametrize("seed", range(40))
def test_the_first_read_is_jittered_within_the_bound(seed: int):
    clock = FakeClock()
    b = ReadBudget(clock=clock, rng=random.Random(seed))
    first = b.ready_in()
    assert 0.0 <= first <= 10.0
    clock.now += first
    assert b.ready_in() == 0


def test_jitter_spreads_desks_started_together():
    clock = FakeClock()
    starts = {round(ReadBudget(clock=clock, rng=random.Random(seed)).ready_in(), 3) for seed in range(20)}
    assert len(starts) == 20
    assert max(starts) - min(starts) > 5.0


def test_retry_after_is_honoured_exactly():
    clock = FakeClock()
    b = budget(clock)
    b.spend()
    assert b.back_off(45) == 45
    assert b.ready_in() == pytest.approx(45.0)
    clock.now += 44.5
    assert b.ready_in() == pytest.approx(0.5)
    clock.now += 0.5
    assert b.ready_in() == 0


def test_a_garbled_huge_retry_after_is_capped():
    clock = FakeClock()
    b = budget(clock)
    b.back_off(10**9)
    assert b.ready_in() == pytest.approx(3600.0)


def test_back_off_without_retry_after_doubles_up_to_its_cap():
    clock = FakeClock()
    b = budget(clock)
    waits = []
    for _ in range(8):
        waits.append(b.back_off(None))
        assert b.ready_in() == pytest.approx(waits[-1])
        clock.now += waits[-1]
    assert waits == [30, 60, 120, 240, 480, 600, 600, 600]


def test_a_success_resets_the_back_off():
    clock = FakeClock()
    b = budget(clock)
    for _ in range(3):
        clock.now += b.back_off(None)
    b.succeeded()
    assert b.back_off(None) == 30


def test_back_off_never_shortens_a_longer_wait():
    clock = FakeClock()
    b = budget(clock)
    b.back_off(120)
    b.back_off(5)
    assert b.ready_in() == pytest.approx(120.0)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("30", 30.0), (" 7 ", 7.0), ("0", 0.0), (None, None), ("", None),
     ("Wed, 21 Oct 2015 07:28:00 GMT", None), ("-5", None), ("1.5", None), ("٣", None)],
)
def test_retry_after_seconds_reads_only_the_seconds_form(header: str | None, seconds: float | None):
    assert retry_after_seconds(header) == seconds


# -- voice_api_base -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phlo_base", "voice_base"),
    [
        ("https://phlorunner.plivo.com", "https://api.plivo.com"),
        ("https://phlorunner.plivo.com/v1/", "https://api.plivo.com"),
        ("https://PHLORunner.plivo.com", "https://api.plivo.com"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("https://plivo-proxy.example.com/", "https://plivo-proxy.example.com"),
    ],
)
def test_voice_api_base(phlo_base: str, voice_base: str):
    assert voice_api_base(phlo_base) == voice_base


def test_voice_api_base_refuses_what_the_phlo_base_refuses():
    with pytest.raises(errors.InvalidInput):
        voice_api_base("http://example.com")


# -- endpoint objects ------------------------------------------------------------------

PLIVO_OBJECT = {
    "endpoint_id": "39452475478853",
    "username": "jose240315091200",
    "alias": "José Álvarez",
    "sip_uri": "sip:jose240315091200@phone.plivo.com",
    "sip_registered": "true",
    "sip_contact": "sip:jose240315091200@192.0.2.10:5060",
    "sip_expires": "2024-03-15 10:12:00",
    "sip_user_agent": "Zoiper\x1b[31m rv2.10",
}


def test_an_endpoint_object_is_read_with_its_presence():
    endpoint = endpoint_from_json(PLIVO_OBJECT)
    assert endpoint == Endpoint(
        endpoint_id="39452475478853",
        username="jose240315091200",
        alias="José Álvarez",
        sip_uri="sip:jose240315091200@phone.plivo.com",
        registered=True,
        sip_contact="sip:jose240315091200@192.0.2.10:5060",
        sip_expires="2024-03-15 10:12:00",
        sip_user_agent="Zoiper[31m rv2.10",  # the escape character is removed
    )


@pytest.mark.parametrize(("value", "registered"), [("false", False), ("TRUE", True), (True, True),
                                                    ("maybe", None), (None, None), ([], None)])
def test_registration_is_known_only_when_plivo_says_it(value: object, registered: bool | None):
    endpoint = endpoint_from_json(PLIVO_OBJECT | {"sip_registered": value})
    assert endpoint is not None and endpoint.registered is registered


@pytest.mark.parametrize(
    "broken",
    [PLIVO_OBJECT | {"endpoint_id": ""}, PLIVO_OBJECT | {"sip_uri": "not an address"},
     PLIVO_OBJECT | {"sip_uri": "+14155550142"}, {k: v for k, v in PLIVO_OBJECT.items() if k != "sip_uri"},
     "an endpoint", None],
)
def test_an_object_without_id_or_sip_uri_is_not_an_endpoint(broken: object):
    assert endpoint_from_json(broken) is None


def test_entry_of_an_endpoint_names_it_by_alias_or_username():
    endpoint = endpoint_from_json(PLIVO_OBJECT)
    assert endpoint is not None
    assert entry_of(endpoint) == Entry(
        name="José Álvarez",
        address="sip:jose240315091200@phone.plivo.com",
        source=SOURCE_PLIVO,
        key="39452475478853",
        endpoint_id="39452475478853",
    )
    nameless = endpoint_from_json(PLIVO_OBJECT | {"alias": ""})
    assert nameless is not None and entry_of(nameless).name == "jose240315091200"
