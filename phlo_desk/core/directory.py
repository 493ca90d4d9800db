"""The directory of colleagues and teams the agent transfers to, and searching it.

Entries come from three sources (core/directory_sources.py reads them): IT's list,
the agent's own entries, and the Plivo account's SIP endpoints (core/endpoints.py).
An entry's `address` is always the wire form that will be sent (E.164 or
sip:user@host), checked when the entry was read.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from phlo_desk.core.text import digits, looks_like_number
from phlo_desk.core.values import value_class

# Where an entry came from; the window names them in the agent's language.
SOURCE_LIST = "list"  # IT's list: a CSV or JSON file or URL, read-only in the app
SOURCE_OWN = "own"  # the agent's own entries, editable
SOURCE_PLIVO = "plivo"  # the Plivo account's SIP endpoints (opt-in)
SOURCES = (SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO)


MAX_QUERY_WORDS = 6  # a name and a team are rarely more; the rest of a pasted text is ignored


def clean_name(text: str) -> str:
    """A name or team as the desk shows it: no angle brackets, since in To a name stands
    before its address in brackets, and only what is in brackets is sent."""
    return " ".join(text.replace("<", " ").replace(">", " ").split())


@value_class
class Entry:
    name: str
    address: str  # the wire form that will be sent: E.164 or sip:user@host
    team: str = ""
    notes: str = ""
    favourite: bool = False
    source: str = SOURCE_LIST
    key: str = ""  # identity within its source: an own entry's id, an endpoint's endpoint_id
    endpoint_id: str = ""  # set for a Plivo SIP endpoint: its presence can be asked


# -- searching -----------------------------------------------------------------------

# Letters NFKD keeps whole that a person types as plain letters: "Ærø" is typed "aero".
_PLAIN_LETTERS = str.maketrans({
    "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ħ": "h", "ı": "i", "ŧ": "t",
})
# Apostrophes join the parts of a name rather than split it: "O'Neil" is typed "oneil".
_APOSTROPHES = str.maketrans("", "", "'\u2019\u02bc")
_WORD = re.compile(r"[^\W_]+")
# What a person types when looking for a number: digits and phone punctuation only.
# How far into a number its national part may start: after a country code of 1 to 3 digits.
_COUNTRY_CODE_MAX = 3

# How well a query word matched an entry, best first: the tiers of a result.
# Tier 0: a whole word, the start of the name, or digits of the number.
# Tier 1: the start of a later word of the name, or of a team word.
# Tier 2: the initials of the name: "ac" for Alice Chen.
_TIERS = 3
_AFTER_EVERY_WORD = "\U0010ffff"


def fold(text: str) -> str:
    """`text` as it is compared: lower case, without accents ("José" -> "jose", "Ærø" -> "aero")."""
    if text.isascii():  # the common case, done in C
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join([ch for ch in decomposed if not unicodedata.combining(ch)]).translate(_PLAIN_LETTERS)


def _words(folded: str) -> list[str]:
    return _WORD.findall(folded.translate(_APOSTROPHES))


def _whole_name(folded: str) -> str:
    """A folded name as exact() compares it: runs of white space as one space."""
    return " ".join(folded.split())


def _dialled_digits(address: str) -> str:
    """The digits a person would type for an address: a SIP address's user part, not its host."""
    if address.lower().startswith("sip:"):
        address = address[4:].partition("@")[0]
    return digits(address)


class _Words:
    """Words with the entry each belongs to, sorted: the entries a typed prefix starts are one bisect away."""

    def __init__(self, pairs: list[tuple[str, int]]) -> None:
        pairs.sort()
        self.words = [word for word, _ in pairs]
        self.numbers = [number for _, number in pairs]

    def starting(self, prefix: str) -> list[int]:
        words = self.words
        return self.numbers[bisect_left(words, prefix):bisect_left(words, prefix + _AFTER_EVERY_WORD)]

    def equal(self, word: str) -> list[int]:
        return self.numbers[bisect_left(self.words, word):bisect_right(self.words, word)]


