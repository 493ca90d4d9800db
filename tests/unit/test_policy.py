"""Settings IT locks: the system file's "locked" list, Windows policies and macOS managed
preferences; the user's file cannot override them, flags and environment still do."""

from __future__ import annotations

import json
import plistlib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from phlo_desk.core.policy import BUNDLE_ID, POLICY_KEY, read_managed_preferences, read_registry_policies
from phlo_desk.core.settings import FIELD_NAMES, LOCKED_BY_IT, InvalidSettings, SettingsStore, resolve_profile

WINDOWS = Path(__file__).resolve().parents[2] / "packaging" / "windows"


def write(path: Path, values: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values))


@pytest.fixture
def store(tmp_path):
    return SettingsStore(user_dir=tmp_path / "user", system_dir=tmp_path / "system", policies=lambda: {})


def test_a_locked_setting_ignores_the_users_file(store):
    write(store.system_file, {"phlo_id": "it-phlo", "node_id": "it-node", "locked": ["phlo_id"]})
    write(store.user_file, {"phlo_id": "mine", "node_id": "my-node"})
    profile = resolve_profile({}, {}, store)
    assert (profile.phlo_id, profile.sources["phlo_id"]) == ("it-phlo", "system")
    assert (profile.node_id, profile.sources["node_id"]) == ("my-node", "saved")  # not locked: the user's wins
    assert profile.locked == {"phlo_id"}


def test_flags_and_environment_still_win_over_a_locked_setting(store):
    write(store.system_file, {"phlo_id": "it-phlo", "node_id": "it-node", "locked": ["phlo_id", "node_id"]})
    profile = resolve_profile({"phlo_id": "flag-phlo"}, {"PHLO_DESK_NODE_ID": "env-node"}, store)
    assert (profile.phlo_id, profile.sources["phlo_id"]) == ("flag-phlo", "command line")
    assert (profile.node_id, profile.sources["node_id"]) == ("env-node", "environment")
    assert profile.locked == {"phlo_id", "node_id"}  # still shown read-only


def test_a_locked_setting_cannot_be_saved_and_nothing_is_written(store):
    write(store.system_file, {"phlo_id": "it-phlo", "locked": ["phlo_id"]})
    with pytest.raises(InvalidSettings) as refused:
        store.save({"phlo_id": "mine", "node_id": "my-node"})
    assert refused.value.problems == [("phlo_id", LOCKED_BY_IT)]
    assert not store.user_file.exists()
    store.save({"node_id": "my-node"})  # what is not locked saves as before
    assert json.loads(store.user_file.read_text()) == {"node_id": "my-node"}


def test_a_damaged_locked_list_is_reported_and_what_it_names_rightly_is_locked(store):
    write(store.system_file, {"phlo_id": "it-phlo", "locked": ["phlo_id", "colour"]})
    profile = resolve_profile({}, {}, store)
    assert profile.locked == {"phlo_id"}
    assert any('"locked" must list setting names' in notice for notice in profile.notices)


def test_only_the_system_file_can_lock(store):
    write(store.user_file, {"phlo_id": "mine", "locked": ["node_id"]})
    assert resolve_profile({}, {}, store).locked == frozenset()


def test_policies_win_over_the_users_file_and_are_locked(tmp_path):
    store = SettingsStore(user_dir=tmp_path / "user", system_dir=tmp_path / "system",
                          policies=lambda: {"node_id": "policy-node"})
    write(store.user_file, {"node_id": "my-node", "phlo_id": "mine"})
    profile = resolve_profile({}, {}, store)
    assert (profile.node_id, profile.sources["node_id"]) == ("policy-node", "policy")
    assert profile.locked == {"node_id"} and profile.phlo_id == "mine"


# -- Windows: the registry, through a stand-in for winreg ----------------------------------------


