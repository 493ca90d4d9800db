"""The Directory panel on a real core Directory: searching, filtering, picking by mouse and
by keyboard, starring, the agent's own entries, presence, 10,000 entries, and the fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolButton,
    QWidget,
)

from phlo_desk.core.directory import SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO, Directory, Entry
from phlo_desk.ui import theme
from phlo_desk.ui.directory_panel import DirectoryPanel
from phlo_desk.ui.directory_table import ADDRESS, NAME, PRESENCE, STAR
from tests.gui.conftest import answer_next_dialog
from tests.support import fit

ALICE = Entry("Alice Chen", "+14155550101", "Billing", notes="Mornings only", source=SOURCE_LIST)
BILLING = Entry("Billing desk", "+14155550102", "Billing", source=SOURCE_LIST)
JOSE = Entry("José Ortega", "sip:jose@phone.plivo.com", "Support", source=SOURCE_PLIVO, key="ep-1",
             endpoint_id="ep-1")
MEI = Entry("Mei Tanaka", "sip:mei@phone.plivo.com", "Support", source=SOURCE_PLIVO, key="ep-2", endpoint_id="ep-2")
BOB = Entry("Bob Marsh", "+442079460958", "Customer support", notes="Escalations", favourite=True,
            source=SOURCE_OWN, key="own-1")
ENTRIES = (ALICE, BILLING, JOSE, MEI, BOB)
STATUS = ["IT's list: 2 entries.", "Your own entries: 1.", "Plivo endpoints: 2."]


@pytest.fixture(autouse=True)
def colours(qapp):
    """As the app does: the style and colours are set before the first widget is made."""
    theme.manager()


def open_panel(qtbot, entries=ENTRIES, status=STATUS, size=(720, 560)) -> DirectoryPanel:  # type: ignore[no-untyped-def]
    panel = DirectoryPanel()
    qtbot.addWidget(panel)
    panel.set_directory(Directory(entries), list(status))
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def panel(qtbot):
    return open_panel(qtbot)


def names(panel: DirectoryPanel) -> list[str]:
    return [entry.name for entry in panel.model.entries]


def choose(panel: DirectoryPanel, entry: Entry) -> None:
    panel.table.setCurrentIndex(panel.model.index(panel.model.entries.index(entry), NAME))


def cell_centre(panel: DirectoryPanel, entry: Entry, column: int) -> QPoint:
    return panel.table.visualRect(panel.model.index(panel.model.entries.index(entry), column)).center()


def test_opens_on_every_entry_favourites_first_with_the_first_chosen(panel):
    assert names(panel) == ["Bob Marsh", "Alice Chen", "Billing desk", "José Ortega", "Mei Tanaka"]
    assert panel.current_entry() == BOB
    assert panel.count_label.text() == "5 entries"
    assert panel.search_edit.hasFocus()
    row = [panel.model.index(0, column).data() for column in range(panel.model.columnCount())]
    assert row == ["\u2605", "Bob Marsh", "Customer support", "+442079460958", "My entry", ""]
    assert panel.model.index(1, STAR).data() == "\u2606"


def test_search_narrows_the_table_by_words_initials_accents_and_digits(qtbot, panel):
    for typed, found in (("ali che", ["Alice Chen"]), ("bil", ["Billing desk", "Alice Chen"]),
                         ("ac", ["Alice Chen"]), ("jose", ["José Ortega"]), ("0958", ["Bob Marsh"]),
                         ("zzz", [])):
        panel.search_edit.clear()
        qtbot.keyClicks(panel.search_edit, typed)
        assert names(panel) == found, typed
    assert panel.count_label.text() == "Nothing matches: change the search or the filters."
    assert not panel.use_button.isEnabled()
    panel.search_edit.clear()
    assert len(names(panel)) == len(ENTRIES)


def test_team_and_source_filters_narrow_the_table_and_combine_with_the_search(qtbot, panel):
    teams = [panel.team_combo.itemText(i) for i in range(panel.team_combo.count())]
    assert teams == ["All teams", "Billing", "Customer support", "Support"]
    sources = [panel.source_combo.itemText(i) for i in range(panel.source_combo.count())]
    assert sources == ["All sources", "IT's list", "My entries", "Plivo endpoints"]
    panel.team_combo.setCurrentIndex(teams.index("Support"))
    assert names(panel) == ["José Ortega", "Mei Tanaka"]
    qtbot.keyClicks(panel.search_edit, "mei")
    assert names(panel) == ["Mei Tanaka"]
    panel.search_edit.clear()
    panel.team_combo.setCurrentIndex(0)
    panel.source_combo.setCurrentIndex(sources.index("My entries"))
    assert names(panel) == ["Bob Marsh"]
    panel.source_combo.setCurrentIndex(sources.index("IT's list"))
    assert names(panel) == ["Alice Chen", "Billing desk"]


def test_a_new_directory_keeps_the_search_the_filters_and_the_entry_chosen(qtbot, panel):
    panel.team_combo.setCurrentIndex(panel.team_combo.findText("Billing"))
    choose(panel, BILLING)
    carol = Entry("Carol Billings", "+14155550103", "Billing", source=SOURCE_OWN, key="own-2")
    panel.set_directory(Directory((*ENTRIES, carol)), STATUS)
    assert panel.team_combo.currentText() == "Billing"
    assert names(panel) == ["Alice Chen", "Billing desk", "Carol Billings"]
    assert panel.current_entry() == BILLING


def test_use_emits_the_entry_chosen_and_hides_the_panel(qtbot, panel):
    choose(panel, ALICE)
    with qtbot.waitSignal(panel.use_entry) as used:
        qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    assert used.args == [ALICE]
    assert not panel.isVisible()


def test_return_in_the_search_box_uses_the_top_match(qtbot, panel):
    qtbot.keyClicks(panel.search_edit, "ali")
    with qtbot.waitSignal(panel.use_entry) as used:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert used.args == [ALICE]
    assert not panel.isVisible()


def test_down_moves_into_the_table_and_return_uses_the_row_once(qtbot, panel):
    qtbot.keyClicks(panel.search_edit, "bil")
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    assert panel.table.hasFocus()
    assert panel.current_entry() == BILLING  # the top match, as Return in the search box would use
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.current_entry() == ALICE
    used = []
    panel.use_entry.connect(used.append)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert used == [ALICE]  # once: the table's own activation does not use it again


def test_up_on_the_first_row_and_typing_in_the_table_go_back_to_the_search(qtbot, panel):
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    assert panel.table.hasFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    assert panel.search_edit.hasFocus()
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    qtbot.keyClicks(panel.table, "mei")
    assert panel.search_edit.hasFocus() and panel.search_edit.text() == "mei"
    assert names(panel) == ["Mei Tanaka"]


def test_double_clicking_a_row_uses_it(qtbot, panel):
    where = cell_centre(panel, JOSE, ADDRESS)
    used = []
    panel.use_entry.connect(used.append)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert used == [] and panel.current_entry() == JOSE  # one click chooses
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert used == [JOSE]


def test_the_star_cell_space_and_the_shortcut_star_and_unstar(qtbot, panel):
    with qtbot.waitSignal(panel.star_requested) as starred:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(panel, ALICE, STAR))
    assert starred.args == [ALICE.address, True]
    choose(panel, BOB)  # a favourite already
    panel.table.setFocus()
    with qtbot.waitSignal(panel.star_requested) as starred:
        qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert starred.args == [BOB.address, False]
    assert "Ctrl+S" in panel.star_button.text()
    panel.search_edit.setFocus()
    choose(panel, JOSE)
    with qtbot.waitSignal(panel.star_requested) as starred:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert starred.args == [JOSE.address, True]
    assert panel.isVisible()  # starring is not choosing


@pytest.mark.parametrize("entry", [ALICE, JOSE], ids=["IT's list", "Plivo"])
def test_entries_of_it_and_plivo_cannot_be_edited_or_removed(qtbot, panel, entry):
    choose(panel, entry)
    for button in (panel.edit_button, panel.remove_button):
        assert not button.isEnabled()
        assert "read-only" in button.toolTip()
    assert panel.star_button.isEnabled() and panel.use_button.isEnabled()
    edits = []
    panel.edit_requested.connect(lambda *args: edits.append(args))
    panel.remove_requested.connect(edits.append)
    panel.edit_current()
    panel.remove_current()
    assert panel.editor is None and edits == []
    choose(panel, BOB)
    assert panel.edit_button.isEnabled() and panel.remove_button.isEnabled()
    assert "read-only" not in panel.edit_button.toolTip()


def test_add_sends_the_fields_with_the_address_as_it_will_be_sent(qtbot, panel):
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    editor = panel.editor
    assert editor is not None and editor.isVisible()
    assert not editor.save_button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(editor.name_edit, "Dana Cruz")
    qtbot.keyClicks(editor.address_field.edit, "(415) 555-0123")
    assert editor.address_field.hint.text().startswith("Will send: +14155550123")
    qtbot.keyClicks(editor.team_edit, "Billing")
    qtbot.keyClicks(editor.notes_edit, "Back office")
    with qtbot.waitSignal(panel.add_requested) as added:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert added.args == [{"name": "Dana Cruz", "address": "+14155550123", "team": "Billing", "notes": "Back office"}]
    qtbot.waitUntil(lambda: panel.editor is None)


def test_an_invalid_address_cannot_be_saved(qtbot, panel):
    panel.add_entry()
    qtbot.keyClicks(panel.editor.name_edit, "Dana Cruz")
    qtbot.keyClicks(panel.editor.address_field.edit, "12")
    assert not panel.editor.save_button.isEnabled()
    assert panel.editor.address_field.hint.property("hint") == "error"


def test_edit_opens_the_entry_and_sends_its_key_with_the_new_fields(qtbot, panel):
    choose(panel, BOB)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    editor = panel.editor
    assert (editor.name_edit.text(), editor.address_field.text(), editor.team_edit.text(),
            editor.notes_edit.text()) == ("Bob Marsh", "+442079460958", "Customer support", "Escalations")
    editor.team_edit.setText("Retention")
    with qtbot.waitSignal(panel.edit_requested) as edited:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert edited.args == ["own-1", {"name": "Bob Marsh", "address": "+442079460958", "team": "Retention",
                                     "notes": "Escalations"}]


def test_a_save_that_failed_comes_back_in_the_editor_as_typed(qtbot, panel):
    panel.add_entry()
    panel.editor.name_edit.setText("Dana Cruz")
    panel.editor.address_field.setText("+14155550123")
    panel.editor.save_button.click()
    qtbot.waitUntil(lambda: panel.editor is None)
    panel.set_directory(Directory(ENTRIES), STATUS)  # a refresh before the answer: not yet saved
    panel.show_entry_problem("Could not save the directory entry: the disk is full.")
    editor = panel.editor
    assert editor is not None and editor.isVisible()
    assert (editor.name_edit.text(), editor.address_field.text()) == ("Dana Cruz", "+14155550123")
    assert editor.problem_label.isVisible() and "the disk is full" in editor.problem_label.text()
    assert "the disk is full" in panel.problem_label.text()


def test_a_problem_after_a_saved_entry_does_not_bring_the_editor_back(qtbot, panel):
    panel.add_entry()
    panel.editor.name_edit.setText("Dana Cruz")
    panel.editor.address_field.setText("+14155550123")
    panel.editor.save_button.click()
    qtbot.waitUntil(lambda: panel.editor is None)
    dana = Entry("Dana Cruz", "+14155550123", source=SOURCE_OWN, key="own-3")
    panel.set_directory(Directory((*ENTRIES, dana)), STATUS)
    panel.show_entry_problem("Could not star +14155550101.")
    assert panel.editor is None
    assert panel.problem_label.isVisible()


def test_remove_asks_naming_the_entry_and_sends_its_key(qtbot, panel):
    choose(panel, BOB)
    buttons: list[list[str]] = []
    seen = answer_next_dialog(QMessageBox.StandardButton.Yes, buttons)
    with qtbot.waitSignal(panel.remove_requested) as removed:
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert removed.args == ["own-1"]
    assert "Bob Marsh" in seen[0]
    assert buttons == [["Remove Bob Marsh", "Keep"]]


def test_keep_removes_nothing(qtbot, panel):
    choose(panel, BOB)
    answer_next_dialog(QMessageBox.StandardButton.No)
    with qtbot.assertNotEmitted(panel.remove_requested):
        panel.remove_current()


def test_presence_shows_available_offline_or_nothing(qtbot, panel):
    panel.set_presence({"ep-1": True, "ep-2": False, "ep-9": True})

    def presence(entry: Entry) -> str:
        return panel.model.index(panel.model.entries.index(entry), PRESENCE).data()

    assert (presence(JOSE), presence(MEI), presence(ALICE)) == ("available", "offline", "")
    panel.set_presence({"ep-1": None})
    assert (presence(JOSE), presence(MEI)) == ("", "")
    panel.set_presence({"ep-2": True})
    panel.resize(400, 700)
    fit.settle(panel)
    assert panel.model.compact  # narrow: one three-line cell per row, presence in it
    row = panel.model.entries.index(MEI)
    assert panel.model.index(row, NAME).data() == "Mei Tanaka \u00b7 Support\nsip:mei@phone.plivo.com\n" \
                                                  "Plivo endpoint \u00b7 available"


def test_many_status_lines_fold_behind_show_all(qtbot):
    lines = ["IT's list: 40 entries, 4 rows skipped."] + [f"Row {n}: no address." for n in range(2, 6)]
    panel = open_panel(qtbot, status=lines)
    assert panel.status_label.text().splitlines() == lines[:3]
    assert panel.more_button.isVisible() and panel.more_button.text() == "Show all 5 lines"
    qtbot.mouseClick(panel.more_button, Qt.MouseButton.LeftButton)
    assert panel.status_label.text().splitlines() == lines
    panel.set_directory(Directory(ENTRIES), STATUS)
    assert panel.status_label.text().splitlines() == STATUS and not panel.more_button.isVisible()


def test_every_control_has_a_name_a_screen_reader_says(qtbot, panel):
    panel.add_entry()
    for window in (panel, panel.editor):  # the clear buttons show while their field holds text
        for edit in window.findChildren(QLineEdit):
            edit.setText("x")
    controls = [widget for window in (panel, panel.editor) for widget in window.findChildren(QWidget)
                if isinstance(widget, (QAbstractButton, QLineEdit, QComboBox, QTableView)) and widget.isVisible()
                and not isinstance(widget.parentWidget(), QComboBox)]
    assert len(controls) > 20

    def spoken(widget: QWidget) -> str:
        return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)

    assert [(type(widget).__name__, widget.objectName(), widget.parentWidget().objectName())
            for widget in controls if not spoken(widget).strip()] == []
    clear = [button for button in panel.search_edit.findChildren(QToolButton) if button.isVisible()]
    assert [spoken(button) for button in clear] == ["Clear Search the directory"]


def test_ten_thousand_entries_make_no_widget_per_row(qtbot):
    def widgets_with(count: int) -> int:
        entries = [Entry(f"Person {n:05d}", f"+1415{n:07d}", f"Team {n % 40}", source=SOURCE_LIST)
                   for n in range(count)]
        panel = open_panel(qtbot, entries=entries)
        fit.settle(panel)
        assert panel.model.rowCount() == count
        shown = [panel.model.index(row, column) for row in range(min(count, 30)) for column in range(6)]
        assert all(panel.table.indexWidget(index) is None for index in shown)
        return len(panel.findChildren(QWidget))

    assert widgets_with(10_000) == widgets_with(10)


def test_the_count_is_written_as_the_language_writes_numbers(qtbot):
    entries = [Entry(f"Person {n:05d}", f"+1415{n:07d}") for n in range(1234)]
    panel = open_panel(qtbot, entries=entries)
    assert panel.count_label.text() == f"{QLocale().toString(1234)} entries"
    qtbot.keyClicks(panel.search_edit, "+1 415 000 0007")
    assert panel.count_label.text() == "1 entry"
    panel.set_directory(Directory(()), [])
    assert panel.count_label.text() == "No entries yet: add your own, or ask IT for a list."
    assert not panel.status_label.isVisible()


@pytest.mark.parametrize("scheme", [theme.Scheme.LIGHT, theme.Scheme.DARK], ids=lambda s: s.value)
@pytest.mark.parametrize("size", [(400, 700), (900, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_is_clipped_and_every_text_is_readable(qtbot, size, scheme):
    theme.manager().use(scheme)
    try:
        lines = STATUS + [f"IT's list, row {n}: the address is not a phone number or sip:user@host." for n in range(4)]
        panel = open_panel(qtbot, status=lines, size=size)
        panel.set_presence({"ep-1": True, "ep-2": False})
        panel.more_button.click()
        panel.show_entry_problem("Could not save the directory entry: the folder is read-only.")
        assert panel.width() == size[0]
        assert panel.model.compact == (size[0] < 600)
        found = fit.problems(panel)
        assert not found, f"{size}:\n  " + "\n  ".join(found)
        choose(panel, BOB)
        panel.edit_current()
        panel.editor.show_problem("Could not save the directory entry: the folder is read-only.")
        panel.editor.resize(size[0], panel.editor.height())
        found = fit.problems(panel.editor)
        assert not found, f"editor at {size[0]} px:\n  " + "\n  ".join(found)
    finally:
        theme.manager().use(theme.Scheme.SYSTEM)


def test_the_checker_sees_a_clipped_cell_in_the_panel(qtbot):
    """The fit test would pass on a checker that saw nothing: show it one real defect."""
    panel = open_panel(qtbot, size=(900, 600))
    panel.table.horizontalHeader().resizeSection(ADDRESS, 40)
    assert any("directoryTable" in line for line in fit.problems(panel))


def test_a_colleague_in_it_s_list_who_is_also_an_endpoint_shows_the_endpoint_s_presence(qtbot):
    listed_mei = Entry("Mei Tanaka", "sip:mei@phone.plivo.com", "Support", source=SOURCE_LIST)
    panel = open_panel(qtbot, entries=(*ENTRIES, listed_mei))
    panel.set_presence({"ep-2": False})
    row = panel.model.entries.index(listed_mei)
    assert panel.model.index(row, PRESENCE).data() == "offline"


def test_when_the_chosen_entry_goes_away_in_a_refresh_nothing_is_chosen_in_its_place(qtbot):
    panel = open_panel(qtbot)
    row = panel.model.entries.index(MEI)
    panel.table.setCurrentIndex(panel.model.index(row, NAME))
    assert panel.current_entry() == MEI
    used = []
    panel.use_entry.connect(used.append)
    panel.set_directory(Directory([entry for entry in ENTRIES if entry != MEI]), list(STATUS))
    assert panel.current_entry() is None
    panel.use_current()  # what Return would do
    assert used == [] and panel.use_button.isEnabled() is False
