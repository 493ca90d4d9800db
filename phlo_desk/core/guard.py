"""Protection against sending the same action twice by accident.

After an action that Plivo accepted, or whose outcome is unknown, the same
action (same kind, target, trigger source and role) within `window_s` needs
the agent's explicit confirmation. Attempts that certainly changed nothing
(refused before sending, network down, rejected by Plivo) may be retried freely.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from phlo_desk.core.actions import ActionRequest
from phlo_desk.core.outcomes import ActionResult, Outcome

# Outcomes after which the action may have taken effect on the call.
_MAY_HAVE_TAKEN_EFFECT = {Outcome.OK, Outcome.UNKNOWN, Outcome.SERVER_ERROR}


@dataclass(frozen=True)
class SentRecord:
    request: ActionRequest
    outcome: Outcome
    at: float  # clock() value


class DuplicateGuard:
    def __init__(self, window_s: float = 120.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self._clock = clock
        self._records: list[SentRecord] = []

    def record(self, result: ActionResult) -> None:
        if result.request is not None and result.outcome in _MAY_HAVE_TAKEN_EFFECT:
            self._records.append(SentRecord(result.request, result.outcome, self._clock()))
        self._forget_old()

    def previous_send(self, request: ActionRequest) -> SentRecord | None:
        """The recent record that makes `request` a likely duplicate, if any."""
        self._forget_old()
        for record in reversed(self._records):
            if record.request == request:
                return record
        return None

    def _forget_old(self) -> None:
        horizon = self._clock() - self.window_s
        self._records = [r for r in self._records if r.at >= horizon]
