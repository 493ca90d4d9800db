"""IT's list (CSV and JSON as spreadsheets write them), the agent's own entries, and merging."""

from __future__ import annotations

import json
import os

import pytest

from phlo_desk.core.directory import SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO, Entry
from phlo_desk.core.directory_sources import (
    MAX_ROW_PROBLEMS,
    OwnEntries,
    list_kind,
    merge,
    parse_list,
    read_list,
)
from phlo_desk.core.errors import InvalidInput
from phlo_desk.core.translatable import Phrase

ALICE = "+14152225555"
BOB = "+14152223333"


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def names(read) -> list[str]:  # type: ignore[no-untyped-def]
    return [entry.name for entry in read.entries]


# -- CSV ----------------------------------------------------------------------------------


def test_csv_rows_become_entries_with_wire_addresses_and_optional_columns():
    read = parse_list(csv_bytes(
        "name,address,team,notes,favourite\n"
        "Alice Chen,(415) 222-5555,Billing,Mornings only,yes\n"
        "Bob,sip:Bob@PBX.example.com,,,\n"
    ), "csv", "US")
    assert read.problems == ()
    alice, bob = read.entries
    assert alice == Entry(name="Alice Chen", address=ALICE, team="Billing", notes="Mornings only", favourite=True,
                          source=SOURCE_LIST, key=f"{ALICE}|Alice Chen")
    assert (bob.address, bob.team, bob.favourite) == ("sip:Bob@pbx.example.com", "", False)


def test_header_names_ignore_case_spaces_and_order_and_unknown_columns():
    read = parse_list(csv_bytes(" Department ,  ADDRESS ,Name,Fav Ourite\nx,+14152225555,Alice,1\n"), "csv")
    assert [(e.name, e.address, e.favourite) for e in read.entries] == [("Alice", ALICE, True)]


def test_a_repeated_column_counts_once_the_first_wins():
    read = parse_list(csv_bytes(f"name,address,Name,favorite\nAlice,{ALICE},,yes\n"), "csv")
    assert [(e.name, e.favourite) for e in read.entries] == [("Alice", True)]


@pytest.mark.parametrize("value, expected", [
    ("yes", True), ("TRUE", True), ("1", True), ("x", True), ("★", True),
    ("", False), ("no", False), ("0", False), ("false", False),
])
def test_favourite_column_values(value, expected):
    read = parse_list(csv_bytes(f"name,address,favourite\nAlice,{ALICE},{value}\n"), "csv")
    assert read.entries[0].favourite is expected


def test_bad_rows_are_skipped_and_named_by_their_line():
    read = parse_list(csv_bytes(
        "name,address\n"          # line 1
        "Alice,+14152225555\n"    # 2
        ",+14152223333\n"         # 3: no name
        "Carl,\n"                 # 4: no address
        "\n"                      # 5: blank, silently skipped
        "Dora,12\n"               # 6: not a number
        "Bob,+14152223333\n"      # 7
    ), "csv", "US")
    assert names(read) == ["Alice", "Bob"]
    assert read.problems == (
        "Line 3: the name is missing.",
        "Line 4: the address is missing.",
        "Line 6: the address is not usable. Too few digits for a phone number.",
    )
    assert all(isinstance(problem, Phrase) for problem in read.problems)  # marked, so the window translates them


def test_line_numbers_stay_right_after_a_quoted_field_with_line_breaks():
    read = parse_list(csv_bytes(
        "name,address,notes\r\n"                          # line 1
        'Alice,+14152225555,"first line\r\nsecond line"\r\n'  # lines 2-3
        "Bob,,\r\n"                                         # line 4
        '"Carl\nCarlsson",,"a\nb\nc"\r\n'                  # lines 5-8
        "Dora,x\r\n"                                        # line 9
    ), "csv")
    assert names(read) == ["Alice"]
    assert read.entries[0].notes == "first line second line"  # one line in the directory
    assert [problem.split(":")[0] for problem in read.problems] == ["Line 4", "Lines 5-8", "Line 9"]


