"""The words and marks every view of the desk shares, in the agent's language.

Sentences from the core come as fixed English strings or `Phrase` templates and are
translated here, in the context "core"; names of moves, legs and states are defined
once in `core/wording.py` and only translated here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyle

from phlo_desk.core.call import Leg, Move
from phlo_desk.core.outcomes import Outcome
from phlo_desk.core.wording import LEG_ROLE_NAMES, LEG_STATE_NAMES, MOVE_NAMES, Phrase


def tr(text: str) -> str:
    return QCoreApplication.translate("StatusLog", text)


def tr_core(text: str) -> str:
    """Translate a fixed sentence that comes from the core (advice, address errors)."""
    return QCoreApplication.translate("core", text)


def tr_phrase(phrase: Phrase) -> str:
    """A core Phrase: its template translated, then its values filled in."""
    template = tr_core(phrase.template)
    return template.format(**phrase.values) if phrase.values else template


def history_error_text(error) -> str:  # type: ignore[no-untyped-def]
    """A core HistoryError in the agent's language (its two sentences are fixed strings)."""
    return f"{tr_core(error.doing)} {tr_core(error.reason)}"


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
        return tr_core(MOVE_NAMES[move])
    return {"check": tr("Connection check"), "internal": tr("Internal error"), "history": tr("History"),
            "settings": tr("Settings")}.get(action, action)


def leg_role_label(leg: Leg) -> str:
    return tr_core(LEG_ROLE_NAMES[leg.role])


def leg_state_label(leg: Leg) -> str:
    return tr_core(LEG_STATE_NAMES[leg.state])


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
