"""Turning what a person typed into an action request, or a clear refusal.

The window and the command line both go through here, so they accept and
refuse exactly the same input.
"""

from __future__ import annotations

from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.addresses import DEFAULT_REGION, Address, AddressError, parse_address
from phlo_desk.core.errors import InvalidInput
from phlo_desk.core.translatable import translatable


def parse_field(label: str, text: str, region: str = DEFAULT_REGION) -> Address:
    """Parse one address field; InvalidInput names the field and says what is wrong."""
    try:
        return parse_address(text, region)
    except AddressError as err:
        raise InvalidInput(label, advice=str(err)) from None


def node_request(
    action: NodeAction | str,
    to: str,
    trigger_source: str,
    role: Role | str = Role.AGENT,
    region: str = DEFAULT_REGION,
) -> NodeRequest:
    try:
        action, role = NodeAction(action), Role(role)
    except ValueError as err:
        raise InvalidInput(str(err), advice=translatable("Unknown action or role: nothing was sent.")) from None
    target = parse_field("To", to, region)
    source = parse_field("Trigger source", trigger_source, region)
    if target.wire == source.wire:
        raise InvalidInput("To", advice=translatable("To and Trigger source are the same address: nothing was sent."))
    return NodeRequest(action, target.wire, source.wire, role)


def member_request(action: MemberAction | str, member: str, region: str = DEFAULT_REGION) -> MemberRequest:
    try:
        action = MemberAction(action)
    except ValueError as err:
        raise InvalidInput(str(err), advice=translatable("Unknown member action: nothing was sent.")) from None
    return MemberRequest(action, parse_field("Member", member, region).wire)
