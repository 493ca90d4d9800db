"""One error class per thing the agent must do differently.

`advice` says what to do next. Each class has a default sentence; an instance
carries another where its cause calls for a different next step (a proxy, a
certificate, a redirect, a deadline), passed as `advice=`. Advice sentences are
marked where they are written: fixed ones with `translatable`, the deadline's,
which name its seconds, as a `say()` Phrase; the window translates both, the
command line prints them as they are. `detail` carries what the server said, as plain bounded text
(`core.text.server_text`), a short phrase for what went wrong on the wire, or
for InvalidInput the field at fault; never an exception's own text. No message
ever contains the token: the client never puts it anywhere but the Authorization
header.
"""

from __future__ import annotations

from typing import ClassVar

from phlo_desk.core.outcomes import Outcome
from phlo_desk.core.translatable import translatable


class PhloError(Exception):
    outcome: ClassVar[Outcome] = Outcome.UNKNOWN
    advice: ClassVar[str] = translatable("Something went wrong.")

    def __init__(
        self,
        detail: str = "",
        *,
        status: int | None = None,
        api_id: str = "",
        elapsed_ms: float | None = None,
        advice: str | None = None,
    ) -> None:
        self.detail = detail
        self.status = status
        self.api_id = api_id
        self.elapsed_ms = elapsed_ms
        if advice is not None:
            self.advice = advice
        super().__init__(self.advice if not detail else f"{self.advice} ({detail})")


class InvalidInput(PhloError):
    outcome = Outcome.INVALID
    advice = translatable("Check the input: nothing was sent.")


class NotConfigured(InvalidInput):
    advice = translatable("PHLO Desk is not set up yet: fill in the settings. Nothing was sent.")


class CredentialsUnavailable(InvalidInput):
    advice = translatable(
        "No system keyring is available to hold the Auth Token. Install and unlock one "
        "(for example GNOME Keyring or KWallet), or set PLIVO_AUTH_TOKEN. Nothing was sent."
    )


class AuthenticationFailed(PhloError):
    outcome = Outcome.AUTH
    advice = translatable("Plivo rejected the Auth ID / Auth Token: check them in Settings.")


class AccessDenied(PhloError):
    outcome = Outcome.AUTH
    advice = translatable(
        "Plivo refused access: PHLO may not be enabled or the account not verified. "
        "Ask your Plivo account admin."
    )


class NotFound(PhloError):
    outcome = Outcome.NOT_FOUND
    advice = translatable(
        "Plivo does not know this PHLO or node, or the PHLO is not deployed: check the PHLO ID and node ID in Settings."
    )


class Rejected(PhloError):
    outcome = Outcome.REJECTED
    advice = translatable("Plivo refused this action. Nothing changed on the call; read the reason and correct it.")


class RateLimited(PhloError):
    outcome = Outcome.RATE_LIMITED
    advice = translatable("Plivo is rate limiting this account: wait a few seconds, then try again.")


class ServerError(PhloError):
    outcome = Outcome.SERVER_ERROR
    advice = translatable("Plivo had a server error. Check the call, then try again in a few seconds.")


class NetworkUnavailable(PhloError):
    outcome = Outcome.NETWORK
    advice = translatable("Could not reach Plivo: nothing was sent. Check the network connection, then try again.")


class OutcomeUnknown(PhloError):
    outcome = Outcome.UNKNOWN
    advice = translatable("No answer from Plivo: the transfer may have happened. Check the call before trying again.")