def test_a_quote_left_open_names_where_the_row_starts():
    read = parse_list(csv_bytes('name,address\nAlice,+14152225555\n"Bob,+14152223333\nCarl,+14152224444\n'), "csv")
    assert names(read) == ["Alice"]
    assert read.problems == ("Lines 3-4: the address is missing.",)  # the rest of the file is in its quotes


def test_a_quote_left_open_in_a_long_list_stops_reading_there():
    rows = "".join(f"Person {i},+1415222{i:04d}\n" for i in range(8000))  # past csv's field size limit
    read = parse_list(csv_bytes(f'name,address\nAlice,{ALICE}\n"Bob,{BOB}\n' + rows), "csv")
    assert names(read) == ["Alice"]
    assert read.problems == ("Line 3: a quoted field is not closed; the rest of the file was not read.",)


def test_repeated_rows_are_reported_once_each():
    read = parse_list(csv_bytes(f"name,address\nAlice,{ALICE}\nAlice,+1 415 222 5555\n"), "csv")
    assert names(read) == ["Alice"]
    assert read.problems == ("Line 3: the same name and address as an earlier row (Line 2).",)


def test_utf8_with_bom_as_excel_writes_it():
    read = parse_list(csv_bytes(f"name,address\nJosé,{ALICE}\n", "utf-8-sig"), "csv")
    assert names(read) == ["José"] and read.problems == ()


def test_semicolons_as_european_excel_writes_them():
    read = parse_list(csv_bytes(f'"name";"address";"team"\n"Chen, Alice";{ALICE};"Billing; EU"\n'), "csv")
    assert [(e.name, e.team) for e in read.entries] == [("Chen, Alice", "Billing; EU")]


def test_excel_separator_line_counts_as_a_line():
    read = parse_list(csv_bytes(f"sep=;\nname;address\nAlice;{ALICE}\nBob;\n"), "csv")
    assert names(read) == ["Alice"] and read.problems == ("Line 4: the address is missing.",)


def test_tabs_in_utf16_as_excel_unicode_text_writes_it():
    read = parse_list(csv_bytes(f"name\taddress\tteam\nAlice Chen\t{ALICE}\tSupport, Tier 2\n", "utf-16"), "csv")
    assert [(e.name, e.team) for e in read.entries] == [("Alice Chen", "Support, Tier 2")]


@pytest.mark.parametrize("data, why", [
    (b"", "it is empty"),
    (b"\n\n  \n", "it is empty"),
    (b"name,phone\nAlice,+14152225555\n", "its header row has no \u201caddress\u201d column"),
    (f"Alice,{ALICE}\n".encode(), "its header row has no \u201cname\u201d column"),
    ("name,address\nJosé,+14152225555\n".encode("cp1252"), "it is not UTF-8 text (in Excel, save it as CSV UTF-8)"),
    ("name,address\n".encode("utf-16-le"), "it is not UTF-8 text (in Excel, save it as CSV UTF-8)"),
])
def test_a_list_that_cannot_be_read_gives_no_entries_and_one_problem(data, why):
    read = parse_list(data, "csv")
    assert read.entries == ()
    assert read.problems == (f"The directory list could not be read: {why}.",)


def test_a_header_alone_is_an_empty_list_not_a_problem():
    assert parse_list(b"name,address\n", "csv").problems == ()


def test_a_list_of_bad_rows_reports_a_bounded_number_of_them():
    rows = "".join(f"Person {i},\n" for i in range(500))
    read = parse_list(csv_bytes("name,address\n" + rows), "csv")
    assert len(read.problems) == MAX_ROW_PROBLEMS + 1
    assert read.problems[-1] == f"More rows were skipped: {500 - MAX_ROW_PROBLEMS}."


def test_hidden_characters_and_huge_cells_are_cleaned():
    read = parse_list(csv_bytes(f"name,address,notes\nAl\x1b[31mice\u202e,{ALICE},{'n' * 5000}\n"), "csv")
    entry = read.entries[0]
    assert entry.name == "Al[31mice"
    assert len(entry.notes) <= 500


