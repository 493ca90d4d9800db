"""The desk's decisions, without Qt: the window renders them and forwards the agent's input.

- what is in flight (one move at a time, never two);
- what the call is believed to be, and how sure that belief is: after an answer that
  may or may not have taken effect, the desk keeps every state the call may be in and
  offers the moves that fit any of them, so the way back is never hidden;
- which moves need a question first, and with which words;
- what each answer says (one headline) and does to the picture.

A repeat is a repeat only within the same call, and is about the person: dialling
someone who may already be on this call asks first; Complete, Join all, Cancel, Hold
and Resume never ask, because Plivo refuses the second one where it no longer fits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import field

from phlo_desk.core.actions import ActionRequest
from phlo_desk.core.call import (
    CONSULT_MOVES,
    DIALLING_MOVES,
    LEG_MOVES,
    CallState,
    Leg,
    LegRole,
    LegState,
    Move,
    Phase,
    Step,
)
from phlo_desk.core.outcomes import ActionResult
from phlo_desk.core.values import value_class
from phlo_desk.core.wording import Headline, Phrase, Question, Tone, wording

# How many ways the call may be at once. Beyond it the last are dropped, and since the call
# may be one of them the desk has lost track: unsure until New call, every way back offered.
MAX_CANDIDATES = 4


class Refused(Exception):
    """The desk will not send this move now; `reason` says why, in the agent's words."""

    def __init__(self, reason: Phrase) -> None:
        super().__init__(str(reason))
        self.reason = reason


@value_class
class Plan:
    """A move ready to send: its request, whom it is about, and the question to ask first."""

    step: Step
    request: ActionRequest
    about: str  # whom the agent acts on: the colleague for Complete / Join / Cancel
    question: Question | None
    call: int  # which call it belongs to (New call starts another)


@value_class
class ShownLeg:
    leg: Leg
    since: float | None  # clock() when its state began; None until the call is known
    certain: bool  # False while an unconfirmed answer may have changed it


