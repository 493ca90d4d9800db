"""The transfer tracker: what was asked, what Plivo accepted, and what may be done next."""

from __future__ import annotations

import pytest

from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.transfer import LegRole, LegState, Phase, TransferTracker

AGENT, CUSTOMER, TARGET, OTHER = "+14155550123", "+14155550100", "+14152225555", "+14152226666"


class Clock:
    now = 100.0

    def __call__(self) -> float:
        return self.now


def ok(request) -> ActionResult:
    return ActionResult(Outcome.OK, "Accepted by Plivo.", request=request, status=201)


def warm(to: str = TARGET) -> NodeRequest:
    return NodeRequest(NodeAction.WARM_TRANSFER, to, AGENT)


def states(tracker: TransferTracker) -> dict[str, str]:
    return {f"{leg.role.value}:{leg.address}": leg.state.value for leg in tracker.legs}


@pytest.fixture
def tracker() -> TransferTracker:
    tracker = TransferTracker(clock=Clock())
    tracker.set_agent_address(AGENT)
    tracker.set_customer_address(CUSTOMER)
    return tracker


@pytest.fixture
def consulting(tracker) -> TransferTracker:
    tracker.apply(ok(warm()))
    return tracker


def test_starts_idle_with_the_agent_and_an_unknown_customer():
    tracker = TransferTracker()
    assert tracker.phase is Phase.IDLE
    assert [(leg.role, leg.address, leg.state) for leg in tracker.legs] == [
        (LegRole.AGENT, "", LegState.CONNECTED), (LegRole.CUSTOMER, "", LegState.CONNECTED)]
    assert not (tracker.can_complete() or tracker.can_join() or tracker.can_cancel())
    assert tracker.can_transfer()


def test_warm_transfer_starts_a_consult(consulting):
    assert consulting.phase is Phase.CONSULTING
    assert states(consulting) == {f"agent:{AGENT}": "consulting", f"customer:{CUSTOMER}": "on_hold",
                                  f"target:{TARGET}": "consulting"}
    assert consulting.can_complete() and consulting.can_join() and consulting.can_cancel()
    assert not consulting.can_transfer()


def test_complete_hangs_up_the_initiator(consulting):
    request = consulting.completion_request()
    assert request == MemberRequest(MemberAction.HANGUP, AGENT)
    consulting.apply(ok(request))
    assert consulting.phase is Phase.COMPLETED
    assert states(consulting) == {f"agent:{AGENT}": "left", f"customer:{CUSTOMER}": "connected",
                                  f"target:{TARGET}": "connected"}
    assert not consulting.can_complete()


def test_join_then_the_agent_leaves(consulting):
    consulting.apply(ok(consulting.join_request()))
    assert consulting.phase is Phase.CONFERENCED
    assert set(states(consulting).values()) == {"connected"}
    assert consulting.can_complete() and not consulting.can_join() and not consulting.can_cancel()
    consulting.apply(ok(consulting.completion_request()))
    assert consulting.phase is Phase.COMPLETED


def test_cancel_drops_the_target_and_frees_the_customer(consulting):
    assert consulting.cancel_request() == MemberRequest(MemberAction.ABORT_TRANSFER, AGENT)
    consulting.apply(ok(consulting.cancel_request()))
    assert consulting.phase is Phase.CANCELLED
    assert states(consulting) == {f"agent:{AGENT}": "connected", f"customer:{CUSTOMER}": "connected",
                                  f"target:{TARGET}": "left"}
    assert consulting.can_transfer()


def test_a_second_transfer_after_cancel_stays_on_the_same_call(consulting):
    consulting.apply(ok(consulting.cancel_request()))
    consulting.apply(ok(warm(OTHER)))
    assert consulting.phase is Phase.CONSULTING
    assert consulting.leg(LegRole.CUSTOMER).address == CUSTOMER
    assert consulting.leg(LegRole.TARGET).address == OTHER


def test_after_completion_a_new_transfer_is_a_new_call(consulting):
    consulting.apply(ok(consulting.completion_request()))
    consulting.apply(ok(warm(OTHER)))
    assert consulting.phase is Phase.CONSULTING
    assert consulting.leg(LegRole.CUSTOMER).address == ""  # the new caller is not known yet
    assert [leg.address for leg in consulting.legs] == [AGENT, "", OTHER]


def test_cold_transfer(tracker):
    tracker.apply(ok(NodeRequest(NodeAction.COLD_TRANSFER, TARGET, AGENT)))
    assert tracker.phase is Phase.COLD_TRANSFERRED
    assert states(tracker) == {f"agent:{AGENT}": "left", f"customer:{CUSTOMER}": "connected",
                               f"target:{TARGET}": "connected"}


