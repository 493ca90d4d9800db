"""Searching the transfer directory: by name, team, initials, number and address, and in which order."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from phlo_desk.core.directory import Directory, Entry, fold

ALICE = Entry("Alice Chen", "+14152225555", team="Billing")
BEN = Entry("Ben Okafor", "+442079460000", team="Support")
JOSE = Entry("José Álvarez", "+34912345678", team="Ventas")
ZOE = Entry("Zoë O'Neil", "sip:desk42@pbx.example.com", team="Front Desk")
CHLOE = Entry("Chloé Alison", "+14155550100", team="Accounts")


def names(entries: list[Entry]) -> list[str]:
    return [entry.name for entry in entries]


def directory(*entries: Entry, recent: tuple[str, ...] = ()) -> Directory:
    return Directory(entries or (ALICE, BEN, JOSE, ZOE, CHLOE), recent)


# -- folding -------------------------------------------------------------------------


def test_fold_lowers_and_removes_accents():
    assert fold("José") == "jose"
    assert fold("ÁLVAREZ") == "alvarez"
    assert fold("Ærø") == "aero"
    assert fold("Straße") == "strasse"
    assert fold("Łódź") == "lodz"
    assert fold("Zoë O'Neil") == "zoe o'neil"


# -- what a query finds ----------------------------------------------------------------


def test_every_word_must_start_a_word_of_the_name():
    found = directory()
    assert names(found.search("ali che")) == ["Alice Chen"]
    assert names(found.search("che ali")) == ["Alice Chen"]
    assert names(found.search("alice")) == ["Alice Chen"]
    assert found.search("lice") == []  # inside a word, not at its start
    assert found.search("alice okafor") == []  # each word matched, but not by one entry


def test_a_word_prefix_finds_every_name_holding_it():
    assert names(directory().search("ali")) == ["Alice Chen", "Chloé Alison"]


def test_initials_of_the_name():
    found = directory()
    # Chloé Alison's team starts with "ac" (a better match than initials), Alice Chen's initials are "ac".
    assert names(found.search("ac")) == ["Chloé Alison", "Alice Chen"]
    assert names(found.search("bo")) == ["Ben Okafor"]
    assert names(found.search("ja")) == ["José Álvarez"]


def test_team_words():
    found = directory()
    assert names(found.search("bil")) == ["Alice Chen"]
    assert names(found.search("front")) == ["Zoë O'Neil"]
    assert names(found.search("desk zo")) == ["Zoë O'Neil"]


def test_accents_are_ignored_in_the_names_and_in_the_query():
    found = directory()
    assert names(found.search("jose alv")) == ["José Álvarez"]
    assert names(found.search("JOSÉ")) == ["José Álvarez"]
    assert names(found.search("zoe")) == ["Zoë O'Neil"]
    assert names(found.search("chlóe")) == ["Chloé Alison"]  # an accent the name does not have
    assert names(found.search("ventás")) == ["José Álvarez"]


def test_an_apostrophe_joins_the_parts_of_a_name():
    found = directory()
    assert names(found.search("oneil")) == ["Zoë O'Neil"]
    assert names(found.search("o'neil")) == ["Zoë O'Neil"]


def test_digits_in_any_format_find_the_number():
    found = directory()
    for typed in ("415 222", "(415) 222-55", "4152225555", "+1 415 222 5555", "1-415-222"):
        assert names(found.search(typed)) == ["Alice Chen"], typed
    assert names(found.search("415")) == ["Alice Chen", "Chloé Alison"]
    assert found.search("415 999") == []


def test_digits_dialled_nationally_or_from_abroad():
    found = directory()
    assert names(found.search("020 7946 0000")) == ["Ben Okafor"]  # trunk zero, no country code
    assert names(found.search("0044 20 7946")) == ["Ben Okafor"]  # international prefix
    assert names(found.search("91 234")) == ["José Álvarez"]


def test_digits_of_a_sip_address_are_its_user_part():
    reception = Entry("Reception", "sip:8123@10.0.0.1")
    found = Directory([reception, ALICE])
    assert found.search("8123") == [reception]
    assert found.search("10 0") == []  # the host's digits are not what a person dials


def test_sip_text_finds_the_address():
    found = directory()
    assert found.search("sip:desk") == [ZOE]
    assert found.search("desk42@pbx") == [ZOE]
    assert found.search("SIP:DESK42@PBX.EXAMPLE") == [ZOE]
    assert found.search("sip:nobody") == []


def test_digits_among_words_match_the_number():
    found = directory()
    assert names(found.search("alice 415")) == ["Alice Chen"]
    assert names(found.search("ali 5550")) == ["Chloé Alison"]


def test_blank_or_punctuation_only_text_finds_nothing():
    found = directory()
    assert found.search("") == []
    assert found.search("   ") == []
    assert found.search("- ( ) +") == []


def test_limit():
    many = [Entry(f"Agent {n:03d}", f"+1415555{n:04d}") for n in range(120)]
    found = Directory(many, ())
    assert len(found.search("agent")) == 50
    assert len(found.search("agent", limit=3)) == 3
    assert len(found.search("agent", limit=None)) == 120
    assert names(found.search("agent", limit=2)) == ["Agent 000", "Agent 001"]


# -- in which order ----------------------------------------------------------------------


def test_favourites_then_recent_by_recency_then_the_rest():
    anna = Entry("Anna Berg", "+15550000001")
    anders = Entry("Anders Berg", "+15550000002")
    anita = Entry("Anita Berg", "+15550000003", favourite=True)
    ansel = Entry("Ansel Berg", "+15550000004")
    annie = Entry("Annie Berg", "+15550000005")
    found = Directory([anna, anders, anita, ansel, annie], recent=[ansel.address, anna.address])
    expected = ["Anita Berg", "Ansel Berg", "Anna Berg", "Anders Berg", "Annie Berg"]
    assert names(found.search("an")) == expected
    assert names(found.search("berg")) == expected
    assert names(found.search("555")) == expected
    assert names(found.browse()) == expected
    assert names(found.browse(limit=2)) == expected[:2]


def test_within_a_group_better_matches_come_first():
    whole = Entry("Ann Zeller", "+15550000001")
    start = Entry("Annabel Young", "+15550000002")
    later = Entry("Aaron Annis", "+15550000003")
    team = Entry("Aaron Brook", "+15550000004", team="Annual Plans")
    initials = Entry("Amy Nash", "+15550000005")
    found = Directory([initials, team, later, start, whole], ())
    # A whole word or the name's start, then a later word or the team, then initials; then by name.
    assert names(found.search("ann")) == ["Ann Zeller", "Annabel Young", "Aaron Annis", "Aaron Brook"]
    assert names(found.search("an")) == ["Ann Zeller", "Annabel Young", "Aaron Annis", "Aaron Brook", "Amy Nash"]


def test_the_worst_matching_word_decides():
    initials = Entry("Bob Cole Ann", "+15550000001")  # "ann" typed whole, "bc" only initials
    later_words = Entry("Dale Annabel", "+15550000002", team="Bcd Sales")  # both start later words
    found = Directory([initials, later_words])
    assert names(found.search("ann bc")) == ["Dale Annabel", "Bob Cole Ann"]


def test_a_later_word_typed_whole_is_as_good_as_the_name_start():
    whole = Entry("Aaron Annis", "+15550000001")
    start = Entry("Annisa Brown", "+15550000002")
    later = Entry("Abe Annisford", "+15550000003")
    found = Directory([later, start, whole])
    assert names(found.search("annis")) == ["Aaron Annis", "Annisa Brown", "Abe Annisford"]


def test_a_better_match_never_lifts_an_entry_out_of_its_group():
    favourite = Entry("Zed Annis", "+15550000001", favourite=True)
    other = Entry("Ann Adams", "+15550000002")
    assert names(Directory([other, favourite]).search("ann")) == ["Zed Annis", "Ann Adams"]


def test_entries_of_a_recent_address_come_by_name_and_once():
    desk_b = Entry("Desk B", "+15550000009")
    desk_a = Entry("Desk A", "+15550000009")
    other = Entry("Dora", "+15550000001")
    found = Directory([desk_b, other, desk_a], recent=[desk_b.address, other.address, desk_b.address])
    assert names(found.browse()) == ["Desk A", "Desk B", "Dora"]


def test_with_recent_reorders_without_changing_the_entries():
    found = directory()
    assert names(found.browse()) == ["Alice Chen", "Ben Okafor", "Chloé Alison", "José Álvarez", "Zoë O'Neil"]
    after = found.with_recent([ZOE.address, BEN.address])
    assert names(after.browse()) == ["Zoë O'Neil", "Ben Okafor", "Alice Chen", "Chloé Alison", "José Álvarez"]
    assert names(after.with_recent([]).browse()) == names(found.browse())
    assert names(found.browse())[0] == "Alice Chen"  # the first one is unchanged
    assert after.entries == found.entries
    assert names(after.search("o")) == ["Zoë O'Neil", "Ben Okafor"]


# -- exact names, addresses, teams ---------------------------------------------------------


def test_exact_ignores_case_accents_and_runs_of_spaces():
    accented = Entry("Álice Chen", "+14150000001")
    found = Directory([accented, BEN])
    assert found.exact("alice  chen") == [accented]
    assert found.exact("  ALICE CHEN ") == [accented]
    assert found.exact("alice") == []
    assert found.exact("alice chen okafor") == []


def test_exact_returns_every_entry_of_an_ambiguous_name():
    other_alice = Entry("Alice Chen", "+14150000002", team="Sales")
    found = Directory([ALICE, BEN, other_alice])
    assert found.exact("Alice Chen") == [ALICE, other_alice]


def test_find_address():
    twin = Entry("Billing line", ALICE.address)
    found = Directory([ALICE, BEN, twin])
    assert found.find_address(ALICE.address) == [ALICE, twin]
    assert found.find_address("+10000000000") == []


def test_entries_length_and_teams():
    found = Directory([ZOE, ALICE, BEN, Entry("Dee", "+15550000001", team="billing"),
                       Entry("Eve", "+15550000002", team=""), Entry("Fay", "+15550000003", team="Billing")])
    assert len(found) == 6
    assert found.entries[:3] == (ZOE, ALICE, BEN)
    assert found.teams() == ["Billing", "billing", "Front Desk", "Support"]
    assert len(Directory([], ())) == 0
    assert Directory([]).search("a") == []


# -- every result holds every word ----------------------------------------------------------

_LETTERS = "abcéèe"  # few letters, so that queries often match, accents among them
_word = st.text(alphabet=_LETTERS, min_size=1, max_size=4)
_entry = st.builds(
    lambda name_words, team_words, favourite: Entry(" ".join(name_words), "+15550000000",
                                                   team=" ".join(team_words), favourite=favourite),
    st.lists(_word, min_size=1, max_size=3), st.lists(_word, max_size=2), st.booleans(),
)


def _matches(word: str, entry: Entry) -> bool:
    """Written out plainly from the rule, to check the index against."""
    name_words = fold(entry.name).split()
    every_word = name_words + fold(entry.team).split()
    initials = "".join(name_word[0] for name_word in name_words) if len(name_words) > 1 else ""
    return any(w.startswith(word) for w in every_word) or (len(word) > 1 and initials.startswith(word))


@settings(max_examples=300, deadline=None)
@given(st.lists(_entry, max_size=12), st.lists(_word, min_size=1, max_size=3))
def test_a_search_finds_exactly_the_entries_that_hold_every_word(entries, query_words):
    found = Directory(entries).search(" ".join(query_words), limit=None)
    folded_words = [fold(word) for word in query_words]
    expected = [entry for entry in entries if all(_matches(word, entry) for word in folded_words)]
    assert sorted(map(repr, found)) == sorted(map(repr, expected))
    favourites_first = sorted(found, key=lambda entry: not entry.favourite)
    assert [entry.favourite for entry in found] == [entry.favourite for entry in favourites_first]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=string.digits, min_size=4, max_size=11), min_size=1, max_size=8),
       st.text(alphabet="123456789", min_size=1, max_size=1), st.text(alphabet=string.digits, max_size=4))
def test_digits_find_exactly_the_numbers_holding_them(numbers, first_digit, more_digits):
    typed = first_digit + more_digits  # no leading 0: no national or international prefix to strip
    entries = [Entry(f"Person {n}", "+1" + number) for n, number in enumerate(numbers)]
    found = Directory(entries).search(" ".join(typed), limit=None)  # typed with spaces between the digits
    assert names(found) == [entry.name for entry in entries if typed in entry.address]


def test_a_pasted_paragraph_counts_only_its_first_few_distinct_words(monkeypatch):
    from phlo_desk.core import directory as directory_module
    from phlo_desk.core.directory import Directory, Entry

    directory = Directory([Entry("Alice Chen", "+14155550101", "Support"), Entry("Alan Smith", "+14155550102")])
    assert directory.search(" ".join(["a"] * 200 + ["c"])) == directory.search("a c")  # each word once
    monkeypatch.setattr(directory_module, "MAX_QUERY_WORDS", 2)
    assert directory.search("alice chen zzz") == directory.search("alice chen") != []  # past the cap: ignored


def test_names_lose_angle_brackets_so_to_can_hold_name_and_address():
    from phlo_desk.core.directory import clean_name

    assert clean_name("Bob <sip:evil@example.com>") == "Bob sip:evil@example.com"
    assert clean_name("  José   Álvarez ") == "José Álvarez"
