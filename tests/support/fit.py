"""Finds controls that do not fit their window and texts that are hard to read.

`problems(root)` walks a shown widget tree and returns one readable line per defect:
a control outside its window or its parent, a text that needs more room than it has,
a text below 4.5:1 contrast (WCAG 2.1 AA) against what is drawn behind it. The
colours are the widgets' palettes after polish, so style sheet colours count. It
first lets the window settle (`settle`), as a resize takes several turns of the
event loop.

What it decides, and why:
- Hidden widgets are not checked, nor separate windows parented to the tree (dialogs,
  popups): they are not part of the window on screen.
- A scroll area's content may reach past the viewport along an axis its scroll bar can
  scroll (policy not AlwaysOff): the agent scrolls there. Everything inside it is still
  checked against the content and for fitting texts.
- Item views: the cells and header sections that intersect the viewport are checked
  (rows out of view have the same column widths); a cell's text is laid out as the
  style draws it, wrapped when the view wraps. A visible horizontal scroll bar is a
  problem, a vertical one is not. A header section needs Qt's sectionSizeHint, which
  measures the title in bold: a section is drawn bold while its column holds a
  selection (a selected row selects every column).
- A button needs its whole sizeHint width, as QPushButton promises its layout (Fusion
  asks at least 80 px for any text).
- Disabled widgets and disabled cells are not checked for contrast: WCAG 1.4.3 exempts
  inactive controls. They are checked for fit.
- Contrast is checked in the Active and Inactive colour groups: the agent often works
  in another window while the desk shows. Every text is held to 4.5:1, large or not.
- Line edits scroll their text, so only their height is checked; their text and
  placeholder colours are checked (WCAG counts placeholders).
- Not modelled: gradient and texture brushes, a style sheet rule that gives a button
  a border but no background (Qt then draws no button face), and the faint frame
  Fusion draws inside a group box.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import partial

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QTextDocument, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

MIN_CONTRAST = 4.5
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
Role = QPalette.ColorRole
# The colour behind a widget, per colour group; always opaque.
Under = dict[QPalette.ColorGroup, QColor]
Subject = Callable[[], str]  # what a problem line names, made when one is reported


# -- colour ---------------------------------------------------------------------

def over(top: QColor, bottom: QColor) -> QColor:
    """`top` painted over `bottom` (source-over with top's alpha); opaque when bottom is."""
    a = top.alphaF()
    return QColor.fromRgbF(top.redF() * a + bottom.redF() * (1 - a),
                           top.greenF() * a + bottom.greenF() * (1 - a),
                           top.blueF() * a + bottom.blueF() * (1 - a),
                           a + bottom.alphaF() * (1 - a))


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor) -> float:
    return (0.2126 * _linear(colour.redF()) + 0.7152 * _linear(colour.greenF())
            + 0.0722 * _linear(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast of text colour `a` on background `b` (a's alpha blended over b; b taken as opaque)."""
    lighter, darker = sorted((relative_luminance(over(a, b)), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _name(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexArgb if colour.alpha() < 255 else QColor.NameFormat.HexRgb)


def _brush_colour(value: object) -> QColor | None:
    """A model's ForegroundRole / BackgroundRole value as a colour, if it holds one."""
    if isinstance(value, QBrush):
        return value.color() if value.style() != Qt.BrushStyle.NoBrush else None
    if isinstance(value, QColor):
        return value if value.isValid() else None
    return None


# -- describing -------------------------------------------------------------------

_MNEMONIC = re.compile(r"&(.)")


def without_mnemonic(text: str) -> str:
    return _MNEMONIC.sub(r"\1", text)


def _is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text()))


def shown_text(widget: QWidget) -> str:
    """The text a widget shows, as the agent reads it ('' when it shows none)."""
    if isinstance(widget, QLabel):
        if _is_rich(widget):
            document = QTextDocument()
            document.setHtml(widget.text())
            return document.toPlainText()
        return without_mnemonic(widget.text()) if widget.buddy() is not None else widget.text()
    if isinstance(widget, QToolButton) and widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return ""
    if isinstance(widget, QAbstractButton):
        return without_mnemonic(widget.text())
    if isinstance(widget, QGroupBox):
        return without_mnemonic(widget.title())
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def describe(widget: QWidget) -> str:
    """Class, object name (or the nearest named parent) and text: enough to find the widget."""
    if widget.objectName():
        where = repr(widget.objectName())
    else:
        parent = widget.parentWidget()
        while parent is not None and not parent.objectName():
            parent = parent.parentWidget()
        where = f"(in {parent.objectName()!r})" if parent is not None else "(unnamed)"
    text = shown_text(widget)
    return f"{type(widget).__name__} {where}" + (f" text {_quote(text)}" if text else "")


def _part(widget: QWidget, part: str, text: object) -> str:
    return f"{describe(widget)} {part} {_quote(str(text))}"


def _geometry(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()} at ({rect.x()}, {rect.y()})"


# -- backgrounds -------------------------------------------------------------------

def _paints_own_background(widget: QWidget) -> bool:
    if widget.isWindow() or widget.autoFillBackground():
        return True
    if not widget.testAttribute(Qt.WidgetAttribute.WA_StyledBackground):
        return False
    # A style sheet background sets Window, Base and Button to it; a rule with only a
    # border leaves them apart, and then nothing is painted behind the text.
    palette = widget.palette()
    return palette.color(Role.Window) == palette.color(Role.Base) == palette.color(Role.Button)


def _surface(widget: QWidget, under: Under) -> Under:
    """What a widget's children are drawn on: its own fill over what lies behind it."""
    if not _paints_own_background(widget):
        return under
    palette = widget.palette()
    return {group: over(palette.color(group, widget.backgroundRole()), under[group]) for group in GROUPS}


def _under(root: QWidget) -> Under:
    """The colour behind root, from the fills of its window and every parent between."""
    chain = []
    parent = root.parentWidget()
    while parent is not None:
        chain.append(parent)
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    window = chain[-1] if chain else root
    under = {group: window.palette().color(group, window.backgroundRole()) for group in GROUPS}
    for ancestor in reversed(chain):
        under = _surface(ancestor, under)
    return under


def _with_role(widget: QWidget, role: Role, under: Under) -> Under:
    palette = widget.palette()
    return {group: over(palette.color(group, role), under[group]) for group in GROUPS}


class _Report:
    def __init__(self) -> None:
        self.lines: list[str] = []

    # Subjects are made only for a line that is reported: describing every widget costs a third of a walk.
    def contrast(self, subject: Subject, colours: Callable[[QPalette.ColorGroup], tuple[QColor, QColor]]) -> None:
        """One line for the worst colour group below the minimum; `colours(group)` is (text, background)."""
        worst = None
        for group in GROUPS:
            text, background = colours(group)
            ratio = contrast_ratio(text, background)
            if worst is None or ratio < worst[0]:
                worst = (ratio, group, text, background)
        ratio, group, text, background = worst  # type: ignore[misc]
        if ratio < MIN_CONTRAST:
            when = "" if group == QPalette.ColorGroup.Active else " in an inactive window"
            self.lines.append(f"{subject()} has contrast {ratio:.2f}:1 ({_name(text)} on {_name(background)}){when},"
                              f" needs {MIN_CONTRAST}:1")

    def size(self, subject: Subject, needed: QSize, has: QSize) -> None:
        if has.width() < needed.width():
            self.lines.append(f"{subject()} needs {needed.width()} px, has {has.width()}")
        if has.height() < needed.height():
            self.lines.append(f"{subject()} needs {needed.height()} px high, has {has.height()}")


# -- texts that fit ------------------------------------------------------------------

ELLIPSIS = "\u2026"


def _label(label: QLabel, report: _Report) -> None:
    if not label.text():
        return  # a picture
    subject = partial(describe, label)
    if ELLIPSIS in label.text():
        report.lines.append(f"{subject()} is elided")
    if label.wordWrap():
        # The longest word must fit the width, and the wrapped lines the height.
        width = label.width()
        report.size(subject, QSize(label.minimumSizeHint().width(), label.heightForWidth(width)), label.size())
    else:
        report.size(subject, label.minimumSizeHint(), label.size())


def _button(button: QAbstractButton, report: _Report) -> None:
    if not shown_text(button):
        return
    needed = QSize(button.sizeHint().width(), button.minimumSizeHint().height())
    report.size(partial(describe, button), needed, button.size())


def _text_input(field: QWidget, report: _Report) -> None:
    # Line edits and spin boxes scroll a long text: only a squeezed height clips it.
    if isinstance(field.parentWidget(), (QAbstractSpinBox, QComboBox)):
        return  # the box sizes its own edit field; the box itself is checked
    report.size(partial(describe, field), QSize(0, field.minimumSizeHint().height()), field.size())


def _combo(combo: QComboBox, report: _Report) -> None:
    subject = partial(describe, combo)
    if not combo.isEditable():  # an editable one shows its text in a line edit, which scrolls
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        room = field.width() - 2  # the style draws the text one pixel in from each side
        if not combo.itemIcon(combo.currentIndex()).isNull():
            room -= combo.iconSize().width() + 4
        text = combo.fontMetrics().horizontalAdvance(combo.currentText())
        if text > room:
            report.lines.append(f"{subject()} needs {combo.width() + text - room} px, has {combo.width()}")
    report.size(subject, QSize(0, combo.minimumSizeHint().height()), combo.size())


def _group_box(box: QGroupBox, report: _Report) -> None:
    title = without_mnemonic(box.title())
    if not title:
        return
    # As QGroupBox::minimumSizeHint measures its title, without the room its layout needs.
    metrics = box.fontMetrics()
    width = metrics.horizontalAdvance(title) + metrics.horizontalAdvance(" ")
    height = metrics.height()
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)
    style = box.style()
    if box.isCheckable():
        width += style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, box) + 6
        height = max(height, style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, option, box))
    needed = style.sizeFromContents(QStyle.ContentsType.CT_GroupBox, option, QSize(width, height), box)
    report.size(partial(describe, box), QSize(needed.width(), 0), box.size())