# -- JSON ---------------------------------------------------------------------------------


def test_json_list_with_bad_items_named_by_their_number():
    items = [
        {"name": "Alice", "address": ALICE, "team": "Billing", "favourite": True},
        "Bob",
        {"Name": "Carl", "Address": 14152224444},  # keys in any case, a number as a number
        {"name": "Dora"},
        {"name": ["not", "text"], "address": BOB},
        {"name": "Eve", "address": "sips:eve@example.com"},
    ]
    read = parse_list(json.dumps(items).encode(), "json", "US")
    assert [(e.name, e.address, e.favourite) for e in read.entries] == [
        ("Alice", ALICE, True), ("Carl", "+14152224444", False)]
    assert read.problems == (
        "Item 2: it is not an object with a name and an address.",
        "Item 4: the address is missing.",
        "Item 5: \u201cname\u201d is not text.",
        "Item 6: the address is not usable. Use a sip: address; sips: is not supported.",
    )


@pytest.mark.parametrize("data, why", [
    (b'{"entries": []}', "it is not a JSON list of entries"),
    (b'[{"name": "Alice",', "it is not valid JSON"),
    (b"null", "it is not a JSON list of entries"),
    (b"[" * 100_000, "it is not valid JSON"),
])
def test_json_that_is_not_a_list(data, why):
    read = parse_list(data, "json")
    assert read.entries == () and read.problems == (f"The directory list could not be read: {why}.",)


@pytest.mark.parametrize("name, content_type, data, kind", [
    ("directory.CSV", "application/json", b"[", "csv"),
    ("https://intranet.example/people.json?v=2", "text/csv", b"name", "json"),
    ("https://intranet.example/people", "application/json; charset=utf-8", b"name", "json"),
    ("https://intranet.example/people", "text/csv", b"[", "csv"),
    ("https://intranet.example/people", "text/plain", b'\xef\xbb\xbf  [{"name": 1}]', "json"),
    ("https://intranet.example/people", "", "[]".encode("utf-16"), "json"),
    ("people", "", b"name,address\n", "csv"),
])
def test_list_kind(name, content_type, data, kind):
    assert list_kind(name, content_type, data) == kind


# -- a local file named by the setting ------------------------------------------------


def test_a_local_file_with_a_home_folder_path(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "people.csv").write_text(f"name,address\nAlice,{ALICE}\n", encoding="utf-8")
    read = read_list("~/people.csv", tmp_path / "cache", "US")
    assert names(read) == ["Alice"] and not read.from_cache and read.checked_at is not None


def test_a_local_file_gone_falls_back_to_the_last_copy_read(tmp_path):
    listed = tmp_path / "share" / "people.json"
    listed.parent.mkdir()
    listed.write_text(json.dumps([{"name": "Alice", "address": ALICE}]), encoding="utf-8")
    first = read_list(str(listed), tmp_path / "cache")
    listed.unlink()  # the network share is offline
    second = read_list(str(listed), tmp_path / "cache")
    assert names(second) == ["Alice"] and second.from_cache
    assert second.checked_at == first.checked_at
    assert second.problems[0].startswith(f"The directory list could not be refreshed (the file {listed} does not "
                                         "exist): showing the copy from ")


def test_no_file_and_no_copy_gives_no_entries_and_a_problem(tmp_path):
    read = read_list(str(tmp_path / "missing.csv"), tmp_path / "cache")
    assert read.entries == ()
    assert read.problems == ((f"The directory list could not be read: the file {tmp_path / 'missing.csv'} does not "
                             "exist."),)


def test_no_setting_is_no_directory_and_no_problem(tmp_path):
    assert read_list("  ", tmp_path) == read_list("", tmp_path) == type(read_list("", tmp_path))()


