"""To's list of matches and the Directory panel, on the real sandbox window and its demo
directory: the list opens below To, on the screen, and shows each match whole (name,
team and the address that will be sent); the panel takes the docked window's width.

The list is a popup window of its own, so the window's fit check (test_layout.py) does
not see it: it is checked here with the same checker (tests/support/fit.py).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QStyle

from phlo_desk.ui import theme
from tests.gui.test_layout import SCHEMES, SIZES, desk  # noqa: F401  (desk: the module's sandbox window)
from tests.support import fit, window_states


def rows_cut_at_the_edge(popup) -> list[str]:  # type: ignore[no-untyped-def]
    """The matches wider than the list: a list view lays each row out as wide as its text,
    so fit.problems sees the row whole while the view cuts it at its edge."""
    room = popup.viewport().width()
    cut = []
    for row in range(popup.model().rowCount()):
        index = popup.model().index(row, 0)
        needed = popup.visualRect(index).right() + 1
        if needed > room:
            cut.append(f"row {row} {index.data()!r} needs {needed} px, the list has {room}")
    return cut


def wait_for(qtbot):  # type: ignore[no-untyped-def]
    return lambda predicate: qtbot.waitUntil(predicate, timeout=5000)


@pytest.fixture
def connected(qtbot, desk):  # noqa: F811
    qtbot.waitUntil(lambda: "Connected" in desk.connection_label.text(), timeout=5000)
    yield desk
    desk.use_colours(theme.Scheme.SYSTEM)


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.value)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_list_of_matches_opens_below_to_on_the_screen_and_shows_each_match_whole(qtbot, connected, size,
                                                                                      scheme):
    connected.use_colours(scheme)
    with window_states.in_state(connected, "directory-search", size, wait_for(qtbot)) as window:
        popup = window_states.completion_popup(window)
        fit.settle(popup)
        edit = window.to_field.edit
        # Qt lays the list's top edge over To's frame, never over its text.
        frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
        below_to = edit.mapToGlobal(edit.rect().bottomLeft()).y() - frame
        where = popup.frameGeometry()
        assert window.screen().availableGeometry().contains(where), f"the list at {where} leaves the screen"
        assert where.top() >= below_to, "the list covers what is typed in To"
        shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
        assert [text.split(" (")[0] for text in shown] == ["Alice Chen", "José Álvarez"]
        assert not popup.verticalScrollBar().isVisible()  # two matches: both in view
        found = fit.problems(popup) + rows_cut_at_the_edge(popup)
        assert not found, f"To's list at {size[0]}x{size[1]}, {scheme.value}:\n  " + "\n  ".join(found)


def test_the_checker_sees_a_match_cut_short_in_the_list(qtbot, connected):
    """The test above would pass on a check blind to rows cut at the list's edge: show it one."""
    with window_states.in_state(connected, "directory-search", (1400, 900), wait_for(qtbot)) as window:
        popup = window_states.completion_popup(window)
        assert not rows_cut_at_the_edge(popup)  # as wide as To at full size: the matches fit
        popup.setFixedWidth(120)
        try:
            fit.settle(popup)
            assert any("sip:alice240315091200@phone.plivo.com" in line for line in rows_cut_at_the_edge(popup))
        finally:
            popup.setMinimumWidth(0)
            popup.setMaximumWidth(16777215)


def test_a_colleague_picked_by_keyboard_is_named_offline_under_to(qtbot, connected):
    with window_states.in_state(connected, "directory-picked", (400, 700), wait_for(qtbot)) as window:
        assert window.to_field.text() == "Priya Natarajan <sip:priya240315091200@phone.plivo.com>"
        assert window.to_field.hint.text().replace("\xa0", " ").endswith("Priya Natarajan, Support, softphone offline")
        assert not window_states.completion_popup(window).isVisible()
        assert not fit.problems(window)


def test_the_panel_takes_the_docked_width_on_the_screen(qtbot, connected):
    with window_states.in_state(connected, "directory-panel", (400, 700), wait_for(qtbot)) as panel:
        assert panel.width() == 400, "the panel's minimum is wider than the docked window"
        assert panel.model.compact  # one two-line cell per entry at this width
        assert panel.window().screen().availableGeometry().contains(panel.frameGeometry())
        assert panel.count_label.text() == "4 entries"
