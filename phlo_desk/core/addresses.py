"""Parsing and normalising the addresses agents type or paste.

Phone numbers go out as E.164 (`+14152225555`), parsed by phonenumbers against
a default region; SIP endpoints go out as `sip:user@host`. Error texts are
fixed strings (no input echoed into them) so the window can translate them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

DEFAULT_REGION = "US"

_SIP_RE = re.compile(
    r"^(?P<user>[A-Za-z0-9][A-Za-z0-9._+\-]{0,63})"
    r"@(?P<host>[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}))*)"
    r"(?P<port>:\d{1,5})?$"
)
# What may stand in a pasted phone number besides digits.
_PHONE_PUNCTUATION = set(" \t-.()/+\u00a0\u2010\u2011\u2012\u2013\u2014")


class AddressError(ValueError):
    """The text is not an address we can send; `str(err)` says why."""


@dataclass(frozen=True)
class Address:
    kind: Literal["phone", "sip"]
    wire: str  # what goes on the wire: E.164 or sip:user@host
    display: str  # how to show it to a person

    def __str__(self) -> str:
        return self.wire


def is_valid_region(region: str) -> bool:
    import phonenumbers

    return region.upper() in phonenumbers.SUPPORTED_REGIONS


def parse_address(text: str, default_region: str = DEFAULT_REGION) -> Address:
    """Return the normalised address in `text`, or raise AddressError."""
    raw = (text or "").strip()
    if not raw:
        raise AddressError("Enter a phone number or SIP address.")
    lowered = raw.lower()
    if lowered.startswith("sips:"):
        raise AddressError("Use a sip: address; sips: is not supported.")
    if lowered.startswith("sip:"):
        return _parse_sip(raw.split(":", 1)[1])
    if lowered.startswith("tel:"):
        # RFC 3966: parameters such as ;phone-context follow the number. An extension
        # or sub-address cannot be dialled, and dropping it would call someone else.
        number, *parameters = raw[4:].split(";")
        if any(p.strip().lower().startswith(("ext=", "isub=")) for p in parameters):
            raise AddressError("Extensions cannot be dialled: remove the extension.")
        return _parse_phone(number, default_region)
    if "@" in raw:
        return _parse_sip(raw)
    return _parse_phone(raw, default_region)


def _parse_sip(user_at_host: str) -> Address:
    match = _SIP_RE.match(user_at_host.strip())
    if not match:
        raise AddressError("A SIP address looks like sip:user@host.")
    port = match["port"] or ""
    wire = f"sip:{match['user']}@{match['host'].lower()}{port}"
    return Address("sip", wire, wire)


def _parse_phone(text: str, default_region: str) -> Address:
    import phonenumbers  # ~50 ms to import: kept off the start-up path

    text = text.strip()
    if not any(ch.isdigit() for ch in text):
        raise AddressError(_NOT_A_NUMBER)
    if re.search(r"(?i)(ext|x)\.?\s*\d+\s*$", text):
        raise AddressError("Extensions cannot be dialled: remove the extension.")
    if any(not ch.isdigit() and ch not in _PHONE_PUNCTUATION for ch in text):
        raise AddressError("A phone number has only digits, spaces and + - ( ) . /")
    if "+" in text[1:]:
        raise AddressError("A + may only stand at the start of a phone number.")
    if text.startswith("00"):
        # The international prefix most of the world dials; phonenumbers only
        # understands it when the default region happens to use it.
        text = "+" + text[2:]
    region = default_region.upper() if is_valid_region(default_region) else DEFAULT_REGION
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as err:
        raise AddressError(_parse_errors().get(err.error_type, _NOT_A_NUMBER)) from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in _possibility_errors():
        raise AddressError(_possibility_errors()[reason])
    if not phonenumbers.is_valid_number(number):
        raise AddressError("This is not a valid phone number: check the digits and the country code.")
    return Address(
        "phone",
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
    )


_NOT_A_NUMBER = "This is not a phone number or SIP address."
_TOO_SHORT = "Too few digits for a phone number."
_TOO_LONG = "Too many digits for a phone number."


@functools.cache
def _parse_errors() -> dict[int, str]:
    from phonenumbers import NumberParseException as E

    return {
        E.INVALID_COUNTRY_CODE: "Unknown country code: start with + and the country code.",
        E.NOT_A_NUMBER: _NOT_A_NUMBER,
        E.TOO_SHORT_AFTER_IDD: _TOO_SHORT,
        E.TOO_SHORT_NSN: _TOO_SHORT,
        E.TOO_LONG: _TOO_LONG,
    }


@functools.cache
def _possibility_errors() -> dict[int, str]:
    from phonenumbers import ValidationResult as V

    return {
        V.INVALID_COUNTRY_CODE: "Unknown country code: start with + and the country code.",
        V.TOO_SHORT: _TOO_SHORT,
        V.INVALID_LENGTH: "Wrong number of digits for this country.",
        V.TOO_LONG: _TOO_LONG,
    }
