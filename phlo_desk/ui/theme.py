"""Colours and the few marked controls, in a light and a dark scheme.

Every text colour here is at least 4.5:1 (WCAG 2.1 AA) against the backgrounds it
is drawn on; `tests/gui/test_layout.py` checks it over the widgets' real palettes.
Qt's own palettes do not meet that everywhere (Fusion's selection is 3.7:1, its
placeholder text about 4:1), so the desk sets complete palettes of its own.

The scheme follows the system (Qt's style hints) unless the agent chose one in
View > Colours.
"""

from __future__ import annotations

import enum
import sys
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class Scheme(enum.StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


# A NamedTuple, not a frozen dataclass: the same fixed fields for ~10 M instructions less at start-up.
class Theme(NamedTuple):
    name: str
    window: str
    base: str
    alternate_base: str
    button: str
    text: str
    muted: str  # hints under the fields, secondary lines
    placeholder: str
    disabled_text: str
    highlight: str
    highlighted_text: str
    link: str
    good: str
    warn: str
    bad: str
    info: str
    primary: str  # the filled button of the next natural step
    on_primary: str
    card: str  # the call card's background
    card_border: str
    banner: str  # the sandbox banner
    on_banner: str
    differs: str  # the simulator's truth where it differs from the desk's picture

    def tone(self, tone: str) -> QColor:
        return QColor(getattr(self, tone))


LIGHT = Theme(
    name="light", window="#f3f3f3", base="#ffffff", alternate_base="#f5f5f5", button="#e8e8e8",
    text="#1f1f1f", muted="#555555", placeholder="#5e5e5e", disabled_text="#9a9a9a",
    highlight="#1a5fb4", highlighted_text="#ffffff", link="#1a5fb4",
    good="#176c32", warn="#8a4f00", bad="#b3261e", info="#3b3b3b",
    primary="#1a5fb4", on_primary="#ffffff", card="#ffffff", card_border="#b8b8b8",
    banner="#ffd54f", on_banner="#3e2723", differs="#6a1b9a",
)
DARK = Theme(
    name="dark", window="#202124", base="#17181a", alternate_base="#232427", button="#2d2e31",
    text="#e8e8e8", muted="#b4b4b4", placeholder="#a8a8a8", disabled_text="#6c6c6c",
    highlight="#8ab4f8", highlighted_text="#101010", link="#8ab4f8",
    good="#6fdc8c", warn="#f2b84b", bad="#ff8a80", info="#d0d0d0",
    primary="#8ab4f8", on_primary="#101010", card="#2a2b2e", card_border="#5f6368",
    banner="#4a3800", on_banner="#ffe082", differs="#e1bee7",
)


def _palette(theme: Theme) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window, QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.base, QPalette.ColorRole.AlternateBase: theme.alternate_base,
        QPalette.ColorRole.Text: theme.text, QPalette.ColorRole.Button: theme.button,
        QPalette.ColorRole.ButtonText: theme.text, QPalette.ColorRole.BrightText: theme.bad,
        QPalette.ColorRole.Highlight: theme.highlight, QPalette.ColorRole.HighlightedText: theme.highlighted_text,
        QPalette.ColorRole.Link: theme.link, QPalette.ColorRole.LinkVisited: theme.link,
        QPalette.ColorRole.PlaceholderText: theme.placeholder,
        QPalette.ColorRole.ToolTipBase: theme.card, QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.Light: theme.card, QPalette.ColorRole.Midlight: theme.button,
        QPalette.ColorRole.Mid: theme.card_border, QPalette.ColorRole.Dark: theme.muted,
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.disabled_text))
    # A selection in a window that is not active keeps its colours: the log's newest row
    # must stay readable while the agent works in the CRM.
    for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
        palette.setColor(QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role))
    return palette


# The flags `set_flag` sets, and what each makes of a widget's colours (see `_restyle`).
FLAGS = ("primary", "secondary", "hint", "tone", "differs", "surface")


