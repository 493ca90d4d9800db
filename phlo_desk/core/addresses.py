"""Parsing and normalising the addresses agents type or paste.

Phone numbers go out as E.164 (`+14152225555`), parsed by phonenumbers against
a default region; SIP endpoints go out as `sip:user@host`. Error texts are fixed
sentences marked `translatable`, or `say()` Phrases for the few that name something,
so the window translates them; those name only what this module checked first: a tel: parameter name (letters, digits, hyphens), a region code, a number
as phonenumbers formats it, a character's code point and Unicode name. They never
echo raw input.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Literal

from phlo_desk.core.text import INVISIBLE_CHARACTERS, is_hidden
from phlo_desk.core.translatable import say, translatable
from phlo_desk.core.values import value_class

DEFAULT_REGION = "US"

_SIP_RE = re.compile(
    r"^(?P<user>[A-Za-z0-9][A-Za-z0-9._+\-]{0,63})"
    r"@(?P<host>[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}))*)"
    r"(?P<port>:\d{1,5})?$"
)
# What may stand in a pasted phone number besides digits.
_PHONE_PUNCTUATION = set(" \t-.()/+\u00a0\u2010\u2011\u2012\u2013\u2014")
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE_CHARACTERS, None))
# Line breaks are trimmed at the ends (a copied spreadsheet cell ends in one), a tab is a space.
_LINE_BREAKS = "\r\n"

# RFC 3966 tel: parameters. A parameter name is letters, digits and hyphens.
_TEL_PARAMETER_NAME = re.compile(r"[a-z0-9-]{1,32}")
# Global number digits with visual separators: `+44`, `+1-415`.
_TEL_GLOBAL_DIGITS = re.compile(r"\+[\d\-.()]*\d[\d\-.()]*")
# Flags that only record a lookup already made (RFC 4694 npdi, RFC 4759 enumdi):
# dropping them changes nothing about who is called.
_HARMLESS_TEL_FLAGS = frozenset({"npdi", "enumdi"})
_TEL_BAD_CONTEXT = translatable(
    "The phone-context of this tel: link is not a country code: use + and the country code.")
_TEL_PRIVATE_CONTEXT = translatable(
    "This tel: number works only inside its own network: use the full number with + and the country code."
)
_UNSENDABLE_TEL_PARAMETERS = {
    "ext": translatable("Extensions cannot be dialled: remove ;ext= from the tel: link."),
    "isub": translatable("Sub-addresses cannot be dialled: remove ;isub= from the tel: link."),
    "postd": translatable("Post-dial digits cannot be sent with a transfer: remove ;postd= from the tel: link."),
}

# Names of the C0 and C1 controls (Unicode name aliases: unicodedata.name() has none).
_C0_NAMES = (
    "NULL|START OF HEADING|START OF TEXT|END OF TEXT|END OF TRANSMISSION|ENQUIRY|ACKNOWLEDGE|"
    "ALERT|BACKSPACE|CHARACTER TABULATION|LINE FEED|LINE TABULATION|FORM FEED|CARRIAGE RETURN|"
    "SHIFT OUT|SHIFT IN|DATA LINK ESCAPE|DEVICE CONTROL ONE|DEVICE CONTROL TWO|"
    "DEVICE CONTROL THREE|DEVICE CONTROL FOUR|NEGATIVE ACKNOWLEDGE|SYNCHRONOUS IDLE|"
    "END OF TRANSMISSION BLOCK|CANCEL|END OF MEDIUM|SUBSTITUTE|ESCAPE|INFORMATION SEPARATOR FOUR|"
    "INFORMATION SEPARATOR THREE|INFORMATION SEPARATOR TWO|INFORMATION SEPARATOR ONE"
).split("|")
_C1_NAMES = (
    "PADDING CHARACTER|HIGH OCTET PRESET|BREAK PERMITTED HERE|NO BREAK HERE|INDEX|NEXT LINE|"
    "START OF SELECTED AREA|END OF SELECTED AREA|CHARACTER TABULATION SET|"
    "CHARACTER TABULATION WITH JUSTIFICATION|LINE TABULATION SET|PARTIAL LINE FORWARD|"
    "PARTIAL LINE BACKWARD|REVERSE LINE FEED|SINGLE SHIFT TWO|SINGLE SHIFT THREE|"
    "DEVICE CONTROL STRING|PRIVATE USE ONE|PRIVATE USE TWO|SET TRANSMIT STATE|CANCEL CHARACTER|"
    "MESSAGE WAITING|START OF GUARDED AREA|END OF GUARDED AREA|START OF STRING|"
    "SINGLE GRAPHIC CHARACTER INTRODUCER|SINGLE CHARACTER INTRODUCER|CONTROL SEQUENCE INTRODUCER|"
    "STRING TERMINATOR|OPERATING SYSTEM COMMAND|PRIVACY MESSAGE|APPLICATION PROGRAM COMMAND"
).split("|")
_CONTROL_NAMES = {chr(i): name for i, name in enumerate(_C0_NAMES)} | {"\x7f": "DELETE"} | {
    chr(0x80 + i): name for i, name in enumerate(_C1_NAMES)
}

# At most this many other countries are named when a number fits several.
_MAX_OTHER_REGIONS = 3


class AddressError(ValueError):
    """The text is not an address we can send; `str(err)` says why: a marked sentence
    (a Phrase where it names something), which the window translates."""


@value_class
class Address:
    kind: Literal["phone", "sip"]
    wire: str  # what goes on the wire: E.164 or sip:user@host
    display: str  # how to show it to a person

    def __str__(self) -> str:
        return self.wire


def is_valid_region(region: str) -> bool:
    import phonenumbers

    return region.upper() in phonenumbers.SUPPORTED_REGIONS


def load_phone_number_library() -> None:
    """Import phonenumbers now (~50 ms of Python), e.g. on a background thread, so that
    the first number parsed on the GUI thread does not wait for it."""
    import phonenumbers  # noqa: F401


def split_display_name(text: str) -> tuple[str, str]:
    """("Alice Chen", "+14155550101") from `Alice Chen <+14155550101>` (SIP's name-addr form,
    which the directory puts in To); ("", text) for anything else."""
    stripped = text.strip()
    if stripped.endswith(">") and "<" in stripped:
        start = stripped.index("<")
        name, inner = stripped[:start], stripped[start + 1:-1]
        if not any(bracket in name + inner for bracket in "<>"):
            return name.strip().strip('"').strip(), inner.strip()
    return "", text


def parse_address(text: str, default_region: str = DEFAULT_REGION) -> Address:
    """Return the normalised address in `text`, or raise AddressError. A display name
    before the address in angle brackets is allowed and left out."""
    raw = _visible_text(split_display_name(text or "")[1])
    if not raw:
        raise AddressError(translatable("Enter a phone number or SIP address."))
    lowered = raw.lower()
    if lowered.startswith("sips:"):
        raise AddressError(translatable("Use a sip: address; sips: is not supported."))
    if lowered.startswith("sip:"):
        return _parse_sip(raw.split(":", 1)[1])
    if lowered.startswith("tel:"):
        return _parse_tel(raw[4:], default_region)
    if "@" in raw:
        return _parse_sip(raw)
    return _parse_phone(raw, default_region)


def _visible_text(text: str) -> str:
    """`text` without the invisible characters pasted around numbers; refuses other hidden ones."""
    text = text.translate(_DROP_INVISIBLE)
    hidden = next((ch for ch in text if is_hidden(ch) and ch not in "\t" + _LINE_BREAKS), None)
    text = text.strip()
    hidden = hidden or next((ch for ch in text if ch in _LINE_BREAKS), None)
    if hidden is not None:
        name = _character_name(hidden)
        raise AddressError(say("Hidden character {name}: type the entry instead of pasting it.", name=name))
    return text


def _character_name(ch: str) -> str:
    name = _CONTROL_NAMES.get(ch) or unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}".rstrip()


def _parse_sip(user_at_host: str) -> Address:
    match = _SIP_RE.match(user_at_host.strip())
    if not match:
        raise AddressError(translatable("A SIP address looks like sip:user@host."))
    port = match["port"] or ""
    wire = f"sip:{match['user']}@{match['host'].lower()}{port}"
    return Address("sip", wire, wire)


def _parse_tel(subscriber: str, default_region: str) -> Address:
    """An RFC 3966 tel: link: a number, then ;parameters, none of which may be lost."""
    number, *parameters = subscriber.split(";")
    number = number.strip()
    context = _tel_phone_context(parameters)
    if context is None or number.startswith("+"):
        return _parse_phone(number, default_region)  # a global number needs no context
    if not _TEL_GLOBAL_DIGITS.fullmatch(context):
        if not context or context[0] in "+0123456789":
            raise AddressError(_TEL_BAD_CONTEXT)
        raise AddressError(_TEL_PRIVATE_CONTEXT)  # a domain name: a number inside someone's network
    # libphonenumber's reading: the context's digits come before the local number.
    return _parse_phone(context + " " + number, default_region)


def _tel_phone_context(parameters: list[str]) -> str | None:
    """The phone-context of a tel: link; refuses any parameter the API cannot carry."""
    seen: dict[str, str] = {}
    for parameter in parameters:
        if not parameter.strip():
            continue  # `tel:+1...;` ends in an empty parameter: nothing to lose
        name, _, value = parameter.partition("=")
        name = name.strip().lower()
        if not _TEL_PARAMETER_NAME.fullmatch(name):
            raise AddressError(translatable("This is not a well-formed tel: link: check what follows the number."))
        if name in seen:
            raise AddressError(say("This tel: link repeats ;{name}: keep only one.", name=name))
        if name in _UNSENDABLE_TEL_PARAMETERS:
            raise AddressError(_UNSENDABLE_TEL_PARAMETERS[name])
        if name != "phone-context" and name not in _HARMLESS_TEL_FLAGS:
            raise AddressError(say("This tel: link has ;{name}, which cannot go with a transfer: remove it.",
                                   name=name))
        seen[name] = value.strip()
    return seen.get("phone-context")


def _parse_phone(text: str, default_region: str) -> Address:
    import phonenumbers  # ~50 ms to import: kept off the start-up path

    text = _phone_text(text)
    region = default_region.upper() if is_valid_region(default_region) else DEFAULT_REGION
    try:
        number = phonenumbers.parse(text, region, keep_raw_input=True)  # to know how it was typed
    except phonenumbers.NumberParseException as err:
        raise AddressError(_parse_errors().get(err.error_type, _NOT_A_NUMBER)) from None
    problem = _number_problem(number)
    if problem:
        if _typed_to_the_end(number, region):
            problem = _other_regions_hint(text, region) or problem
        raise AddressError(problem)
    return Address(
        "phone",
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
    )


def _phone_text(text: str) -> str:
    """The number as phonenumbers should read it; refuses what is no phone number at all."""
    text = text.strip()
    if not any(ch.isdigit() for ch in text):
        raise AddressError(_NOT_A_NUMBER)
    if re.search(r"(?i)(ext|x)\.?\s*\d+\s*$", text):
        raise AddressError(translatable("Extensions cannot be dialled: remove the extension."))
    if any(not ch.isdigit() and ch not in _PHONE_PUNCTUATION for ch in text):
        raise AddressError(translatable("A phone number has only digits, spaces and + - ( ) . /"))
    if "+" in text[1:]:
        raise AddressError(translatable("A + may only stand at the start of a phone number."))
    if text.startswith("00"):
        # The international prefix most of the world dials; phonenumbers only
        # understands it when the default region happens to use it.
        text = "+" + text[2:]
    return text


def _number_problem(number) -> str:  # type: ignore[no-untyped-def]
    """Why `number` cannot be dialled, or "" when it can."""
    import phonenumbers

    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in _possibility_errors():
        return _possibility_errors()[reason]
    if not phonenumbers.is_valid_number(number):
        return _NOT_VALID
    return ""


def _typed_to_the_end(number, region: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether `number` was typed as a national number of `region` and has as many digits as
    the longest there: then it is not one still being typed, and may belong elsewhere."""
    import phonenumbers
    from phonenumbers.phonemetadata import PhoneMetadata

    if number.country_code_source != phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY:
        return False  # typed with a country code: no country to guess
    longest = max(PhoneMetadata.metadata_for_region(region).general_desc.possible_length)
    return len(phonenumbers.national_significant_number(number)) >= longest


