"""Profile precedence (flags > environment > saved > system > default) and validation."""

from __future__ import annotations

import json

import pytest

from phlo_desk.core.errors import InvalidInput, NotConfigured
from phlo_desk.core.settings import (
    DEFAULT_API_BASE,
    Profile,
    SettingsStore,
    normalise_api_base,
    resolve_profile,
)
from tests.support.secrets import AUTH_ID


@pytest.fixture
def store(tmp_path):
    return SettingsStore(user_dir=tmp_path / "user", system_dir=tmp_path / "system")


def write(path, values):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values))


def test_each_layer_overrides_the_one_below(store):
    write(store.system_file, {"phlo_id": "sys-phlo", "node_id": "sys-node", "default_region": "GB", "trigger_source": "+442079460958"})
    write(store.user_file, {"phlo_id": "saved-phlo", "node_id": "saved-node", "auth_id": AUTH_ID})
    environ = {"PHLO_DESK_NODE_ID": "env-node", "PHLO_DESK_TRIGGER_SOURCE": "+14152223333"}
    profile = resolve_profile({"trigger_source": "+14152229999", "phlo_id": None}, environ, store)

    assert profile.default_region == "GB" and profile.sources["default_region"] == "system"
    assert profile.phlo_id == "saved-phlo" and profile.sources["phlo_id"] == "saved"
    assert profile.node_id == "env-node" and profile.sources["node_id"] == "environment"
    assert profile.trigger_source == "+14152229999" and profile.sources["trigger_source"] == "command line"
    assert profile.api_base == DEFAULT_API_BASE and profile.sources["api_base"] == "default"


def test_plivo_sdk_variable_names_are_honoured(store):
    profile = resolve_profile({}, {"PLIVO_AUTH_ID": AUTH_ID}, store)
    assert profile.auth_id == AUTH_ID


def test_saved_settings_round_trip_and_never_hold_a_token(store):
    profile = Profile(auth_id=AUTH_ID, phlo_id="p", node_id="n", trigger_source="+14152223333")
    store.save(profile)
    assert resolve_profile({}, {}, store) == profile
    saved = json.loads(store.user_file.read_text())
    assert set(saved) == {"api_base", "auth_id", "phlo_id", "node_id", "trigger_source", "default_region"}


def test_a_damaged_settings_file_falls_back_instead_of_crashing(store):
    store.user_file.parent.mkdir(parents=True)
    store.user_file.write_text("{not json")
    write(store.system_file, {"phlo_id": "from-it"})
    assert resolve_profile({}, {}, store).phlo_id == "from-it"


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("https://phlorunner.plivo.com/", "https://phlorunner.plivo.com"),
        ("https://phlorunner.plivo.com/v1/", "https://phlorunner.plivo.com"),
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123"),
        ("http://localhost:9", "http://localhost:9"),
        ("http://[::1]:9", "http://[::1]:9"),
    ],
)
def test_api_base_is_normalised(url, normal):
    assert normalise_api_base(url) == normal


@pytest.mark.parametrize("url", ["http://phlorunner.plivo.com", "http://10.0.0.1", "phlorunner.plivo.com", "https://", "ftp://x"])
def test_api_base_refuses_plain_http_off_loopback_and_nonsense(url):
    with pytest.raises(InvalidInput):
        normalise_api_base(url)


def test_incomplete_profile_names_what_is_missing():
    with pytest.raises(NotConfigured) as caught:
        Profile(auth_id=AUTH_ID).require_complete()
    assert "PHLO ID" in caught.value.detail and "node ID" in caught.value.detail


def test_profile_problems_are_plain_language():
    problems = Profile(auth_id="XY1", phlo_id="a/b", node_id="n").problems()
    assert any("MA or SA" in p for p in problems)
    assert any("PHLO ID" in p for p in problems)


def test_an_api_base_with_credentials_is_refused_without_echoing_them():
    with pytest.raises(InvalidInput) as caught:
        normalise_api_base("https://MATESTAUTHID00000001:s3cret@phlorunner.plivo.com")
    assert "s3cret" not in str(caught.value) and "user or password" in caught.value.advice
    problems = Profile(api_base="https://a:s3cret@phlorunner.plivo.com").problems()
    assert problems and not any("s3cret" in p for p in problems)
