"""The words and marks every view of the desk shares, in the agent's language.

Sentences from the core come as fixed English strings (marked `translatable`) or
`Phrase` templates and are translated here; names of moves, legs and states are
defined once in `core/wording.py` and only translated here.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyle

from phlo_desk.core.call import Leg, Move
from phlo_desk.core.outcomes import Outcome
from phlo_desk.core.wording import LEG_ROLE_NAMES, LEG_STATE_NAMES, MOVE_NAMES, Phrase
from phlo_desk.ui.translation import tr, tr_marked

log = logging.getLogger(__name__)


def tr_phrase(text: str) -> str:
    """A sentence from the core in the agent's language. A Phrase: its template translated,
    then its values filled in, each Phrase among them translated the same way, any other
    value (an address, what the server said) as it is. A plain text: one marked
    `translatable` where it is defined (advice, address errors, names of moves)."""
    if not isinstance(text, Phrase):
        return tr_marked(text)
    template = tr_marked(text.template)
    if not text.values:
        return template
    values = {name: tr_phrase(value) if isinstance(value, Phrase) else value for name, value in text.values.items()}
    try:
        return template.format_map(values)
    except (KeyError, IndexError, ValueError):  # a translation that names another value: English, not a crash
        log.warning("translation of %r does not fit its values", text.template)
        return str.__str__(text)


def tr_detail(detail: str) -> str:
    """A result's or an error's detail: the desk's own words (a Phrase: "no answer within
    15 s") translated, what the server or the system said (any other text) as it came."""
    return tr_phrase(detail) if isinstance(detail, Phrase) else detail


def history_error_text(error) -> str:  # type: ignore[no-untyped-def]
    """A core HistoryError in the agent's language (its two sentences are fixed strings)."""
    return f"{tr_phrase(error.doing)} {tr_phrase(error.reason)}"


def outcome_label(outcome: Outcome | None) -> str:
    return {
        Outcome.OK: tr("Accepted"),
        Outcome.INVALID: tr("Not sent"),
        Outcome.AUTH: tr("Auth failed"),
        Outcome.NOT_FOUND: tr("Not found"),
        Outcome.REJECTED: tr("Refused"),
        Outcome.RATE_LIMITED: tr("Rate limited"),
        Outcome.SERVER_ERROR: tr("Plivo error"),
        Outcome.NETWORK: tr("Not sent: network"),
        Outcome.UNKNOWN: tr("UNKNOWN: check call"),
    }.get(outcome, "")  # type: ignore[arg-type]


# History rows from before moves were recorded by name carry the wire's member actions.
_OLD_NAMES = {"resume_call": Move.JOIN, "abort_transfer": Move.CANCEL}


def action_label(action: str) -> str:
    """The name of a log or history row's action: a move, or one of the desk's own rows."""
    move = _OLD_NAMES.get(action) or (Move(action) if action in Move._value2member_map_ else None)
    if move is not None:
        return tr_phrase(MOVE_NAMES[move])
    return {"check": tr("Connection check"), "internal": tr("Internal error"), "history": tr("History"),
            "settings": tr("Settings"), "directory": tr("Directory")}.get(action, action)


def leg_role_label(leg: Leg) -> str:
    return tr_phrase(LEG_ROLE_NAMES[leg.role])


def leg_state_label(leg: Leg) -> str:
    return tr_phrase(LEG_STATE_NAMES[leg.state])


# Colour and icon together: colour alone fails colour-blind agents and greyscale screens.
def tone_colour(tone: str) -> QColor:
    """The text colour of an outcome's tone in the colour scheme in use."""
    from phlo_desk.ui import theme

    return theme.current().tone(tone)


TONE_ICONS = {
    "good": QStyle.StandardPixmap.SP_DialogApplyButton,
    "warn": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "bad": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}
_OUTCOME_TONES = {Outcome.OK: "good", Outcome.INVALID: "warn", Outcome.RATE_LIMITED: "warn",
                  Outcome.NETWORK: "warn", Outcome.UNKNOWN: "warn"}


def outcome_tone(outcome: Outcome) -> str:
    return _OUTCOME_TONES.get(outcome, "bad")
