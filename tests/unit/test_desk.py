"""The desk's decisions, without Qt: every phase x move x outcome, and the rules that
protect a live call (never hide the way back, say exactly what is known, a repeat is
about the person within one call, the end of a transfer is visible)."""

from __future__ import annotations

import itertools

import pytest

from phlo_desk.core.actions import MemberAction, MemberRequest, NodeAction, NodeRequest, Role
from phlo_desk.core.call import LEG_MOVES, LegRole, LegState, Move, Phase, Step
from phlo_desk.core.desk import Desk, Refused
from phlo_desk.core.outcomes import ActionResult, Outcome
from phlo_desk.core.wording import Tone

AGENT = "+14155550123"
CUSTOMER = "+14155550100"
COLLEAGUE = "+14152225555"
OTHER = "+14152226666"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def fresh(sandbox_mode: bool = False) -> Desk:
    desk = Desk(sandbox_mode=sandbox_mode, clock=Clock())
    desk.set_agent_address(AGENT)
    desk.set_customer_address(CUSTOMER)
    return desk


def result(outcome: Outcome, request=None, status=None, detail="", message="advice") -> ActionResult:  # type: ignore[no-untyped-def]
    return ActionResult(outcome, message, request=request, status=status, detail=detail)


# What each kind of answer looks like on the wire.
ANSWERS = {
    "ok": dict(outcome=Outcome.OK, status=201),
    "invalid": dict(outcome=Outcome.INVALID),
    "auth": dict(outcome=Outcome.AUTH, status=401, detail="Authentication failed"),
    "not_found": dict(outcome=Outcome.NOT_FOUND, status=404),
    "rejected": dict(outcome=Outcome.REJECTED, status=400, detail="a transfer is already in progress"),
    "rate_limited": dict(outcome=Outcome.RATE_LIMITED, status=429),
    "server_error": dict(outcome=Outcome.SERVER_ERROR, status=500, detail="Internal Server Error"),
    "success_with_error": dict(outcome=Outcome.UNKNOWN, status=200, detail="something went wrong"),
    "no_answer": dict(outcome=Outcome.UNKNOWN),
    "network": dict(outcome=Outcome.NETWORK),
}
UNCERTAIN = {"server_error", "success_with_error", "no_answer"}


def move(desk: Desk, step: Step, answer: str = "ok") -> ActionResult:
    plan = desk.plan(step)
    desk.sent(plan)
    reply = result(request=plan.request, **ANSWERS[answer])
    desk.answered(reply)
    return reply


def in_phase(phase: str) -> Desk:
    desk = fresh()
    if phase in ("consulting", "conferenced", "completed"):
        move(desk, Step(Move.WARM_TRANSFER, COLLEAGUE))
    if phase == "conferenced":
        move(desk, Step(Move.JOIN))
    if phase == "completed":
        move(desk, Step(Move.COMPLETE))
    if phase == "cold":
        move(desk, Step(Move.COLD_TRANSFER, COLLEAGUE))
    return desk


