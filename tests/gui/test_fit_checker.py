"""The layout checker (tests/support/fit.py) finds real defects in real widget trees.

Each defect is built on purpose in a small window and must be reported; the same
window built well must not be. The windows run in a light and a dark scheme.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tests.support.fit import contrast_ratio, describe, problems

Role = QPalette.ColorRole
# Two complete schemes whose every text role passes 4.5:1, as the desk's own must.
SCHEMES = {
    "light": {Role.Window: "#efefef", Role.WindowText: "#000000", Role.Base: "#ffffff", Role.Text: "#000000",
              Role.AlternateBase: "#f5f5f5", Role.Button: "#e8e8e8", Role.ButtonText: "#000000",
              Role.PlaceholderText: "#5e5e5e", Role.Highlight: "#1a5fb4", Role.HighlightedText: "#ffffff",
              Role.Link: "#1a5fb4"},
    "dark": {Role.Window: "#202124", Role.WindowText: "#e8e8e8", Role.Base: "#17181a", Role.Text: "#e8e8e8",
             Role.AlternateBase: "#232427", Role.Button: "#2d2e31", Role.ButtonText: "#e8e8e8",
             Role.PlaceholderText: "#a8a8a8", Role.Highlight: "#8ab4f8", Role.HighlightedText: "#101010",
             Role.Link: "#8ab4f8"},
}


def scheme_palette(name: str) -> QPalette:
    palette = QPalette()
    for role, colour in SCHEMES[name].items():
        palette.setColor(role, QColor(colour))
    return palette


@contextmanager
def application_in(qapp, name: str) -> Iterator[str]:
    """The application in one scheme, without any style sheet a window test left behind."""
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    qapp.setStyleSheet("")
    qapp.setPalette(scheme_palette(name))
    try:
        yield name
    finally:
        qapp.setPalette(palette)
        qapp.setStyleSheet(sheet)


@pytest.fixture(params=sorted(SCHEMES))
def scheme(qapp, request):
    with application_in(qapp, request.param) as name:
        yield name


@pytest.fixture
def light(qapp):
    with application_in(qapp, "light") as name:
        yield name


def show(qtbot, widget: QWidget, width: int = 420, height: int = 300) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def window_with(*children: QWidget) -> QWidget:
    window = QWidget()
    window.setObjectName("testWindow")
    layout = QVBoxLayout(window)
    for child in children:
        layout.addWidget(child)
    layout.addStretch(1)
    return window


def named(widget, name: str):  # type: ignore[no-untyped-def]
    widget.setObjectName(name)
    return widget


def only(found: list[str], *parts: str) -> str:
    """The one problem line that names every part; fails naming all lines otherwise."""
    matching = [line for line in found if all(part in line for part in parts)]
    assert len(matching) == 1, f"wanted one line with {parts}, got:\n" + "\n".join(found)
    return matching[0]


# -- contrast_ratio ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "background", "ratio"), [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#000000", 21.0),
    ("#777777", "#ffffff", 4.48),
    ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
    ("#9f9f9f", "#efefef", 2.30),
    ("#3b3b3b", "#202124", 1.44),
    ("#123456", "#123456", 1.0),
])
def test_contrast_ratio_matches_wcag(text, background, ratio):
    assert contrast_ratio(QColor(text), QColor(background)) == pytest.approx(ratio, abs=0.005)


def test_contrast_ratio_blends_a_translucent_text_over_its_background():
    half_black = QColor(0, 0, 0, 128)  # Fusion's default placeholder colour on white
    blended = QColor(127, 127, 127)
    assert contrast_ratio(half_black, QColor("#ffffff")) == pytest.approx(
        contrast_ratio(blended, QColor("#ffffff")), abs=0.02)
    assert contrast_ratio(half_black, QColor("#ffffff")) < 4.5 < contrast_ratio(QColor("#000000"), QColor("#ffffff"))
    assert contrast_ratio(QColor(0, 0, 0, 0), QColor("#ffffff")) == pytest.approx(1.0)


# -- a good window -------------------------------------------------------------------

def good_window() -> QWidget:
    table = named(QTableWidget(2, 2), "membersTable")
    table.setHorizontalHeaderLabels(["Who", "Address"])
    for row, (who, address) in enumerate([("Agent", "+14155550123"), ("Customer", "sip:alice@phone.plivo.com")]):
        table.setItem(row, 0, QTableWidgetItem(who))
        table.setItem(row, 1, QTableWidgetItem(address))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    table.selectRow(1)
    box = named(QGroupBox("This call"), "callBox")
    inside = QVBoxLayout(box)
    hint = named(QLabel("A refusal names the form of the number that was expected, wrapped to the width."), "hint")
    hint.setWordWrap(True)
    inside.addWidget(hint)
    inside.addWidget(table)
    combo = named(QComboBox(), "roleCombo")
    combo.addItems(["Agent", "Customer"])
    edit = named(QLineEdit(), "toInput")
    edit.setPlaceholderText("Phone number or sip:user@host")
    buttons = QWidget()
    row = QHBoxLayout(buttons)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(named(QPushButton("&Warm transfer"), "warmButton"))
    row.addWidget(named(QCheckBox("Ask first"), "askFirst"))
    row.addStretch(1)
    rich = named(QLabel("<span style='color:#176c32'>\u25cf</span> Connected <a href='#'>details</a>"), "connection")
    return window_with(named(QLabel("Transfer to:"), "toLabel"), edit, combo, buttons, box, rich)


def test_a_good_window_has_no_problems(qtbot, scheme):
    window = show(qtbot, good_window(), 420, 480)
    if scheme == "dark":  # the span's green is made for the light scheme
        window.findChild(QLabel, "connection").setText(
            "<span style='color:#6fdc8c'>\u25cf</span> Connected <a href='#'>details</a>")
    assert problems(window) == []


def test_a_window_not_shown_is_not_passed(qtbot, light):
    window = good_window()
    qtbot.addWidget(window)
    assert problems(window) == ["QWidget 'testWindow' is not shown: nothing is laid out yet"]


# -- controls that do not fit ----------------------------------------------------------

def test_a_button_narrower_than_its_text(qtbot, scheme):
    button = named(QPushButton("Drop &voicemail"), "leg0VoicemailDropButton")
    window = show(qtbot, window_with(button))
    needed = button.sizeHint().width()
    button.setFixedWidth(needed - 28)
    qtbot.waitUntil(lambda: button.width() == needed - 28)
    assert problems(window) == [
        f"QPushButton 'leg0VoicemailDropButton' text 'Drop voicemail' needs {needed} px, has {needed - 28}"]


def test_a_button_exactly_as_wide_as_its_text_passes_and_the_mnemonic_takes_no_room(qtbot, scheme):
    marked, plain = QPushButton("&Warm transfer to the colleague"), QPushButton("Warm transfer to the colleague")
    window = show(qtbot, window_with(marked, plain))
    for button in (marked, plain):
        button.setFixedWidth(plain.sizeHint().width())
    qtbot.wait(10)
    assert problems(window) == []


def test_a_label_cut_off_by_a_fixed_height_parent(qtbot, scheme):
    strip = named(QFrame(), "strip")
    strip.setFixedHeight(10)
    label = named(QLabel("Consulting +14155550123 privately", strip), "phase")
    label.move(0, 0)
    label.resize(label.sizeHint())
    window = show(qtbot, window_with(strip))
    at = strip.mapTo(window, QPoint(0, 0))
    assert problems(window) == [
        f"QLabel 'phase' text 'Consulting +14155550123 privately' ({label.width()}x{label.height()} at"
        f" ({at.x()}, {at.y()})) lies outside QFrame 'strip' ({strip.width()}x10 at ({at.x()}, {at.y()}))"]


def test_a_label_squeezed_by_its_parents_layout(qtbot, scheme):
    strip = named(QFrame(), "strip")
    strip.setFixedHeight(14)
    label = named(QLabel("Consulting +14155550123 privately"), "phase")
    QVBoxLayout(strip).addWidget(label)  # the layout's margins leave the label no height
    window = show(qtbot, window_with(strip))
    assert problems(window) == [
        f"QLabel 'phase' text 'Consulting +14155550123 privately' needs {label.minimumSizeHint().height()} px high,"
        f" has {label.height()}"]


def test_a_widget_placed_outside_the_window(qtbot, scheme):
    window = show(qtbot, QWidget())
    window.setObjectName("testWindow")
    stray = named(QPushButton("Hang up", window), "strayButton")
    stray.resize(stray.sizeHint())
    stray.move(window.width() - 20, 40)
    stray.show()
    assert problems(window) == [
        f"QPushButton 'strayButton' text 'Hang up' ({stray.width()}x{stray.height()} at ({window.width() - 20}, 40))"
        f" lies outside QWidget 'testWindow' ({window.width()}x{window.height()} at (0, 0))"]
    stray.move(window.width() - stray.width(), 40)
    assert problems(window) == []


def test_a_word_wrapped_label_squeezed(qtbot, scheme):
    text = "Everyone talks together: you, the customer and your colleague on +14155550123."
    label = named(QLabel(text), "phase")
    label.setWordWrap(True)
    holder = named(QWidget(), "holder")
    QVBoxLayout(holder).addWidget(label)
    window = show(qtbot, window_with(holder), 260, 300)
    assert problems(window) == []
    holder.setFixedHeight(label.height() + 10)  # less than the wrapped lines need at a narrower width
    window.resize(160, 300)
    qtbot.waitUntil(lambda: label.width() < 150)
    assert problems(window) == [
        f"QLabel 'phase' text 'Everyone talks together: you, the customer and your colle...'"
        f" needs {label.heightForWidth(label.width())} px high, has {label.height()}"]


def test_a_word_wrapped_label_narrower_than_its_longest_word(qtbot, scheme):
    label = named(QLabel("Will send: sip:alice.long.name@phone.plivo.com"), "hint")
    label.setWordWrap(True)
    label.setMaximumWidth(120)
    window = show(qtbot, window_with(label))
    assert only(problems(window), "QLabel 'hint'").endswith(f"needs {label.minimumSizeHint().width()} px, has 120")


def test_an_elided_label_counts_as_clipped(qtbot, scheme):
    window = show(qtbot, window_with(named(QLabel("Consulting +1415555\u2026"), "phase")))
    assert problems(window) == ["QLabel 'phase' text 'Consulting +1415555\u2026' is elided"]


def test_a_line_edit_may_scroll_its_text_but_not_be_squeezed(qtbot, scheme):
    edit = named(QLineEdit("sip:a-very-long-address-that-does-not-fit@phone.plivo.com"), "toInput")
    edit.setPlaceholderText("A placeholder far longer than the field can show at this width")
    edit.setFixedWidth(80)
    window = show(qtbot, window_with(edit))
    assert problems(window) == []
    edit.setFixedHeight(10)
    qtbot.waitUntil(lambda: edit.height() == 10)
    assert only(problems(window), "QLineEdit 'toInput'").endswith(
        f"needs {edit.minimumSizeHint().height()} px high, has 10")


def test_a_combo_box_narrower_than_its_current_text(qtbot, scheme):
    combo = named(QComboBox(), "roleCombo")
    combo.addItems(["Agent", "Customer with a long role name"])
    combo.setFixedWidth(90)
    window = show(qtbot, window_with(combo))
    assert problems(window) == []  # "Agent" fits
    combo.setCurrentIndex(1)
    line = only(problems(window), "QComboBox 'roleCombo'")
    assert line.startswith("QComboBox 'roleCombo' text 'Customer with a long role name' needs ")
    assert line.endswith(" px, has 90")
    combo.setEditable(True)  # now a line edit shows it, and a line edit scrolls
    assert problems(window) == []


def test_a_group_box_title_wider_than_the_box(qtbot, scheme):
    box = named(QGroupBox("Simulated call (sandbox), with every member"), "sandboxPanel")
    box.setFixedWidth(120)
    window = show(qtbot, window_with(box))
    assert only(problems(window), "QGroupBox 'sandboxPanel'").endswith(" px, has 120")
    box.setFixedWidth(box.minimumSizeHint().width())
    qtbot.wait(10)
    assert problems(window) == []


# -- tables ---------------------------------------------------------------------------

def members_table(*rows: tuple[str, str]) -> QTableWidget:
    table = named(QTableWidget(len(rows), 2), "legsTable")
    table.setHorizontalHeaderLabels(["Who", "Address"])
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
    table.horizontalHeader().setStretchLastSection(True)
    return table


def test_a_table_column_too_narrow_for_its_cell(qtbot, scheme):
    table = members_table(("Customer", "+14155550100"), ("Colleague", "sip:alice@phone.plivo.com"))
    table.setWordWrap(False)
    window = show(qtbot, window_with(table))
    table.resizeColumnsToContents()
    assert problems(window) == []
    table.setColumnWidth(0, 40)
    found = problems(window)
    assert only(found, "cell (0, 0)").startswith("QTableWidget 'legsTable' cell (0, 0) text 'Customer' needs ")
    assert only(found, "cell (0, 0)").endswith(" px, has 39")  # the grid line takes one
    assert only(found, "cell (1, 0)", "'Colleague'")
    assert len(found) == 2


def test_a_cell_passes_at_exactly_the_width_that_draws_its_whole_text(qtbot, light):
    table = members_table(("Colleague at the front desk", "+14155550111"))
    table.setWordWrap(False)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no frame around the current cell to tell widths apart
    window = show(qtbot, window_with(table))
    table.selectionModel().clearCurrentIndex()
    table.setColumnWidth(0, 40)
    needed = int(re.search(r"needs (\d+) px", only(problems(window), "cell (0, 0)")).group(1))

    def drawn(width: int) -> QImage:
        cell = table.visualRect(table.model().index(0, 0))
        return table.viewport().grab(QRect(cell.x(), cell.y(), width, cell.height())).toImage()

    table.setColumnWidth(0, needed + 1)  # the grid line takes one
    assert problems(window) == []
    whole = drawn(needed)
    table.setColumnWidth(0, needed + 200)
    assert drawn(needed) == whole  # nothing was elided at that width
    table.setColumnWidth(0, needed)
    assert problems(window) == [f"QTableWidget 'legsTable' cell (0, 0) text 'Colleague at the front desk' needs"
                                f" {needed} px, has {needed - 1}"]
    assert drawn(needed - 1) != whole.copy(0, 0, needed - 1, whole.height())  # one pixel less: elided


def test_a_two_line_cell_with_an_icon_fits_a_row_as_tall_as_its_lines(qtbot, light):
    table = members_table(("12:26:41 \u00b7 Warning\nAccepted by Plivo.", ""))
    table.item(0, 0).setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
    window = show(qtbot, window_with(table))
    table.setColumnWidth(0, 240)
    lines = 2 * table.fontMetrics().height()
    table.setRowHeight(0, lines + 1)  # the grid line takes one
    # The delegate's size hint asks a little more than the lines need; what is drawn decides.
    assert table.sizeHintForRow(0) > lines + 1
    assert problems(window) == []
    table.setRowHeight(0, lines)
    assert only(problems(window), "cell (0, 0)").endswith(f"needs {lines} px high, has {lines - 1}")


def test_a_header_section_too_narrow_for_its_title(qtbot, scheme):
    table = named(QTableWidget(0, 2), "logTable")
    table.setHorizontalHeaderLabels(["Outcome of the request", "Message"])
    window = show(qtbot, window_with(table))
    table.setColumnWidth(0, 60)
    assert only(problems(window), "header 'Outcome of the request'").endswith(" px, has 60")
    table.resizeColumnsToContents()
    assert problems(window) == []


def test_a_wrapped_cell_taller_than_its_row(qtbot, scheme):
    table = members_table(("Colleague", "Leave the recorded voicemail and drop this leg"))
    window = show(qtbot, window_with(table), 300, 300)
    table.resizeColumnToContents(0)
    table.resizeRowsToContents()
    assert problems(window) == []
    table.setRowHeight(0, 20)
    assert only(problems(window), "cell (0, 1)").endswith(" px high, has 19")  # the grid line takes one


def test_a_horizontal_scroll_bar_on_a_table(qtbot, scheme):
    table = members_table(("Customer", "+14155550100"))
    window = show(qtbot, window_with(table), 420, 300)
    table.horizontalHeader().setStretchLastSection(False)
    table.setColumnWidth(1, 900)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().isVisible())
    found = problems(window)
    assert only(found, "horizontal scroll bar") == (
        f"QTableWidget 'legsTable' shows a horizontal scroll bar: its columns need "
        f"{table.horizontalHeader().length()} px, it has {table.viewport().width()}")


def test_cell_widgets_are_checked_like_any_widget(qtbot, scheme):
    table = members_table(("Customer", "A text the cell widget covers, wider than the column"))
    actions = QWidget()
    row = QHBoxLayout(actions)
    row.setContentsMargins(2, 0, 2, 0)
    row.addWidget(named(QPushButton("Drop voicemail"), "leg0VoicemailDropButton"))
    table.setCellWidget(0, 1, actions)
    window = show(qtbot, window_with(table), 420, 300)
    table.resizeColumnToContents(0)
    table.resizeRowsToContents()
    assert problems(window) == []
    table.horizontalHeader().setStretchLastSection(False)
    table.setColumnWidth(1, 60)
    qtbot.waitUntil(lambda: actions.width() < 60)
    button = actions.findChild(QPushButton)
    assert problems(window) == [f"QPushButton 'leg0VoicemailDropButton' text 'Drop voicemail' needs"
                                f" {button.sizeHint().width()} px, has {button.width()}"]


def test_rows_scrolled_out_of_view_are_not_checked_but_the_ones_in_view_are(qtbot, scheme):
    table = members_table(*[("Customer", f"+1415555{n:04d}") for n in range(200)])
    table.setWordWrap(False)
    window = show(qtbot, window_with(table))
    table.resizeColumnsToContents()
    table.setItem(150, 0, QTableWidgetItem("A name much wider than the column"))
    assert problems(window) == []
    table.scrollToItem(table.item(150, 0))
    assert only(problems(window), "cell (150, 0)")


# -- scroll areas ------------------------------------------------------------------------

def scrolled_panel(policy: Qt.ScrollBarPolicy) -> tuple[QScrollArea, QWidget]:
    content = named(QWidget(), "panelsContent")
    column = QVBoxLayout(content)
    for n in range(30):
        column.addWidget(named(QPushButton(f"Move {n}"), f"move{n}"))
    area = named(QScrollArea(), "panels")
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(policy)
    area.setWidget(content)
    return area, content


def test_widgets_scrolled_out_of_a_scroll_area_are_fine(qtbot, scheme):
    area, content = scrolled_panel(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    window = show(qtbot, window_with(area), 420, 300)
    assert content.height() > area.viewport().height()
    assert problems(window) == []
    area.verticalScrollBar().setValue(200)
    assert problems(window) == []


def test_a_too_narrow_button_scrolled_out_of_view_is_still_reported(qtbot, scheme):
    area, content = scrolled_panel(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    window = show(qtbot, window_with(area), 420, 300)
    last = content.findChild(QPushButton, "move29")
    last.setText("Move 29: a text far wider than the button is allowed to be")
    last.setMaximumWidth(100)
    assert only(problems(window), "QPushButton 'move29'").endswith(" px, has 100")


def test_content_wider_than_a_scroll_area_that_cannot_scroll_sideways(qtbot, scheme):
    area, content = scrolled_panel(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content.setMinimumWidth(900)
    window = show(qtbot, window_with(area), 420, 300)
    assert only(problems(window), "QWidget 'panelsContent'", "lies outside QWidget 'qt_scrollarea_viewport'")


def test_hidden_widgets_and_separate_windows_are_not_part_of_the_window(qtbot, scheme):
    hidden = named(QPushButton("A hidden button far wider than it is allowed"), "hiddenButton")
    hidden.setMaximumWidth(40)
    window = show(qtbot, window_with(hidden))
    hidden.hide()
    dialog = QDialog(window)  # a window of its own, checked on its own
    squeezed = named(QPushButton("Transfer and leave the call", dialog), "confirmButton")
    squeezed.resize(40, squeezed.sizeHint().height())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert problems(window) == []
    assert only(problems(dialog), "QPushButton 'confirmButton'").endswith(" px, has 40")


# -- contrast --------------------------------------------------------------------------

def test_grey_text_on_a_light_window(qtbot, light):
    hint = named(QLabel("For example (415) 222-5555"), "toInputHint")
    hint.setStyleSheet("color: #9f9f9f;")
    window = show(qtbot, window_with(hint))
    assert problems(window) == [
        "QLabel 'toInputHint' text 'For example (415) 222-5555' has contrast 2.30:1 (#9f9f9f on #efefef),"
        " needs 4.5:1"]
    hint.setStyleSheet("color: #595959;")
    assert problems(window) == []


def test_a_style_sheet_colour_reaches_the_palette_and_is_judged_in_the_dark(qtbot, qapp, scheme):
    headline = named(QLabel("Refused: the colleague's number is not valid."), "resultHeadlineText")
    window = show(qtbot, window_with(headline))
    headline.setStyleSheet("color: #3b3b3b;")
    assert headline.palette().color(Role.WindowText) == QColor("#3b3b3b")  # polish put it in the palette
    window_colour = SCHEMES[scheme][Role.Window]
    if scheme == "dark":
        assert problems(window) == [
            f"QLabel 'resultHeadlineText' text \"Refused: the colleague's number is not valid.\" has contrast "
            f"1.44:1 (#3b3b3b on {window_colour}), needs 4.5:1"]
    else:
        assert problems(window) == []


def test_the_background_a_style_sheet_paints_counts_and_a_transparent_one_shows_its_parent(qtbot, scheme):
    card = named(QFrame(), "callCard")
    card.setStyleSheet("QFrame#callCard { background: #3b3b3b; } QLabel { background: transparent; }")
    label = named(QLabel("Consulting privately"), "phase")
    label.setStyleSheet("color: #5c5c5c;")
    QVBoxLayout(card).addWidget(label)
    window = show(qtbot, window_with(card))
    assert problems(window) == [
        "QLabel 'phase' text 'Consulting privately' has contrast 1.68:1 (#5c5c5c on #3b3b3b), needs 4.5:1"]
    label.setStyleSheet("color: #ffffff;")
    assert problems(window) == []


def test_a_border_without_a_background_paints_nothing_behind_the_text(qtbot, light):
    white = named(QWidget(), "sheet")
    palette = white.palette()
    palette.setColor(Role.Window, QColor("#ffffff"))
    white.setPalette(palette)
    white.setAutoFillBackground(True)
    label = named(QLabel("Will send: +14155550123"), "hint")
    QVBoxLayout(white).addWidget(label)
    window = show(qtbot, window_with(white))
    # 5.10:1 on the white it is drawn on; a styled label's palette has the application's
    # Window (#efefef), which would give 4.43:1.
    label.setStyleSheet("border: 1px solid #000000; color: #6e6e6e;")
    assert problems(window) == []
    label.setStyleSheet("border: 1px solid #000000; background: #efefef; color: #6e6e6e;")
    assert problems(window) == [
        "QLabel 'hint' text 'Will send: +14155550123' has contrast 4.43:1 (#6e6e6e on #efefef), needs 4.5:1"]


def test_button_text_on_its_button_face(qtbot, scheme):
    button = named(QPushButton("Cancel transfer"), "cancelButton")
    button.setStyleSheet("background: #1a5fb4; color: #3d7bd0;")
    window = show(qtbot, window_with(button))
    assert only(problems(window), "QPushButton 'cancelButton'", "on #1a5fb4")
    button.setStyleSheet("background: #1a5fb4; color: #ffffff;")
    assert problems(window) == []


def test_placeholder_text_is_held_to_the_same_contrast(qtbot, light):
    edit = named(QLineEdit(), "toInput")
    edit.setPlaceholderText("Phone number or sip:user@host")
    palette = edit.palette()
    palette.setColor(Role.PlaceholderText, QColor(0, 0, 0, 128))  # Fusion's own placeholder colour
    edit.setPalette(palette)
    window = show(qtbot, window_with(edit))
    assert problems(window) == [
        "QLineEdit 'toInput' placeholder 'Phone number or sip:user@host' has contrast 4.00:1 "
        "(#80000000 on #ffffff), needs 4.5:1"]


def test_disabled_controls_are_exempt_from_contrast(qtbot, light):
    button = named(QPushButton("Complete transfer"), "completeButton")
    button.setStyleSheet("color: #c0c0c0;")
    window = show(qtbot, window_with(button))
    assert only(problems(window), "completeButton", "contrast")
    button.setEnabled(False)
    assert problems(window) == []


def test_a_colour_that_fails_only_while_the_window_is_inactive(qtbot, light):
    label = named(QLabel("Connected"), "connectionIndicator")
    palette = label.palette()
    palette.setColor(QPalette.ColorGroup.Inactive, Role.WindowText, QColor("#b0b0b0"))
    label.setPalette(palette)
    window = show(qtbot, window_with(label))
    assert problems(window) == [
        "QLabel 'connectionIndicator' text 'Connected' has contrast 1.89:1 (#b0b0b0 on #efefef) in an inactive"
        " window, needs 4.5:1"]


def test_a_coloured_span_in_rich_text(qtbot, light):
    label = named(QLabel("<span style='color:#f9a825'>\u25cf</span> Checking connection..."), "connection")
    window = show(qtbot, window_with(label))
    assert problems(window) == [
        "QLabel 'connection' text '\u25cf Checking connection...' span #f9a825 has contrast 1.71:1 "
        "(#f9a825 on #efefef), needs 4.5:1"]


def test_a_link_in_rich_text_has_the_colour_it_was_parsed_with(qtbot, qapp, light):
    palette = qapp.palette()
    palette.setColor(Role.Link, QColor("#8ab4f8"))  # the dark scheme's link, in the light scheme
    qapp.setPalette(palette)
    label = named(QLabel("Connected <a href='#'>details</a>"), "connection")
    window = show(qtbot, window_with(label))
    assert problems(window) == [
        "QLabel 'connection' text 'Connected details' link #8ab4f8 has contrast 1.83:1 (#8ab4f8 on #efefef),"
        " needs 4.5:1"]


def test_cell_colours_from_the_model_on_plain_alternate_and_selected_rows(qtbot, scheme):
    table = members_table(("Customer", "+14155550100"), ("Colleague", "+14155550111"), ("You", "+14155550123"))
    table.setAlternatingRowColors(True)
    window = show(qtbot, window_with(table))
    table.resizeColumnsToContents()
    table.selectRow(2)
    assert problems(window) == []
    faint = QBrush(QColor("#808080") if scheme == "light" else QColor("#505050"))
    for row in range(3):
        table.item(row, 0).setForeground(faint)
    found = problems(window)
    base, alternate = SCHEMES[scheme][Role.Base], SCHEMES[scheme][Role.AlternateBase]
    assert only(found, "cell (0, 0)").endswith(f"on {base}), needs 4.5:1")
    assert only(found, "cell (1, 0)").endswith(f"on {alternate}), needs 4.5:1")
    assert not [line for line in found if "cell (2, 0)" in line]  # selected: highlighted text on highlight


def test_a_selection_colour_too_close_to_its_text(qtbot, light):
    table = members_table(("Customer", "+14155550100"))
    palette = table.palette()
    palette.setColor(Role.Highlight, QColor("#308cc6"))  # Fusion's own selection colour
    table.setPalette(palette)
    window = show(qtbot, window_with(table))
    table.resizeColumnsToContents()
    table.selectRow(0)
    assert only(problems(window), "cell (0, 0)").endswith("(#ffffff on #308cc6), needs 4.5:1")


# -- describe and speed ---------------------------------------------------------------

def test_describe_names_class_object_and_text(qtbot, light):
    panel = named(QGroupBox("&Settings"), "settingsPanel")
    unnamed = QLabel("C&ustomer:", panel)
    unnamed.setBuddy(QLineEdit(panel))
    assert describe(panel) == "QGroupBox 'settingsPanel' text 'Settings'"
    assert describe(unnamed) == "QLabel (in 'settingsPanel') text 'Customer:'"
    assert describe(QWidget()) == "QWidget (unnamed)"
    assert describe(named(QLineEdit(), "toInput")) == "QLineEdit 'toInput'"
    qtbot.addWidget(panel)


def test_fast_enough_for_a_layout_test_to_call_it_fifty_times(qtbot, light):
    window = QWidget()
    grid = QVBoxLayout(window)
    for n in range(40):
        row = QHBoxLayout()
        row.addWidget(QLabel(f"Leg {n}:"))
        row.addWidget(QLineEdit(f"+1415555{n:04d}"))
        row.addWidget(QPushButton("Hold"))
        row.addWidget(QCheckBox("Muted"))
        grid.addLayout(row)
    grid.addWidget(members_table(*[("Customer", f"+1415555{n:04d}") for n in range(100)]))
    show(qtbot, window, 600, 1400)
    assert len(window.findChildren(QWidget)) >= 160
    started = time.perf_counter()
    for _ in range(50):
        problems(window)
    assert time.perf_counter() - started < 5.0
