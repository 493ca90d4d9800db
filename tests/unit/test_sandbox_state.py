"""The sandbox's simulated call: every transition and every rejection."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phlo_desk.core.actions import MemberAction, NodeAction, Role
from phlo_desk.sandbox.state import (
    DEFAULT_CUSTOMER,
    EVENT_LOG_SIZE,
    MemberState,
    Phase,
    SandboxCall,
    SandboxRejection,
    address_key,
)

AGENT = "+14155550123"
CUSTOMER = DEFAULT_CUSTOMER
TARGET = "+14152225555"
OTHER = "+14152226666"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def call(clock: FakeClock) -> SandboxCall:
    return SandboxCall("phlo-1", "node-1", AGENT, clock=clock, wall_clock=lambda: 0.0)


def states(call: SandboxCall) -> dict[str, str]:
    return {m.address: m.state.value for m in call.members}


def call_state(call: SandboxCall) -> str:
    """Everything but the event log, which records rejected attempts too."""
    snapshot = call.snapshot()
    del snapshot["events"]
    return json.dumps(snapshot, sort_keys=True)


def assert_rejected(call: SandboxCall, message: str, action, *args) -> None:
    before = call_state(call)
    events_before = len(call.events)
    with pytest.raises(SandboxRejection) as caught:
        action(*args)
    assert message in caught.value.message
    assert call_state(call) == before
    last = call.events[-1]
    assert (last.ok, last.message) == (False, caught.value.message)
    assert len(call.events) == min(events_before + 1, EVENT_LOG_SIZE)


def in_consult(call: SandboxCall) -> SandboxCall:
    call.apply(NodeAction.WARM_TRANSFER, TARGET, Role.AGENT, AGENT)
    return call


# ------------------------------------------------------------------ start


def test_starts_with_agent_and_customer_connected(call: SandboxCall) -> None:
    snapshot = call.snapshot()
    assert snapshot["phlo_id"] == "phlo-1"
    assert snapshot["node_id"] == "node-1"
    assert snapshot["phase"] == "active"
    assert snapshot["revision"] == 0
    assert snapshot["transfer"] is None
    assert snapshot["events"] == []
    assert [(m["address"], m["role"], m["label"], m["state"]) for m in snapshot["members"]] == [
        (AGENT, "agent", "agent", "connected"),
        (CUSTOMER, "customer", "customer", "connected"),
    ]


def test_snapshot_is_plain_json_and_counts_seconds_in_state(
    call: SandboxCall, clock: FakeClock
) -> None:
    clock.now += 12.5
    snapshot = json.loads(json.dumps(call.snapshot()))
    assert [m["seconds_in_state"] for m in snapshot["members"]] == [12.5, 12.5]
    call.apply_member(CUSTOMER, MemberAction.HOLD)
    clock.now += 2
    seconds = {m["address"]: m["seconds_in_state"] for m in call.snapshot()["members"]}
    assert seconds == {AGENT: 14.5, CUSTOMER: 2.0}


def test_invalid_configuration_is_refused() -> None:
    with pytest.raises(ValueError):
        SandboxCall("p", "n", "not-a-number")
    with pytest.raises(ValueError):
        SandboxCall("p", "n", CUSTOMER.lstrip("+"))  # the agent would be the customer


# -------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    "address",
    [
        "+14152225555",
        "14152225555",
        "+4930123",
        "+123456789012345",
        "sip:john1234@phone.plivo.com",
        "SIP:John@Example.com:5060",
    ],
)
def test_valid_addresses(address: str) -> None:
    assert address_key(address) is not None


@pytest.mark.parametrize(
    "address",
    [
        "",
        "+0123456789",
        "+123456",
        "+1234567890123456",
        "1415 222 5555",
        "+1-415-222-5555",
        " +14152225555",
        "john@phone.plivo.com",
        "sip:john",
        "sip:@host",
        "tel:+14152225555",
        "sip:jo hn@host",
    ],
)
def test_invalid_addresses(address: str) -> None:
    assert address_key(address) is None


def test_phone_numbers_match_by_digits_and_sip_case_insensitively(call: SandboxCall) -> None:
    assert call.find("14155550123") is call.find("+14155550123")
    call.apply(NodeAction.CALL, "sip:John1234@Phone.Plivo.com")
    assert call.find("sip:john1234@phone.plivo.com") is not None
    # The member keeps the spelling it joined with.
    assert call.find("SIP:JOHN1234@PHONE.PLIVO.COM").address == "sip:John1234@Phone.Plivo.com"


@given(st.from_regex(r"[1-9][0-9]{6,14}", fullmatch=True))
def test_plus_never_changes_a_phone_numbers_identity(digits: str) -> None:
    assert address_key(digits) == address_key("+" + digits) is not None


def test_member_actions_find_members_with_or_without_plus(call: SandboxCall) -> None:
    call.apply_member(CUSTOMER.lstrip("+"), MemberAction.HOLD)
    assert call.find(CUSTOMER).state is MemberState.ON_HOLD
    call.apply_member(CUSTOMER, MemberAction.UNHOLD)
    assert call.find(CUSTOMER).state is MemberState.CONNECTED


def test_trigger_source_matches_without_plus(call: SandboxCall) -> None:
    call.apply(NodeAction.CALL, TARGET, Role.AGENT, AGENT.lstrip("+"))
    assert call.find(TARGET).state is MemberState.CONNECTED


# ----------------------------------------------------------- node actions


def test_call_adds_a_connected_member(call: SandboxCall) -> None:
    message = call.apply(NodeAction.CALL, TARGET, Role.CUSTOMER, AGENT)
    member = call.find(TARGET)
    assert (member.role, member.label, member.state) == (
        Role.CUSTOMER,
        "added",
        MemberState.CONNECTED,
    )
    assert call.revision == 1
    assert call.events[-1].ok and call.events[-1].message == message
    assert call.events[-1].action == "call" and call.events[-1].target == TARGET


def test_actions_accept_plain_strings(call: SandboxCall) -> None:
    call.apply("call", TARGET, "agent", AGENT)
    call.apply_member(TARGET, "hold")
    assert call.find(TARGET).state is MemberState.ON_HOLD


def test_warm_transfer_holds_customer_and_starts_private_consult(call: SandboxCall) -> None:
    in_consult(call)
    assert states(call) == {AGENT: "consulting", CUSTOMER: "on_hold", TARGET: "consulting"}
    assert call.find(TARGET).label == "target"
    assert call.phase is Phase.CONSULTING
    assert call.snapshot()["transfer"] == {
        "initiator": AGENT,
        "target": TARGET,
        "on_hold": [CUSTOMER],
    }


def test_cold_transfer_connects_target_with_customer_and_initiator_leaves(
    call: SandboxCall,
) -> None:
    call.apply(NodeAction.COLD_TRANSFER, TARGET, Role.AGENT, AGENT)
    assert states(call) == {AGENT: "left", CUSTOMER: "connected", TARGET: "connected"}
    assert call.phase is Phase.ACTIVE
    assert call.find(TARGET).label == "target"


def test_cold_transfer_takes_a_held_customer_off_hold(call: SandboxCall) -> None:
    call.apply_member(CUSTOMER, MemberAction.HOLD)
    call.apply(NodeAction.COLD_TRANSFER, TARGET)
    assert states(call) == {AGENT: "left", CUSTOMER: "connected", TARGET: "connected"}


def test_call_during_a_consult_is_allowed_from_the_consulting_initiator(
    call: SandboxCall,
) -> None:
    in_consult(call)
    call.apply(NodeAction.CALL, OTHER, Role.AGENT, AGENT)
    assert call.find(OTHER).state is MemberState.CONNECTED
    assert call.phase is Phase.CONSULTING


def test_a_member_who_left_can_be_dialled_again(call: SandboxCall) -> None:
    call.apply(NodeAction.CALL, TARGET)
    call.apply_member(TARGET, MemberAction.HANGUP)
    call.apply(NodeAction.CALL, TARGET.lstrip("+"))
    assert [m.address for m in call.members].count(TARGET.lstrip("+")) == 1
    assert len(call.members) == 3
    assert call.find(TARGET).state is MemberState.CONNECTED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"action": "transfer"}, "Invalid value provided for action."),
        ({"to": "nobody"}, "Invalid value provided for to."),
        ({"to": "+0123456789"}, "Invalid value provided for to."),
        ({"role": "supervisor"}, "Invalid value provided for role."),
        ({"trigger_source": "agent"}, "Invalid value provided for trigger_source."),
        ({"trigger_source": OTHER}, f"trigger_source {OTHER} is not in this call"),
        ({"to": AGENT}, f"{AGENT} is already in this call"),
        ({"to": CUSTOMER.lstrip("+")}, "is already in this call"),
    ],
)
@pytest.mark.parametrize("action", list(NodeAction))
def test_node_action_rejections(
    call: SandboxCall, action: NodeAction, kwargs: dict, message: str
) -> None:
    args = {"action": action, "to": TARGET, "role": "agent", "trigger_source": AGENT, **kwargs}
    assert_rejected(call, message, call.apply, *args.values())


def test_trigger_source_who_left_is_not_in_the_call(call: SandboxCall) -> None:
    call.apply(NodeAction.CALL, OTHER)
    call.apply_member(OTHER, MemberAction.HANGUP)
    assert_rejected(
        call,
        f"trigger_source {OTHER} is not in this call",
        call.apply,
        NodeAction.CALL,
        TARGET,
        Role.AGENT,
        OTHER,
    )


def test_trigger_source_on_hold_is_rejected(call: SandboxCall) -> None:
    call.apply(NodeAction.CALL, OTHER)
    call.apply_member(OTHER, MemberAction.HOLD)
    assert_rejected(call, "on hold", call.apply, NodeAction.CALL, TARGET, Role.AGENT, OTHER)


@pytest.mark.parametrize("action", [NodeAction.WARM_TRANSFER, NodeAction.COLD_TRANSFER])
def test_no_second_transfer_during_a_consult(call: SandboxCall, action: NodeAction) -> None:
    in_consult(call)
    assert_rejected(
        call, "a transfer is already in progress", call.apply, action, OTHER, Role.AGENT, AGENT
    )
    # The consult target cannot start one either.
    assert_rejected(
        call, "a transfer is already in progress", call.apply, action, OTHER, Role.AGENT, TARGET
    )


def test_target_already_in_call_is_rejected_during_consult(call: SandboxCall) -> None:
    in_consult(call)
    assert_rejected(call, "already in this call", call.apply, NodeAction.CALL, TARGET)


def test_a_customer_cannot_trigger_a_transfer(call: SandboxCall) -> None:
    assert_rejected(
        call,
        "is a customer",
        call.apply,
        NodeAction.WARM_TRANSFER,
        TARGET,
        Role.AGENT,
        CUSTOMER,
    )


def test_a_refused_trigger_source_is_named_as_posted(call: SandboxCall) -> None:
    posted = CUSTOMER.lstrip("+")  # the same member, spelt differently
    assert_rejected(
        call,
        f"trigger_source {posted} is a customer; an agent triggers transfers",
        call.apply,
        NodeAction.WARM_TRANSFER,
        TARGET,
        Role.AGENT,
        posted,
    )


def test_no_transfer_without_a_customer(call: SandboxCall) -> None:
    call.apply_member(CUSTOMER, MemberAction.HANGUP)
    assert_rejected(call, "no customer", call.apply, NodeAction.COLD_TRANSFER, TARGET)


# ------------------------------------------------- completing a warm transfer


def test_abort_transfer_drops_target_and_restores_the_call(call: SandboxCall) -> None:
    in_consult(call)
    call.apply_member(AGENT, MemberAction.ABORT_TRANSFER)
    assert states(call) == {AGENT: "connected", CUSTOMER: "connected", TARGET: "left"}
    assert call.phase is Phase.ACTIVE
    assert call.consult is None
    # A new transfer is possible again, even to the same target.
    in_consult(call)
    assert call.phase is Phase.CONSULTING


def test_resume_call_brings_all_three_together(call: SandboxCall) -> None:
    in_consult(call)
    call.apply_member(AGENT.lstrip("+"), MemberAction.RESUME_CALL)
    assert states(call) == {AGENT: "connected", CUSTOMER: "connected", TARGET: "connected"}
    assert call.phase is Phase.ACTIVE


def test_initiator_hangup_completes_the_transfer(call: SandboxCall) -> None:
    in_consult(call)
    call.apply_member(AGENT, MemberAction.HANGUP)
    assert states(call) == {AGENT: "left", CUSTOMER: "connected", TARGET: "connected"}
    assert call.phase is Phase.ACTIVE


def test_target_hangup_during_consult_is_like_abort(call: SandboxCall) -> None:
    in_consult(call)
    call.apply_member(TARGET, MemberAction.HANGUP)
    assert states(call) == {AGENT: "connected", CUSTOMER: "connected", TARGET: "left"}
    assert call.phase is Phase.ACTIVE


def test_held_customer_hanging_up_leaves_the_consult_running(call: SandboxCall) -> None:
    in_consult(call)
    call.apply_member(CUSTOMER, MemberAction.HANGUP)
    assert states(call) == {AGENT: "consulting", CUSTOMER: "left", TARGET: "consulting"}
    call.apply_member(AGENT, MemberAction.HANGUP)
    assert states(call) == {AGENT: "left", CUSTOMER: "left", TARGET: "connected"}


@pytest.mark.parametrize("action", [MemberAction.ABORT_TRANSFER, MemberAction.RESUME_CALL])
def test_consult_actions_need_a_consult(call: SandboxCall, action: MemberAction) -> None:
    assert_rejected(call, "no transfer in progress", call.apply_member, AGENT, action)


@pytest.mark.parametrize("action", [MemberAction.ABORT_TRANSFER, MemberAction.RESUME_CALL])
@pytest.mark.parametrize("member", [TARGET, CUSTOMER])
def test_consult_actions_go_to_the_initiator(
    call: SandboxCall, action: MemberAction, member: str
) -> None:
    in_consult(call)
    assert_rejected(
        call,
        f"must be addressed to the member who initiated the transfer ({AGENT})",
        call.apply_member,
        member,
        action,
    )


# ---------------------------------------------------------- member actions


def test_hangup_of_a_member_outside_a_consult(call: SandboxCall) -> None:
    call.apply_member(CUSTOMER, MemberAction.HANGUP)
    assert states(call) == {AGENT: "connected", CUSTOMER: "left"}
    # Members who left stay listed until reset.
    assert len(call.members) == 2


def test_everyone_leaving_ends_the_call(call: SandboxCall) -> None:
    call.apply_member(CUSTOMER, MemberAction.HANGUP)
    call.apply_member(AGENT, MemberAction.HANGUP)
    assert call.phase is Phase.ENDED
    assert_rejected(call, "not in this call", call.apply, NodeAction.CALL, TARGET)


def test_hold_and_unhold(call: SandboxCall) -> None:
    call.apply_member(CUSTOMER, MemberAction.HOLD)
    assert states(call)[CUSTOMER] == "on_hold"
    assert_rejected(call, "already on hold", call.apply_member, CUSTOMER, MemberAction.HOLD)
    call.apply_member(CUSTOMER, MemberAction.UNHOLD)
    assert states(call)[CUSTOMER] == "connected"
    assert_rejected(call, "is not on hold", call.apply_member, CUSTOMER, MemberAction.UNHOLD)


def test_consult_members_cannot_be_held_and_held_customer_cannot_be_unheld(
    call: SandboxCall,
) -> None:
    in_consult(call)
    assert_rejected(call, "transfer consult", call.apply_member, AGENT, MemberAction.HOLD)
    assert_rejected(call, "transfer consult", call.apply_member, TARGET, MemberAction.HOLD)
    assert_rejected(call, "already on hold", call.apply_member, CUSTOMER, MemberAction.HOLD)
    assert_rejected(
        call,
        "on hold for the transfer in progress",
        call.apply_member,
        CUSTOMER,
        MemberAction.UNHOLD,
    )


def test_voicemail_drop_makes_the_member_leave_and_is_logged(call: SandboxCall) -> None:
    call.apply(NodeAction.CALL, OTHER)
    call.apply_member(OTHER, MemberAction.VOICEMAIL_DROP)
    assert states(call)[OTHER] == "left"
    assert call.find(OTHER).voicemail_dropped
    assert call.events[-1].action == "voicemail_drop"
    assert "voicemail" in call.events[-1].message


def test_voicemail_drop_on_consult_target_aborts_the_transfer(call: SandboxCall) -> None:
    in_consult(call)
    call.apply_member(TARGET, MemberAction.VOICEMAIL_DROP)
    assert states(call) == {AGENT: "connected", CUSTOMER: "connected", TARGET: "left"}
    assert call.phase is Phase.ACTIVE


def test_voicemail_drop_on_consult_initiator_is_rejected(call: SandboxCall) -> None:
    in_consult(call)
    assert_rejected(call, "initiated the transfer", call.apply_member, AGENT, "voicemail_drop")


@pytest.mark.parametrize("action", list(MemberAction))
def test_member_not_in_call_is_rejected(call: SandboxCall, action: MemberAction) -> None:
    assert_rejected(call, f"member {OTHER} is not in this call", call.apply_member, OTHER, action)
    assert_rejected(call, "member junk is not in this call", call.apply_member, "junk", action)


@pytest.mark.parametrize("action", list(MemberAction))
def test_member_who_left_is_not_in_the_call(call: SandboxCall, action: MemberAction) -> None:
    call.apply_member(CUSTOMER, MemberAction.HANGUP)
    assert_rejected(call, "is not in this call", call.apply_member, CUSTOMER, action)


def test_unknown_member_action_is_rejected(call: SandboxCall) -> None:
    assert_rejected(call, "Invalid value provided for action.", call.apply_member, CUSTOMER, "mute")


# ------------------------------------------------------- log, revision, reset


def test_revision_counts_changes_only(call: SandboxCall) -> None:
    call.apply(NodeAction.CALL, TARGET)
    with pytest.raises(SandboxRejection):
        call.apply(NodeAction.CALL, TARGET)
    assert call.revision == 1
    assert [e.ok for e in call.events] == [True, False]
    assert [e.seq for e in call.events] == [1, 2]


def test_events_record_the_api_id(call: SandboxCall) -> None:
    call.apply(NodeAction.CALL, TARGET, api_id="abc")
    with pytest.raises(SandboxRejection):
        call.apply_member(OTHER, MemberAction.HOLD, api_id="def")
    assert [e.api_id for e in call.events] == ["abc", "def"]
    assert call.snapshot()["events"][0]["time"] == "1970-01-01T00:00:00.000+00:00"


def test_event_log_keeps_the_last_fifty(call: SandboxCall) -> None:
    for _ in range(EVENT_LOG_SIZE + 10):
        call.apply_member(CUSTOMER, MemberAction.HOLD)
        call.apply_member(CUSTOMER, MemberAction.UNHOLD)
    events = call.events
    assert len(events) == EVENT_LOG_SIZE
    assert events[-1].seq == 2 * (EVENT_LOG_SIZE + 10)


def test_reset_restores_the_initial_call(call: SandboxCall) -> None:
    in_consult(call)
    call.apply(NodeAction.CALL, OTHER)
    revision = call.revision
    call.reset()
    assert states(call) == {AGENT: "connected", CUSTOMER: "connected"}
    assert call.phase is Phase.ACTIVE
    assert call.consult is None
    assert call.revision > revision  # a watcher notices
    assert [e.action for e in call.events] == ["reset"]


def test_a_long_training_call_lists_only_the_latest_departures(call: SandboxCall) -> None:
    from phlo_desk.sandbox.state import MAX_DEPARTED

    targets = [f"+1415222{7000 + i:04d}" for i in range(MAX_DEPARTED + 30)]
    for target in targets:
        call.apply(NodeAction.WARM_TRANSFER, target, Role.AGENT, AGENT)
        call.apply_member(AGENT, MemberAction.ABORT_TRANSFER)
    listed = [m.address for m in call.members]
    assert listed[:2] == [AGENT, CUSTOMER]  # the call's own two are never forgotten
    assert listed[2:] == targets[-MAX_DEPARTED:]  # the newest departures, oldest first
