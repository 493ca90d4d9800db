"""Profile precedence (flags > environment > saved > system > default) and validation."""

from __future__ import annotations

import json

import pytest

from phlo_desk.core.errors import InvalidInput, NotConfigured
from phlo_desk.core.settings import (
    DEFAULT_API_BASE,
    HIDDEN_API_BASE,
    InvalidSettings,
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
    store.save(profile.stored_values())
    assert resolve_profile({}, {}, store) == profile
    saved = json.loads(store.user_file.read_text())
    assert set(saved) == {"api_base", "auth_id", "phlo_id", "node_id", "trigger_source", "default_region",
                          "tray", "notifications", "directory_endpoints"}  # empty ones are left out


def test_saving_writes_only_the_changes_over_the_users_file(store):
    write(store.system_file, {"node_id": "it-node", "default_region": "GB"})
    write(store.user_file, {"auth_id": AUTH_ID})
    environ = {"PHLO_DESK_TRIGGER_SOURCE": "+14152223333"}
    profile = resolve_profile({"phlo_id": "flag-phlo"}, environ, store)

    written = store.save({"phlo_id": "flag-phlo"}, context=profile)

    assert written == {"auth_id": AUTH_ID, "phlo_id": "flag-phlo"}
    assert json.loads(store.user_file.read_text()) == written
    # What IT pushes later still applies: the user's file never copied the system values.
    write(store.system_file, {"node_id": "new-it-node", "default_region": "GB"})
    again = resolve_profile({}, {}, store)
    assert (again.node_id, again.sources["node_id"]) == ("new-it-node", "system")
    assert again.sources["default_region"] == "system" and again.sources["trigger_source"] == "default"


def test_an_empty_change_removes_the_saved_setting(store):
    write(store.user_file, {"auth_id": AUTH_ID, "phlo_id": "old"})
    assert store.save({"phlo_id": " "}) == {"auth_id": AUTH_ID}
    assert json.loads(store.user_file.read_text()) == {"auth_id": AUTH_ID}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"api_base": "https://MATESTAUTHID00000001:s3cret@phlorunner.plivo.com"}, "api_base"),
        ({"api_base": "http://phlorunner.plivo.com"}, "api_base"),
        ({"auth_id": "XY1"}, "auth_id"),
        ({"node_id": "a/b"}, "node_id"),
        ({"default_region": "ZZ"}, "default_region"),
        ({"trigger_source": "415"}, "trigger_source"),
    ],
)
def test_a_value_that_fails_validation_is_never_saved(store, changes, field):
    write(store.user_file, {"phlo_id": "kept"})
    before = store.user_file.read_bytes()
    with pytest.raises(InvalidSettings) as caught:
        store.save(changes)
    assert [name for name, _sentence in caught.value.problems] == [field]
    assert "s3cret" not in str(caught.value) and "nothing was saved" in caught.value.advice
    assert store.user_file.read_bytes() == before


def test_a_bad_value_already_in_the_users_file_blocks_saving_until_replaced(store):
    write(store.user_file, {"api_base": "https://MATESTAUTHID00000001:s3cret@phlorunner.plivo.com"})
    with pytest.raises(InvalidSettings):
        store.save({"phlo_id": "p"})
    assert store.save({"api_base": "", "phlo_id": "p"}) == {"phlo_id": "p"}


def test_your_number_is_checked_in_the_region_that_will_apply(store):
    london = "020 7946 0958"
    with pytest.raises(InvalidSettings):
        store.save({"trigger_source": london}, context=Profile(default_region="US"))
    assert store.save({"trigger_source": london}, context=Profile(default_region="GB")) == {"trigger_source": london}


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"phlo_id": "caf\xe9"}', "not UTF-8"),
        (b'["phlo_id", "p"]', "no settings object"),
    ],
)
def test_a_damaged_users_file_is_ignored_and_reported(store, content, why):
    store.user_file.parent.mkdir(parents=True)
    store.user_file.write_bytes(content)
    write(store.system_file, {"phlo_id": "from-it"})
    profile = resolve_profile({}, {}, store)
    assert (profile.phlo_id, profile.sources["phlo_id"]) == ("from-it", "system")
    [notice] = profile.notices
    assert str(store.user_file) in notice and "damaged" in notice and why in notice
    assert "the system-wide settings and the defaults are used instead" in notice


def test_a_setting_of_the_wrong_type_is_ignored_alone_and_reported(store):
    write(store.system_file, {"node_id": 42, "phlo_id": "it-phlo", "default_region": ["GB"]})
    write(store.user_file, {"phlo_id": True, "auth_id": AUTH_ID, "trigger_source": None})
    profile = resolve_profile({}, {}, store)
    assert (profile.phlo_id, profile.auth_id, profile.node_id) == ("it-phlo", AUTH_ID, "")
    assert profile.default_region == "US" and profile.sources["trigger_source"] == "default"
    system, region, user = profile.notices  # null means "not set", which is no damage
    assert str(store.system_file) in system and '"node_id" is not text' in system and "the defaults" in system
    assert '"default_region"' in region
    assert str(store.user_file) in user and '"phlo_id" is not text' in user and "system-wide" in user


def test_a_settings_path_that_cannot_be_read_is_reported(store):
    store.user_file.mkdir(parents=True)  # a folder where the file should be
    profile = resolve_profile({}, {}, store)
    assert len(profile.notices) == 1 and "could not be read" in profile.notices[0]


def test_notices_are_not_part_of_what_a_profile_is():
    assert Profile(phlo_id="p", notices=("damaged",)) == Profile(phlo_id="p")


