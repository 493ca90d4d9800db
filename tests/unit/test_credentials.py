"""The Auth Token lives in a real keyring (Secret Service in CI), never in plaintext."""

from __future__ import annotations

import os
import uuid

import keyring
import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.backends import fail

from phlo_desk.core.credentials import CredentialStore, Secret, resolve_token
from phlo_desk.core.errors import CredentialsUnavailable, NotConfigured
from tests.support.secrets import OTHER_TOKEN, TOKEN

needs_secret_service = pytest.mark.skipif(
    not os.environ.get("PHLO_DESK_SECRET_SERVICE"),
    reason="needs the real Secret Service that packaging/dev.sh test starts",
)


@pytest.fixture
def backend_swap():
    original = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(original)


def fresh_auth_id() -> str:
    return "MA" + uuid.uuid4().hex[:18].upper()


@needs_secret_service
def test_token_round_trips_through_the_secret_service():
    store = CredentialStore()
    assert store.backend_name() == "SecretService Keyring"
    auth_id = fresh_auth_id()
    assert store.get(auth_id) is None
    store.set(auth_id, TOKEN)
    assert store.get(auth_id) == TOKEN
    store.set(auth_id, OTHER_TOKEN)  # replacing, not adding
    assert store.get(auth_id) == OTHER_TOKEN
    assert store.delete(auth_id) is True
    assert store.get(auth_id) is None
    assert store.delete(auth_id) is False


@needs_secret_service
def test_environment_token_wins_over_the_keyring():
    store = CredentialStore()
    auth_id = fresh_auth_id()
    store.set(auth_id, TOKEN)
    try:
        assert resolve_token(auth_id, store, {"PLIVO_AUTH_TOKEN": OTHER_TOKEN}) == OTHER_TOKEN
        assert resolve_token(auth_id, store, {}) == TOKEN
    finally:
        store.delete(auth_id)


def test_no_backend_says_how_to_fix_it_and_writes_nothing(backend_swap):
    backend_swap(fail.Keyring())
    store = CredentialStore()
    with pytest.raises(CredentialsUnavailable) as caught:
        store.set(fresh_auth_id(), TOKEN)
    assert "GNOME Keyring" in caught.value.advice and "PLIVO_AUTH_TOKEN" in caught.value.advice
    assert TOKEN not in str(caught.value)
    assert store.backend_name().startswith("none")


class RecordingKeyring(KeyringBackend):
    """An in-memory backend that records every call made to it."""

    @properties.classproperty
    def priority(cls):
        # Not viable for auto-detection, so it never joins the real chain.
        raise RuntimeError("only for tests")

    def __init__(self) -> None:
        super().__init__()
        self.written: dict = {}
        self.calls: list[tuple[str, str]] = []

    def get_password(self, service, username):
        self.calls.append(("get", username))
        return self.written.get((service, username))

    def set_password(self, service, username, password):
        self.calls.append(("set", username))
        self.written[(service, username)] = password

    def delete_password(self, service, username):
        self.calls.append(("delete", username))
        self.written.pop((service, username), None)


def stand_in(module: str, name: str) -> RecordingKeyring:
    """A RecordingKeyring that looks like `module.name` to the store."""
    return type(name, (RecordingKeyring,), {"__module__": module})()


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("keyrings.alt.file", "PlaintextKeyring"),  # keyrings.alt's unencrypted file
        ("keyrings.alt.file", "FileKeyring"),  # any unencrypted one in that module
        ("some.vendor.backend", "PlaintextKeyring"),  # says so in its name
    ],
)
def test_plaintext_backends_are_refused(backend_swap, module, name):
    backend = stand_in(module, name)
    backend_swap(backend)
    store = CredentialStore()
    with pytest.raises(CredentialsUnavailable) as caught:
        store.set(fresh_auth_id(), TOKEN)
    assert "unencrypted" in caught.value.detail and TOKEN not in str(caught.value)
    assert backend.calls == [] and backend.written == {}
    assert store.backend_name().startswith("none")


def test_an_encrypted_file_backend_is_used(backend_swap):
    backend = stand_in("keyrings.alt.file", "EncryptedKeyring")
    backend_swap(backend)
    auth_id = fresh_auth_id()
    CredentialStore().set(auth_id, TOKEN)
    assert backend.calls == [("set", auth_id)]


class BrokenKeyring(RecordingKeyring):  # a locked or crashed Secret Service

    def get_password(self, service, username):
        raise RuntimeError("org.freedesktop.Secret.Error.IsLocked")

    def set_password(self, service, username, password):
        raise RuntimeError("org.freedesktop.Secret.Error.IsLocked")

    def delete_password(self, service, username):
        raise RuntimeError("org.freedesktop.Secret.Error.IsLocked")


def test_a_failing_keyring_becomes_a_clear_error(backend_swap):
    backend_swap(BrokenKeyring())
    with pytest.raises(CredentialsUnavailable) as caught:
        resolve_token(fresh_auth_id(), CredentialStore(), {})
    assert "IsLocked" in caught.value.detail


def test_an_empty_auth_id_is_refused_before_the_keyring_is_asked(backend_swap):
    backend = RecordingKeyring()
    backend_swap(backend)
    with pytest.raises(NotConfigured) as caught:
        resolve_token("", CredentialStore(), {})
    assert caught.value.detail == "missing: Auth ID"
    assert backend.calls == []


def test_missing_token_tells_where_to_enter_it(backend_swap):
    backend = RecordingKeyring()
    backend_swap(backend)
    auth_id = fresh_auth_id()
    with pytest.raises(NotConfigured) as caught:
        resolve_token(auth_id, CredentialStore(), {})
    assert "Settings" in caught.value.advice and "phlo-desk-cli login" in caught.value.advice
    assert backend.calls == [("get", auth_id)]


def test_secret_repr_hides_the_value():
    secret = Secret(TOKEN)
    assert secret == TOKEN and TOKEN not in repr(secret) and TOKEN not in repr([secret])
