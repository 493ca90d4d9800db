"""A Phrase is its English text everywhere a string goes, and keeps what the window
translates: the template and the values, nested ones too."""

from __future__ import annotations

import copy
import json
import pickle
import sqlite3

import pytest

from phlo_desk.core.addresses import AddressError, parse_address
from phlo_desk.core.call import Move
from phlo_desk.core.errors import InvalidInput
from phlo_desk.core.forms import node_request
from phlo_desk.core.translatable import Phrase, marked, say
from phlo_desk.core.wording import move_name


def test_a_phrase_is_its_english_text_with_nested_phrases_filled_in():
    phrase = say("{move} to {about} not sent.", move=move_name(Move.WARM_TRANSFER), about="+14152225555")
    assert phrase == "Warm transfer to +14152225555 not sent."
    assert phrase.template == "{move} to {about} not sent."
    assert isinstance(phrase.values["move"], Phrase) and phrase.values["move"].template == "Warm transfer"
    assert type(phrase.values["about"]) is str  # from outside: shown as it is, never translated


def test_a_value_that_is_not_text_is_kept_as_its_text():
    assert say("HTTP {status}", status=503).values == {"status": "503"}


def test_str_and_an_exception_keep_the_phrase():
    phrase = say("This tel: link repeats ;{name}: keep only one.", name="npdi")
    assert str(phrase) is phrase
    assert str(ValueError(phrase)) is phrase


def test_copies_pickles_json_and_sqlite_see_the_same_phrase_or_its_english():
    phrase = say("{a} and {b}", a=say("{n} more", n=2), b="x")
    for again in (copy.copy(phrase), copy.deepcopy(phrase), pickle.loads(pickle.dumps(phrase))):
        assert again == phrase and again.template == phrase.template and again.values["a"].template == "{n} more"
    assert json.loads(json.dumps({"message": phrase})) == {"message": "2 more and x"}
    with sqlite3.connect(":memory:") as db:
        assert db.execute("SELECT ?", (phrase,)).fetchone() == ("2 more and x",)


def test_marked_wraps_a_marked_text_once():
    phrase = say("Hold")
    assert marked(phrase) is phrase
    assert marked("Hold").template == "Hold" and marked("Hold").values == {}


@pytest.mark.parametrize("text", ["tel:+14152225555;npdi;npdi", "+1 415\x00 222 5555", "0412 345 678",
                                  "tel:+14152225555;foo=1"])
def test_an_address_error_that_names_something_carries_its_template_through_the_form(text):
    with pytest.raises(AddressError) as caught:
        parse_address(text, "US")
    reason = str(caught.value)
    assert isinstance(reason, Phrase) and reason.values and "{" in reason.template
    with pytest.raises(InvalidInput) as refused:
        node_request("warm_transfer", text, "+14152223333")
    assert refused.value.advice == reason and refused.value.advice.template == reason.template
