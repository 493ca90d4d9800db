"""An address input that validates as the agent types and shows what will be sent."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from phlo_desk.core.addresses import DEFAULT_REGION, Address, AddressError, parse_address
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.translation import tr
from phlo_desk.ui.vocabulary import tr_phrase
from phlo_desk.ui.wrapping_label import WrappingLabel


def name_clear_button(edit: QLineEdit, field_name: str) -> None:
    """Give a line edit's clear button a name, so a screen reader says "Clear To", not "button"."""
    edit.setClearButtonEnabled(True)
    action = edit.findChild(QAction, "_q_qlineeditclearaction")  # Qt's own name for it
    if action is not None:
        action.setText(tr("Clear %1").replace("%1", field_name))
        action.setToolTip(action.text())


class AddressField(QWidget):
    """A QLineEdit plus a one-line hint: the E.164 form, or why the entry is refused."""

    validityChanged = Signal(bool)

    def __init__(self, object_name: str, accessible_name: str, region: str = DEFAULT_REGION) -> None:
        super().__init__()
        self.region = region
        self.edit = QLineEdit()
        self.edit.setObjectName(object_name)
        self.edit.setAccessibleName(accessible_name)
        name_clear_button(self.edit, accessible_name)
        self.edit.setPlaceholderText(tr("Phone number or sip:user@host"))
        self.hint = WrappingLabel()
        self.hint.setObjectName(object_name + "Hint")
        self.hint.setAccessibleName(tr("%1 check").replace("%1", accessible_name))
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A refusal can name another country's form of the number: it wraps rather than widen the window.
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self._address: Address | None = None
        self._valid = False
        # Set by the directory: who an address is ("Alice Chen, Billing"), and what to say of
        # text that is no address but may be a name ("3 in the directory: Down picks one").
        # describe answers (who, warn): warn when the line should stand out (a colleague offline).
        self.describe: Callable[[Address], tuple[str, bool]] | None = None
        self.suggest: Callable[[str], str | None] = lambda _text: None
        self.edit.textChanged.connect(self._revalidate)
        self._revalidate()

    @property
    def address(self) -> Address | None:
        return self._address

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def set_region(self, region: str) -> None:
        self.region = region
        self._revalidate()

    def refresh(self) -> None:
        """Say again what will be sent: what the directory knows of it changed."""
        self._revalidate()

    def _revalidate(self) -> None:
        text = self.edit.text()
        try:
            self._address = parse_address(text, self.region)
        except AddressError as err:
            self._address = None
            suggestion = self.suggest(text) if text.strip() else None
            if suggestion:
                self._show(suggestion, error=False)
            elif text.strip():
                self._show(tr_phrase(str(err)), error=True)
            else:  # an empty field is not an error yet: say what goes there
                self._show(tr("For example (415) 222-5555, +44 20 7946 0958 or sip:alice@phone.plivo.com"), error=False)
        else:
            shown = self._address.wire
            if self._address.kind == "phone" and self._address.display != shown:
                # No break inside the national form: a narrow window wraps before it, not within it.
                shown = f"{self._address.wire}  ({self._address.display.replace(' ', chr(0xA0))})"
            who, warn = self.describe(self._address) if self.describe else ("", False)
            if who:
                shown = f"{shown} \N{EM DASH} {who}"
            self._show(tr("Will send: %1").replace("%1", shown), error=warn)
        valid = self._address is not None
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)

    def _show(self, message: str, *, error: bool) -> None:
        self.hint.setText(message)
        set_flag(self.hint, "hint", "error" if error else True)