STEPS = {
    "warm": Step(Move.WARM_TRANSFER, OTHER),
    "cold": Step(Move.COLD_TRANSFER, OTHER),
    "add": Step(Move.ADD_TO_CALL, OTHER, Role.CUSTOMER),
    "complete": Step(Move.COMPLETE),
    "join": Step(Move.JOIN),
    "cancel": Step(Move.CANCEL),
    "hold customer": Step(Move.HOLD, CUSTOMER),
    "resume customer": Step(Move.UNHOLD, CUSTOMER),
    "hang up customer": Step(Move.HANGUP, CUSTOMER),
    "voicemail customer": Step(Move.VOICEMAIL, CUSTOMER),
    "hang up colleague": Step(Move.HANGUP, COLLEAGUE),
}
# (phase, step) -> the phase after an accepted answer; missing: the desk does not offer it.
ACCEPTED = {
    ("idle", "warm"): Phase.CONSULTING, ("idle", "cold"): Phase.HANDED_OVER, ("idle", "add"): Phase.IDLE,
    ("idle", "hold customer"): Phase.IDLE, ("idle", "hang up customer"): Phase.IDLE,
    ("idle", "voicemail customer"): Phase.IDLE,
    ("consulting", "add"): Phase.CONSULTING, ("consulting", "complete"): Phase.HANDED_OVER,
    ("consulting", "join"): Phase.CONFERENCED, ("consulting", "cancel"): Phase.IDLE,
    ("consulting", "hang up customer"): Phase.CONSULTING, ("consulting", "hang up colleague"): Phase.IDLE,
    ("conferenced", "warm"): Phase.CONSULTING, ("conferenced", "cold"): Phase.HANDED_OVER,
    ("conferenced", "add"): Phase.CONFERENCED, ("conferenced", "complete"): Phase.HANDED_OVER,
    ("conferenced", "hold customer"): Phase.CONFERENCED, ("conferenced", "hang up customer"): Phase.CONFERENCED,
    ("conferenced", "voicemail customer"): Phase.CONFERENCED, ("conferenced", "hang up colleague"): Phase.CONFERENCED,
}
PHASES = ("idle", "consulting", "conferenced", "completed", "cold")


@pytest.mark.parametrize(("phase", "step_name", "answer"), list(itertools.product(PHASES, STEPS, ANSWERS)))
def test_every_phase_move_and_answer(phase, step_name, answer):
    desk = in_phase(phase)
    step = STEPS[step_name]
    expected = ACCEPTED.get((phase, step_name))
    if expected is None:
        with pytest.raises(Refused):
            desk.plan(step)
        assert not desk.offers(step.move, step.address)
        return
    before = desk.picture
    way_back = {m for m in Move if desk.offers(m, CUSTOMER) or desk.offers(m, COLLEAGUE) or desk.offers(m)}
    move(desk, step, answer)
    assert desk.in_flight is None
    if answer == "ok":
        assert desk.certain and desk.picture.phase is expected
        assert desk.headline.tone is Tone.GOOD and "accepted by Plivo" in desk.headline.text
    elif answer in UNCERTAIN:
        # Believed done, marked unconfirmed, and every move of the state before is still offered.
        assert not desk.certain and desk.picture.phase is expected
        assert desk.headline.tone is Tone.WARN and "accepted" not in desk.headline.text
        still = {m for m in Move if desk.offers(m, CUSTOMER) or desk.offers(m, COLLEAGUE) or desk.offers(m)}
        assert way_back <= still
        assert any(not leg.certain for leg in desk.shown_legs()) or desk.picture.legs == before.legs
    else:
        assert desk.certain and desk.picture == before  # a refusal changes nothing
        assert desk.headline.tone in (Tone.BAD, Tone.WARN) and "accepted" not in desk.headline.text


def test_a_customer_on_hold_is_never_left_without_a_way_off():
    for phase, answers in itertools.product(PHASES, itertools.product(ANSWERS, repeat=2)):
        desk = in_phase(phase)
        for answer in answers:
            for name, step in STEPS.items():
                if desk.offers(step.move, step.address):
                    move(desk, step, answer)
                    break
        for state in desk._candidates:
            for held in state.customers_on_hold():
                ways_off = {Move.UNHOLD, Move.CANCEL, Move.JOIN, Move.COMPLETE, Move.HANGUP}
                offered = {m for m in ways_off if desk.offers(m, held.address)}
                assert offered, f"{held.address} on hold in {state.phase} after {phase} {answers}: nothing offered"


# -- the numbered findings -------------------------------------------------------------


def test_a_cancel_answered_500_keeps_every_way_back():
    desk = in_phase("consulting")
    move(desk, Step(Move.CANCEL), "server_error")
    assert not desk.certain
    for consult_move in (Move.CANCEL, Move.JOIN, Move.COMPLETE):
        assert desk.offers(consult_move), consult_move
    assert {Move.UNHOLD, Move.HOLD} <= set(desk.leg_moves(CUSTOMER))
    assert "server error (HTTP 500)" in desk.headline.text and "no answer" not in desk.headline.text
    plan = desk.plan(Step(Move.CANCEL))
    assert plan.question is None  # harmless to repeat: Plivo refuses the second one
    desk.sent(plan)
    desk.answered(result(Outcome.OK, plan.request, 201))
    assert desk.certain and desk.picture.phase is Phase.IDLE


