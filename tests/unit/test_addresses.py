"""What agents paste, what goes on the wire, and what is refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phlo_desk.core.addresses import AddressError, parse_address
from phlo_desk.core.errors import InvalidInput
from phlo_desk.core.forms import node_request


@pytest.mark.parametrize(
    ("text", "region", "wire"),
    [
        ("(415) 222-5555", "US", "+14152225555"),
        ("415.222.5555", "US", "+14152225555"),
        ("415-222-5555", "US", "+14152225555"),
        ("+1 415 222 5555", "GB", "+14152225555"),
        ("14152225555", "US", "+14152225555"),
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("0044 20 7946 0958", "US", "+442079460958"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("tel:+1-415-222-5555", "US", "+14152225555"),
        ("TEL:+1-415-222-5555;phone-context=example.com", "US", "+14152225555"),
        ("  +1 (415) 222\u20135555  ", "US", "+14152225555"),
        ("sip:alice@phone.plivo.com", "US", "sip:alice@phone.plivo.com"),
        ("SIP:John1234@Phone.Plivo.COM", "US", "sip:John1234@phone.plivo.com"),
        ("john1234567890123@phone.plivo.com", "US", "sip:john1234567890123@phone.plivo.com"),
        ("sip:agent.7@10.0.0.5:5080", "US", "sip:agent.7@10.0.0.5:5080"),
    ],
)
def test_common_formats_normalise_to_the_wire_form(text, region, wire):
    assert parse_address(text, region).wire == wire


def test_phone_numbers_display_in_international_format():
    address = parse_address("(415) 222-5555", "US")
    assert (address.kind, address.display) == ("phone", "+1 415-222-5555")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Enter a phone number"),
        ("   ", "Enter a phone number"),
        ("hello", "not a phone number"),
        ("12", "Too few digits"),
        ("+1 415 222 5555 5555 5555", "Too many digits"),
        ("+1 555 555 5555", "not a valid phone number"),
        ("+999 1234567", "Unknown country code"),
        ("1-800-FLOWERS", "only digits"),
        ("415 222 5555 ext 12", "Extensions"),
        ("415+222+5555", "A + may only stand at the start"),
        ("sip:alice", "sip:user@host"),
        ("sip:@host", "sip:user@host"),
        ("sip:bob@", "sip:user@host"),
        ("alice@exa mple.com", "sip:user@host"),
        ("tel:+1-415-222-5555;ext=12", "Extensions"),
        ("sips:alice@phone.plivo.com", "sips: is not supported"),
    ],
)
def test_refusals_say_what_is_wrong(text, says):
    with pytest.raises(AddressError) as caught:
        parse_address(text, "US")
    assert says in str(caught.value)


def test_form_refuses_a_transfer_to_oneself_before_sending():
    with pytest.raises(InvalidInput) as caught:
        node_request("warm_transfer", "(415) 222-3333", "+14152223333")
    assert "same address" in caught.value.advice


def test_form_names_the_field_that_is_wrong():
    with pytest.raises(InvalidInput) as caught:
        node_request("warm_transfer", "+14152225555", "nonsense")
    assert caught.value.detail == "Trigger source"


_pasted = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789 +-().\t/", max_size=25),
    st.builds(lambda a, b: f"sip:{a}@{b}", st.text(max_size=12), st.text(max_size=20)),
    st.builds(lambda d: "tel:" + d, st.text(alphabet="0123456789-+", max_size=16)),
)


@settings(max_examples=400, deadline=None)
@given(text=_pasted, region=st.sampled_from(["US", "GB", "DE", "IN", "xx", ""]))
def test_parsing_never_crashes_and_normalises_idempotently(text, region):
    try:
        address = parse_address(text, region)
    except AddressError as err:
        assert str(err)  # always a message, never an empty refusal
        return
    again = parse_address(address.wire, region)
    assert again.wire == address.wire
    assert address.wire.startswith(("+", "sip:"))
