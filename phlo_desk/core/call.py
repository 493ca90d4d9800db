"""The call as this desk pictures it, and what each move does to that picture.

The PHLO API cannot be asked for live call state, so a picture is built from the
moves Plivo accepted. Everything here is pure: a `CallState` is immutable, `moves()`
says which moves fit it, and `after()` gives the state a move leads to. `core/desk.py`
keeps one state per way the call may be when an answer left it unsure.

Phases:
    idle        the agent and the customer (and anyone added), no transfer going on
    consulting  warm transfer accepted: the agent talks privately with a colleague,
                every customer waits on hold
    conferenced Join all: everyone talks together
    handed_over Complete transfer or cold transfer: the agent has left the call
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import replace

from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.values import value_class


class Phase(enum.StrEnum):
    IDLE = "idle"
    CONSULTING = "consulting"
    CONFERENCED = "conferenced"
    HANDED_OVER = "handed_over"


class LegRole(enum.StrEnum):
    AGENT = "agent"  # this desk's own leg: the trigger source
    CUSTOMER = "customer"
    TARGET = "target"  # the colleague of the current or last transfer
    ADDED = "added"  # anyone else: added with Add to call, or an earlier colleague


class LegState(enum.StrEnum):
    CONNECTED = "connected"
    ON_HOLD = "on_hold"
    CONSULTING = "consulting"  # in the private consult of a warm transfer
    LEFT = "left"


class Move(enum.StrEnum):
    """What the agent can do; each is one request on the wire."""

    WARM_TRANSFER = "warm_transfer"
    COLD_TRANSFER = "cold_transfer"
    ADD_TO_CALL = "call"
    COMPLETE = "complete_transfer"  # hangup on the agent's own leg during a consult
    JOIN = "join_all"  # resume_call on the agent's own leg
    CANCEL = "cancel_transfer"  # abort_transfer on the agent's own leg
    HOLD = "hold"
    UNHOLD = "unhold"
    HANGUP = "hangup"
    VOICEMAIL = "voicemail_drop"


NODE_MOVES = (Move.WARM_TRANSFER, Move.COLD_TRANSFER, Move.ADD_TO_CALL)
CONSULT_MOVES = (Move.COMPLETE, Move.JOIN, Move.CANCEL)
LEG_MOVES = (Move.HOLD, Move.UNHOLD, Move.HANGUP, Move.VOICEMAIL)
_NODE_ACTION = {Move.WARM_TRANSFER: NodeAction.WARM_TRANSFER, Move.COLD_TRANSFER: NodeAction.COLD_TRANSFER,
                Move.ADD_TO_CALL: NodeAction.CALL}
_MEMBER_ACTION = {Move.COMPLETE: MemberAction.HANGUP, Move.JOIN: MemberAction.RESUME_CALL,
                  Move.CANCEL: MemberAction.ABORT_TRANSFER, Move.HOLD: MemberAction.HOLD,
                  Move.UNHOLD: MemberAction.UNHOLD, Move.HANGUP: MemberAction.HANGUP,
                  Move.VOICEMAIL: MemberAction.VOICEMAIL_DROP}
# Moves that could ring someone twice if repeated; the others Plivo refuses the second time.
DIALLING_MOVES = frozenset(NODE_MOVES)


@value_class
class Leg:
    role: LegRole
    address: str  # "" while unknown (the customer, until the agent pastes the number)
    state: LegState
    call_role: Role = Role.CUSTOMER  # the role in the call: a warm transfer holds every customer
    held_by_consult: bool = False  # put on hold by the warm transfer; its end lifts the hold

    @property
    def active(self) -> bool:
        return self.state is not LegState.LEFT


@value_class
class Step:
    """One move with what it needs: the address for node and leg moves, the role for node moves."""

    move: Move
    address: str = ""  # node moves: whom to dial; leg moves: the leg
    role: Role = Role.AGENT

    def request(self, state: CallState) -> NodeRequest | MemberRequest:
        """The wire request of this step in `state` (consult moves go to the agent's own leg)."""
        if self.move in _NODE_ACTION:
            return NodeRequest(_NODE_ACTION[self.move], self.address, state.agent_address, self.role)
        member = state.agent_address if self.move in CONSULT_MOVES else self.address
        return MemberRequest(_MEMBER_ACTION[self.move], member)


@value_class
class CallState:
    phase: Phase
    legs: tuple[Leg, ...]

    @classmethod
    def new(cls, agent_address: str = "", customer_address: str = "") -> CallState:
        return cls(Phase.IDLE, (Leg(LegRole.AGENT, agent_address, LegState.CONNECTED, Role.AGENT),
                                Leg(LegRole.CUSTOMER, customer_address, LegState.CONNECTED)))

    # -- reading ------------------------------------------------------------------

    def leg(self, role: LegRole) -> Leg | None:
        return next((leg for leg in self.legs if leg.role is role and leg.active), None)

    def leg_at(self, address: str) -> Leg | None:
        return next((leg for leg in self.legs if address and leg.address == address and leg.active), None)

    @property
    def agent_address(self) -> str:
        agent = self.legs[0]
        return agent.address

    @property
    def colleague(self) -> str:
        target = self.leg(LegRole.TARGET)
        return target.address if target else ""

    @property
    def agent_present(self) -> bool:
        return self.legs[0].active

    @property
    def present(self) -> tuple[Phase, frozenset[Leg]]:
        """The call as it is now: its phase and the legs on it (who has left is history)."""
        return self.phase, frozenset(leg for leg in self.legs if leg.active)

    def customers_on_hold(self) -> Iterator[Leg]:
        return (leg for leg in self.legs if leg.call_role is Role.CUSTOMER and leg.state is LegState.ON_HOLD
                and leg.role is not LegRole.AGENT)

    # -- which moves fit -------------------------------------------------------------

    def fits(self, step: Step) -> bool:
        """Whether `step` makes sense in this state (Plivo decides whether it is accepted)."""
        move = step.move
        if move in NODE_MOVES:
            return move in self.node_moves()
        if move in CONSULT_MOVES:
            return move in self.consult_moves()
        leg = self.leg_at(step.address)
        if leg is None:
            return False
        # Resume fits any held leg: when unsure, the desk offers it even for the consult's hold.
        return move in self.leg_moves(leg) or (move is Move.UNHOLD and leg.state is LegState.ON_HOLD)

    def accepts(self, step: Step) -> bool:
        """Whether Plivo may have accepted `step`'s request in this state; wider than `fits`.

        A member action needs only the member on the call, whatever the desk's phase: Complete
        is a hangup of the agent's own leg, and a leg move works after the agent has left.
        """
        if step.move is Move.COMPLETE:
            return self.agent_present
        if step.move in LEG_MOVES:
            return self.leg_at(step.address) is not None
        return self.fits(step)

    def node_moves(self) -> tuple[Move, ...]:
        if not self.agent_present or not self.agent_address or self.phase is Phase.HANDED_OVER:
            return ()
        if self.phase is Phase.CONSULTING:
            return (Move.ADD_TO_CALL,)  # no second transfer during a consult
        has_customer = any(leg.call_role is Role.CUSTOMER and leg.active and leg.role is not LegRole.AGENT
                           for leg in self.legs)
        return NODE_MOVES if has_customer else (Move.ADD_TO_CALL,)

    def consult_moves(self) -> tuple[Move, ...]:
        if not self.agent_present or not self.agent_address:
            return ()
        if self.phase is Phase.CONSULTING:
            return CONSULT_MOVES
        if self.phase is Phase.CONFERENCED:
            return (Move.COMPLETE,)
        return ()

    def leg_moves(self, leg: Leg) -> tuple[Move, ...]:
        """Moves on one leg; none on the agent's own (Complete, Join and Cancel drive it)."""
        if leg.role is LegRole.AGENT or not leg.address or not leg.active:
            return ()
        if self.phase is Phase.HANDED_OVER:
            # The agent has left; someone they put on hold must still be taken off it.
            return (Move.UNHOLD,) if leg.state is LegState.ON_HOLD else ()
        if leg.state is LegState.CONSULTING:
            return (Move.HANGUP,)
        if leg.held_by_consult and self.phase is Phase.CONSULTING:
            return (Move.HANGUP,)  # Cancel or Join lift this hold
        if leg.state is LegState.ON_HOLD:
            return (Move.UNHOLD, Move.HANGUP, Move.VOICEMAIL)
        return (Move.HOLD, Move.HANGUP, Move.VOICEMAIL)

    # -- what a move does --------------------------------------------------------------

    def after(self, step: Step) -> CallState:
        """The state once `step` has taken effect (for a step this state accepts)."""
        move = step.move
        if move is Move.WARM_TRANSFER:
            return self._transfer(step, cold=False)
        if move is Move.COLD_TRANSFER:
            return self._transfer(step, cold=True)
        if move is Move.ADD_TO_CALL:
            return self._with_leg(Leg(LegRole.ADDED, step.address, LegState.CONNECTED, step.role))
        if move is Move.COMPLETE:
            return self._end_consult(Phase.HANDED_OVER, agent=LegState.LEFT, target=LegState.CONNECTED)
        if move is Move.JOIN:
            return self._end_consult(Phase.CONFERENCED, agent=LegState.CONNECTED, target=LegState.CONNECTED)
        if move is Move.CANCEL:
            return self._end_consult(Phase.IDLE, agent=LegState.CONNECTED, target=LegState.LEFT)
        return self._on_leg(step)

    def _transfer(self, step: Step, *, cold: bool) -> CallState:
        legs = []
        for leg in self.legs:
            if leg.role is LegRole.TARGET and leg.active:
                leg = replace(leg, role=LegRole.ADDED)  # an earlier colleague stays as a participant
            if leg.role is LegRole.AGENT:
                leg = replace(leg, state=LegState.LEFT if cold else LegState.CONSULTING)
            elif leg.call_role is Role.CUSTOMER and leg.active:
                leg = replace(leg, state=LegState.CONNECTED if cold else LegState.ON_HOLD, held_by_consult=not cold)
            legs.append(leg)
        joining = Leg(LegRole.TARGET, step.address, LegState.CONNECTED if cold else LegState.CONSULTING, step.role)
        phase = Phase.HANDED_OVER if cold else Phase.CONSULTING
        return CallState(phase, tuple(legs))._with_leg(joining)

    def _end_consult(self, phase: Phase, *, agent: LegState, target: LegState) -> CallState:
        legs = []
        for leg in self.legs:
            if leg.role is LegRole.AGENT:
                leg = replace(leg, state=agent)
            elif leg.role is LegRole.TARGET and leg.active:
                leg = replace(leg, state=target)
            elif leg.held_by_consult:
                back = LegState.CONNECTED if leg.state is LegState.ON_HOLD else leg.state
                leg = replace(leg, state=back, held_by_consult=False)
            legs.append(leg)
        return CallState(phase, tuple(legs))

    def _on_leg(self, step: Step) -> CallState:
        leg = self.leg_at(step.address)
        if leg is None:
            return self
        if step.move in (Move.HANGUP, Move.VOICEMAIL):
            if leg.role is LegRole.TARGET and self.phase is Phase.CONSULTING:
                return self._end_consult(Phase.IDLE, agent=LegState.CONNECTED, target=LegState.LEFT)
            changed = replace(leg, state=LegState.LEFT, held_by_consult=False)
        elif step.move is Move.HOLD:
            changed = replace(leg, state=LegState.ON_HOLD, held_by_consult=False)
        else:  # unhold
            changed = replace(leg, state=LegState.CONNECTED, held_by_consult=False)
        return CallState(self.phase, tuple(changed if other is leg else other for other in self.legs))

    def _with_leg(self, joining: Leg) -> CallState:
        # Someone who left and is dialled again is one leg, not two.
        kept = tuple(leg for leg in self.legs if leg.address != joining.address or leg.role is LegRole.AGENT)
        return CallState(self.phase, (*kept, joining))

    def with_address(self, role: LegRole, address: str) -> CallState:
        """The agent's or the customer's address as the agent typed it."""
        legs = tuple(replace(leg, address=address) if leg.role is role and leg.active else leg for leg in self.legs)
        return CallState(self.phase, legs)