# -- contrast of widgets --------------------------------------------------------------

def _rich_text_colours(label: QLabel) -> set[tuple[str, int]]:
    """The colours a rich text label gives parts of its text, as (part, rgba).

    Links take the application palette's Link when the text is parsed, not the label's
    own palette: the parsed colour is the one drawn.
    """
    document = QTextDocument()
    document.setHtml(label.text())
    found: set[tuple[str, int]] = set()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            brush = fragment.charFormat().foreground()
            if fragment.text().strip() and brush.style() != Qt.BrushStyle.NoBrush:
                found.add(("link" if fragment.charFormat().isAnchor() else "span", brush.color().rgba()))
            fragments += 1
        block = block.next()
    return found


def _widget_contrast(widget: QWidget, under: Under, surface: Under, report: _Report) -> None:
    if not widget.isEnabled():
        return  # exempt (WCAG 1.4.3: inactive controls)
    palette = widget.palette()
    subject = partial(describe, widget)

    def check(what: Subject, role: Role, background: Under) -> None:
        report.contrast(what, lambda group: (palette.color(group, role), background[group]))

    if isinstance(widget, QLabel):
        if not widget.text():
            return
        check(subject, widget.foregroundRole(), surface)
        if _is_rich(widget):
            for part, rgba in _rich_text_colours(widget):
                colour = QColor.fromRgba(rgba)
                report.contrast(lambda part=part, colour=colour: f"{subject()} {part} {_name(colour)}",
                                lambda group, colour=colour: (colour, surface[group]))
    elif isinstance(widget, (QCheckBox, QRadioButton, QGroupBox)):
        if shown_text(widget):
            check(subject, widget.foregroundRole(), surface)
    elif isinstance(widget, QAbstractButton):
        if not shown_text(widget):
            return
        flat = (isinstance(widget, QPushButton) and widget.isFlat()) or (
            isinstance(widget, QToolButton) and widget.autoRaise())
        check(subject, widget.foregroundRole(), surface if flat else _with_role(widget, Role.Button, under))
    elif isinstance(widget, QComboBox):
        if not widget.isEditable():
            check(subject, Role.ButtonText, _with_role(widget, Role.Button, under))
    elif isinstance(widget, QLineEdit):
        base = _with_role(widget, Role.Base, under)
        check(subject, Role.Text, base)
        if widget.placeholderText():
            check(lambda: f"{subject()} placeholder {_quote(widget.placeholderText())}", Role.PlaceholderText, base)


