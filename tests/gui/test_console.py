"""The window as a console docked beside a CRM: columns, remembered view, colours, sandbox picture."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.settings import ENVIRONMENT
from phlo_desk.core.view_state import ViewStateStore
from phlo_desk.sandbox import DEFAULT_CUSTOMER
from phlo_desk.ui import theme
from tests.gui.conftest import open_window

TARGET = "+14152225555"


def settle(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=2000)
    QApplication.processEvents()


def consult(qtbot, window) -> None:
    window.to_field.setText(TARGET)
    assert window.start_action(NodeAction.WARM_TRANSFER)
    qtbot.waitUntil(lambda: window.desk.in_flight is None, timeout=5000)


def test_narrow_is_one_column_wide_is_two_and_one_column_can_be_kept(qtbot, window):
    settle(qtbot, window, 400, 700)
    assert not window.panels.two_columns
    assert window.minimumSizeHint().width() <= 400  # a 400 px dock is allowed by the layout itself
    settle(qtbot, window, 1400, 900)
    assert window.panels.two_columns
    form, legs = window.form.geometry(), window.legs_panel.geometry()
    assert legs.left() > form.right()  # side by side
    window.one_column_action.trigger()
    assert not window.panels.two_columns
    window.centralWidget().layout().activate()
    QApplication.processEvents()
    assert window.legs_panel.geometry().top() > window.form.geometry().bottom()


def test_the_log_gets_the_height_the_panels_do_not_need(qtbot, window):
    settle(qtbot, window, 1400, 900)
    panels = window.panels
    # the panels are as tall as their content, with no scrolling, and the log below takes the rest
    assert panels.height() >= panels.widget().layout().heightForWidth(panels.viewport().width()) - 1
    assert not panels.verticalScrollBar().isVisible()
    assert window.log_view.height() > panels.height() / 2


def test_the_consult_card_shows_whom_since_when_and_the_three_moves(qtbot, window):
    card = window.call_card
    assert card.complete_button.isHidden() and card.timer.isHidden()  # idle: one line and New call
    consult(qtbot, window)
    assert TARGET in card.phase.text()
    assert card.timer.text() == "In the consult for 0:00"
    assert all(not b.isHidden() and b.isEnabled() for b in (card.complete_button, card.join_button, card.cancel_button))
    assert card.complete_button.property("primary") and card.cancel_button.property("secondary")
    assert "Ctrl+Shift+Return" in card.complete_button.text()  # the shortcut is on the button
    window.desk.clock = lambda: window.desk.consult_started() + 75
    card._tick()
    assert card.timer.text() == "In the consult for 1:15"


def test_the_view_is_remembered_between_starts(qtbot, sandbox):
    first = open_window(qtbot, ["--sandbox"], sandbox=sandbox).window
    settle(qtbot, first, 640, 700)
    first.one_column_action.setChecked(True)
    first.on_top_action.setChecked(True)
    first.use_colours(theme.Scheme.DARK)
    first.close()
    saved = ViewStateStore().load()
    assert saved.one_column and saved.always_on_top and saved.colours == "dark" and saved.geometry

    second = open_window(qtbot, ["--sandbox"], sandbox=sandbox).window
    try:
        assert second.width() == 640
        assert second.one_column_action.isChecked() and second.on_top_action.isChecked()
        assert second.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        assert theme.current() is theme.DARK
    finally:
        second.use_colours(theme.Scheme.SYSTEM)


def test_the_colours_menu_offers_the_three_schemes_with_the_one_in_use_chosen(qtbot, window):
    window.use_colours(theme.Scheme.DARK)  # before the menu was ever opened
    try:
        menu = window.view.colours_menu
        menu.aboutToShow.emit()  # as opening it does
        menu.aboutToShow.emit()  # a second opening adds nothing
        actions = menu.actions()
        assert [action.text() for action in actions] == ["Follow the &system", "&Light", "&Dark"]
        assert [action.isChecked() for action in actions] == [False, False, True]
        assert actions[0].actionGroup() is not None and actions[0].actionGroup().isExclusive()
        actions[1].trigger()
        assert theme.current() is theme.LIGHT
        assert [action.isChecked() for action in actions] == [False, True, False]
        window.use_colours(theme.Scheme.SYSTEM)
        assert actions[0].isChecked()
    finally:
        window.use_colours(theme.Scheme.SYSTEM)


def test_a_damaged_view_file_gives_the_defaults(qtbot, sandbox):
    store = ViewStateStore()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text("{not json", encoding="utf-8")
    window = open_window(qtbot, ["--sandbox"], sandbox=sandbox).window
    assert not window.one_column_action.isChecked() and window.width() > 400


def test_dark_colours_change_the_palette_and_back(qtbot, window):
    window.use_colours(theme.Scheme.DARK)
    try:
        window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
        assert window_colour.lightness() < 60
        assert window.headline.text.palette().color(QPalette.ColorRole.WindowText).lightness() > 150
    finally:
        window.use_colours(theme.Scheme.LIGHT)
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_following_the_system_scheme(qtbot, window):
    hints = QGuiApplication.styleHints()
    window.use_colours(theme.Scheme.SYSTEM)
    try:
        hints.setColorScheme(Qt.ColorScheme.Dark)
        if hints.colorScheme() != Qt.ColorScheme.Dark:
            return  # this platform plugin cannot report a scheme; the explicit choice is tested above
        qtbot.waitUntil(lambda: theme.current() is theme.DARK, timeout=2000)
        hints.setColorScheme(Qt.ColorScheme.Light)
        qtbot.waitUntil(lambda: theme.current() is theme.LIGHT, timeout=2000)
    finally:
        hints.unsetColorScheme()
        window.use_colours(theme.Scheme.LIGHT)


def test_clear_buttons_have_names_a_screen_reader_says(qtbot, window):
    window.to_field.setText(TARGET)
    names = []
    for edit in window.findChildren(QLineEdit):
        for button in edit.findChildren(QToolButton):
            names.append(QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Name))
    assert "Clear Transfer to" in names and "Clear Customer's number" in names
    assert "" not in names


# -- the sandbox as a trainer expects -----------------------------------------------------------


def test_the_simulated_customer_is_filled_in(window):
    assert window.legs_panel.customer_field.text() == DEFAULT_CUSTOMER
    assert window.desk.picture.legs[1].address == DEFAULT_CUSTOMER


def test_the_banner_shows_the_simulator_and_copies_cli_settings(qtbot, window, sandbox):
    assert sandbox.api_base in window.banner.address.text()
    qtbot.mouseClick(window.banner.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    lines = dict(line.removeprefix("export ").split("=", 1) for line in copied.splitlines())
    assert lines[ENVIRONMENT["api_base"]] == sandbox.api_base
    assert lines[ENVIRONMENT["phlo_id"]] == sandbox.phlo_id and lines[ENVIRONMENT["node_id"]] == sandbox.node_id
    assert lines["PLIVO_AUTH_TOKEN"] == sandbox.auth_token
    assert lines[ENVIRONMENT["directory"]].strip("'").endswith("demo-directory.csv")  # the CLI finds the same colleagues
    assert "Copied" in window.statusBar().currentMessage()


def test_where_the_simulator_differs_the_leg_says_so_and_reset_brings_them_together(qtbot, window, sandbox):
    consult(qtbot, window)
    sandbox.reset()  # the simulator's call starts again behind the desk's back
    window.legs_panel.refresh()
    rows = {row.shown.leg.address: row for row in window.legs_panel.rows}
    assert not rows[DEFAULT_CUSTOMER].simulator.isHidden()
    assert rows[DEFAULT_CUSTOMER].simulator.text() == "Simulator: Connected"  # the desk believes: on hold
    assert rows[TARGET].simulator.text() == "Simulator: not on the call"

    qtbot.mouseClick(window.banner.reset_button, Qt.MouseButton.LeftButton)
    assert [row.shown.leg.address for row in window.legs_panel.rows] == [window.trigger_field.text(), DEFAULT_CUSTOMER]
    assert all(row.simulator.isHidden() for row in window.legs_panel.rows)
    assert window.legs_panel.only_simulated.isHidden()


def test_a_member_only_the_simulator_has_is_listed(qtbot, window, sandbox):
    window.legs_panel.customer_field.setText("")  # the desk does not know the customer's number
    window.legs_panel.refresh()
    assert f"Only in the simulator: {DEFAULT_CUSTOMER} (customer), Connected" in window.legs_panel.only_simulated.text()


def test_becoming_the_primary_button_changes_colours_not_size(qtbot, window):
    """A size that changed with the flag clipped "Warm transfer" once the layout had placed it."""
    button = window.warm_button
    primary = button.sizeHint()
    theme.set_flag(button, "primary", False)
    try:
        assert button.sizeHint() == primary
    finally:
        theme.set_flag(button, "primary", True)
    assert button.sizeHint() == primary


def test_after_join_all_complete_stays_on_the_card(qtbot, window):
    consult(qtbot, window)
    window.call_card.join_button.click()
    qtbot.waitUntil(lambda: window.desk.in_flight is None, timeout=5000)
    card = window.call_card
    assert not card.complete_button.isHidden() and card.complete_button.isEnabled()