def _restyle(widget: QWidget, theme: Theme) -> None:
    """Give `widget` the colours its flags ask for; every other colour it inherits.

    Palettes, not a style sheet: an application style sheet makes Qt restyle every
    widget through its style-sheet engine, which cost the window about 60 ms at
    start-up. Only the roles set here are the widget's own (the others follow the
    parent and the scheme), and a disabled control keeps the scheme's disabled colours.
    """
    palette = QPalette()  # resolves nothing: the widget inherits every role not set below
    enabled_groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
    all_groups = (*enabled_groups, QPalette.ColorGroup.Disabled)

    def colour(role: QPalette.ColorRole, value: str, groups=enabled_groups) -> None:  # type: ignore[no-untyped-def]
        for group in groups:
            palette.setColor(group, role, QColor(value))

    if widget.property("primary"):
        colour(QPalette.ColorRole.Button, theme.primary)
        colour(QPalette.ColorRole.ButtonText, theme.on_primary)
    elif widget.property("secondary"):
        colour(QPalette.ColorRole.Button, theme.window)  # outlined: the window shows through
    hint = widget.property("hint")
    tone = widget.property("tone")
    if hint:
        colour(QPalette.ColorRole.WindowText, theme.bad if hint == "error" else theme.muted)
    elif tone:
        colour(QPalette.ColorRole.WindowText, getattr(theme, str(tone)))
    elif widget.property("differs"):
        colour(QPalette.ColorRole.WindowText, theme.differs)
    surface = widget.property("surface")
    if surface == "card":
        colour(QPalette.ColorRole.Window, theme.card, all_groups)
        colour(QPalette.ColorRole.Mid, theme.card_border, all_groups)
    elif surface == "banner":
        colour(QPalette.ColorRole.Window, theme.banner, all_groups)
        colour(QPalette.ColorRole.WindowText, theme.on_banner)
    if surface:
        widget.setAutoFillBackground(True)
    widget.setPalette(palette)
    if widget.property("differs") is not None:
        font = widget.font()
        font.setItalic(bool(widget.property("differs")))
        widget.setFont(font)


class ThemeManager(QObject):
    """Applies a scheme to the application and follows the system while asked to."""

    changed = Signal()

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.choice = Scheme.SYSTEM
        self.theme = LIGHT
        if sys.platform != "darwin":
            # Fusion draws what the palette says on every desktop; the native styles of
            # Windows ignore parts of it. macOS keeps its own style.
            app.setStyle("Fusion")
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.use(Scheme.SYSTEM)

    def use(self, choice: Scheme) -> None:
        self.choice = choice
        if choice is Scheme.SYSTEM:
            dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        else:
            dark = choice is Scheme.DARK
        theme = DARK if dark else LIGHT
        if theme is self.theme and self.app.property("phloDeskTheme") == theme.name:
            return
        self.theme = theme
        self.app.setProperty("phloDeskTheme", theme.name)
        self.app.setPalette(_palette(theme))
        for widget in self.app.allWidgets():
            if any(widget.property(name) is not None for name in FLAGS):
                _restyle(widget, theme)
        self.changed.emit()

    def _system_changed(self) -> None:
        if self.choice is Scheme.SYSTEM:
            self.use(Scheme.SYSTEM)


_manager: ThemeManager | None = None


def manager() -> ThemeManager:
    """The application's theme manager, made on first use (needs a QApplication)."""
    global _manager
    app = QApplication.instance()
    if _manager is None or _manager.app is not app:
        _manager = ThemeManager(app)  # type: ignore[arg-type]
    return _manager


def current() -> Theme:
    return manager().theme


def set_flag(widget: QWidget, name: str, value: object) -> None:
    """Mark `widget` (one of FLAGS, e.g. "primary" or "tone"), and recolour it if that changed."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        _restyle(widget, current())
        if name == "differs":
            widget.updateGeometry()  # italic text needs another width: its layout must know