def test_a_url_with_a_password_is_hidden_when_shown_or_logged():
    profile = Profile(api_base="https://MATESTAUTHID00000001:s3cret@phlorunner.plivo.com")
    assert profile.shown_values()["api_base"] == HIDDEN_API_BASE
    assert "s3cret" not in repr(profile) and "s3cret" not in repr([profile])
    assert Profile().shown_values()["api_base"] == DEFAULT_API_BASE


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


@pytest.mark.parametrize(
    "url",
    ["http://phlorunner.plivo.com", "http://10.0.0.1", "phlorunner.plivo.com", "https://", "ftp://x",
     "MATESTAUTHID00000001:s3cret@phlorunner.plivo.com", "https://a:s3cret@[bad"],
)
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


# -- the desktop preferences ------------------------------------------------------------------------

def test_the_desktop_preferences_default_to_on_and_the_systems_language(store):
    profile = resolve_profile({}, {}, store)
    assert (profile.tray, profile.notifications, profile.language) == ("on", "on", "")
    assert profile.is_on("tray") and profile.is_on("notifications")
    assert {profile.sources[name] for name in ("tray", "notifications", "language")} == {"default"}


def test_the_desktop_preferences_come_through_every_layer(store):
    write(store.system_file, {"tray": "off", "notifications": "off", "language": "es"})
    write(store.user_file, {"notifications": "on"})
    environ = {"PHLO_DESK_LANGUAGE": "pt_BR"}
    profile = resolve_profile({"tray": "on"}, environ, store)
    assert (profile.tray, profile.sources["tray"]) == ("on", "command line")
    assert (profile.notifications, profile.sources["notifications"]) == ("on", "saved")
    assert (profile.language, profile.sources["language"]) == ("pt_BR", "environment")
    off = resolve_profile({}, {"PHLO_DESK_TRAY": "off", "PHLO_DESK_NOTIFICATIONS": "off"}, None)
    assert not off.is_on("tray") and not off.is_on("notifications")


def test_the_desktop_preferences_are_never_missing_for_an_action():
    profile = Profile(auth_id=AUTH_ID, phlo_id="p", node_id="n", tray="", notifications="", language="")
    assert profile.missing() == [] and profile.problems() == []
    profile.require_complete()  # nothing raised


def test_it_can_lock_the_desktop_preferences(store):
    write(store.system_file, {"tray": "off", "notifications": "off", "locked": ["tray", "notifications"]})
    write(store.user_file, {"tray": "on", "notifications": "on"})
    profile = resolve_profile({}, {}, store)
    assert (profile.tray, profile.notifications) == ("off", "off") and {"tray", "notifications"} <= profile.locked
    with pytest.raises(InvalidSettings) as caught:
        store.save({"tray": "on"})
    assert [name for name, _sentence in caught.value.problems] == ["tray"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"tray": "yes"}, "tray"),
        ({"notifications": "OFF"}, "notifications"),
        ({"language": "Spanish"}, "language"),
        ({"language": "ES"}, "language"),
        ({"language": "es-ES"}, "language"),
        ({"language": "es_es"}, "language"),
    ],
)
def test_a_desktop_preference_that_is_not_valid_is_never_saved(store, changes, field):
    with pytest.raises(InvalidSettings) as caught:
        store.save(changes)
    assert [name for name, _sentence in caught.value.problems] == [field]
    assert not store.user_file.exists()


@pytest.mark.parametrize("language", ["es", "en", "fil", "pt_BR", "es_419"])
def test_a_language_code_with_or_without_its_region_is_saved(store, language):
    assert store.save({"language": language, "tray": "off", "notifications": "on"}) == {
        "language": language, "tray": "off", "notifications": "on"}
    assert resolve_profile({}, {}, store).language == language


def test_a_switch_that_is_not_valid_counts_as_on_and_is_reported():
    profile = Profile(tray="yes", notifications="off")
    assert profile.is_on("tray") and not profile.is_on("notifications")
    assert [name for name, _sentence in profile.field_problems()] == ["tray"]


# -- the transfer directory -------------------------------------------------------------------------

def test_the_plivo_endpoints_are_off_unless_it_switches_them_on(store):
    assert not resolve_profile({}, {}, store).is_on("directory_endpoints")
    assert not Profile(directory_endpoints="yes").is_on("directory_endpoints")  # not valid: the default, off
    write(store.system_file, {"directory_endpoints": "on", "directory": "/srv/share/team.csv",
                              "locked": ["directory_endpoints", "directory"]})
    profile = resolve_profile({}, {}, store)
    assert profile.is_on("directory_endpoints") and profile.directory == "/srv/share/team.csv"
    assert {"directory", "directory_endpoints"} <= profile.locked
    from_environment = resolve_profile({}, {"PHLO_DESK_DIRECTORY": "https://intranet.example/team.json"}, None)
    assert from_environment.directory == "https://intranet.example/team.json"


@pytest.mark.parametrize("location", ["team.csv", "~/Directory/team.json", r"\\server\share\team.csv",
                                      "https://intranet.example/directory.csv", "http://127.0.0.1:8080/d.json"])
def test_a_directory_is_a_path_or_a_url_the_desk_may_fetch(store, location):
    assert store.save({"directory": location}) == {"directory": location}


@pytest.mark.parametrize("location", ["http://intranet.example/d.csv", "ftp://intranet.example/d.csv",
                                      "https://it:s3cret@intranet.example/d.csv", "https:///d.csv"])
def test_a_directory_url_that_is_plain_http_elsewhere_or_holds_a_password_is_refused(store, location):
    with pytest.raises(InvalidSettings) as caught:
        store.save({"directory": location})
    assert [name for name, _sentence in caught.value.problems] == ["directory"]
    assert "s3cret" not in str(caught.value)
