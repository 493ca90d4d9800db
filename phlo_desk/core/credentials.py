"""The Auth Token: in the OS keyring, or in PLIVO_AUTH_TOKEN, nowhere else.

There is deliberately no plaintext fallback: when no keyring backend works the
caller gets CredentialsUnavailable, which says how to fix it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from phlo_desk.core.errors import CredentialsUnavailable, NotConfigured
from phlo_desk.core.settings import TOKEN_ENVIRONMENT
from phlo_desk.core.translatable import say, translatable

SERVICE = "phlo-desk"


class Secret(str):
    """A str whose repr never shows the value (safe in tracebacks and logs)."""

    def __repr__(self) -> str:
        return "Secret('***')"


class CredentialStore:
    """The OS keyring, refusing backends that would write the token in plaintext."""

    def _backend(self):  # type: ignore[no-untyped-def]
        import keyring  # ~100 ms to import with its backends: load on first use

        backend = keyring.get_keyring()
        problem = _unusable_reason(backend)
        if problem:
            raise CredentialsUnavailable(problem)
        return backend

    def backend_name(self) -> str:
        """A human name for the backend, or why there is none."""
        try:
            backend = self._backend()
        except CredentialsUnavailable as err:
            return f"none ({err.detail})"
        from keyring.backends import chainer

        parts = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
        return " + ".join(getattr(part, "name", type(part).__name__) for part in parts)

    def get(self, auth_id: str) -> Secret | None:
        backend = self._backend()
        try:
            token = backend.get_password(SERVICE, auth_id)
        except Exception as err:  # locked keyring, D-Bus errors, user refused to unlock
            raise CredentialsUnavailable(_describe(err)) from None
        return Secret(token) if token else None

    def set(self, auth_id: str, token: str) -> None:
        if not auth_id:
            raise NotConfigured(say("an Auth ID is needed to store its token"))
        backend = self._backend()
        try:
            backend.set_password(SERVICE, auth_id, token)
        except Exception as err:
            raise CredentialsUnavailable(_describe(err)) from None

    def delete(self, auth_id: str) -> bool:
        """Remove the token; False when there was none."""
        backend = self._backend()
        try:
            from keyring.errors import PasswordDeleteError

            backend.delete_password(SERVICE, auth_id)
        except PasswordDeleteError:
            return False
        except Exception as err:
            raise CredentialsUnavailable(_describe(err)) from None
        return True


def resolve_token(
    auth_id: str, store: CredentialStore, environ: Mapping[str, str] | None = None
) -> Secret:
    """PLIVO_AUTH_TOKEN if set, else the keyring's token for `auth_id`."""
    environ = os.environ if environ is None else environ
    from_environment = environ.get(TOKEN_ENVIRONMENT, "").strip()
    if from_environment:
        return Secret(from_environment)
    if not auth_id:
        raise NotConfigured("missing: Auth ID")
    token = store.get(auth_id)
    if not token:
        raise NotConfigured(
            say("no Auth Token stored for this Auth ID"),
            advice=translatable("No Auth Token is stored for this Auth ID: enter it in Settings "
                                "(or run phlo-desk-cli login). Nothing was sent."),
        )
    return token


def _unusable_reason(backend) -> str:  # type: ignore[no-untyped-def]
    from keyring.backends import chainer, fail

    kind = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, fail.Keyring) or kind == "keyring.backends.null.Keyring":
        return say("no keyring backend found")
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return say("no keyring backend found")
    unencrypted_file = kind.startswith("keyrings.alt.file.") and "Encrypted" not in kind
    if "plaintext" in kind.lower() or unencrypted_file:
        return say("{kind} stores secrets unencrypted and is refused", kind=kind)
    return ""


def _describe(err: Exception) -> str:
    return f"{type(err).__name__}: {err}".strip().rstrip(":")