# -- item views ---------------------------------------------------------------------

def _visible_indexes(view: QAbstractItemView) -> Iterator[QModelIndex]:
    model = view.model()
    if model is None:
        return
    port = view.viewport().rect()
    root = view.rootIndex()
    if isinstance(view, QTableView):
        rows, columns = model.rowCount(root), model.columnCount(root)
        if not rows or not columns:
            return
        first_row = max(view.rowAt(0), 0)
        last_row = view.rowAt(port.height() - 1)
        first_column = max(view.columnAt(0), 0)
        last_column = view.columnAt(port.width() - 1)
        for row in range(first_row, (rows - 1 if last_row < 0 else last_row) + 1):
            if view.isRowHidden(row):
                continue
            for column in range(first_column, (columns - 1 if last_column < 0 else last_column) + 1):
                if not view.isColumnHidden(column):
                    yield model.index(row, column, root)
    elif isinstance(view, QTreeView):
        index = view.indexAt(QPoint(0, 0))
        columns = model.columnCount(root)
        while index.isValid() and view.visualRect(index).top() < port.height():
            for column in range(columns):
                if not view.isColumnHidden(column):
                    yield index.siblingAtColumn(column)
            index = view.indexBelow(index)
    else:
        column = view.modelColumn() if hasattr(view, "modelColumn") else 0
        for row in range(model.rowCount(root)):
            index = model.index(row, column, root)
            if view.visualRect(index).intersects(port):
                yield index