@pytest.mark.parametrize("url, problem", [
    ("http://intranet.example/people.csv", "The directory URL must use https (plain http only to this computer)."),
    ("https://user:secret@intranet.example/people.csv", "The directory URL must not contain a user or password."),
    ("https:///people.csv", ("The directory URL is not valid: it must look like "
                            "https://intranet.example/directory.csv.")),
])
def test_urls_that_are_refused_before_anything_is_sent(tmp_path, url, problem):
    read = read_list(url, tmp_path)
    assert read.entries == () and read.problems == (problem,)
    assert "secret" not in "".join(read.problems)


# -- the agent's own entries ------------------------------------------------------------


def test_own_entries_round_trip_through_the_file(tmp_path):
    path = tmp_path / "data" / "directory.json"
    own = OwnEntries(path, region="US")
    assert own.load() == () and not path.exists()  # created on the first change, not on reading

    alice = own.add("  Alice Chen ", "(415) 222-5555", team="Billing")
    bob = own.add("Bob", "sip:bob@pbx.example.com", notes="Night shift")
    assert (alice.address, alice.name, alice.source) == (ALICE, "Alice Chen", SOURCE_OWN)
    assert len(alice.key) == 32 and alice.key != bob.key

    renamed = own.update(alice.key, name="Alice Chen-Li", address="415 222 3333")
    assert (renamed.name, renamed.address, renamed.team, renamed.key) == ("Alice Chen-Li", BOB, "Billing", alice.key)

    again = OwnEntries(path, region="US")  # what another start of the desk reads
    assert again.load() == (renamed, bob)
    assert again.remove(bob.key) is True and again.remove(bob.key) is False
    assert own.load() == (renamed,)
    assert sorted(p.name for p in path.parent.iterdir()) == ["directory.json"]  # no temporary file left


def test_stars_are_kept_for_any_sources_address(tmp_path):
    own = OwnEntries(tmp_path / "directory.json", region="US")
    own.star("+1 415 222 5555", True)
    own.star("sip:desk@pbx.example.com", True)
    own.star("sip:desk@pbx.example.com", True)
    assert OwnEntries(tmp_path / "directory.json").starred() == {ALICE, "sip:desk@pbx.example.com"}
    own.star(ALICE, False)
    assert own.starred() == {"sip:desk@pbx.example.com"}
    assert own.load() == ()


@pytest.mark.parametrize("name, address, field, advice", [
    ("", ALICE, "name", "Enter a name for the directory entry."),
    ("Alice", "12", "address", "Too few digits for a phone number."),
    ("Alice", "", "address", "Enter a phone number or SIP address."),
])
def test_bad_input_is_refused_with_a_marked_sentence(tmp_path, name, address, field, advice):
    own = OwnEntries(tmp_path / "directory.json")
    with pytest.raises(InvalidInput) as raised:
        own.add(name, address)
    assert (raised.value.detail, raised.value.advice) == (field, advice)
    assert not (tmp_path / "directory.json").exists()


def test_updating_an_entry_that_is_gone(tmp_path):
    with pytest.raises(InvalidInput) as raised:
        OwnEntries(tmp_path / "directory.json").update("0" * 32, name="X")
    assert raised.value.advice == "This directory entry no longer exists."


def test_a_damaged_file_is_kept_aside_and_reported(tmp_path):
    path = tmp_path / "directory.json"
    path.write_bytes(b'{"version": 1, "entries": [{"key": "k1", "name": "Ali')
    own = OwnEntries(path)
    assert own.load() == ()
    aside = tmp_path / "directory.json.damaged"
    assert aside.read_bytes() == b'{"version": 1, "entries": [{"key": "k1", "name": "Ali'
    assert own.problems == ((f"Your own directory entries file was damaged: it was kept as {aside}, and 0 entries "
                            "were recovered from it."),)
    # The next change starts a new file; a second damage never overwrites the first one kept.
    own.add("Alice", ALICE)
    assert own.problems == ()
    path.write_bytes(b"\xff not text")
    own.load()
    assert (tmp_path / "directory.json.2.damaged").read_bytes() == b"\xff not text"
    assert aside.exists()


