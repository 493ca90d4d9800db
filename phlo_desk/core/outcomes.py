"""What became of an action: the outcome vocabulary and the typed result."""

from __future__ import annotations

import enum

from phlo_desk.core.actions import ActionRequest
from phlo_desk.core.values import value_class


class Outcome(enum.StrEnum):
    OK = "ok"
    INVALID = "invalid"  # refused before sending: nothing reached Plivo
    AUTH = "auth"
    NOT_FOUND = "not_found"
    REJECTED = "rejected"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    NETWORK = "network"  # no connection was made: nothing reached Plivo
    UNKNOWN = "unknown"  # sent, but no answer: the action may have happened

    @property
    def may_have_taken_effect(self) -> bool:
        """Whether the call may have changed: accepted, no clear answer, or a server error
        (a 5xx can come after the work was done). The one definition the desk uses."""
        return self in _MAY_HAVE_TAKEN_EFFECT


_MAY_HAVE_TAKEN_EFFECT = frozenset({Outcome.OK, Outcome.UNKNOWN, Outcome.SERVER_ERROR})


# The command line's exit status for each outcome (documented in docs/cli.md).
EXIT_CODES: dict[Outcome, int] = {
    Outcome.OK: 0,
    Outcome.INVALID: 2,
    Outcome.AUTH: 3,
    Outcome.NOT_FOUND: 4,
    Outcome.REJECTED: 5,
    Outcome.RATE_LIMITED: 6,
    Outcome.SERVER_ERROR: 7,
    Outcome.NETWORK: 8,
    Outcome.UNKNOWN: 9,
}


@value_class
class ActionResult:
    """One action's result, success or not; safe to log (holds no secret)."""

    outcome: Outcome
    message: str  # plain language: what happened and what to do next
    request: ActionRequest | None = None
    status: int | None = None
    api_id: str = ""
    detail: str = ""  # what the server said, verbatim (trimmed)
    elapsed_ms: float | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK

    def as_dict(self) -> dict[str, object]:
        request = self.request
        return {
            "ok": self.ok,
            "outcome": self.outcome.value,
            "status": self.status,
            "api_id": self.api_id,
            "message": self.message,
            "detail": self.detail,
            "elapsed_ms": None if self.elapsed_ms is None else round(self.elapsed_ms, 1),
            "action": request.action.value if request else None,
            "target": request.target if request else None,
        }