def test_a_dropped_reply_is_not_called_accepted_and_a_500_is_not_called_no_answer():
    desk = fresh()
    move(desk, Step(Move.WARM_TRANSFER, COLLEAGUE), "no_answer")
    assert "no answer from Plivo" in desk.headline.text and "accepted" not in desk.headline.text
    desk = fresh()
    move(desk, Step(Move.WARM_TRANSFER, COLLEAGUE), "server_error")
    assert "HTTP 500" in desk.headline.text and "no answer" not in desk.headline.text


@pytest.mark.parametrize("phase", ["completed", "cold"])
def test_after_the_hand_over_only_new_call_is_offered(phase):
    desk = in_phase(phase)
    assert desk.handed_over and desk.default_move() is None
    assert not any(desk.offers(m) for m in (Move.WARM_TRANSFER, Move.COLD_TRANSFER, Move.ADD_TO_CALL))
    assert "New call" in str(desk.next_step(to_ready=True))
    with pytest.raises(Refused) as refused:
        desk.plan(Step(Move.WARM_TRANSFER, COLLEAGUE))
    assert "New call" in str(refused.value.reason)
    desk.new_call()
    assert desk.offers(Move.WARM_TRANSFER) and desk.default_move() is Move.WARM_TRANSFER


def test_a_second_consults_cancel_never_asks():
    desk = in_phase("consulting")
    move(desk, Step(Move.CANCEL))
    move(desk, Step(Move.WARM_TRANSFER, OTHER))
    assert desk.plan(Step(Move.CANCEL)).question is None


def test_dialling_someone_who_may_be_on_the_call_asks_whatever_the_move_or_role():
    desk = fresh()
    move(desk, Step(Move.WARM_TRANSFER, COLLEAGUE), "no_answer")
    for step in (Step(Move.COLD_TRANSFER, COLLEAGUE), Step(Move.WARM_TRANSFER, COLLEAGUE, Role.CUSTOMER)):
        question = desk.plan(step).question
        assert question is not None and "may already be on this call" in str(question.text)
        assert str(question.keep) == "Don't send"
    desk.new_call()  # a fresh scope: the same colleague on the next call is not a repeat
    desk.set_customer_address(CUSTOMER)
    assert desk.plan(Step(Move.WARM_TRANSFER, COLLEAGUE)).question is None


def test_dialling_someone_who_left_for_sure_does_not_ask():
    desk = in_phase("consulting")
    move(desk, Step(Move.CANCEL))
    assert desk.plan(Step(Move.WARM_TRANSFER, COLLEAGUE)).question is None


def test_questions_name_the_act():
    desk = fresh()
    cold = desk.plan(Step(Move.COLD_TRANSFER, COLLEAGUE)).question
    assert (str(cold.confirm), str(cold.keep)) == ("Transfer and leave", "Stay on the call")
    hang_up = desk.plan(Step(Move.HANGUP, CUSTOMER)).question
    assert (str(hang_up.confirm), str(hang_up.keep)) == (f"Hang up {CUSTOMER}", "Keep")


def test_timers_start_when_the_call_is_known_and_complete_names_the_colleague():
    desk = fresh()
    assert all(leg.since is None for leg in desk.shown_legs())
    move(desk, Step(Move.WARM_TRANSFER, COLLEAGUE))
    assert all(leg.since is not None for leg in desk.shown_legs())
    plan = desk.plan(Step(Move.COMPLETE))
    assert plan.about == COLLEAGUE and plan.request == MemberRequest(MemberAction.HANGUP, AGENT)


