"""Text that comes from outside the desk, made safe to show, store and print.

A server's error text, an HTML title, a `Location` header or a pasted number can
hold anything: terminal escapes (ESC, BEL, an OSC 52 clipboard write), bidi
overrides that make a number read backwards, zero-width characters, or a megabyte
of text. Everything such text passes through goes through here first, so the
window, the command line, the history and the log file all see the same thing.
"""

from __future__ import annotations

import re
import unicodedata

# Longest server text kept anywhere (log rows, history, CLI output).
SERVER_TEXT_LIMIT = 500
CUT_MARK = " [cut]"

# Invisible characters contact apps and CRMs paste around numbers: direction marks
# and embeddings, zero-width spaces and joiners, the byte-order mark.
INVISIBLE_CHARACTERS = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u061c": "ARABIC LETTER MARK",
    "\ufeff": "BYTE ORDER MARK",
}

_LINE_SPACES = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

# Cells a spreadsheet would evaluate as a formula (OWASP's CSV injection list).
_NUMBER_LIKE = re.compile(r"[0-9\s+\-().]*[0-9][0-9\s+\-().]*")
_NOT_DIGIT = re.compile(r"[^0-9]")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_hidden(ch: str) -> bool:
    """A character that shows nothing or acts on the terminal: controls, format characters."""
    return ch in INVISIBLE_CHARACTERS or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn")


def printable(text: str) -> str:
    """`text` with every control and invisible character removed; line breaks and tabs become spaces."""
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(" " if ch in _LINE_SPACES else "" if is_hidden(ch) else ch for ch in text)


def bounded(text: str, limit: int = SERVER_TEXT_LIMIT) -> str:
    """At most `limit` characters, marked as cut when it was longer."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(CUT_MARK))].rstrip() + CUT_MARK


def server_text(text: object, limit: int = SERVER_TEXT_LIMIT) -> str:
    """What a server said, as one plain, bounded line: safe for a label, a terminal, a file."""
    raw = text if isinstance(text, str) else str(text)
    # Bound before the character scan too, so a 50 MB body costs no more than a short one.
    raw = raw[: limit * 4]
    return bounded(" ".join(printable(raw).split()), limit)


def spreadsheet_safe(cell: object) -> object:
    """A CSV cell a spreadsheet shows as text instead of evaluating (other types as they are)."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def looks_like_number(text: str) -> bool:
    """A number typed in any format: digits, with spaces, +, -, dots or brackets among them.
    Searches match such text by its digits alone."""
    return _NUMBER_LIKE.fullmatch(text) is not None


def digits(text: str) -> str:
    """Only the digits of `text`."""
    return _NOT_DIGIT.sub("", text)
