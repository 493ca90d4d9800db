"""The result headline: one prominent line that says what the last move came to.

Icon and colour together (colour alone fails colour-blind agents), plain text (it
quotes Plivo), and readable by a screen reader: the text is the label's accessible
name, and each change is announced, so an agent who cannot see the window hears it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QWidget

from phlo_desk.core.translatable import translatable
from phlo_desk.core.wording import Headline
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.translation import tr, tr_marked
from phlo_desk.ui.vocabulary import TONE_ICONS, tr_phrase
from phlo_desk.ui.wrapping_label import WrappingLabel

TONE_NAMES = {"good": translatable("Accepted"), "warn": translatable("Warning"), "bad": translatable("Refused"),
              "info": translatable("Information")}


class ResultHeadline(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("resultHeadline")
        self._pixmaps: dict[str, QPixmap] = {}
        self.icon = QLabel()
        self.icon.setObjectName("resultHeadlineIcon")
        self.text = WrappingLabel()
        self.text.setObjectName("resultHeadlineText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleDescription(tr("What the last move came to"))
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.text.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)

    def _pixmap(self, tone: str) -> QPixmap:
        # Made once per tone: a fresh icon each time fills Qt's pixmap cache over a shift.
        if tone not in self._pixmaps:
            size = self.text.fontMetrics().height()
            self._pixmaps[tone] = QApplication.style().standardIcon(TONE_ICONS[tone]).pixmap(size, size)
        return self._pixmaps[tone]

    def show_headline(self, headline: Headline) -> None:
        text = " ".join(tr_phrase(part) for part in headline.parts)
        shown = self.text.text()
        if text == shown:
            return
        tone = headline.tone.value
        self.icon.setPixmap(self._pixmap(tone))
        self.icon.setAccessibleName(tr_marked(TONE_NAMES[tone]))
        set_flag(self.text, "tone", tone)
        self.text.setText(text)
        self.text.setAccessibleName(text)  # its content, not a fixed name: a screen reader reads it
        if shown:  # a change; the first text is read with the window
            self._announce(text)

    def prepare_first_answer(self) -> None:
        """Qt's accessibility types (~5 ms), set up while the desk is idle: not at start-up
        (~14 M instructions), nor when the first answer is announced."""
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent  # noqa: F401

    def _announce(self, text: str) -> None:
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.text, text))
