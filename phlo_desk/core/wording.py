"""Every sentence the desk says about a call: names of moves, legs and states, the
headline after each answer, and the questions asked before a move.

Each sentence is a `Phrase`: a fixed English template with named values, so the
window can translate the template and fill in the values (core imports no Qt).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from phlo_desk.core.call import CallState, Leg, LegRole, LegState, Move
from phlo_desk.core.outcomes import ActionResult, Outcome


@dataclass(frozen=True)
class Phrase:
    template: str
    values: dict[str, str] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return self.template.format(**self.values) if self.values else self.template


def say(template: str, **values: object) -> Phrase:
    return Phrase(template, {name: str(value) for name, value in values.items()})


class Tone(enum.StrEnum):
    GOOD = "good"  # accepted
    WARN = "warn"  # nothing happened, or it is not known whether it did
    BAD = "bad"  # refused
    INFO = "info"  # nothing has been asked yet, or a request is on its way


@dataclass(frozen=True)
class Headline:
    tone: Tone
    parts: tuple[Phrase, ...]

    def __init__(self, tone: Tone, *parts: Phrase) -> None:
        object.__setattr__(self, "tone", tone)
        object.__setattr__(self, "parts", parts)

    @property
    def text(self) -> str:
        return " ".join(str(part) for part in self.parts)


@dataclass(frozen=True)
class Question:
    title: Phrase
    text: Phrase
    confirm: Phrase  # the button that does it, named after the act
    keep: Phrase  # the button that does nothing, the default


MOVE_NAMES = {
    Move.WARM_TRANSFER: "Warm transfer",
    Move.COLD_TRANSFER: "Cold transfer",
    Move.ADD_TO_CALL: "Add to call",
    Move.COMPLETE: "Complete transfer",
    Move.JOIN: "Join all",
    Move.CANCEL: "Cancel transfer",
    Move.HOLD: "Hold",
    Move.UNHOLD: "Resume",
    Move.HANGUP: "Hang up",
    Move.VOICEMAIL: "Drop voicemail",
}
LEG_ROLE_NAMES = {LegRole.AGENT: "You", LegRole.CUSTOMER: "Customer", LegRole.TARGET: "Colleague",
                  LegRole.ADDED: "Added"}
LEG_STATE_NAMES = {LegState.CONNECTED: "Connected", LegState.ON_HOLD: "On hold",
                   LegState.CONSULTING: "Private consult", LegState.LEFT: "Left"}
_OK_EFFECTS = {
    Move.WARM_TRANSFER: "you are consulting {about} privately; the customer is on hold.",
    Move.COLD_TRANSFER: "the customer goes to {about} and you have left the call.",
    Move.ADD_TO_CALL: "{about} is being added to the call.",
    Move.COMPLETE: "you have left the call; the customer stays with {about}.",
    Move.JOIN: "you, the customer and {about} talk together.",
    Move.CANCEL: "{about} was dropped; you are back with the customer.",
    Move.HOLD: "{about} is on hold.",
    Move.UNHOLD: "{about} is back from hold.",
    Move.HANGUP: "{about} was hung up.",
    Move.VOICEMAIL: "the voicemail was left for {about}.",
}
_OK_NEXT = {
    Move.WARM_TRANSFER: "When you are ready: Complete transfer, Join all, or Cancel transfer.",
    Move.COLD_TRANSFER: "Press New call for the next caller.",
    Move.COMPLETE: "Press New call for the next caller.",
}


def move_name(move: Move) -> Phrase:
    return say(MOVE_NAMES[move])


def leg_name(leg: Leg) -> str:
    """Whom a leg is, for a question: the address, or the role while it is not known."""
    return leg.address or LEG_ROLE_NAMES[leg.role]


class _Wording:
    """The desk's sentences, grouped by when they are said."""

    # -- before and between answers ----------------------------------------------------

    def ready(self) -> Headline:
        return Headline(Tone.INFO, say("No transfer yet on this call."))

    def sending(self, move: Move, about: str) -> Headline:
        return Headline(Tone.INFO, self._what(move, about, "{move} to {about}: sent, waiting for Plivo's answer.",
                                              "{move}: sent, waiting for Plivo's answer."))

    def waiting(self) -> Phrase:
        return say("Waiting for Plivo's answer: nothing else is sent until it comes.")

    def after_hand_over(self) -> Phrase:
        return say("The call is handed over: press New call (Ctrl+N) for the next caller.")

    def in_consult(self) -> Phrase:
        return say("In a consult: Complete transfer (Ctrl+Shift+Return), Join all (Ctrl+Shift+J) "
                   "or Cancel transfer (Ctrl+Shift+Backspace).")

    def no_transfer_now(self) -> Phrase:
        return say("No transfer can start now: see the call's legs for what is possible.")

    def ready_to_send(self) -> Phrase:
        return say("Ready: Ctrl+Return sends a warm transfer.")

    def type_a_number(self) -> Phrase:
        return say("Type or paste the colleague's number in To.")

    def still_sending(self) -> Phrase:
        return say("Still sending the last move: wait for its answer.")

    def not_now(self, move: Move, handed_over: bool) -> Phrase:
        if handed_over:
            return say("The call is handed over: press New call first.")
        return say("{move} does not fit the call now.", move=move_name(move))

    def not_sent(self, move: Move, reason: Phrase) -> Phrase:
        return say("{move} not sent: {reason}", move=move_name(move), reason=reason)

    # -- questions ----------------------------------------------------------------------

    def dial_again(self, move: Move, address: str, *, sure: bool) -> Question:
        text = ("{address} is already on this call. {move} to them again may ring them twice." if sure else
                "{address} may already be on this call: an earlier answer was unclear. "
                "{move} to them again may ring them twice.")
        return Question(say("Dial {address} again?", address=address),
                        say(text, address=address, move=move_name(move)),
                        say("{move} again", move=move_name(move)), say("Don't send"))

    def cold_transfer(self, address: str) -> Question:
        return Question(say("Cold transfer?"),
                        say("Connect the caller to {address} and leave the call yourself? "
                            "You will not hear the hand-over.", address=address),
                        say("Transfer and leave"), say("Stay on the call"))

    def hang_up(self, leg: Leg) -> Question:
        who = leg_name(leg)
        return Question(say("Hang up?"), say("Disconnect {who} from the call?", who=who),
                        say("Hang up {who}", who=who), say("Keep"))

    # -- after an answer ------------------------------------------------------------------

    def answer(self, move: Move, about: str, result: ActionResult, picture: CallState, *,
               sandbox_mode: bool) -> Headline:
        outcome = result.outcome
        if outcome is Outcome.OK:
            by = "the sandbox" if sandbox_mode else "Plivo"
            parts = [say("{move} accepted by {by}: " + _OK_EFFECTS[move], move=move_name(move), by=by, about=about)]
            if move in _OK_NEXT:
                parts.append(say(_OK_NEXT[move]))
            return Headline(Tone.GOOD, *parts)
        if outcome.may_have_taken_effect:
            return Headline(Tone.WARN, self._unclear(move, about, result), say(
                "Check the call: it may or may not have happened. The desk offers the moves that fit either way."))
        if outcome in (Outcome.NETWORK, Outcome.INVALID):
            return Headline(Tone.WARN, self._what(move, about, "{move} to {about} not sent.", "{move} not sent."),
                            say(result.message))
        reason = self._what(move, about, "Plivo refused {move} to {about}", "Plivo refused {move}")
        if result.detail:
            reason = say("{refused}: \u201c{detail}\u201d.", refused=reason, detail=result.detail)
        else:
            reason = say("{refused}.", refused=reason)
        return Headline(Tone.BAD, reason, self._advice(result, sandbox_mode))

    def _unclear(self, move: Move, about: str, result: ActionResult) -> Phrase:
        what = self._what(move, about, "{move} to {about}", "{move}")
        if result.outcome is Outcome.SERVER_ERROR:
            return say("{what}: Plivo answered with a server error (HTTP {status}).", what=what, status=result.status)
        if result.status is not None:
            detail = f" \u201c{result.detail}\u201d" if result.detail else ""
            return say("{what}: Plivo's answer was not clear (HTTP {status}){detail}.", what=what,
                       status=result.status, detail=detail)
        return say("{what}: no answer from Plivo.", what=what)

    def _advice(self, result: ActionResult, sandbox_mode: bool) -> Phrase:
        if sandbox_mode and result.outcome in (Outcome.AUTH, Outcome.NOT_FOUND):
            return say("In sandbox mode the settings come from the simulator: clear its faults, "
                       "or restart sandbox mode.")
        return say(result.message)

    @staticmethod
    def _what(move: Move, about: str, with_about: str, without: str) -> Phrase:
        if about:
            return say(with_about, move=move_name(move), about=about)
        return say(without, move=move_name(move))


wording = _Wording()
