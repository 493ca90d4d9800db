"""The core's sentences reach the agent translated, values and all, without core importing Qt.

Each sentence comes from the real code path (a parse that fails, a server that never
answers, a damaged settings file, a history file that cannot be opened, the desk's
headline) and is shown through the window's one translating function under the
pseudo-language made from today's code by lupdate: a plain English word left in it
means a template lupdate did not see, or a nested sentence left untranslated. Only
the values from outside (an address, a path, a number) stay as they came. The command
line's English, str() of the same sentences, is checked unchanged beside it.
"""

from __future__ import annotations

from unittest import mock

import pytest

from phlo_desk.core.actions import NodeAction, NodeRequest, Role
from phlo_desk.core.addresses import AddressError, parse_address
from phlo_desk.core.call import CallState, Move
from phlo_desk.core.client import PhloClient
from phlo_desk.core.history import HistoryError, HistoryStore
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.settings import Profile, SettingsStore
from phlo_desk.core.translatable import say
from phlo_desk.core.wording import wording
from phlo_desk.ui import translation
from phlo_desk.ui.vocabulary import history_error_text, tr_detail, tr_phrase
from tests.support.pseudo_locale import LANGUAGE, make_catalogue, plain_words
from tests.support.recording_server import FaultServer, hang
from tests.support.secrets import AUTH_ID, TOKEN

WARM = NodeRequest(NodeAction.WARM_TRANSFER, "+14152225555", "+14152223333", Role.AGENT)


@pytest.fixture(scope="module")
def pseudo_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pseudo-core")
    make_catalogue(folder)
    return folder


@pytest.fixture
def pseudo_language(qapp, pseudo_folder):
    with mock.patch.object(translation, "translations_folder", return_value=pseudo_folder):
        assert translation.install(LANGUAGE).startswith(LANGUAGE)
    yield
    translation.remove()


def assert_translated(sentence: str, *outside: str) -> str:
    """The sentence as the agent reads it: no plain English word but in `outside`, the
    values that came from outside the desk and stay as they came."""
    shown = tr_phrase(sentence)
    assert shown != sentence
    assert not plain_words(shown, outside), f"{sentence!r} shown as {shown!r}"
    return shown


def address_error(text: str) -> str:
    with pytest.raises(AddressError) as caught:
        parse_address(text, "US")
    return str(caught.value)


@pytest.mark.parametrize(("typed", "english", "named"), [
    ("tel:+14152225555;npdi;npdi", "This tel: link repeats ;npdi: keep only one.", ("npdi",)),
    ("tel:+14152225555;foo=1", "This tel: link has ;foo, which cannot go with a transfer: remove it.", ("foo",)),
    ("+1 415\x00 222 5555", "Hidden character U+0000 NULL: type the entry instead of pasting it.", ("NULL",)),
    ("0412 345 678", ("Not a valid US number. Valid in NL (+31), AU (+61), LK (+94) and 19 more: "
                      "type it with the country code that is meant."), ("US", "NL", "AU", "LK")),
    ("sips:alice@example.com", "Use a sip: address; sips: is not supported.", ()),
])
def test_address_errors_are_translated_around_what_they_name(pseudo_language, typed, english, named):
    reason = address_error(typed)
    assert reason == english
    assert_translated(reason, *named)


def test_the_deadline_advice_is_translated_with_its_seconds(pseudo_language):
    with FaultServer(hang) as server:
        profile = Profile(api_base=server.url, auth_id=AUTH_ID, phlo_id="p1", node_id="n1")
        client = PhloClient(profile, TOKEN, total_timeout=0.3)
        try:
            result = client.run(WARM)
        finally:
            client.close()
    assert result.outcome is Outcome.UNKNOWN
    assert result.message == ("No complete answer from Plivo within 0.3 seconds: the action may have happened. "
                              "Check the call before trying again.")
    assert "0.3" in assert_translated(result.message)
    assert result.detail == "no complete answer within 0.3 s"
    assert "0.3" in tr_detail(result.detail) and not plain_words(tr_detail(result.detail), ("s",))


def test_what_the_server_said_is_shown_as_it_came(pseudo_language):
    assert tr_phrase("Connected") != "Connected"  # one of the desk's own words...
    assert tr_detail("Connected") == "Connected"  # ...but here the server's: shown as it came


def test_a_damaged_settings_file_is_told_in_the_agents_language(pseudo_language, tmp_path):
    (tmp_path / "settings.json").write_text('{"phlo_id": 5}', encoding="utf-8")
    notices = SettingsStore(user_dir=tmp_path, system_dir=None, policies=None).load_layers()[1]
    assert notices == [(f'The settings file {tmp_path / "settings.json"} is damaged: "phlo_id" is not text '
                        "and was ignored; the defaults are used for it instead.")]
    assert_translated(notices[0], str(tmp_path / "settings.json"), "phlo_id")


def test_settings_problems_are_translated(pseudo_language):
    problems = Profile(phlo_id="no spaces", node_id="n 1", default_region="XX").field_problems()
    assert [sentence for _, sentence in problems] == [
        "The PHLO ID has only letters, digits and dashes.", "The node ID has only letters, digits and dashes.",
        "The default region is a two-letter country code, such as US or GB."]
    for _, sentence in problems:
        assert_translated(sentence, "US", "GB")  # two examples of a country code


def test_a_history_problem_is_translated(pseudo_language, tmp_path):
    with pytest.raises(HistoryError) as caught:
        HistoryStore(tmp_path).open()  # a folder, not a file
    shown = history_error_text(caught.value)
    assert not plain_words(shown), shown


@pytest.mark.parametrize("sandbox_mode", [True, False])
def test_an_accepted_move_names_the_move_and_who_accepted_it_in_the_agents_language(pseudo_language, sandbox_mode):
    accepted = ActionResult(Outcome.OK, "Accepted by Plivo.", WARM, status=201)
    headline = wording.answer(Move.WARM_TRANSFER, "+14152225555", accepted, CallState.new(), sandbox_mode=sandbox_mode)
    by = "the sandbox" if sandbox_mode else "Plivo"
    assert headline.text == (f"Warm transfer accepted by {by}: you are consulting +14152225555 privately; the "
                             "customer is on hold. When you are ready: Complete transfer, Join all, or Cancel transfer.")
    for part in headline.parts:
        assert_translated(part)


def test_an_unclear_answer_quotes_plivo_as_it_came(pseudo_language):
    unclear = ActionResult(Outcome.UNKNOWN, "advice", WARM, status=200, detail="something went wrong")
    headline = wording.answer(Move.HOLD, "+14152225555", unclear, CallState.new(), sandbox_mode=False)
    first = headline.parts[0]
    assert first == "Hold to +14152225555: Plivo's answer was not clear (HTTP 200) \u201csomething went wrong\u201d."
    assert "something went wrong" in assert_translated(first, "something went wrong")


def test_a_sentence_whose_values_do_not_fit_its_translation_shows_english_not_a_crash(pseudo_language):
    phrase = say("{move} to {about} not sent.", move="Hold", about="+14152225555")
    del phrase.values["about"]  # as a translation that names a value the sentence does not have
    assert tr_phrase(phrase) == "Hold to +14152225555 not sent."
