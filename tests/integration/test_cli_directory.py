"""phlo-desk-cli's directory: search and list as a script sees them, and --to by name,
which sends only when exactly one entry has that whole name."""

from __future__ import annotations

import json

from phlo_desk.core.outcomes import EXIT_CODES, Outcome
from phlo_desk.sandbox.endpoints import demo_directory_path
from tests.integration.test_cli import cli, cli_json, environment, sandbox  # noqa: F401 - the fixture

JOSE = "sip:jose240315091200@phone.plivo.com"


def with_directory(sandbox, tmp_path, extra_rows: str = ""):  # type: ignore[no-untyped-def]  # noqa: F811
    listed = tmp_path / "team.csv"
    listed.write_text(demo_directory_path().read_text(encoding="utf-8") + extra_rows, encoding="utf-8")
    return environment(sandbox, PHLO_DESK_DIRECTORY=str(listed))


def test_search_prints_each_match_with_the_address_that_will_be_sent(sandbox, tmp_path):  # noqa: F811
    env = with_directory(sandbox, tmp_path)
    code, result = cli_json("directory", "search", "jose", env=env)
    assert code == 0
    assert result["matches"][0] == {"name": "José Álvarez", "team": "Billing", "address": JOSE, "source": "list"}
    text = cli("directory", "search", "bil", env=env)
    assert text.returncode == 0 and "Billing desk (Billing)  +14155550110  [IT's list]" in text.stdout


def test_search_with_no_match_exits_4_and_list_gives_every_entry(sandbox, tmp_path):  # noqa: F811
    env = with_directory(sandbox, tmp_path)
    code, result = cli_json("directory", "search", "nobody-by-this-name", env=env)
    assert code == EXIT_CODES[Outcome.NOT_FOUND] and result["matches"] == []
    code, result = cli_json("directory", "list", env=env)
    assert code == 0 and len(result["matches"]) == 12
    assert [m["name"] for m in result["matches"][:3]] == ["Alice Chen", "Billing desk", "José Álvarez"]  # favourites


def test_to_by_name_sends_to_the_one_entry_named_so(sandbox, tmp_path):  # noqa: F811
    env = with_directory(sandbox, tmp_path)
    code, result = cli_json("warm-transfer", "--to", "jose  ALVAREZ", env=env)  # case, accents and spaces ignored
    assert code == 0 and result["target"] == JOSE
    assert sandbox.snapshot()["events"][-1]["target"] == JOSE


def test_an_ambiguous_or_unknown_name_sends_nothing_and_lists_the_candidates(sandbox, tmp_path):  # noqa: F811
    env = with_directory(sandbox, tmp_path, "Alice Chen,+14155550999,Sales,,\n")
    done = cli("warm-transfer", "--to", "Alice Chen", env=env)
    assert done.returncode == EXIT_CODES[Outcome.INVALID]
    assert "2 directory entries are named so" in done.stderr and "+14155550999" in done.stderr
    assert "sip:alice240315091200@phone.plivo.com" in done.stderr
    code, result = cli_json("cold-transfer", "--to", "Alice", env=env)  # a part of a name is not a name
    assert code == EXIT_CODES[Outcome.INVALID] and "No one in the directory" in result["message"]
    assert sandbox.snapshot()["events"] == []


def test_a_bad_list_is_reported_and_numbers_still_go(sandbox, tmp_path):  # noqa: F811
    listed = tmp_path / "team.csv"
    listed.write_text("who,where\nx,y\n", encoding="utf-8")
    env = environment(sandbox, PHLO_DESK_DIRECTORY=str(listed))
    done = cli("--json", "directory", "list", env=env)
    payload = json.loads(done.stdout)
    assert payload["matches"] == [] and payload["problems"]
    code, result = cli_json("warm-transfer", "--to", "+14152225555", env=env)
    assert code == 0


def test_one_colleague_in_two_sources_is_one_match_for_to(sandbox, tmp_path):  # noqa: F811
    from phlo_desk.core.directory_sources import OwnEntries
    from phlo_desk.core.paths import default_directory_paths

    env = with_directory(sandbox, tmp_path)
    OwnEntries(default_directory_paths(sandbox=False)[0]).add("Alice Chen", "sip:alice240315091200@phone.plivo.com")
    code, result = cli_json("directory", "search", "alice chen", env=env)
    assert sorted(m["source"] for m in result["matches"]) == ["list", "own"]  # both listed, each with its source
    code, result = cli_json("warm-transfer", "--to", "alice chen", env=env)
    assert code == 0 and result["target"] == "sip:alice240315091200@phone.plivo.com"