def _other_regions_hint(text: str, region: str) -> str:
    """Where a national number that is wrong for `region` would be valid, or ""."""
    others = _regions_where_valid(text, region)
    if not others:
        return ""
    if len(others) == 1:
        other, shown, code = others[0]
        return say("Not a valid {region} number. As a {other} number it is {shown}: "
                   "type it with +{code} if that is meant.", region=region, other=other, shown=shown, code=code)
    named: list[str] = [f"{other} (+{code})" for other, _, code in others[:_MAX_OTHER_REGIONS]]
    if len(others) > _MAX_OTHER_REGIONS:
        named.append(say("{count} more", count=len(others) - _MAX_OTHER_REGIONS))
    listed = say("{first} and {last}", first=", ".join(named[:-1]), last=named[-1])
    return say("Not a valid {region} number. Valid in {listed}: type it with the country code that is meant.",
               region=region, listed=listed)


@functools.lru_cache(maxsize=64)  # the field re-parses on every keystroke
def _regions_where_valid(text: str, region: str) -> tuple[tuple[str, str, int], ...]:
    """(region, international form, country code) for each country where `text` is a valid
    national number; those whose usual grouping matches how it was typed come first."""
    import phonenumbers

    own_code = phonenumbers.country_code_for_region(region)
    typed_groups = [len(group) for group in re.findall(r"\d+", text)]
    found = []
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        if code == own_code or regions[0] == phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:
            continue
        if not _length_fits(sum(typed_groups), code, regions[0]):
            continue
        try:
            number = phonenumbers.parse(text, regions[0])
        except phonenumbers.NumberParseException:
            continue
        # A text that starts with this region's international prefix reads as another country: skip.
        if number.country_code != code or not phonenumbers.is_valid_number(number):
            continue
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        grouped_alike = [len(group) for group in re.findall(r"\d+", national)] == typed_groups
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        found.append((not grouped_alike, code, phonenumbers.region_code_for_number(number), shown))
    return tuple((other, shown, code) for _, code, other, shown in sorted(found))