def _header(view: QAbstractItemView, header: QHeaderView, report: _Report) -> None:
    if not header.isVisible() or header.model() is None:
        return
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    length = header.viewport().width() if horizontal else header.viewport().height()
    model = header.model()
    palette = header.palette()
    button = {group: palette.color(group, Role.Button) for group in GROUPS}
    for logical in range(header.count()):
        if header.isSectionHidden(logical):
            continue
        position = header.sectionViewportPosition(logical)
        size = header.sectionSize(logical)
        if position >= length or position + size <= 0:
            continue  # scrolled out of view
        text = model.headerData(logical, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        subject = partial(_part, view, "header", text)
        needed = header.sectionSizeHint(logical)
        if horizontal:
            report.size(subject, QSize(needed, header.sizeHint().height()), QSize(size, header.height()))
        else:
            report.size(subject, QSize(0, needed), QSize(0, size))
        if header.isEnabled():
            foreground = _brush_colour(model.headerData(logical, header.orientation(), Qt.ItemDataRole.ForegroundRole))
            report.contrast(subject, lambda group: (foreground or palette.color(group, Role.ButtonText), button[group]))


def _drawn_text_needs(view: QAbstractItemView, option: QStyleOptionViewItem) -> QSize:
    """The cell size its text needs, laid out as the style draws it (QCommonStyle's
    viewItemDrawText); the delegate's sizeHint asks a few pixels more than that."""
    style = view.style()
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    width = room.width() - 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    wraps = bool(option.features & QStyleOptionViewItem.ViewItemFeature.WrapText)
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.WordWrap if wraps else QTextOption.WrapMode.ManualWrap)
    layout = QTextLayout(option.text, option.font)
    layout.setTextOption(text_option)
    layout.beginLayout()
    height = widest = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        height += line.height()
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    cell = option.rect
    return QSize(cell.width() + max(0, math.ceil(widest - width)),
                 cell.height() + max(0, math.ceil(height - room.height())))


def _item_view(view: QAbstractItemView, surface: Under, report: _Report) -> None:
    if view.horizontalScrollBar().isVisible():
        line = f"{describe(view)} shows a horizontal scroll bar"
        header = view.horizontalHeader() if isinstance(view, QTableView) else (
            view.header() if isinstance(view, QTreeView) else None)
        if header is not None:
            line += f": its columns need {header.length()} px, it has {view.viewport().width()}"
        report.lines.append(line)
    for header in (getattr(view, "horizontalHeader", None), getattr(view, "verticalHeader", None)):
        if header is not None:
            _header(view, header(), report)
    viewport = _surface(view.viewport(), surface)
    palette = view.palette()
    selection = view.selectionModel()
    base = QStyleOptionViewItem()
    view.initViewItemOption(base)
    for index in _visible_indexes(view):
        if view.indexWidget(index) is not None:
            continue  # a cell widget: checked as a widget of its own
        rect = view.visualRect(index)
        option = QStyleOptionViewItem(base)
        option.rect = rect
        delegate = view.itemDelegateForIndex(index)
        styled = hasattr(delegate, "initStyleOption")  # a QStyledItemDelegate
        if styled:
            delegate.initStyleOption(option, index)  # the text, roles and colours as painting uses them
            text = option.text
        else:
            data = index.data(Qt.ItemDataRole.DisplayRole)
            text = "" if data is None else str(data)
        if not text:
            continue
        subject = partial(_part, view, f"cell ({index.row()}, {index.column()}) text", text)
        needed = _drawn_text_needs(view, option) if styled else delegate.sizeHint(option, index)
        report.size(subject, needed, rect.size())
        if not (index.flags() & Qt.ItemFlag.ItemIsEnabled) or not view.isEnabled():
            continue
        if styled:
            cell_palette, cell_brush = option.palette, _brush_colour(option.backgroundBrush)
        else:
            cell_palette = palette
            cell_brush = _brush_colour(index.data(Qt.ItemDataRole.BackgroundRole))
            foreground = _brush_colour(index.data(Qt.ItemDataRole.ForegroundRole))
            if foreground is not None:
                cell_palette = QPalette(palette)
                cell_palette.setColor(Role.Text, foreground)
        selected = selection is not None and selection.isSelected(index)
        alternate = view.alternatingRowColors() and index.row() % 2 == 1

        def colours(group: QPalette.ColorGroup) -> tuple[QColor, QColor]:
            if selected:
                return (cell_palette.color(group, Role.HighlightedText),
                        over(cell_palette.color(group, Role.Highlight), viewport[group]))
            behind = over(palette.color(group, Role.AlternateBase), viewport[group]) if alternate else viewport[group]
            if cell_brush is not None:
                behind = over(cell_brush, behind)
            return cell_palette.color(group, Role.Text), behind

        report.contrast(subject, colours)


