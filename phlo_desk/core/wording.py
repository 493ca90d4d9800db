"""Every sentence the desk says about a call: names of moves, legs and states, the
headline after each answer, and the questions asked before a move.

Each sentence is a `Phrase`: a fixed English template with named values, so the
window can translate the template and fill in the values (core imports no Qt). Every
template is a literal in a `say()` or `translatable()` call, where lupdate reads it.
"""

from __future__ import annotations

import enum

from phlo_desk.core.call import CallState, Leg, LegRole, LegState, Move
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.translatable import Phrase, marked, say, translatable
from phlo_desk.core.values import value_class

__all__ = ["Headline", "Phrase", "Question", "Tone", "marked", "move_name", "say", "wording"]


class Tone(enum.StrEnum):
    GOOD = "good"  # accepted
    WARN = "warn"  # nothing happened, or it is not known whether it did
    BAD = "bad"  # refused
    INFO = "info"  # nothing has been asked yet, or a request is on its way


@value_class
class Headline:
    tone: Tone
    parts: tuple[Phrase, ...]

    def __init__(self, tone: Tone, *parts: Phrase) -> None:
        object.__setattr__(self, "tone", tone)
        object.__setattr__(self, "parts", parts)

    @property
    def text(self) -> str:
        return " ".join(str(part) for part in self.parts)


@value_class
class Question:
    title: Phrase
    text: Phrase
    confirm: Phrase  # the button that does it, named after the act
    keep: Phrase  # the button that does nothing, the default


MOVE_NAMES = {
    Move.WARM_TRANSFER: translatable("Warm transfer"),
    Move.COLD_TRANSFER: translatable("Cold transfer"),
    Move.ADD_TO_CALL: translatable("Add to call"),
    Move.COMPLETE: translatable("Complete transfer"),
    Move.JOIN: translatable("Join all"),
    Move.CANCEL: translatable("Cancel transfer"),
    Move.HOLD: translatable("Hold"),
    Move.UNHOLD: translatable("Resume"),
    Move.HANGUP: translatable("Hang up"),
    Move.VOICEMAIL: translatable("Drop voicemail"),
}
LEG_ROLE_NAMES = {LegRole.AGENT: translatable("You"), LegRole.CUSTOMER: translatable("Customer"),
                  LegRole.TARGET: translatable("Colleague"), LegRole.ADDED: translatable("Added")}
LEG_STATE_NAMES = {LegState.CONNECTED: translatable("Connected"), LegState.ON_HOLD: translatable("On hold"),
                   LegState.CONSULTING: translatable("Private consult"), LegState.LEFT: translatable("Left")}
# Whole sentences, so a translation may put the effect anywhere: {by} is Plivo or the sandbox.
_OK_EFFECTS = {
    Move.WARM_TRANSFER: translatable(
        "{move} accepted by {by}: you are consulting {about} privately; the customer is on hold."),
    Move.COLD_TRANSFER: translatable(
        "{move} accepted by {by}: the customer goes to {about} and you have left the call."),
    Move.ADD_TO_CALL: translatable("{move} accepted by {by}: {about} is being added to the call."),
    Move.COMPLETE: translatable(
        "{move} accepted by {by}: you have left the call; the customer stays with {about}."),
    Move.JOIN: translatable("{move} accepted by {by}: you, the customer and {about} talk together."),
    Move.CANCEL: translatable("{move} accepted by {by}: {about} was dropped; you are back with the customer."),
    Move.HOLD: translatable("{move} accepted by {by}: {about} is on hold."),
    Move.UNHOLD: translatable("{move} accepted by {by}: {about} is back from hold."),
    Move.HANGUP: translatable("{move} accepted by {by}: {about} was hung up."),
    Move.VOICEMAIL: translatable("{move} accepted by {by}: the voicemail was left for {about}."),
}
_OK_NEXT = {
    Move.WARM_TRANSFER: translatable("When you are ready: Complete transfer, Join all, or Cancel transfer."),
    Move.COLD_TRANSFER: translatable("Press New call for the next caller."),
    Move.COMPLETE: translatable("Press New call for the next caller."),
}


def move_name(move: Move) -> Phrase:
    return marked(MOVE_NAMES[move])


