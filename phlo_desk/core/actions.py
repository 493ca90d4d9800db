"""The action vocabulary of the PHLO multi-party call API.

Shared by the client, the sandbox, the command line and the window, so that
every layer spells an action the same way the wire does.
"""

from __future__ import annotations

import enum

from phlo_desk.core.values import value_class


class NodeAction(enum.StrEnum):
    """Actions posted to the node: `POST .../multi_party_call/{node_id}`."""

    CALL = "call"
    WARM_TRANSFER = "warm_transfer"
    COLD_TRANSFER = "cold_transfer"


class MemberAction(enum.StrEnum):
    """Actions posted to one member: `POST .../members/{member_address}`."""

    HOLD = "hold"
    UNHOLD = "unhold"
    HANGUP = "hangup"
    RESUME_CALL = "resume_call"
    ABORT_TRANSFER = "abort_transfer"
    VOICEMAIL_DROP = "voicemail_drop"


class Role(enum.StrEnum):
    AGENT = "agent"
    CUSTOMER = "customer"


@value_class
class NodeRequest:
    """A node action with already-normalised addresses."""

    action: NodeAction
    to: str
    trigger_source: str
    role: Role = Role.AGENT

    def body(self) -> dict[str, str]:
        # Exactly the four keys the API documents, nothing else.
        return {
            "action": self.action.value,
            "to": self.to,
            "role": self.role.value,
            "trigger_source": self.trigger_source,
        }

    @property
    def target(self) -> str:
        return self.to


@value_class
class MemberRequest:
    """A member action; `member` is the address the member joined with."""

    action: MemberAction
    member: str

    def body(self) -> dict[str, str]:
        return {"action": self.action.value}

    @property
    def target(self) -> str:
        return self.member


ActionRequest = NodeRequest | MemberRequest


def node_path(phlo_id: str, node_id: str) -> str:
    return f"/v1/phlo/{phlo_id}/multi_party_call/{node_id}"


def member_path(phlo_id: str, node_id: str, member_path_segment: str) -> str:
    return f"{node_path(phlo_id, node_id)}/members/{member_path_segment}"