# -- the walk -----------------------------------------------------------------------

_FITS: list[tuple[type, Callable]] = [
    (QLabel, _label), (QAbstractButton, _button), (QLineEdit, _text_input), (QAbstractSpinBox, _text_input),
    (QComboBox, _combo), (QGroupBox, _group_box),
]


def _scroll_axes(widget: QWidget) -> tuple[bool, bool]:
    """For a scroll area's viewport: whether its content may reach past it (x, y)."""
    area = widget.parentWidget()
    if isinstance(area, QAbstractScrollArea) and area.viewport() is widget:
        off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        return area.horizontalScrollBarPolicy() != off, area.verticalScrollBarPolicy() != off
    return False, False


def _outside(rect: QRect, bound: QRect, free_x: bool, free_y: bool) -> bool:
    return ((not free_x and (rect.left() < bound.left() or rect.right() > bound.right()))
            or (not free_y and (rect.top() < bound.top() or rect.bottom() > bound.bottom())))


def _geometries(root: QWidget) -> list[tuple[int, int, int, int, bool]]:
    return [(w.x(), w.y(), w.width(), w.height(), w.isVisible()) for w in root.findChildren(QWidget)]


def settle(root: QWidget, max_turns: int = 50) -> None:
    """Turn the event loop until two turns in a row move, resize, show or hide nothing in root.

    A resize settles over several turns (layouts, then a scroll area's bars, then its
    content again); checked in between, a window shows defects the agent never sees.
    """
    previous, stable = _geometries(root), 0
    for _ in range(max_turns):
        QApplication.processEvents()
        current = _geometries(root)
        stable = stable + 1 if current == previous else 0
        if stable == 2:
            return
        previous = current


def problems(root: QWidget) -> list[str]:
    """Every defect found in `root` and its visible descendants, one line each; [] for a good tree.

    `root` must be shown: before that its layouts have not placed anything. The event
    loop is turned first until the tree stops moving (`settle`).
    """
    if not root.isVisible():
        return [f"{describe(root)} is not shown: nothing is laid out yet"]
    settle(root)
    report = _Report()

    def visit(widget: QWidget, origin: QPoint, under: Under) -> None:
        for kind, check in _FITS:
            if isinstance(widget, kind):
                check(widget, report)
                break
        surface = _surface(widget, under)
        _widget_contrast(widget, under, surface, report)
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            _item_view(widget, surface, report)  # its headers are checked with it
        rect = QRect(origin, widget.size())
        free_x, free_y = _scroll_axes(widget)
        for child in widget.children():
            if not isinstance(child, QWidget) or child.isWindow() or not child.isVisible():
                continue
            child_rect = QRect(origin + child.pos(), child.size())
            if _outside(child_rect, rect, free_x, free_y):
                report.lines.append(f"{describe(child)} ({_geometry(child_rect)}) lies outside "
                                    f"{describe(widget)} ({_geometry(rect)})")
            visit(child, child_rect.topLeft(), surface)

    visit(root, QPoint(0, 0), _under(root))
    return report.lines
