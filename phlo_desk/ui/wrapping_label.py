"""A word-wrapping label that works out its height for a given width once.

Layouts ask a word-wrapping label its height for many widths while the window is built,
and again for the same widths at every pass; QLabel lays its text out afresh for each
question, and the window's labels cost more than a tenth of its start-up that way.
WrappingLabel remembers each answer until something that could change it changes: its
text, format, margins or indent, its font, style or contents rectangle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget


def _forgetting_heights(setter: Callable[..., None]) -> Callable[..., None]:
    def set_and_forget(self: WrappingLabel, *args: Any) -> None:
        self._heights.clear()
        setter(self, *args)

    set_and_forget.__name__ = setter.__name__
    return set_and_forget


# What can move the lines; a palette, enabled state or parent cannot (the build sends many).
_MOVING_THE_LINES = frozenset({QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange, QEvent.Type.StyleChange,
                               QEvent.Type.ContentsRectChange, QEvent.Type.LayoutDirectionChange,
                               QEvent.Type.LocaleChange})


class WrappingLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        self._heights: dict[int, int] = {}  # width -> height; before the base class can ask
        super().__init__(text, parent)
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _MOVING_THE_LINES:
            self._heights.clear()
        super().changeEvent(event)

    setText = _forgetting_heights(QLabel.setText)  # Qt's setters: each can move the lines
    setTextFormat = _forgetting_heights(QLabel.setTextFormat)
    setWordWrap = _forgetting_heights(QLabel.setWordWrap)
    setIndent = _forgetting_heights(QLabel.setIndent)
    setMargin = _forgetting_heights(QLabel.setMargin)
    setAlignment = _forgetting_heights(QLabel.setAlignment)