class _Index:
    """What searching needs of each entry, worked out once and shared by every ordering.

    Matches are gathered with slices and set operations, not a Python loop per entry:
    a first letter can match thousands of entries, and it is typed first.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(entries)
        folded_names = [fold(entry.name) for entry in self.entries]
        folded_teams = {team: _words(fold(team)) for team in {entry.team for entry in self.entries}}
        first_words, later_words, initials = [], [], []
        self.digits = [_dialled_digits(entry.address) for entry in self.entries]
        for number, (entry, folded) in enumerate(zip(self.entries, folded_names)):
            name_words = _words(folded)
            first_words.extend((word, number) for word in name_words[:1])
            later_words.extend((word, number) for word in name_words[1:] + folded_teams[entry.team])
            if len(name_words) > 1:
                initials.append(("".join(word[0] for word in name_words), number))
        self.first_words, self.later_words = _Words(first_words), _Words(later_words)
        self.initials = _Words(initials)
        self.addresses = [fold(entry.address) for entry in self.entries]
        self.by_name = sorted(range(len(self.entries)),
                              key=lambda n: (folded_names[n], self.entries[n].name, self.entries[n].address))
        self.name_rank = [0] * len(self.entries)
        for rank, number in enumerate(self.by_name):
            self.name_rank[number] = rank
        self.by_whole_name: dict[str, list[int]] = {}
        self.by_address: dict[str, list[int]] = {}
        for number, (entry, folded) in enumerate(zip(self.entries, folded_names)):
            self.by_whole_name.setdefault(_whole_name(folded), []).append(number)
            self.by_address.setdefault(entry.address, []).append(number)
        self.teams = sorted({entry.team for entry in self.entries if entry.team.strip()},
                            key=lambda team: (fold(team), team))

    def prefix_tiers(self, word: str) -> list[set[int]]:
        """The entries with a word starting with `word`, in the tiers of how well it matched.

        An entry may be in more than one tier; its best one counts.
        """
        return [
            {*self.first_words.starting(word), *self.later_words.equal(word)},
            set(self.later_words.starting(word)),
            # One letter starts every name whose initials it starts: nothing to add.
            set(self.initials.starting(word)) if len(word) > 1 else set(),
        ]


def _number_hits(numbers: Sequence[str], typed: str) -> Iterator[int]:
    """Where among the numbers' digits the typed digits are, in any format; lazily, so a
    first digit that most numbers hold stops at the first screenful.

    Digits dialled from abroad ("0044 20...") are compared without the 00; digits
    dialled nationally with a trunk zero ("020 7946...") also find the number
    whose national part (after a country code of 1 to 3 digits) they begin.
    """
    if typed.startswith("00") and len(typed) > 2:
        typed = typed[2:]
    elif typed.startswith("0") and len(typed) > 1:
        national = typed[1:]
        head = len(national) + _COUNTRY_CODE_MAX  # it must start right after the country code
        return (at for at, number in enumerate(numbers) if typed in number or national in number[1:head])
    return (at for at, number in enumerate(numbers) if typed in number)


class Directory:
    """The entries an agent can transfer to, searchable by name, team, initials or number.

    Immutable. Built once per change of the entries; `with_recent` re-orders it after
    each transfer without indexing the entries again. Results come favourites first, then the
    recently used (most recent first), then the rest; favourites and the rest by name.
    """

    __slots__ = ("_addresses", "_digits", "_front", "_groups", "_in_order", "_index", "_order", "_position")

    def __init__(self, entries: Iterable[Entry], recent: Sequence[str] = ()) -> None:
        self._arrange(_Index(entries), recent)

    def _arrange(self, index: _Index, recent: Sequence[str]) -> None:
        entries = index.entries
        favourites = [n for n in index.by_name if entries[n].favourite]
        recently_used: list[int] = []
        for address in dict.fromkeys(recent):  # each address once, at its most recent place
            same_address = sorted(index.by_address.get(address, ()), key=index.name_rank.__getitem__)
            recently_used.extend(n for n in same_address if not entries[n].favourite)
        placed = set(favourites) | set(recently_used)
        others = [n for n in index.by_name if n not in placed]
        self._index = index
        self._order = tuple(favourites + recently_used + others)
        # Numbers and addresses match or not, never better or worse: kept in the order
        # results come, a search of them stops as soon as it has enough.
        self._in_order = tuple(entries[n] for n in self._order)
        self._digits = [index.digits[n] for n in self._order]
        self._addresses = [index.addresses[n] for n in self._order]
        first_recent, first_other = len(favourites), len(favourites) + len(recently_used)
        self._groups = ((0, first_recent), (first_recent, first_other))  # where favourites and recent are
        self._front = frozenset(favourites + recently_used)
        self._position = [0] * len(entries)
        for position, number in enumerate(self._order):
            self._position[number] = position

    def with_recent(self, recent: Sequence[str]) -> Directory:
        """The same entries ordered by a new list of recently used addresses (most recent first)."""
        directory = object.__new__(Directory)
        directory._arrange(self._index, recent)
        return directory

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self._index.entries

    def __len__(self) -> int:
        return len(self._index.entries)

    def search(self, text: str, limit: int | None = 50) -> list[Entry]:
        """The entries `text` finds, best first; [] for blank text.

        Letters: every word typed must start a word of the name or team, or be the name's
        initials. Digits and phone punctuation alone: the number's digits, in any format.
        Text starting with sip: (or holding an @): the address itself.
        """
        query = fold(text).strip()
        if not query:
            return []
        if query.startswith("sip:") or "@" in query:
            hits = (at for at, address in enumerate(self._addresses) if query in address)
            return [self._in_order[at] for at in islice(hits, limit)]
        if looks_like_number(query):
            hits = _number_hits(self._digits, digits(query))
            return [self._in_order[at] for at in islice(hits, limit)]
        # A pasted paragraph must not cost a second per keystroke: each word once, a few at most.
        words = list(dict.fromkeys(_words(query)))[:MAX_QUERY_WORDS]
        per_word = [self._word_tiers(word) for word in words]
        if not per_word:
            return []
        # An entry is as good a match as its worst word: it is within tier k when every
        # word matched it in tier k or better.
        tiers, better = [], set()
        for tier in range(_TIERS):
            within = set.intersection(*[set().union(*word_tiers[:tier + 1]) for word_tiers in per_word])
            tiers.append(within - better)
            better = within
        return self._ranked(tiers, limit)

    def _word_tiers(self, word: str) -> list[set[int]]:
        tiers = self._index.prefix_tiers(word)
        if word.isascii() and word.isdigit():  # "alice 415": digits of the number among the words
            tiers[0].update(map(self._order.__getitem__, _number_hits(self._digits, word)))
        return tiers

    def _ranked(self, tiers: list[set[int]], limit: int | None) -> list[Entry]:
        """Favourites, then recent, then the rest; in each, the better tier first, then browse order.

        Sorted positions of sets rather than a sort key per entry: a first letter
        matches thousands of entries, and only the first screenful is shown.
        """
        position = self._position.__getitem__
        # The favourites and the recently used are few: all of theirs come first.
        front = [sorted(map(position, tier & self._front)) for tier in tiers]
        found: list[int] = []
        for start, end in self._groups:
            for in_tier in front:
                found += in_tier[bisect_left(in_tier, start):bisect_left(in_tier, end)]
        for tier in tiers:
            if limit is not None and len(found) >= limit:
                break
            found += sorted(map(position, tier - self._front))
        return [self._in_order[at] for at in found[:limit]]

    def browse(self, limit: int | None = None) -> list[Entry]:
        """Every entry (or the first `limit`), in the order search results come."""
        return list(self._in_order[:limit])

    def exact(self, name: str) -> list[Entry]:
        """The entries named `name`, ignoring case, accents and runs of white space."""
        return [self._index.entries[n] for n in self._index.by_whole_name.get(_whole_name(fold(name)), ())]

    def find_address(self, address: str) -> list[Entry]:
        """The entries with this wire address."""
        return [self._index.entries[n] for n in self._index.by_address.get(address, ())]

    def teams(self) -> list[str]:
        """The distinct teams, sorted as a person reads them."""
        return list(self._index.teams)
