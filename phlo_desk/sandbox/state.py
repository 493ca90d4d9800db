"""The simulated multi-party call behind the sandbox: a pure state machine.

No I/O and no threads: the server serialises access with one lock. Where the
PHLO API is silent (how a warm transfer completes, what `resume_call` does, ...)
the behaviour here is a sandbox choice, not a statement about Plivo.

Every action is validated completely before anything is changed, so a
`SandboxRejection` always leaves the call exactly as it was (only the event log
records the attempt).
"""

from __future__ import annotations

import enum
import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from phlo_desk.core.actions import MemberAction, NodeAction, Role

DEFAULT_CUSTOMER = "+14155550100"
EVENT_LOG_SIZE = 50
MAX_DEPARTED = 20  # members who left that the simulated call still lists

# E.164 with or without "+": 7-15 digits, never starting with 0.
_PHONE = re.compile(r"\+?[1-9][0-9]{6,14}")
# sip:user@host[:port]; the scheme is matched case-insensitively.
_SIP = re.compile(
    r"sip:[A-Za-z0-9._~+\-]+@[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?(?::[0-9]{1,5})?",
    re.IGNORECASE,
)


class SandboxRejection(Exception):
    """An action the simulated call refuses; the call is left untouched."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MemberState(enum.StrEnum):
    CONNECTED = "connected"
    ON_HOLD = "on_hold"
    CONSULTING = "consulting"  # in a private consult with the transfer initiator
    LEFT = "left"


class Phase(enum.StrEnum):
    ACTIVE = "active"
    CONSULTING = "consulting"  # a warm transfer is in progress
    ENDED = "ended"  # every member has left


def address_key(address: str) -> str | None:
    """The identity of an address, or None if it is not a valid one.

    Phone numbers compare by digits (`+14152225555` == `14152225555`); SIP
    endpoints compare case-insensitively.
    """
    if not isinstance(address, str):
        return None
    if _PHONE.fullmatch(address):
        return address.lstrip("+")
    if _SIP.fullmatch(address):
        return address.lower()
    return None


def is_valid_address(address: str) -> bool:
    return address_key(address) is not None


@dataclass(eq=False)  # identity semantics: a member is a person, not a value
class Member:
    address: str  # as the member joined with it
    key: str  # see address_key
    role: Role
    label: str  # "agent", "customer", "target" or "added"
    state: MemberState
    changed_at: float
    voicemail_dropped: bool = False

    @property
    def active(self) -> bool:
        return self.state is not MemberState.LEFT


@dataclass(frozen=True)
class Consult:
    """A warm transfer in progress: who started it, with whom, for whom."""

    initiator: str  # member keys
    target: str
    on_hold: tuple[str, ...]  # the customers being transferred


@dataclass(frozen=True)
class Event:
    seq: int
    time: str  # wall clock, ISO 8601 UTC
    action: str
    target: str
    ok: bool
    message: str
    api_id: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "time": self.time,
            "action": self.action,
            "target": self.target,
            "ok": self.ok,
            "message": self.message,
            "api_id": self.api_id,
        }


class SandboxCall:
    """One simulated multi-party call on one PHLO node."""

    def __init__(
        self,
        phlo_id: str,
        node_id: str,
        trigger_source: str,
        customer: str = DEFAULT_CUSTOMER,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        for name, value in (("trigger_source", trigger_source), ("customer", customer)):
            if not is_valid_address(value):
                raise ValueError(f"{name} {value!r} is not a phone number or SIP endpoint")
        if address_key(trigger_source) == address_key(customer):
            raise ValueError("the agent and the customer must be different addresses")
        self.phlo_id = phlo_id
        self.node_id = node_id
        self.agent_address = trigger_source
        self.customer_address = customer
        self._clock = clock
        self._wall_clock = wall_clock
        self.revision = 0
        self._event_seq = 0
        self._events: deque[Event] = deque(maxlen=EVENT_LOG_SIZE)
        self._start_call()

    # ----------------------------------------------------------------- reading

    @property
    def members(self) -> list[Member]:
        return list(self._members)

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def consult(self) -> Consult | None:
        return self._consult

    @property
    def events(self) -> list[Event]:
        return list(self._events)

    def find(self, address: str) -> Member | None:
        """The member with this address (left or not), matched by address_key."""
        key = address_key(address)
        return self._by_key(key) if key else None

    def snapshot(self) -> dict[str, object]:
        """Plain JSON-able data for the window and `GET /sandbox/state`."""
        now = self._clock()
        consult = self._consult
        return {
            "phlo_id": self.phlo_id,
            "node_id": self.node_id,
            "phase": self._phase.value,
            "revision": self.revision,
            "transfer": None
            if consult is None
            else {
                "initiator": self._address_of(consult.initiator),
                "target": self._address_of(consult.target),
                "on_hold": [
                    m.address
                    for m in self._members
                    if m.key in consult.on_hold and m.state is MemberState.ON_HOLD
                ],
            },
            "members": [
                {
                    "address": m.address,
                    "role": m.role.value,
                    "label": m.label,
                    "state": m.state.value,
                    "seconds_in_state": round(max(0.0, now - m.changed_at), 3),
                    "voicemail_dropped": m.voicemail_dropped,
                }
                for m in self._members
            ],
            "events": [e.as_dict() for e in self._events],
        }

    # --------------------------------------------------------------- resetting

    def reset(self) -> None:
        """Back to the initial call: agent and customer connected, log cleared."""
        self._events.clear()
        self._start_call()
        # The revision keeps counting so that a watcher notices the reset.
        self.revision += 1
        self._log("reset", "", True, "the call was reset: agent and customer connected")

    def _start_call(self) -> None:
        now = self._clock()
        self._members: list[Member] = [
            Member(
                self.agent_address,
                address_key(self.agent_address),  # type: ignore[arg-type]
                Role.AGENT,
                "agent",
                MemberState.CONNECTED,
                now,
            ),
            Member(
                self.customer_address,
                address_key(self.customer_address),  # type: ignore[arg-type]
                Role.CUSTOMER,
                "customer",
                MemberState.CONNECTED,
                now,
            ),
        ]
        self._phase = Phase.ACTIVE
        self._consult: Consult | None = None

    # ------------------------------------------------------------ node actions

    def apply(
        self,
        action: NodeAction | str,
        to: str,
        role: Role | str = Role.AGENT,
        trigger_source: str | None = None,
        *,
        api_id: str | None = None,
    ) -> str:
        """Apply a node action; returns what happened, raises SandboxRejection.

        `trigger_source` defaults to the call's agent.
        """
        if trigger_source is None:
            trigger_source = self.agent_address
        label = str(action)
        try:
            change = self._plan_node_action(action, to, role, trigger_source)
        except SandboxRejection as rejection:
            self._log(label, str(to), False, rejection.message, api_id)
            raise
        return self._commit(label, str(to), change, api_id)

    def _plan_node_action(
        self, action: NodeAction | str, to: str, role: Role | str, trigger_source: str
    ) -> _Change:
        action = _parse(NodeAction, action, "action")
        role = _parse(Role, role, "role")
        to_key = address_key(to)
        if to_key is None:
            raise SandboxRejection("Invalid value provided for to.")
        initiator = self._triggering_member(trigger_source)
        existing = self._by_key(to_key)
        if existing is not None and existing.active:
            raise SandboxRejection(f"{to} is already in this call")

        if action is NodeAction.CALL:
            change = _Change()
            change.join(to, to_key, role, "added", MemberState.CONNECTED)
            change.message = f"{to} was dialled and joined the call"
            return change
        customers = self._customers_to_transfer(initiator, trigger_source)
        if action is NodeAction.WARM_TRANSFER:
            return self._plan_warm_transfer(initiator, customers, to, to_key, role)
        return self._plan_cold_transfer(initiator, customers, to, to_key, role)

    def _triggering_member(self, trigger_source: str) -> Member:
        """The member who triggers a node action: in the call and not on hold."""
        trigger_key = address_key(trigger_source)
        if trigger_key is None:
            raise SandboxRejection("Invalid value provided for trigger_source.")
        initiator = self._by_key(trigger_key)
        if initiator is None or not initiator.active:
            raise SandboxRejection(f"trigger_source {trigger_source} is not in this call")
        if initiator.state is MemberState.ON_HOLD:
            raise SandboxRejection(
                f"trigger_source {trigger_source} is on hold and cannot trigger an action"
            )
        return initiator

    def _customers_to_transfer(self, initiator: Member, trigger_source: str) -> list[Member]:
        """The customers a transfer by `initiator` would hand over; refuses when none may."""
        if self._consult is not None:
            raise SandboxRejection("a transfer is already in progress")
        if initiator.role is Role.CUSTOMER:
            raise SandboxRejection(
                f"trigger_source {trigger_source} is a customer; an agent triggers transfers"
            )
        customers = [
            m for m in self._members if m.active and m.role is Role.CUSTOMER and m is not initiator
        ]
        if not customers:
            raise SandboxRejection("there is no customer in this call to transfer")
        return customers

    @staticmethod
    def _plan_warm_transfer(
        initiator: Member, customers: list[Member], to: str, to_key: str, role: Role
    ) -> _Change:
        """The customers wait on hold while the initiator and the target talk in private."""
        change = _Change()
        for customer in customers:
            change.set(customer, MemberState.ON_HOLD)
        change.set(initiator, MemberState.CONSULTING)
        change.join(to, to_key, role, "target", MemberState.CONSULTING)
        change.phase = Phase.CONSULTING
        change.consult = Consult(initiator.key, to_key, tuple(c.key for c in customers))
        change.message = (
            f"{_names(customers)} on hold; {to} joined a private consult with {initiator.address}"
        )
        return change

    @staticmethod
    def _plan_cold_transfer(
        initiator: Member, customers: list[Member], to: str, to_key: str, role: Role
    ) -> _Change:
        """The customers are connected to the target at once; the initiator leaves."""
        change = _Change()
        for customer in customers:
            change.set(customer, MemberState.CONNECTED)
        change.join(to, to_key, role, "target", MemberState.CONNECTED)
        change.set(initiator, MemberState.LEFT)
        change.message = f"{_names(customers)} connected to {to}; {initiator.address} left the call"
        return change

    # ---------------------------------------------------------- member actions

    def apply_member(
        self, address: str, action: MemberAction | str, *, api_id: str | None = None
    ) -> str:
        """Apply a member action; returns what happened, raises SandboxRejection."""
        label = str(action)
        try:
            change = self._plan_member_action(address, action)
        except SandboxRejection as rejection:
            self._log(label, str(address), False, rejection.message, api_id)
            raise
        return self._commit(label, str(address), change, api_id)

    def _plan_member_action(self, address: str, action: MemberAction | str) -> _Change:
        action = _parse(MemberAction, action, "action")
        member = self.find(address)
        if member is None or not member.active:
            raise SandboxRejection(f"member {address} is not in this call")
        planners: dict[MemberAction, Callable[[Member], _Change]] = {
            MemberAction.ABORT_TRANSFER: self._plan_abort_transfer,
            MemberAction.RESUME_CALL: self._plan_resume_call,
            MemberAction.HANGUP: self._plan_hangup,
            MemberAction.VOICEMAIL_DROP: self._plan_voicemail_drop,
            MemberAction.HOLD: self._plan_hold,
            MemberAction.UNHOLD: self._plan_unhold,
        }
        return planners[action](member)

    def _plan_abort_transfer(self, member: Member) -> _Change:
        consult = self._consult_initiated_by(member, MemberAction.ABORT_TRANSFER, "abort")
        change = self._plan_consult_end(dropped=consult.target)
        change.message = f"transfer aborted: {self._address_of(consult.target)} dropped"
        return change

    def _plan_resume_call(self, member: Member) -> _Change:
        self._consult_initiated_by(member, MemberAction.RESUME_CALL, "resume")
        change = self._plan_consult_end(dropped=None)
        change.message = "consult ended: all parties are talking together"
        return change

    def _consult_initiated_by(self, member: Member, action: MemberAction, verb: str) -> Consult:
        """The consult in progress, which `action` may end only through its initiator."""
        consult = self._consult
        if consult is None:
            raise SandboxRejection(f"there is no transfer in progress to {verb}")
        if member.key != consult.initiator:
            raise SandboxRejection(
                f"{action} must be addressed to the member who initiated the transfer"
                f" ({self._address_of(consult.initiator)}), not {member.address}"
            )
        return consult

    def _plan_hangup(self, member: Member) -> _Change:
        change = self._plan_departure(member)
        consult, name = self._consult, member.address  # as joined, whatever spelling was posted
        if consult is not None and member.key == consult.initiator:
            change.message = (
                f"{name} hung up: transfer completed to {self._address_of(consult.target)}"
            )
        elif consult is not None and member.key == consult.target:
            change.message = f"{name} hung up: transfer aborted"
        else:
            change.message = f"{name} hung up"
        return change

    def _plan_voicemail_drop(self, member: Member) -> _Change:
        consult, name = self._consult, member.address
        if consult is not None and member.key == consult.initiator:
            raise SandboxRejection(
                f"member {name} initiated the transfer in progress;"
                " a voicemail cannot be dropped on them"
            )
        change = self._plan_departure(member)
        if consult is not None and member.key == consult.target:
            change.message = f"voicemail dropped for {name}: transfer aborted"
        else:
            change.message = f"voicemail dropped for {name}; they left the call"
        change.voicemail_for = member
        return change

    def _plan_hold(self, member: Member) -> _Change:
        name = member.address
        if member.state is MemberState.ON_HOLD:
            raise SandboxRejection(f"member {name} is already on hold")
        if member.state is MemberState.CONSULTING:
            raise SandboxRejection(
                f"member {name} is in a transfer consult and cannot be put on hold"
            )
        change = _Change()
        change.set(member, MemberState.ON_HOLD)
        change.message = f"{name} is on hold"
        return change

    def _plan_unhold(self, member: Member) -> _Change:
        name, consult = member.address, self._consult
        if member.state is not MemberState.ON_HOLD:
            raise SandboxRejection(f"member {name} is not on hold")
        if consult is not None and member.key in consult.on_hold:
            raise SandboxRejection(
                f"member {name} is on hold for the transfer in progress; use resume_call"
                f" or abort_transfer on {self._address_of(consult.initiator)}"
            )
        change = _Change()
        change.set(member, MemberState.CONNECTED)
        change.message = f"{name} is off hold"
        return change

    def _plan_departure(self, member: Member) -> _Change:
        """The member leaves; if they are one of the consult's pair, the consult ends too."""
        consult = self._consult
        if consult is not None and member.key in (consult.initiator, consult.target):
            return self._plan_consult_end(dropped=member.key)
        change = _Change()
        change.set(member, MemberState.LEFT)
        return change

    def _plan_consult_end(self, dropped: str | None) -> _Change:
        """The end of the consult: `dropped` (a member key) leaves, the others are connected."""
        consult = self._consult
        assert consult is not None
        change = _Change()
        for key in (consult.initiator, consult.target, *consult.on_hold):
            member = self._by_key(key)
            if member is None or not member.active:
                continue  # e.g. a held customer who hung up meanwhile
            change.set(member, MemberState.LEFT if key == dropped else MemberState.CONNECTED)
        change.phase = Phase.ACTIVE
        change.end_consult = True
        return change

    # --------------------------------------------------------------- plumbing

    def _commit(self, action: str, target: str, change: _Change, api_id: str | None) -> str:
        now = self._clock()
        for member, state in change.states.items():
            if member.state is not state:
                member.state = state
                member.changed_at = now
        for joiner in change.joiners:
            existing = self._by_key(joiner.key)
            if existing is None:
                joiner.changed_at = now
                self._members.append(joiner)
            else:
                # Someone who left and is dialled again keeps their place in the list.
                existing.address = joiner.address
                existing.role = joiner.role
                existing.label = joiner.label
                existing.state = joiner.state
                existing.changed_at = now
                existing.voicemail_dropped = False
        if change.voicemail_for is not None:
            change.voicemail_for.voicemail_dropped = True
        if change.consult is not None:
            self._consult = change.consult
        elif change.end_consult:
            self._consult = None
        if change.phase is not None:
            self._phase = change.phase
        if not any(m.active for m in self._members):
            self._phase = Phase.ENDED
            self._consult = None
        self._forget_oldest_departures()
        self.revision += 1
        self._log(action, target, True, change.message, api_id)
        return change.message

    def _log(
        self, action: str, target: str, ok: bool, message: str, api_id: str | None = None
    ) -> None:
        self._event_seq += 1
        stamp = datetime.fromtimestamp(self._wall_clock(), UTC).isoformat(timespec="milliseconds")
        self._events.append(Event(self._event_seq, stamp, action, target, ok, message, api_id))

    def _forget_oldest_departures(self) -> None:
        """Keep the last MAX_DEPARTED members who left; a day-long training call would grow without end."""
        own = {address_key(self.agent_address), address_key(self.customer_address)}
        departed = [m for m in self._members if m.state is MemberState.LEFT and m.key not in own]
        for member in departed[: max(0, len(departed) - MAX_DEPARTED)]:
            self._members.remove(member)

    def _by_key(self, key: str) -> Member | None:
        for member in self._members:
            if member.key == key:
                return member
        return None

    def _address_of(self, key: str) -> str:
        member = self._by_key(key)
        return member.address if member else key


class _Change:
    """What an accepted action will do, worked out before anything is touched."""

    def __init__(self) -> None:
        self.states: dict[Member, MemberState] = {}
        self.joiners: list[Member] = []
        self.phase: Phase | None = None
        self.consult: Consult | None = None
        self.end_consult = False
        self.voicemail_for: Member | None = None
        self.message = ""

    def set(self, member: Member, state: MemberState) -> None:
        self.states[member] = state

    def join(self, address: str, key: str, role: Role, label: str, state: MemberState) -> None:
        self.joiners.append(Member(address, key, role, label, state, changed_at=0.0))


_E = TypeVar("_E", NodeAction, MemberAction, Role)


def _parse(kind: type[_E], value: object, param: str) -> _E:
    try:
        return kind(value)
    except (ValueError, TypeError):
        raise SandboxRejection(f"Invalid value provided for {param}.") from None


def _names(members: Iterable[Member]) -> str:
    return ", ".join(m.address for m in members)