@value_class(frozen=False)
class Desk:
    sandbox_mode: bool = False
    clock: Callable[[], float] = time.monotonic
    call: int = 0
    in_flight: Plan | None = None
    headline: Headline = field(default_factory=lambda: wording.ready())
    _candidates: list[CallState] = field(default_factory=lambda: [CallState.new()])
    _since: dict[str, float] = field(default_factory=dict)
    _call_known: bool = False
    _lost_track: bool = False
    # address -> who, for colleagues whose softphone Plivo says is not registered
    _offline: dict[str, str] = field(default_factory=dict)

    # -- the picture ------------------------------------------------------------------

    @property
    def picture(self) -> CallState:
        """What the call most likely is: every move sent is taken to have happened."""
        return self._candidates[0]

    def possible_states(self) -> tuple[CallState, ...]:
        """Every state the call may be in, the most likely first."""
        return tuple(self._candidates)

    def consult_started(self) -> float | None:
        """clock() when the consult the desk believes in began; None outside a consult."""
        picture = self.picture
        if picture.phase is not Phase.CONSULTING:
            return None
        colleague = picture.leg(LegRole.TARGET)
        return self._since.get(_leg_key(colleague)) if colleague else None

    @property
    def certain(self) -> bool:
        return len(self._candidates) == 1 and not self._lost_track

    @property
    def lost_track(self) -> bool:
        """More unclear answers than the desk can follow: it is unsure until New call, and
        offers every way back on every leg, since the call may be in a state it dropped."""
        return self._lost_track

    @property
    def handed_over(self) -> bool:
        """The agent has left the call for sure: New call is the next step."""
        return not self._lost_track and all(state.phase is Phase.HANDED_OVER for state in self._candidates)

    def shown_legs(self) -> list[ShownLeg]:
        """The believed legs, each marked unconfirmed where another possible state differs,
        then, unconfirmed, the legs only another possible state has (so they can be acted on)."""
        shown = []
        for leg in self.picture.legs:
            others = [state.leg_at(leg.address) if leg.address else state.leg(leg.role) for state in self._candidates[1:]]
            certain = all(other is not None and other.state is leg.state for other in others) if leg.active else \
                all(other is None for other in others)
            certain = certain and not self._lost_track
            shown.append(ShownLeg(leg, self._since.get(_leg_key(leg)), certain))
        listed = {_leg_key(leg) for leg in self.picture.legs}
        for state in self._candidates[1:]:
            for leg in state.legs:
                if leg.active and _leg_key(leg) not in listed:
                    listed.add(_leg_key(leg))
                    shown.append(ShownLeg(leg, self._since.get(_leg_key(leg)), False))
        return shown

    # -- what is offered ----------------------------------------------------------------

    def offers(self, move: Move, address: str = "") -> bool:
        """Whether the window offers `move` now (for a leg move, on the leg at `address`)."""
        if self.in_flight is not None:
            return False
        if move in LEG_MOVES:
            return move in self.leg_moves(address)
        if move in CONSULT_MOVES and self._lost_track:
            return True  # the consult may be in a state the desk dropped; Plivo refuses what does not fit
        return any(move in state.node_moves() or move in state.consult_moves() for state in self._candidates)

    def leg_moves(self, address: str) -> tuple[Move, ...]:
        """Moves on the leg at `address` in any state the call may be in."""
        moves: list[Move] = []
        for state in self._candidates:
            leg = state.leg_at(address)
            if leg is None:
                continue
            offered = list(state.leg_moves(leg))
            if not self.certain and leg.state is LegState.ON_HOLD and Move.UNHOLD not in offered:
                offered.insert(0, Move.UNHOLD)  # unsure: a caller who may be on hold can be taken off
            moves += [move for move in offered if move not in moves]
        leg = self._listed_leg(address)
        if self._lost_track and leg is not None and leg.role is not LegRole.AGENT:
            moves += [Move.UNHOLD, Move.HANGUP]  # whatever state it is in, it can be taken off hold or hung up
        return tuple(move for move in LEG_MOVES if move in moves)

    def default_move(self) -> Move | None:
        """What Return/the filled button does: the next natural move, None for New call."""
        if self.handed_over:
            return None
        if self.picture.phase is Phase.CONSULTING:
            return Move.COMPLETE
        return Move.WARM_TRANSFER

    def next_step(self, to_ready: bool) -> Phrase:
        """The line under the actions: what the agent can do now."""
        if self.in_flight is not None:
            return wording.waiting()
        if self.handed_over:
            return wording.after_hand_over()
        if self.picture.phase is Phase.CONSULTING and self.offers(Move.COMPLETE):
            return wording.in_consult()
        if not self.offers(Move.WARM_TRANSFER):
            return wording.no_transfer_now()
        return wording.ready_to_send() if to_ready else wording.type_a_number()

    # -- planning and sending -------------------------------------------------------------

    def plan(self, step: Step) -> Plan:
        """The move as it will be sent, or Refused with the reason."""
        if self.in_flight is not None:
            raise Refused(wording.still_sending())
        if not self.offers(step.move, step.address):
            raise Refused(wording.not_now(step.move, self.handed_over))
        state = next((state for state in self._candidates if state.fits(step)), self.picture)
        about = state.colleague if step.move in CONSULT_MOVES else step.address
        return Plan(step, step.request(state), about, self._question(step), self.call)

    def sent(self, plan: Plan) -> None:
        self.in_flight = plan
        self._call_known = True
        self.headline = wording.sending(plan.step.move, plan.about)

    def answered(self, result: ActionResult) -> None:
        """The answer to the move in flight: the picture, its certainty and the headline."""
        plan, self.in_flight = self.in_flight, None
        if plan is None or plan.call != self.call:
            return  # an answer for a call the agent already left behind
        before = self.picture
        step = plan.step
        moved = [state.after(step) for state in self._candidates if state.accepts(step)] or [before.after(step)]
        if result.ok:
            self._candidates = _distinct(moved)
        elif result.outcome.may_have_taken_effect:
            possible = _distinct([*moved, *self._candidates])
            self._lost_track = self._lost_track or len(possible) > MAX_CANDIDATES
            self._candidates = possible[:MAX_CANDIDATES]
        self._stamp(before)
        self.headline = wording.answer(step.move, plan.about, result, self.picture, sandbox_mode=self.sandbox_mode)

    def refused_before_sending(self, move: Move, reason: Phrase) -> None:
        self.headline = Headline(Tone.WARN, wording.not_sent(move, reason))

    def new_call(self) -> None:
        """The next caller: a fresh picture and a fresh scope for repeats."""
        agent = self.picture.legs[0].address
        self.call += 1
        self.in_flight = None
        self._candidates = [CallState.new(agent)]
        self._since.clear()
        self._call_known = False
        self._lost_track = False
        self.headline = wording.ready()

    # -- addresses the agent supplies ----------------------------------------------------------

    def set_agent_address(self, address: str) -> None:
        """Your number; it changes the picture only while no transfer is going on."""
        if all(state.phase is Phase.IDLE for state in self._candidates):
            self._candidates = [state.with_address(LegRole.AGENT, address) for state in self._candidates]

    def set_customer_address(self, address: str) -> None:
        self._candidates = [state.with_address(LegRole.CUSTOMER, address) for state in self._candidates]

    def set_presence(self, address: str, who: str, registered: bool | None) -> None:
        """What Plivo said of a colleague's softphone; None: not known (asks nothing)."""
        if registered is False:
            self._offline[address] = who or address
        else:
            self._offline.pop(address, None)

    # -- helpers ---------------------------------------------------------------------------------

    def _question(self, step: Step) -> Question | None:
        if step.move in DIALLING_MOVES and any(state.leg_at(step.address) for state in self._candidates):
            return wording.dial_again(step.move, step.address, sure=self.certain)
        if step.move in DIALLING_MOVES and step.address in self._offline:
            return wording.offline(step.move, self._offline[step.address])
        if step.move is Move.COLD_TRANSFER:
            return wording.cold_transfer(step.address)
        if step.move is Move.HANGUP:
            on_call = (state.leg_at(step.address) for state in self._candidates if state.leg_at(step.address))
            leg = next(on_call, None) or self._listed_leg(step.address)
            return wording.hang_up(leg) if leg else None
        return None

    def _listed_leg(self, address: str) -> Leg | None:
        """The picture's leg at `address`, whether it is on the call or has left."""
        return next((leg for leg in self.picture.legs if address and leg.address == address), None)

    def _stamp(self, before: CallState) -> None:
        """Start each changed leg's timer (the call is known from its first move on)."""
        now = self.clock()
        if not self._since:
            for leg in before.legs:
                self._since[_leg_key(leg)] = now
        previous = {_leg_key(leg): leg.state for leg in before.legs}
        for leg in self.picture.legs:
            if previous.get(_leg_key(leg)) is not leg.state:
                self._since[_leg_key(leg)] = now


def _leg_key(leg: Leg) -> str:
    return leg.address or leg.role.value


def _distinct(states: list[CallState]) -> list[CallState]:
    """One state per way the call may be now; states that differ only in who has left are one."""
    seen: dict[tuple[Phase, frozenset[Leg]], CallState] = {}
    for state in states:
        seen.setdefault(state.present, state)
    return list(seen.values())