def test_the_headline_follows_every_answer():
    desk = fresh()
    move(desk, Step(Move.WARM_TRANSFER, COLLEAGUE), "rejected")
    assert desk.headline.tone is Tone.BAD and "a transfer is already in progress" in desk.headline.text
    move(desk, Step(Move.ADD_TO_CALL, OTHER))
    assert desk.headline.tone is Tone.GOOD and "Add to call accepted" in desk.headline.text


def test_in_sandbox_mode_an_auth_failure_does_not_send_the_agent_to_settings():
    desk = fresh(sandbox_mode=True)
    move(desk, Step(Move.WARM_TRANSFER, COLLEAGUE), "auth")
    assert "Settings" not in desk.headline.text and "sandbox" in desk.headline.text


def test_one_move_at_a_time():
    desk = fresh()
    desk.sent(desk.plan(Step(Move.WARM_TRANSFER, COLLEAGUE)))
    with pytest.raises(Refused):
        desk.plan(Step(Move.ADD_TO_CALL, OTHER))
    assert not any(desk.offers(m, CUSTOMER) for m in LEG_MOVES)


def test_an_answer_for_a_call_left_behind_changes_nothing():
    desk = fresh()
    plan = desk.plan(Step(Move.WARM_TRANSFER, COLLEAGUE))
    desk.sent(plan)
    desk.new_call()
    desk.answered(result(Outcome.OK, plan.request, 201))
    assert desk.picture.phase is Phase.IDLE


def test_the_agents_number_changes_the_picture_only_outside_a_transfer():
    desk = in_phase("consulting")
    desk.set_agent_address(OTHER)
    assert desk.picture.agent_address == AGENT
    assert desk.plan(Step(Move.CANCEL)).request == MemberRequest(MemberAction.ABORT_TRANSFER, AGENT)


def test_warm_transfer_holds_every_customer_in_the_call():
    desk = fresh()
    move(desk, Step(Move.ADD_TO_CALL, OTHER, Role.CUSTOMER))
    move(desk, Step(Move.WARM_TRANSFER, COLLEAGUE))
    states = {leg.address: leg.state for leg in desk.picture.legs}
    assert states == {AGENT: LegState.CONSULTING, CUSTOMER: LegState.ON_HOLD, OTHER: LegState.ON_HOLD,
                      COLLEAGUE: LegState.CONSULTING}
    assert desk.picture.leg(LegRole.TARGET).address == COLLEAGUE
    assert isinstance(desk.plan(Step(Move.ADD_TO_CALL, "+14152227777")).request, NodeRequest)
    assert desk.plan(Step(Move.ADD_TO_CALL, "+14152227777")).request.action is NodeAction.CALL


def test_a_colleague_plivo_says_is_offline_is_asked_about_and_still_allowed():
    desk = fresh()
    desk.set_presence(COLLEAGUE, "Alice Chen", registered=False)
    for move_name, confirm in ((Move.WARM_TRANSFER, "Warm transfer anyway"), (Move.COLD_TRANSFER, "Cold transfer anyway"),
                               (Move.ADD_TO_CALL, "Add to call anyway")):
        question = desk.plan(Step(move_name, COLLEAGUE)).question
        assert question is not None and str(question.title) == "Alice Chen is offline"
        assert (str(question.confirm), str(question.keep)) == (confirm, "Don't send")
    assert "leave the call yourself" in str(desk.plan(Step(Move.COLD_TRANSFER, COLLEAGUE)).question.text)
    assert desk.plan(Step(Move.WARM_TRANSFER, OTHER)).question is None  # only that colleague
    desk.set_presence(COLLEAGUE, "Alice Chen", registered=None)  # no longer known: nothing to ask
    assert desk.plan(Step(Move.WARM_TRANSFER, COLLEAGUE)).question is None
    desk.set_presence(COLLEAGUE, "Alice Chen", registered=False)
    desk.set_presence(COLLEAGUE, "Alice Chen", registered=True)
    assert desk.plan(Step(Move.WARM_TRANSFER, COLLEAGUE)).question is None
