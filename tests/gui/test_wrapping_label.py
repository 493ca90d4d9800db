"""WrappingLabel answers heightForWidth as QLabel does, and forgets its answers when they may change."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from phlo_desk.ui.wrapping_label import WrappingLabel

TEXT = "Warm transfer to Alice Chen sent: the customer is on hold while you talk to her. " * 3


def _plain_label(text: str, font=None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if font is not None:
        label.setFont(font)
    return label


def test_heights_are_qlabels_for_every_width_asked_twice(qtbot):
    label = WrappingLabel(TEXT)
    plain = _plain_label(TEXT)
    qtbot.addWidget(label)
    qtbot.addWidget(plain)
    for width in (120, 300, 120, 640, 300):
        assert label.heightForWidth(width) == plain.heightForWidth(width)


def test_new_text_font_or_margins_give_new_heights(qtbot):
    label = WrappingLabel("Short.")
    qtbot.addWidget(label)
    one_line = label.heightForWidth(200)

    label.setText(TEXT)
    assert label.heightForWidth(200) == _plain_label(TEXT).heightForWidth(200) > one_line

    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)  # reaches the label as a change event
    assert label.heightForWidth(200) == _plain_label(TEXT, font).heightForWidth(200)

    before = label.heightForWidth(200)
    label.setContentsMargins(0, 30, 0, 30)
    assert label.heightForWidth(200) == before + 60


def test_a_style_sheet_gives_new_heights_and_a_palette_keeps_them(qtbot):
    from PySide6.QtGui import QPalette

    label = WrappingLabel(TEXT)
    qtbot.addWidget(label)
    before = label.heightForWidth(200)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.Link))
    label.setPalette(palette)  # colours move no line
    assert label.heightForWidth(200) == before
    label.setStyleSheet("QLabel { font-size: 30px; }")
    label.ensurePolished()  # where a style sheet's font is applied, as before any showing
    assert label.heightForWidth(200) > before