def test_what_can_be_recovered_from_a_damaged_file_is_kept(tmp_path):
    path = tmp_path / "directory.json"
    path.write_text(json.dumps({"version": 1, "entries": [
        {"key": "k1", "name": "Alice", "address": ALICE, "team": "", "notes": ""},
        {"key": "k2", "name": "Bob"},
        {"key": "k3", "name": "Carl", "address": "not a number", "team": "", "notes": ""},
    ], "starred": [ALICE, 5]}), encoding="utf-8")
    own = OwnEntries(path)
    assert [(e.key, e.name) for e in own.load()] == [("k1", "Alice")]
    assert "1 entries were recovered" in own.problems[0]
    assert json.loads((tmp_path / "directory.json.damaged").read_text())["entries"][1] == {"key": "k2",
                                                                                           "name": "Bob"}
    fresh = OwnEntries(path)
    assert [(e.key, e.name) for e in fresh.load()] == [("k1", "Alice")] and fresh.problems == ()
    assert fresh.starred() == {ALICE}


def test_a_crash_while_writing_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "directory.json"
    own = OwnEntries(path)
    alice = own.add("Alice", ALICE)
    before = path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        own.add("Bob", BOB)
    monkeypatch.undo()
    assert path.read_bytes() == before and own.load() == (alice,)
    assert [p.name for p in tmp_path.iterdir()] == ["directory.json"]


# -- merging -------------------------------------------------------------------------------


def test_merge_puts_own_first_then_its_list_then_plivo_and_marks_stars():
    plivo = [Entry("Desk 7", "sip:desk7@phone.plivo.com", source=SOURCE_PLIVO, key="e1", endpoint_id="e1")]
    listed = [Entry("Alice", ALICE, key="a"), Entry("Bob", BOB, favourite=True, key="b")]
    own = [Entry("Me", "+14152224444", source=SOURCE_OWN, key="o"), Entry("Alice", ALICE, source=SOURCE_OWN, key="p")]
    merged = merge([plivo, listed, own], frozenset({ALICE, "sip:desk7@phone.plivo.com"}))
    assert [(e.source, e.name, e.favourite) for e in merged] == [
        (SOURCE_OWN, "Me", False), (SOURCE_OWN, "Alice", True),
        (SOURCE_LIST, "Alice", True), (SOURCE_LIST, "Bob", True),  # IT's favourite stays one
        (SOURCE_PLIVO, "Desk 7", True),
    ]
    assert merged[-1].endpoint_id == "e1"


def test_merge_of_nothing():
    assert merge([], frozenset({ALICE})) == ()


def test_problem_paths_are_not_raw_exceptions(tmp_path):
    folder = tmp_path / "a-folder.csv"
    folder.mkdir()
    read = read_list(str(folder), tmp_path / "cache")
    assert read.entries == ()
    assert read.problems[0].startswith(f"The directory list could not be read: the file {folder} could not be "
                                       "opened (")
    assert "Errno" not in read.problems[0]


def test_the_cache_folder_may_be_unwritable(tmp_path):
    listed = tmp_path / "people.csv"
    listed.write_text(f"name,address\nAlice,{ALICE}\n", encoding="utf-8")
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    assert names(read_list(str(listed), blocker)) == ["Alice"]


def test_a_list_longer_than_the_cap_keeps_its_first_entries_and_says_so(monkeypatch):
    from phlo_desk.core import directory_sources

    monkeypatch.setattr(directory_sources, "MAX_ENTRIES", 3)
    rows = "".join(f"Person {n},+1415555{n:04d}\n" for n in range(5))
    read = directory_sources.parse_list(("name,address\n" + rows).encode(), "csv", "US")
    assert [e.name for e in read.entries] == ["Person 0", "Person 1", "Person 2"]
    assert read.problems == ("Only the first 3 entries are used.",)


def test_a_header_cell_past_the_csv_field_limit_is_a_clear_problem_not_a_crash():
    from phlo_desk.core.directory_sources import parse_list

    read = parse_list(b"name," + b"x" * 200_000 + b"\nAlice,+14155550101\n", "csv", "US")
    assert read.entries == () and "header row" in read.problems[0]