def leg_name(leg: Leg) -> str:
    """Whom a leg is, for a question: the address, or the role (a Phrase) while it is not known."""
    return leg.address or marked(LEG_ROLE_NAMES[leg.role])


class _Wording:
    """The desk's sentences, grouped by when they are said."""

    # -- before and between answers ----------------------------------------------------

    def ready(self) -> Headline:
        return Headline(Tone.INFO, say("No transfer yet on this call."))

    def sending(self, move: Move, about: str) -> Headline:
        return Headline(Tone.INFO, self._what(move, about,
                                              translatable("{move} to {about}: sent, waiting for Plivo's answer."),
                                              translatable("{move}: sent, waiting for Plivo's answer.")))

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
        text = (translatable("{address} is already on this call. {move} to them again may ring them twice.") if sure
                else translatable("{address} may already be on this call: an earlier answer was unclear. "
                                  "{move} to them again may ring them twice."))
        return Question(say("Dial {address} again?", address=address),
                        Phrase(text, {"address": address, "move": move_name(move)}),
                        say("{move} again", move=move_name(move)), say("Don't send"))

    def offline(self, move: Move, who: str) -> Question:
        """The colleague's softphone is not registered: the move is still allowed, after a question."""
        text = (say("{who}'s softphone is not signed in to Plivo, so the cold transfer may ring no one, and you "
                    "would leave the call yourself.", who=who) if move is Move.COLD_TRANSFER
                else say("{who}'s softphone is not signed in to Plivo: the {move} may ring no one.",
                         who=who, move=move_name(move)))
        return Question(say("{who} is offline", who=who), text,
                        say("{move} anyway", move=move_name(move)), say("Don't send"))

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
            by = say("the sandbox") if sandbox_mode else "Plivo"  # a name: never translated
            parts = [Phrase(_OK_EFFECTS[move], {"move": move_name(move), "by": by, "about": about})]
            if move in _OK_NEXT:
                parts.append(marked(_OK_NEXT[move]))
            return Headline(Tone.GOOD, *parts)
        if outcome.may_have_taken_effect:
            return Headline(Tone.WARN, self._unclear(move, about, result), say(
                "Check the call: it may or may not have happened. The desk offers the moves that fit either way."))
        if outcome in (Outcome.NETWORK, Outcome.INVALID):
            return Headline(Tone.WARN, self._what(move, about, translatable("{move} to {about} not sent."),
                                                  translatable("{move} not sent.")),
                            marked(result.message))
        reason = self._what(move, about, translatable("Plivo refused {move} to {about}"),
                            translatable("Plivo refused {move}"))
        if result.detail:
            reason = say("{refused}: \u201c{detail}\u201d.", refused=reason, detail=result.detail)
        else:
            reason = say("{refused}.", refused=reason)
        return Headline(Tone.BAD, reason, self._advice(result, sandbox_mode))

    def _unclear(self, move: Move, about: str, result: ActionResult) -> Phrase:
        what = self._what(move, about, translatable("{move} to {about}"), "{move}")
        if result.outcome is Outcome.SERVER_ERROR:
            return say("{what}: Plivo answered with a server error (HTTP {status}).", what=what, status=result.status)
        if result.status is not None and result.detail:
            return say("{what}: Plivo's answer was not clear (HTTP {status}) \u201c{detail}\u201d.", what=what,
                       status=result.status, detail=result.detail)
        if result.status is not None:
            return say("{what}: Plivo's answer was not clear (HTTP {status}).", what=what, status=result.status)
        return say("{what}: no answer from Plivo.", what=what)

    def _advice(self, result: ActionResult, sandbox_mode: bool) -> Phrase:
        if sandbox_mode and result.outcome in (Outcome.AUTH, Outcome.NOT_FOUND):
            return say("In sandbox mode the settings come from the simulator: clear its faults, "
                       "or restart sandbox mode.")
        return marked(result.message)

    @staticmethod
    def _what(move: Move, about: str, with_about: str, without: str) -> Phrase:
        """The sentence that names the move, and whom it is about when known: two templates
        marked by the caller."""
        if about:
            return Phrase(with_about, {"move": move_name(move), "about": about})
        return Phrase(without, {"move": move_name(move)})


wording = _Wording()
