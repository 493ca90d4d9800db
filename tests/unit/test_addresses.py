"""What agents paste, what goes on the wire, and what is refused."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phlo_desk.core.addresses import AddressError, parse_address, split_display_name
from phlo_desk.core.errors import InvalidInput
from phlo_desk.core.forms import node_request
from phlo_desk.core.text import INVISIBLE_CHARACTERS


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


# -- tel: links (RFC 3966) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        ("tel:2079460958;phone-context=+44", "+442079460958"),
        ("tel:020-7946-0958;phone-context=+44", "+442079460958"),
        ("tel:222-5555;phone-context=+1-415", "+14152225555"),
        ("tel:2079460958;PHONE-CONTEXT=+44", "+442079460958"),
        ("tel:+14152225555;phone-context=+44", "+14152225555"),
        ("tel:+14152225555;phone-context=example.com", "+14152225555"),
    ],
)
def test_a_phone_context_gives_a_local_number_its_country(text, wire):
    assert parse_address(text, "US").wire == wire


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("tel:7042;phone-context=example.com", "only inside its own network"),
        ("tel:2079460958;phone-context=+4x4", "phone-context"),
        ("tel:2079460958;phone-context=", "phone-context"),
        ("tel:2079460958;phone-context=44", "not a country code"),
        ("tel:2079460958;phone-context=+44;phone-context=+1", "repeats ;phone-context"),
    ],
)
def test_a_phone_context_that_cannot_be_dialled_is_refused(text, says):
    with pytest.raises(AddressError) as caught:
        parse_address(text, "US")
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("tel:+14152225555;postd=pp22", "Post-dial digits cannot be sent"),
        ("tel:+14152225555;isub=1411", "Sub-addresses cannot be dialled"),
        ("tel:+14152225555;ext=12", "Extensions cannot be dialled"),
        ("tel:+14152225555;EXT=12", "Extensions cannot be dialled"),
        ("tel:+14152225555;x-crm=42", "has ;x-crm, which cannot go with a transfer"),
        ("tel:+14152225555;tsp", "has ;tsp, which cannot go with a transfer"),
        ("tel:2079460958;phone-context=+44;rn=+442079460000", "has ;rn, which cannot go with a transfer"),
        ("tel:+14152225555;a b=1", "not a well-formed tel: link"),
        ("tel:+14152225555;<b>x</b>", "not a well-formed tel: link"),
    ],
)
def test_tel_parameters_the_api_cannot_carry_are_refused_by_name(text, says):
    with pytest.raises(AddressError) as caught:
        parse_address(text, "US")
    assert says in str(caught.value)


@pytest.mark.parametrize("text", ["tel:+14152225555;npdi", "tel:+14152225555;enumdi", "tel:+14152225555;"])
def test_tel_flags_that_change_nothing_about_the_call_are_accepted(text):
    assert parse_address(text, "US").wire == "+14152225555"


@settings(max_examples=200, deadline=None)
@given(
    name=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,15}", fullmatch=True),
    value=st.sampled_from(["", "=1", "=pp22"]),
)
def test_no_tel_parameter_is_ever_dropped_silently(name, value):
    if name.lower() in ("npdi", "enumdi", "phone-context"):
        return
    with pytest.raises(AddressError) as caught:
        parse_address(f"tel:+14152225555;{name}{value}", "US")
    assert f";{name.lower()}" in str(caught.value)


# -- what contact apps and CRMs paste around a number -------------------------------

_GOOD_PASTES = [
    ("+1 415 222 5555", "+14152225555"),
    ("(415) 222-5555", "+14152225555"),
    ("tel:+1-415-222-5555", "+14152225555"),
    ("sip:alice@phone.plivo.com", "sip:alice@phone.plivo.com"),
    ("alice@phone.plivo.com", "sip:alice@phone.plivo.com"),
]


@pytest.mark.parametrize("invisible", sorted(INVISIBLE_CHARACTERS))
@pytest.mark.parametrize(("text", "wire"), _GOOD_PASTES)
def test_invisible_characters_are_removed_before_parsing(invisible, text, wire):
    middle = len(text) // 2
    pasted = invisible + text[:middle] + invisible + text[middle:] + invisible
    assert parse_address(pasted, "US").wire == wire


@settings(max_examples=200, deadline=None)
@given(
    case=st.sampled_from(_GOOD_PASTES),
    invisibles=st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from(sorted(INVISIBLE_CHARACTERS))), max_size=6
    ),
)
def test_invisible_characters_anywhere_change_nothing(case, invisibles):
    text, wire = case
    for position, invisible in invisibles:
        text = text[:position] + invisible + text[position:]
    assert parse_address(text, "US").wire == wire


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("+1 415\x00 222 5555", "U+0000 NULL"),
        ("\x1b[31m+14152225555", "U+001B ESCAPE"),
        ("tel:+1-415-222-5555\x07", "U+0007 ALERT"),
        ("sip:alice\x7f@phone.plivo.com", "U+007F DELETE"),
        ("415 222\x9b5555", "U+009B CONTROL SEQUENCE INTRODUCER"),
        ("415 222\n5555", "U+000A LINE FEED"),
        ("415 222\u00ad5555", "U+00AD SOFT HYPHEN"),
        ("415 222\ue0005555", "U+E000"),
    ],
)
def test_control_characters_are_refused_by_name(text, named):
    with pytest.raises(AddressError) as caught:
        parse_address(text, "US")
    assert named in str(caught.value)


def test_spaces_and_line_breaks_around_a_pasted_cell_are_trimmed():
    assert parse_address("\t(415) 222-5555\r\n", "US").wire == "+14152225555"


# Tab counts as a space; CR and LF only inside (at the ends they are trimmed, see above).
@pytest.mark.parametrize("code", [c for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\r\n"])
def test_every_control_character_is_refused_under_its_unicode_name(code):
    with pytest.raises(AddressError) as caught:
        parse_address(f"415 222{chr(code)}5555", "US")
    named = re.search(r"U\+([0-9A-F]{4}) ([A-Z ]+[A-Z])", str(caught.value))
    assert named and int(named[1], 16) == code
    assert unicodedata.lookup(named[2]) == chr(code)


# -- a number that belongs to another country -----------------------------------------


def test_a_uk_local_number_typed_with_region_us_says_where_it_is_valid():
    with pytest.raises(AddressError) as caught:
        parse_address("020 7946 0958", "US")
    message = str(caught.value)
    assert message.startswith("Not a valid US number.")
    assert "GB (+44)" in message
    assert "Too many digits" not in message


def test_a_number_valid_in_one_other_country_shows_how_it_would_be_sent():
    text, region = "8 017 123 45 67", "BY"  # Minsk, with Belarus's trunk prefix 8
    number = phonenumbers.parse(text, region)
    with pytest.raises(AddressError) as caught:
        parse_address(text, "US")
    shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    assert str(caught.value) == (
        f"Not a valid US number. As a {region} number it is {shown}: "
        f"type it with +{number.country_code} if that is meant."
    )


def test_countries_that_write_the_number_the_way_it_was_typed_are_named_first():
    # Valid in 22 countries; written 4-3-3 like this in the Netherlands, Australia, Sri Lanka, Ukraine.
    with pytest.raises(AddressError) as caught:
        parse_address("0412 345 678", "US")
    assert "Valid in NL (+31), AU (+61), LK (+94) and 19 more" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "region"),
    [("020 7946 0958", "US"), ("(415) 222-5555", "GB"), ("06 12 34 56 78", "US"), ("0412 345 678", "US")],
)
def test_the_hint_never_picks_a_country_and_lists_only_a_few(text, region):
    with pytest.raises(AddressError) as caught:
        parse_address(text, region)
    message = str(caught.value)
    assert message.startswith(f"Not a valid {region} number.")
    assert len(re.findall(r"\b[A-Z]{2} \(\+\d+\)", message)) <= 3
    assert len(message) <= 130


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("415 222 555", "Too few digits"),  # still being typed: no guesses
        ("+44 20 7946 09581", "Too many digits"),  # a country code was given: nothing to guess
        ("0044 20 7946 09581", "Too many digits"),
    ],
)
def test_no_other_country_is_offered_while_typing_or_after_a_country_code(text, says):
    with pytest.raises(AddressError) as caught:
        parse_address(text, "US")
    assert str(caught.value) == says + " for a phone number."


# -- the window and the command line read an entry the same way ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "tel:+14152225555;postd=pp22",
        "tel:7042;phone-context=example.com",
        "+1 415\x00 222 5555",
        "020 7946 0958",
        "tel:2079460958;phone-context=+44",
        "\u200e+1 415 222 5555\u200f",
    ],
)
def test_the_form_gives_the_same_answer_as_the_address_field(text):
    try:
        wire = parse_address(text, "US").wire
    except AddressError as err:
        with pytest.raises(InvalidInput) as caught:
            node_request("warm_transfer", text, "+14152223333")
        assert caught.value.advice == str(err)
    else:
        assert node_request("warm_transfer", text, "+14152223333").to == wire


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("020 7946 095", "GB"),  # a London number one digit short: still being typed
        ("011 44 20 7946 09581", "US"),  # dialled with the US international prefix
        ("1 555 555 5555", "US"),  # with the country code, without the +
    ],
)
def test_no_other_country_is_offered_for_a_number_still_being_typed_or_with_its_country(text, region):
    with pytest.raises(AddressError) as caught:
        parse_address(text, region)
    assert "Not a valid" not in str(caught.value)


def _countries_where_valid(text: str, region: str) -> set[int]:
    """Every country code under which `text` is a valid number, found the slow way: every region."""
    own = phonenumbers.country_code_for_region(region)
    found = set()
    for other in phonenumbers.SUPPORTED_REGIONS:
        code = phonenumbers.country_code_for_region(other)
        try:
            number = phonenumbers.parse(text, other)
        except phonenumbers.NumberParseException:
            continue
        if code != own and number.country_code == code and phonenumbers.is_valid_number(number):
            found.add(code)
    return found


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("020 7946 0958", "US"),
        ("0412 345 678", "US"),
        ("06 12 34 56 78", "US"),
        ("555 555 5555", "US"),
        ("8 017 123 45 67", "US"),
        ("44 20 7946 0958", "US"),
        ("(415) 222-5555", "GB"),
        ("38677884289", "GB"),
    ],
)
def test_the_hint_counts_every_country_where_the_number_is_valid(text, region):
    with pytest.raises(AddressError) as caught:
        parse_address(text, region)
    message = str(caught.value)
    codes = {int(listed or single) for listed, single in re.findall(r"\(\+(\d+)\)|with \+(\d+) if", message)}
    more = re.search(r"and (\d+) more", message)
    assert len(codes) + (int(more[1]) if more else 0) == len(_countries_where_valid(text, region))
    assert codes <= _countries_where_valid(text, region)


@pytest.mark.parametrize(
    ("text", "name", "wire"),
    [
        ("Alice Chen <+1 415 222 5555>", "Alice Chen", "+14152225555"),
        ('"José Núñez" <sip:jose@phone.plivo.com>', "José Núñez", "sip:jose@phone.plivo.com"),
        ("<(415) 222-5555>", "", "+14152225555"),
    ],
)
def test_a_display_name_before_the_address_is_left_out(text, name, wire):
    assert split_display_name(text)[0] == name
    assert parse_address(text, "US").wire == wire


def test_angle_brackets_that_are_not_around_the_whole_address_are_still_refused():
    with pytest.raises(AddressError):
        parse_address("Alice <+14152225555> x", "US")
    assert split_display_name("+14152225555") == ("", "+14152225555")