def test_added_participants_and_leg_actions(tracker):
    tracker.apply(ok(NodeRequest(NodeAction.CALL, OTHER, AGENT)))
    added = tracker.leg(LegRole.ADDED)
    assert (added.address, added.state) == (OTHER, LegState.CONNECTED)
    assert tracker.phase is Phase.IDLE
    assert tracker.leg_actions(added) == (MemberAction.HOLD, MemberAction.HANGUP, MemberAction.VOICEMAIL_DROP)
    tracker.apply(ok(MemberRequest(MemberAction.HOLD, OTHER)))
    assert tracker.leg(LegRole.ADDED).state is LegState.ON_HOLD
    assert tracker.leg_actions(tracker.leg(LegRole.ADDED))[0] is MemberAction.UNHOLD
    tracker.apply(ok(MemberRequest(MemberAction.UNHOLD, OTHER)))
    tracker.apply(ok(MemberRequest(MemberAction.VOICEMAIL_DROP, OTHER)))
    assert tracker.leg(LegRole.ADDED) is None  # left
    assert states(tracker)[f"added:{OTHER}"] == "left"


def test_no_actions_on_legs_without_address_or_on_the_agent(consulting):
    agent = consulting.leg(LegRole.AGENT)
    assert consulting.leg_actions(agent) == ()
    fresh = TransferTracker()
    assert fresh.leg_actions(fresh.leg(LegRole.CUSTOMER)) == ()
    # during a consult the held customer can only be hung up: Join or Cancel lift the hold
    assert consulting.leg_actions(consulting.leg(LegRole.CUSTOMER)) == (MemberAction.HANGUP,)


def test_the_target_hanging_up_ends_the_consult(consulting):
    consulting.apply(ok(MemberRequest(MemberAction.HANGUP, TARGET)))
    assert consulting.phase is Phase.CANCELLED
    assert states(consulting)[f"customer:{CUSTOMER}"] == "connected"


@pytest.mark.parametrize("outcome", [o for o in Outcome if o not in (Outcome.OK, Outcome.UNKNOWN, Outcome.SERVER_ERROR)])
def test_a_refused_request_changes_nothing_but_says_why(consulting, outcome):
    before = states(consulting)
    consulting.apply(ActionResult(outcome, "advice", request=consulting.completion_request(), detail="reason"))
    assert states(consulting) == before and consulting.phase is Phase.CONSULTING
    assert consulting.last_refusal == "reason"


def test_a_refused_transfer_is_failed_and_the_call_is_as_it_was(tracker):
    before = states(tracker)
    tracker.apply(ActionResult(Outcome.REJECTED, "refused", request=warm(), detail="trigger not in call"))
    assert tracker.phase is Phase.FAILED and states(tracker) == before
    tracker.apply(ok(warm()))
    assert tracker.phase is Phase.CONSULTING


def test_an_unanswered_request_is_shown_as_unconfirmed(tracker):
    tracker.apply(ActionResult(Outcome.UNKNOWN, "may have happened", request=warm()))
    assert tracker.phase is Phase.CONSULTING and tracker.uncertain
    assert not tracker.leg(LegRole.TARGET).certain
    assert tracker.can_transfer()  # the agent checks the call and may retry
    tracker.apply(ok(tracker.cancel_request()))
    assert not tracker.uncertain


def test_state_times_restart_only_on_change(tracker):
    clock = tracker.clock
    since = tracker.leg(LegRole.CUSTOMER).since
    clock.now += 30
    tracker.apply(ok(NodeRequest(NodeAction.CALL, OTHER, AGENT)))
    assert tracker.leg(LegRole.CUSTOMER).since == since
    tracker.apply(ok(warm()))
    assert tracker.leg(LegRole.CUSTOMER).since == clock.now


def test_a_server_error_may_have_happened(tracker):
    tracker.apply(ActionResult(Outcome.SERVER_ERROR, "check the call", request=warm(), status=502))
    assert tracker.phase is Phase.CONSULTING and tracker.uncertain


def test_acting_on_a_leg_does_not_confirm_an_unanswered_transfer(tracker):
    tracker.apply(ActionResult(Outcome.UNKNOWN, "may have happened", request=warm()))
    tracker.apply(ok(NodeRequest(NodeAction.CALL, OTHER, AGENT)))
    assert tracker.uncertain and tracker.can_transfer()


def test_every_customer_waits_during_a_consult_and_comes_back_after(tracker):
    tracker.apply(ok(NodeRequest(NodeAction.CALL, OTHER, AGENT, Role.CUSTOMER)))
    tracker.apply(ok(warm()))
    assert states(tracker)[f"added:{OTHER}"] == "on_hold"
    assert tracker.leg_actions(tracker.leg(LegRole.ADDED)) == (MemberAction.HANGUP,)
    tracker.apply(ok(tracker.cancel_request()))
    assert states(tracker)[f"added:{OTHER}"] == "connected"
    assert states(tracker)[f"customer:{CUSTOMER}"] == "connected"


def test_an_added_agent_is_not_held_by_a_consult(tracker):
    tracker.apply(ok(NodeRequest(NodeAction.CALL, OTHER, AGENT, Role.AGENT)))
    tracker.apply(ok(warm()))
    assert states(tracker)[f"added:{OTHER}"] == "connected"