def _length_fits(digits: int, code: int, region: str) -> bool:
    """A cheap first look, without regular expressions: could the digits be a number of
    `region` as typed, or after its national prefix or its country code (typed without a +)?
    Parsing every region costs tens of milliseconds."""
    from phonenumbers.phonemetadata import PhoneMetadata

    metadata = PhoneMetadata.metadata_for_region(region)
    prefix = metadata.national_prefix or ""
    if metadata.national_prefix_for_parsing and metadata.national_prefix_for_parsing != prefix:
        return True  # a prefix rule richer than a fixed prefix: let parsing decide
    lengths = metadata.general_desc.possible_length
    return any(digits - len(before) in lengths for before in {"", prefix, str(code), str(code) + prefix})


_NOT_A_NUMBER = translatable("This is not a phone number or SIP address.")
_TOO_SHORT = translatable("Too few digits for a phone number.")
_TOO_LONG = translatable("Too many digits for a phone number.")
_WRONG_LENGTH = translatable("Wrong number of digits for this country.")
_NOT_VALID = translatable("This is not a valid phone number: check the digits and the country code.")
_UNKNOWN_COUNTRY_CODE = translatable("Unknown country code: start with + and the country code.")


@functools.cache
def _parse_errors() -> dict[int, str]:
    from phonenumbers import NumberParseException as E

    return {
        E.INVALID_COUNTRY_CODE: _UNKNOWN_COUNTRY_CODE,
        E.NOT_A_NUMBER: _NOT_A_NUMBER,
        E.TOO_SHORT_AFTER_IDD: _TOO_SHORT,
        E.TOO_SHORT_NSN: _TOO_SHORT,
        E.TOO_LONG: _TOO_LONG,
    }


@functools.cache
def _possibility_errors() -> dict[int, str]:
    from phonenumbers import ValidationResult as V

    return {
        V.INVALID_COUNTRY_CODE: _UNKNOWN_COUNTRY_CODE,
        V.TOO_SHORT: _TOO_SHORT,
        V.INVALID_LENGTH: _WRONG_LENGTH,
        V.TOO_LONG: _TOO_LONG,
    }
