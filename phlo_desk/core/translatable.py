"""Marks the core's English sentences for translation, without Qt.

The window translates them when it shows them (ui/vocabulary.py); lupdate finds them
because packaging/translations.py runs it with `translatable` and `say` read as Qt's
QT_TR_NOOP, so both take a literal. A fixed sentence is `translatable("...")`; one that
names a value is `say("... {name} ...", name=value)`, a Phrase: the template is
translated and the value filled in afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self


def translatable(text: str) -> str:
    """`text`, unchanged: the mark is for lupdate."""
    return text


class Phrase(str):
    """A sentence made from a marked template and named values.

    It is its English text, so the command line prints it, the history stores it and
    tests compare it like any string; it also keeps the template and the values, so the
    window can translate the template and fill in the values. A value that is itself a
    Phrase (a move's name) is translated too; any other value (an address, what the
    server said) is shown as it is. str() keeps the Phrase, so an exception made from
    one still carries it. Any other string operation gives plain English.
    """

    template: str
    values: dict[str, str]  # each a plain str, shown as it is, or a Phrase, translated

    def __new__(cls, template: str, values: Mapping[str, object] | None = None) -> Self:
        filled = {name: value if isinstance(value, Phrase) else str(value) for name, value in (values or {}).items()}
        phrase = super().__new__(cls, template.format_map(filled) if filled else template)
        phrase.template, phrase.values = template, filled
        return phrase

    def __str__(self) -> str:
        return self

    def __getnewargs__(self) -> tuple[str, dict[str, str]]:  # copy and pickle keep the parts
        return self.template, self.values


def say(template: str, **values: object) -> Phrase:
    """A sentence from a literal template (lupdate reads it) and its values."""
    return Phrase(template, values)


def marked(text: str) -> Phrase:
    """A Phrase of a text that was marked where it is defined (`translatable` or `say`)."""
    return text if isinstance(text, Phrase) else Phrase(text)
