"""What this desk has asked of the call, and what Plivo accepted.

The PHLO API cannot be asked for live call state, so this is not the call's
state: it is the record of accepted requests, shown as such ("accepted by
Plivo", or "outcome unknown" when the answer never came). A refused request
changes nothing.

Phases of a transfer:
    idle -> consulting (warm transfer accepted)
    consulting -> conferenced (resume_call on the initiator)
               -> completed   (the initiator hangs up)
               -> cancelled   (abort_transfer on the initiator)
    conferenced -> completed  (the initiator hangs up)
    idle -> cold_transferred  (cold transfer accepted)
    idle -> failed            (the warm or cold transfer itself was refused)
Adding a participant (`call`) and hold / unhold / hangup / voicemail on a leg
change that leg only.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.outcomes import ActionResult, Outcome


class Phase(enum.StrEnum):
    IDLE = "idle"
    CONSULTING = "consulting"
    CONFERENCED = "conferenced"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    COLD_TRANSFERRED = "cold_transferred"
    FAILED = "failed"


class LegRole(enum.StrEnum):
    AGENT = "agent"  # this desk's own leg: the trigger source
    CUSTOMER = "customer"
    TARGET = "target"  # the colleague being transferred to
    ADDED = "added"  # a participant added with `call`


class LegState(enum.StrEnum):
    CONNECTED = "connected"
    ON_HOLD = "on_hold"
    CONSULTING = "consulting"  # in the private consult of a warm transfer
    LEFT = "left"


@dataclass(frozen=True)
class Leg:
    role: LegRole
    address: str  # "" when unknown (the customer, until the agent pastes it)
    state: LegState
    since: float  # clock() when the state last changed
    certain: bool = True  # False when the change rests on an answer that never came
    call_role: Role = Role.CUSTOMER  # the role in the call: a warm transfer holds every customer
    held_by_consult: bool = False  # put on hold by the warm transfer; the consult's end lifts it


# Which member actions a leg offers, by its state.
_LEG_ACTIONS = {
    LegState.CONNECTED: (MemberAction.HOLD, MemberAction.HANGUP, MemberAction.VOICEMAIL_DROP),
    LegState.ON_HOLD: (MemberAction.UNHOLD, MemberAction.HANGUP, MemberAction.VOICEMAIL_DROP),
    LegState.CONSULTING: (MemberAction.HANGUP,),
    LegState.LEFT: (),
}
_IN_TRANSFER = {Phase.CONSULTING, Phase.CONFERENCED}
# Answers after which the request may have taken effect: a 5xx can come after the work.
_MAY_HAVE_HAPPENED = {Outcome.OK, Outcome.UNKNOWN, Outcome.SERVER_ERROR}
_AGENT_GONE = {Phase.COMPLETED, Phase.COLD_TRANSFERRED}


@dataclass
class TransferTracker:
    clock: Callable[[], float] = time.monotonic
    phase: Phase = Phase.IDLE
    legs: list[Leg] = field(default_factory=list)
    last_refusal: str = ""  # why the last refused request was refused
    uncertain: bool = False  # the last phase change rests on an unanswered request

    def __post_init__(self) -> None:
        if not self.legs:
            self.new_call()

    # -- what the agent may do now -------------------------------------------

    def leg(self, role: LegRole) -> Leg | None:
        return next((leg for leg in self.legs if leg.role is role and leg.state is not LegState.LEFT), None)

    @property
    def initiator(self) -> str:
        agent = self.leg(LegRole.AGENT)
        return agent.address if agent else ""

    def can_transfer(self) -> bool:
        """A new warm or cold transfer: not while one is being consulted, unless the
        consult itself is unconfirmed (its answer never came; the agent checks and retries)."""
        return self.phase is not Phase.CONSULTING or self.uncertain

    def can_complete(self) -> bool:
        return self.phase in (Phase.CONSULTING, Phase.CONFERENCED) and bool(self.initiator)

    def can_join(self) -> bool:
        return self.phase is Phase.CONSULTING and bool(self.initiator)

    def can_cancel(self) -> bool:
        return self.phase is Phase.CONSULTING and bool(self.initiator)

    def leg_actions(self, leg: Leg) -> tuple[MemberAction, ...]:
        """Member actions offered on `leg`; none without an address to send them to."""
        if not leg.address:
            return ()
        if leg.role is LegRole.AGENT:
            return ()  # the agent's own leg is driven by Complete / Join / Cancel
        if leg.held_by_consult and self.phase is Phase.CONSULTING:
            return (MemberAction.HANGUP,)  # the hold is part of the consult; Cancel or Join lift it
        return _LEG_ACTIONS[leg.state]

    def completion_request(self) -> MemberRequest:
        return MemberRequest(MemberAction.HANGUP, self.initiator)

    def join_request(self) -> MemberRequest:
        return MemberRequest(MemberAction.RESUME_CALL, self.initiator)

    def cancel_request(self) -> MemberRequest:
        return MemberRequest(MemberAction.ABORT_TRANSFER, self.initiator)

    # -- addresses the agent supplies --------------------------------------------

    def set_agent_address(self, address: str) -> None:
        self._set_address(LegRole.AGENT, address)

    def set_customer_address(self, address: str) -> None:
        self._set_address(LegRole.CUSTOMER, address)

    def _set_address(self, role: LegRole, address: str) -> None:
        self.legs = [replace(leg, address=address) if leg.role is role and leg.state is not LegState.LEFT else leg
                     for leg in self.legs]

    # -- results -------------------------------------------------------------------

    def apply(self, result: ActionResult) -> None:
        """Record an action's result: OK and UNKNOWN change the picture, others only explain."""
        request = result.request
        if request is None:
            return
        if result.outcome not in _MAY_HAVE_HAPPENED:
            self.last_refusal = result.detail or result.message
            is_transfer = isinstance(request, NodeRequest) and request.action is not NodeAction.CALL
            if is_transfer and self.phase not in _IN_TRANSFER:
                self.phase = Phase.FAILED  # the call itself is as it was
            return
        certain = result.outcome is Outcome.OK
        self.last_refusal = ""
        phase = self.phase
        if isinstance(request, NodeRequest):
            self._apply_node(request, certain)
        else:
            self._apply_member(request, certain)
        if self.phase is not phase or (isinstance(request, NodeRequest) and request.action is not NodeAction.CALL):
            # Only a change of phase speaks to the transfer; acting on a leg does not.
            self.uncertain = not certain

    def new_call(self) -> None:
        """Start a fresh call: the agent's leg and a customer not yet known, connected."""
        agent = self.initiator if self.legs else ""
        now = self.clock()
        self.phase, self.last_refusal, self.uncertain = Phase.IDLE, "", False
        self.legs = [Leg(LegRole.AGENT, agent, LegState.CONNECTED, now, call_role=Role.AGENT),
                     Leg(LegRole.CUSTOMER, "", LegState.CONNECTED, now)]

    def _apply_node(self, request: NodeRequest, certain: bool) -> None:
        if request.action is NodeAction.CALL:
            self.legs.append(Leg(LegRole.ADDED, request.to, LegState.CONNECTED, self.clock(), certain, request.role))
            return
        if self.phase in _AGENT_GONE:
            self.new_call()  # the agent left that call: this transfer is on a new one
        for leg in self.legs:  # an earlier colleague stays on the call as a participant
            if leg.role is LegRole.TARGET and leg.state is not LegState.LEFT:
                self.legs[self.legs.index(leg)] = replace(leg, role=LegRole.ADDED)
        self.set_agent_address(request.trigger_source)
        if request.action is NodeAction.WARM_TRANSFER:
            self.phase = Phase.CONSULTING
            self._set(LegRole.AGENT, LegState.CONSULTING, certain)
            for leg in list(self.legs):  # every customer in the call waits on hold
                if leg.call_role is Role.CUSTOMER and leg.state is not LegState.LEFT:
                    self._replace(leg, LegState.ON_HOLD, certain, held_by_consult=True)
            self.legs.append(Leg(LegRole.TARGET, request.to, LegState.CONSULTING, self.clock(), certain, request.role))
        else:  # cold transfer
            self.phase = Phase.COLD_TRANSFERRED
            self._set(LegRole.AGENT, LegState.LEFT, certain)
            self.legs.append(Leg(LegRole.TARGET, request.to, LegState.CONNECTED, self.clock(), certain, request.role))

    def _apply_member(self, request: MemberRequest, certain: bool) -> None:
        action, address = request.action, request.member
        is_initiator = address == self.initiator
        if is_initiator and self.phase is Phase.CONSULTING and action is MemberAction.RESUME_CALL:
            self.phase = Phase.CONFERENCED
            self._end_consult(certain, agent=LegState.CONNECTED, target=LegState.CONNECTED)
        elif is_initiator and self.phase is Phase.CONSULTING and action is MemberAction.ABORT_TRANSFER:
            self.phase = Phase.CANCELLED
            self._end_consult(certain, agent=LegState.CONNECTED, target=LegState.LEFT)
        elif is_initiator and self.phase in (Phase.CONSULTING, Phase.CONFERENCED) and action is MemberAction.HANGUP:
            self.phase = Phase.COMPLETED
            self._end_consult(certain, agent=LegState.LEFT, target=LegState.CONNECTED)
        else:
            self._apply_to_leg(address, action, certain)

    def _apply_to_leg(self, address: str, action: MemberAction, certain: bool) -> None:
        leg = next((leg for leg in self.legs if leg.address == address and leg.state is not LegState.LEFT), None)
        if leg is None:
            return
        if action in (MemberAction.HANGUP, MemberAction.VOICEMAIL_DROP):
            if leg.role is LegRole.TARGET and self.phase is Phase.CONSULTING:
                self.phase = Phase.CANCELLED  # the colleague hung up on the consult
                self._end_consult(certain, agent=LegState.CONNECTED, target=LegState.LEFT)
                return
            self._replace(leg, LegState.LEFT, certain)
        elif action is MemberAction.HOLD:
            self._replace(leg, LegState.ON_HOLD, certain)
        elif action is MemberAction.UNHOLD:
            self._replace(leg, LegState.CONNECTED, certain)

    def _end_consult(self, certain: bool, *, agent: LegState, target: LegState) -> None:
        """The consult is over: the agent and target as given, the held customers back."""
        self._set(LegRole.AGENT, agent, certain)
        self._set(LegRole.TARGET, target, certain)
        for leg in list(self.legs):
            if leg.held_by_consult:
                state = LegState.CONNECTED if leg.state is LegState.ON_HOLD else leg.state
                self._replace(leg, state, certain, held_by_consult=False)

    def _set(self, role: LegRole, state: LegState, certain: bool) -> None:
        leg = self.leg(role)
        if leg is not None:
            self._replace(leg, state, certain)

    def _replace(self, old: Leg, state: LegState, certain: bool, **changes: object) -> None:
        since = self.clock() if state is not old.state else old.since
        new = replace(old, state=state, since=since, certain=certain, **changes)
        self.legs = [new if leg is old else leg for leg in self.legs]
