"""The duplicate guard: repeats of actions that may have happened need confirmation."""

from __future__ import annotations

import pytest

from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.guard import DuplicateGuard
from phlo_desk.core.outcomes import ActionResult, Outcome

WARM = NodeRequest(NodeAction.WARM_TRANSFER, "+14152225555", "+14152223333", Role.AGENT)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("outcome", [Outcome.OK, Outcome.UNKNOWN, Outcome.SERVER_ERROR])
def test_a_repeat_of_something_that_may_have_happened_is_flagged(outcome):
    guard = DuplicateGuard(clock=Clock())
    guard.record(ActionResult(outcome, "", request=WARM))
    record = guard.previous_send(NodeRequest(NodeAction.WARM_TRANSFER, "+14152225555", "+14152223333"))
    assert record is not None and record.outcome is outcome


@pytest.mark.parametrize(
    "outcome",
    [Outcome.INVALID, Outcome.NETWORK, Outcome.REJECTED, Outcome.AUTH, Outcome.NOT_FOUND, Outcome.RATE_LIMITED],
)
def test_a_retry_after_nothing_happened_is_free(outcome):
    guard = DuplicateGuard(clock=Clock())
    guard.record(ActionResult(outcome, "", request=WARM))
    assert guard.previous_send(WARM) is None


def test_other_targets_actions_and_roles_are_not_duplicates():
    guard = DuplicateGuard(clock=Clock())
    guard.record(ActionResult(Outcome.OK, "", request=WARM))
    assert guard.previous_send(NodeRequest(NodeAction.WARM_TRANSFER, "+14152226666", "+14152223333")) is None
    assert guard.previous_send(NodeRequest(NodeAction.COLD_TRANSFER, "+14152225555", "+14152223333")) is None
    assert guard.previous_send(NodeRequest(NodeAction.WARM_TRANSFER, "+14152225555", "+14152223333", Role.CUSTOMER)) is None
    assert guard.previous_send(MemberRequest(MemberAction.HOLD, "+14152225555")) is None


def test_the_window_expires():
    clock = Clock()
    guard = DuplicateGuard(window_s=60, clock=clock)
    guard.record(ActionResult(Outcome.OK, "", request=WARM))
    clock.now += 59
    assert guard.previous_send(WARM) is not None
    clock.now += 2
    assert guard.previous_send(WARM) is None