class FakeRegistry:
    """The part of `winreg` the reader uses, over plain dictionaries."""

    HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE = "HKCU", "HKLM"
    REG_SZ, REG_DWORD = 1, 4

    def __init__(self, hives: dict[str, dict[str, tuple[object, int]]]) -> None:
        self.hives = hives
        self.opened: list[tuple[str, str]] = []

    class Key:
        def __init__(self, values: dict[str, tuple[object, int]]) -> None:
            self.values = values

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            pass

    def OpenKey(self, hive: str, path: str):  # type: ignore[no-untyped-def]  # noqa: N802 - winreg's name
        self.opened.append((hive, path))
        if hive not in self.hives:
            raise FileNotFoundError(path)
        return self.Key(self.hives[hive])

    def QueryValueEx(self, key, name: str):  # type: ignore[no-untyped-def]  # noqa: N802
        if name not in key.values:
            raise FileNotFoundError(name)
        return key.values[name]


def test_machine_policy_wins_over_user_policy_and_only_text_counts():
    registry = FakeRegistry({
        "HKCU": {"phlo_id": ("user-phlo", 1), "node_id": ("user-node", 1), "trigger_source": ("+14155550123", 1)},
        "HKLM": {"phlo_id": ("machine-phlo", 1), "default_region": (44, 4), "node_id": ("  ", 1)},
    })
    values = read_registry_policies(registry, FIELD_NAMES)
    assert values == {"phlo_id": "machine-phlo", "node_id": "user-node", "trigger_source": "+14155550123"}
    assert {path for _, path in registry.opened} == {POLICY_KEY}


def test_no_policy_key_is_no_policy():
    assert read_registry_policies(FakeRegistry({}), FIELD_NAMES) == {}


# -- macOS: managed preferences ---------------------------------------------------------------------


def test_managed_preferences_for_the_machine_win_over_the_users(tmp_path):
    (tmp_path / "agent").mkdir()
    (tmp_path / "agent" / f"{BUNDLE_ID}.plist").write_bytes(plistlib.dumps({"phlo_id": "user-phlo", "node_id": "n"}))
    (tmp_path / f"{BUNDLE_ID}.plist").write_bytes(plistlib.dumps({"phlo_id": "machine-phlo", "auth_id": 7}))
    assert read_managed_preferences(tmp_path, "agent", FIELD_NAMES) == {"phlo_id": "machine-phlo", "node_id": "n"}


def test_a_damaged_managed_preference_file_is_skipped(tmp_path):
    (tmp_path / f"{BUNDLE_ID}.plist").write_bytes(b"not a plist")
    assert read_managed_preferences(tmp_path, "agent", FIELD_NAMES) == {}


# -- the Group Policy template ---------------------------------------------------------------------

NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}


def test_the_admx_template_sets_every_setting_where_the_desk_reads_it():
    admx = ElementTree.parse(WINDOWS / "PhloDesk.admx").getroot()
    policies = admx.findall(".//p:policy", NS)
    assert {p.get("key") for p in policies} == {POLICY_KEY}
    assert {p.get("class") for p in policies} == {"Both"}  # machine and user, as the desk reads both
    names = {element.get("valueName") for element in admx.findall(".//p:elements/*", NS)}
    assert names == set(FIELD_NAMES)


def test_the_adml_has_every_string_and_presentation_the_admx_names():
    admx = ElementTree.parse(WINDOWS / "PhloDesk.admx").getroot()
    adml = ElementTree.parse(WINDOWS / "en-US" / "PhloDesk.adml").getroot()
    strings = {s.get("id") for s in adml.findall(".//p:stringTable/p:string", NS)}
    presentations = {p.get("id") for p in adml.findall(".//p:presentationTable/p:presentation", NS)}
    wanted = set()
    for element in admx.iter():
        for attribute in ("displayName", "explainText"):
            value = element.get(attribute, "")
            if value.startswith("$(string."):
                wanted.add(value[len("$(string."):-1])
    assert wanted and wanted <= strings
    assert {p.get("presentation")[len("$(presentation."):-1] for p in admx.findall(".//p:policy", NS)} <= presentations
