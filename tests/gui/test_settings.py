"""Settings: first start, the write-only token in the real keyring, the connection test."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.credentials import CredentialStore
from phlo_desk.core.settings import Profile, SettingsStore
from phlo_desk.sandbox import SandboxServer
from phlo_desk.sandbox.http import HttpResponse
from phlo_desk.ui import theme
from phlo_desk.ui.settings_dialog import SettingsDialog
from phlo_desk.ui.worker import Background
from tests.gui.conftest import open_window, when_dialog_opens
from tests.gui.test_log_view import clipped_texts
from tests.support.recording_server import RecordingServer
from tests.support.secrets import AUTH_ID, TOKEN
from tests.unit.test_credentials import needs_secret_service


@pytest.fixture
def config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PHLO_DESK_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


@pytest.fixture
def sandbox_with_test_token():
    # The test token, so the end-of-run scan proves it reached no file.
    with SandboxServer(auth_token=TOKEN) as server:
        yield server


# Runs phlo_desk.ui.app.main() as the desktop entry does; a timer reports (and closes)
# the first modal dialog, then quits. Bounded: with no dialog it quits after 30 s.
FIRST_START_DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from phlo_desk.ui.app import main

app = QApplication(sys.argv[:1])

def look():
    dialog = QApplication.activeModalWidget()
    if dialog is not None:
        poll.stop()
        print("opened:", dialog.objectName(), flush=True)
        dialog.reject()
        QTimer.singleShot(0, app.quit)

poll = QTimer()
poll.timeout.connect(look)
poll.start(20)
QTimer.singleShot(30000, app.quit)
sys.exit(main(sys.argv[1:]))
"""


def test_first_start_with_nothing_configured_opens_settings(tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLIVO_", "PHLO_DESK_"))}
    env.update(PHLO_DESK_CONFIG_DIR=str(tmp_path / "config"), XDG_RUNTIME_DIR=str(runtime),
               QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    done = subprocess.run([sys.executable, "-c", FIRST_START_DRIVER], env=env,
                          capture_output=True, text=True, timeout=90)
    assert "opened: settingsDialog" in done.stdout.splitlines(), done.stdout + done.stderr
    assert done.returncode == 0 and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "environ"),
    [(["--sandbox"], {}), ([], {"PHLO_DESK_PHLO_ID": "p"}), (["--node-id", "n"], {})],
)
def test_settings_do_not_pop_up_when_anything_is_provisioned(qtbot, config_dir, args, environ):
    launched = open_window(qtbot, args, environ=environ)
    try:
        assert not launched.first_start
    finally:
        launched.shutdown()


def fill(dialog, sandbox: SandboxServer, token: str = TOKEN) -> None:
    for name, value in sandbox.credentials().items():
        if name in dialog.inputs:
            dialog.inputs[name].setText(value)
    dialog.token.setText(token)


@needs_secret_service
def test_saving_puts_the_token_in_the_keyring_and_never_on_disk(qtbot, config_dir, sandbox_with_test_token):
    sandbox = sandbox_with_test_token
    store = CredentialStore()
    launched = open_window(qtbot, [], environ={})
    window = launched.window
    outcome = {}

    def drive(dialog) -> None:
        fill(dialog, sandbox)
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result.text().startswith("\u2714"), timeout=5000)
        outcome["test"] = dialog.result.text()
        dialog.buttons.accepted.emit()

    try:
        when_dialog_opens(drive)
        assert window.open_settings()
        assert "Connected" in outcome["test"]
        assert store.get(sandbox.auth_id) == TOKEN
        saved = json.loads((config_dir / "settings.json").read_text())
        assert saved["auth_id"] == sandbox.auth_id and TOKEN not in json.dumps(saved)

        # The window now works from the keyring's token.
        window.to_field.setText("+14152225555")
        window.start_action(NodeAction.WARM_TRANSFER)
        qtbot.waitUntil(lambda: bool(window.log_model.entries), timeout=5000)
        assert window.log_model.entries[0].cells()[3] == "Accepted"

        # Reopened, the dialog says where the token is and never shows it back.
        shown = {}

        def inspect(dialog) -> None:
            qtbot.waitUntil(lambda: "stored in" in dialog.keyring_status.text(), timeout=5000)
            shown["status"], shown["token"] = dialog.keyring_status.text(), dialog.token.text()
            dialog.reject()

        when_dialog_opens(inspect)
        window.open_settings()
        assert "SecretService" in shown["status"] and shown["token"] == ""
    finally:
        store.delete(sandbox.auth_id)
        launched.background.stop()


def test_invalid_settings_are_refused_with_reasons_and_nothing_saved(qtbot, config_dir, sandbox):
    launched = open_window(qtbot, [], environ={})
    seen = {}

    def drive(dialog) -> None:
        fill(dialog, sandbox, token="")
        dialog.inputs["auth_id"].setText("XX123")
        dialog.inputs["default_region"].setText("ZZ")
        dialog.buttons.accepted.emit()
        seen["message"] = dialog.result.text()
        seen["still_open"] = dialog.isVisible()
        dialog.reject()

    try:
        when_dialog_opens(drive)
        assert not launched.window.open_settings()
        assert seen["still_open"]
        assert "MA or SA" in seen["message"] and "two-letter country code" in seen["message"]
        assert not (config_dir / "settings.json").exists()
    finally:
        launched.background.stop()


def test_connection_test_reports_a_wrong_token_plainly(qtbot, config_dir, sandbox):
    launched = open_window(qtbot, [], environ={})
    seen = {}

    def drive(dialog) -> None:
        fill(dialog, sandbox, token="not-the-token")
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result.text().startswith("\u2716"), timeout=5000)
        seen["message"] = dialog.result.text()
        dialog.reject()

    try:
        when_dialog_opens(drive)
        launched.window.open_settings()
        assert "rejected the Auth ID / Auth Token" in seen["message"]
        assert QApplication.activeModalWidget() is None
    finally:
        launched.background.stop()


def test_flags_and_environment_provision_the_window_like_the_cli(qtbot, config_dir):
    environ = {"PHLO_DESK_PHLO_ID": "env-phlo", "PHLO_DESK_TRIGGER_SOURCE": "+14152223333",
               "PLIVO_AUTH_ID": "MAENVIRONMENT0000001"}
    launched = open_window(qtbot, ["--node-id", "flag-node", "--trigger-source", "(415) 222-4444"], environ=environ)
    try:
        profile = launched.window.profile
        assert (profile.phlo_id, profile.node_id, profile.auth_id) == ("env-phlo", "flag-node", "MAENVIRONMENT0000001")
        assert profile.sources["trigger_source"] == "command line"
        assert launched.window.trigger_field.address.wire == "+14152224444"
    finally:
        launched.background.stop()


def test_a_tel_link_fills_to_and_sends_nothing(qtbot, sandbox):
    launched = open_window(qtbot, ["--sandbox", "tel:+1-415-222-5555"], sandbox=sandbox)
    try:
        window = launched.window
        assert window.to_field.address.wire == "+14152225555"
        qtbot.wait(300)
        assert sandbox.snapshot()["events"] == [] and window.log_model.entries == []
    finally:
        launched.background.stop()


def test_only_one_desk_per_user(tmp_path):
    """A second desk would have its own double-send guard: it must not start."""
    import subprocess
    import sys

    from phlo_desk.ui.app import hold_single_instance_lock

    path = tmp_path / "run" / "phlo-desk.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from phlo_desk.ui.app import hold_single_instance_lock; "
         f"lock = hold_single_instance_lock(Path({str(path)!r})); print(lock is not None, flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "True"
        assert hold_single_instance_lock(path) is None
    finally:
        holder.kill()
        holder.wait(timeout=10)
    # the holder died without unlocking: its lock is stale and is taken over
    lock = hold_single_instance_lock(path)
    assert lock is not None
    lock.unlock()


def test_saving_settings_where_they_cannot_be_written_says_so(qtbot, tmp_path, monkeypatch, sandbox):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the settings folder should be")
    monkeypatch.setenv("PHLO_DESK_CONFIG_DIR", str(blocked))
    launched = open_window(qtbot, [], environ={})
    seen = {}

    def drive(dialog) -> None:
        fill(dialog, sandbox, token="")
        dialog.buttons.accepted.emit()
        seen["message"], seen["open"] = dialog.result.text(), dialog.isVisible()
        dialog.reject()

    when_dialog_opens(drive)
    assert not launched.window.open_settings()
    assert seen["open"] and "could not be saved" in seen["message"] and "Traceback" not in seen["message"]


def test_the_connection_test_shows_server_text_as_plain_text(qtbot, config_dir):
    markup = "<b>bold</b> <img src='https://tracker.example/x.png'> <a href='https://evil.example'>log in</a>"
    seen = {}
    with RecordingServer(default=HttpResponse.json(400, {"api_id": "", "error": markup})) as server:
        launched = open_window(qtbot, [], environ={})

        def drive(dialog) -> None:
            for name, value in {"api_base": server.url, "auth_id": AUTH_ID, "phlo_id": "p", "node_id": "n"}.items():
                dialog.inputs[name].setText(value)
            dialog.token.setText(TOKEN)
            qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: dialog.result.text().startswith("\u2716"), timeout=5000)
            seen["text"], seen["format"] = dialog.result.text(), dialog.result.textFormat()
            dialog.reject()

        try:
            when_dialog_opens(drive)
            launched.window.open_settings()
        finally:
            launched.background.stop()
    assert seen["format"] == Qt.TextFormat.PlainText
    assert markup in seen["text"]  # shown as the characters it is, not rendered


@pytest.fixture
def desktop_folders(tmp_path, monkeypatch):
    """The user's and IT's settings folders as on a desktop (PHLO_DESK_CONFIG_DIR skips IT's)."""
    monkeypatch.delenv("PHLO_DESK_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "system"))
    return tmp_path / "user" / "phlo-desk" / "settings.json", tmp_path / "system" / "phlo-desk" / "settings.json"


def write_json(path, values) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values))


def test_the_dialog_saves_only_what_was_changed_in_it(qtbot, desktop_folders):
    user_file, system_file = desktop_folders
    write_json(system_file, {"node_id": "it-node", "default_region": "GB", "api_base": "https://phlorunner.plivo.com"})
    write_json(user_file, {"auth_id": AUTH_ID})
    launched = open_window(qtbot, ["--phlo-id", "flag-phlo"], environ={"PHLO_DESK_TRIGGER_SOURCE": "+14152223333"})
    seen = {}

    def drive(dialog) -> None:
        seen["shown"] = {name: edit.text() for name, edit in dialog.inputs.items()}
        dialog.inputs["node_id"].setText("my-node")
        dialog.buttons.accepted.emit()
        if dialog.isVisible():  # refused: close it, so the test fails instead of waiting
            dialog.reject()

    try:
        when_dialog_opens(drive)
        assert launched.window.open_settings()
    finally:
        launched.background.stop()
    assert seen["shown"]["phlo_id"] == "flag-phlo" and seen["shown"]["default_region"] == "GB"
    assert json.loads(user_file.read_text()) == {"auth_id": AUTH_ID, "node_id": "my-node"}


def test_a_url_with_a_password_is_never_shown_in_the_dialog(qtbot, config_dir):
    secret_url = f"https://{AUTH_ID}:{TOKEN}@phlorunner.plivo.com"
    launched = open_window(qtbot, ["--api-base", secret_url, "--phlo-id", "p", "--node-id", "n"], environ={})
    seen = {}

    def drive(dialog) -> None:
        edit = dialog.inputs["api_base"]
        seen["field"], seen["placeholder"], seen["result"] = edit.text(), edit.placeholderText(), dialog.result.text()
        edits = dialog.findChildren(QLineEdit)
        seen["everything"] = " ".join(e.text() + e.placeholderText() + e.toolTip() for e in edits)
        dialog.inputs["auth_id"].setText(AUTH_ID)
        dialog.buttons.accepted.emit()
        if dialog.isVisible():  # refused: close it, so the test fails instead of waiting
            seen["refused"] = dialog.result.text()
            dialog.reject()

    try:
        when_dialog_opens(drive)
        assert launched.window.open_settings()
    finally:
        launched.background.stop()
    assert seen["field"] == "" and "user or password" in seen["placeholder"]
    assert "hidden" in seen["result"] and TOKEN not in seen["everything"] + seen["result"]
    assert json.loads((config_dir / "settings.json").read_text()) == {"auth_id": AUTH_ID}


@pytest.mark.parametrize("width", [400, 1400], ids=["docked", "wide"])
def test_the_dialog_fits_a_docked_width_and_a_wide_screen(qtbot, config_dir, width):
    theme.manager()  # as the app does before its first widget
    background = Background()
    try:
        dialog = SettingsDialog(Profile(), background, SettingsStore(config_dir))
        qtbot.addWidget(dialog)
        dialog.resize(width, 300)  # shorter than it needs: it must grow, not squeeze its texts
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: "Checking" not in dialog.keyring_status.text(), timeout=5000)
        dialog.inputs["auth_id"].setText("XX123")
        dialog.inputs["default_region"].setText("ZZ")
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)  # refused here, with two long reasons
        assert dialog.result.text().startswith("\u2716") and "MA or SA" in dialog.result.text()

        def whole() -> None:
            assert dialog.width() == width
            problems = clipped_texts(dialog)
            assert not problems, f"at {width} px:\n  " + "\n  ".join(problems)

        qtbot.waitUntil(whole, timeout=3000)
        form = dialog.findChild(QFormLayout)
        for row in range(form.rowCount()):
            label, field = (form.itemAt(row, role) for role in (QFormLayout.ItemRole.LabelRole,
                                                                QFormLayout.ItemRole.FieldRole))
            if label is None:
                continue  # the keyring note, under the token field
            label, field = label.widget().geometry(), field.widget().geometry()
            if width < 500:
                assert label.bottom() < field.top(), "a label above its field when narrow"
            else:
                assert label.right() < field.left() and label.top() < field.center().y() < label.bottom() + 8
    finally:
        background.stop()


def test_locked_settings_are_read_only_and_say_who_set_them(qtbot, tmp_path):
    from phlo_desk.core.settings import SettingsStore, resolve_profile
    from phlo_desk.ui.settings_dialog import SettingsDialog
    from phlo_desk.ui.worker import Background

    store = SettingsStore(user_dir=tmp_path / "user", system_dir=tmp_path / "system", policies=lambda: {})
    store.system_file.parent.mkdir(parents=True)
    store.system_file.write_text('{"phlo_id": "it-phlo", "node_id": "it-node", "locked": ["phlo_id", "node_id"]}')
    profile = resolve_profile({}, {}, store)
    background = Background()
    try:
        dialog = SettingsDialog(profile, background, store)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.inputs["phlo_id"].isReadOnly() and dialog.inputs["node_id"].isReadOnly()
        assert not dialog.inputs["auth_id"].isReadOnly()
        assert not dialog.locked_note.isHidden()
        assert dialog.locked_note.text() == "Set by your IT department (read-only): PHLO ID, Node ID."
        assert "IT department" in dialog.inputs["phlo_id"].accessibleDescription()
    finally:
        background.stop()


# -- the desktop preferences ----------------------------------------------------------------------

def test_the_desktop_preferences_save_only_what_was_changed(qtbot, desktop_folders):
    from phlo_desk.ui.translation import available_languages

    user_file, _system_file = desktop_folders
    offered = available_languages()
    chosen = offered[-1][0]  # a language the desk has a catalogue for here
    write_json(user_file, {"language": chosen})
    launched = open_window(qtbot, [], environ={})
    seen = {}

    def drive(dialog) -> None:
        seen["checked"] = {name: switch.box.isChecked() for name, switch in dialog.switches.items()}
        seen["languages"] = [(dialog.language.itemData(i), dialog.language.itemText(i))
                             for i in range(dialog.language.count())]
        seen["language"] = dialog.language.currentData()
        qtbot.mouseClick(dialog.switches["tray"].label, Qt.MouseButton.LeftButton)  # its text toggles it too
        dialog.language.setCurrentIndex(dialog.language.findData(""))
        dialog.buttons.accepted.emit()
        if dialog.isVisible():  # refused: close it, so the test fails instead of waiting
            dialog.reject()

    try:
        when_dialog_opens(drive)
        assert launched.window.open_settings()
    finally:
        launched.background.stop()
    assert seen["checked"] == {"tray": True, "notifications": True, "directory_endpoints": False}
    assert seen["language"] == chosen
    # The window opened in the saved language: the first choice is "Follow the system" in it.
    assert seen["languages"][0][0] == "" and seen["languages"][1:] == offered
    assert json.loads(user_file.read_text()) == {"tray": "off"}  # "follow the system" removed the language
    assert (launched.window.profile.tray, launched.window.profile.language) == ("off", "")


def test_a_language_the_desk_has_no_translation_for_is_shown_as_set(qtbot, tmp_path):
    background = Background()
    try:
        dialog = SettingsDialog(Profile(language="fr"), background, SettingsStore(tmp_path))
        qtbot.addWidget(dialog)
        assert dialog.language.currentText() == "fr" and dialog.changes() == {}
    finally:
        background.stop()


def test_locked_desktop_preferences_cannot_be_changed(qtbot, tmp_path):
    from phlo_desk.core.settings import resolve_profile

    store = SettingsStore(user_dir=tmp_path / "user", system_dir=tmp_path / "system", policies=lambda: {})
    store.system_file.parent.mkdir(parents=True)
    # "yes" is not valid (it counts as on), but it is IT's to replace.
    store.system_file.write_text(json.dumps({"tray": "off", "notifications": "yes", "language": "es",
                                             "locked": ["tray", "notifications", "language"]}))
    background = Background()
    try:
        dialog = SettingsDialog(resolve_profile({}, {}, store), background, store)
        qtbot.addWidget(dialog)
        dialog.show()
        tray = dialog.switches["tray"]
        assert not tray.box.isChecked() and not tray.isEnabled() and not dialog.language.isEnabled()
        qtbot.mouseClick(tray.label, Qt.MouseButton.LeftButton)
        assert not tray.box.isChecked()  # a click on its text does nothing either
        assert dialog.language.currentData() == "es" and dialog.switches["notifications"].box.isChecked()
        assert dialog.locked_note.text() == "Set by your IT department (read-only): Tray icon, Notifications, Language."
        assert "IT department" in tray.box.accessibleDescription() and "IT department" in tray.toolTip()
        assert dialog.changes() == {}
    finally:
        background.stop()


def test_preferences_from_the_environment_say_where_they_come_from(qtbot, tmp_path):
    from phlo_desk.core.settings import resolve_profile

    profile = resolve_profile({}, {"PHLO_DESK_NOTIFICATIONS": "off", "PHLO_DESK_LANGUAGE": "es"}, None)
    background = Background()
    try:
        dialog = SettingsDialog(profile, background, SettingsStore(tmp_path))
        qtbot.addWidget(dialog)
        notifications = dialog.switches["notifications"]
        assert not notifications.box.isChecked() and notifications.isEnabled()
        assert "environment" in notifications.toolTip() and "environment" in dialog.language.toolTip()
    finally:
        background.stop()


def test_the_directory_is_set_in_settings_and_a_bad_address_for_it_is_refused(qtbot, desktop_folders, tmp_path):
    user_file, _system_file = desktop_folders
    launched = open_window(qtbot, [], environ={})
    listed = tmp_path / "team.csv"
    listed.write_text("name,address\nDana Scully,+14155550199\n", encoding="utf-8")
    seen = {}

    def drive(dialog) -> None:
        dialog.inputs["directory"].setText("http://intranet.example/team.csv")  # plain http elsewhere: refused
        dialog.buttons.accepted.emit()
        seen["refused"] = dialog.isVisible()
        dialog.inputs["directory"].setText(str(listed))
        qtbot.mouseClick(dialog.switches["directory_endpoints"].label, Qt.MouseButton.LeftButton)
        dialog.buttons.accepted.emit()
        if dialog.isVisible():
            dialog.reject()

    try:
        when_dialog_opens(drive)
        assert launched.window.open_settings()
        assert seen["refused"]
        assert json.loads(user_file.read_text()) == {"directory": str(listed), "directory_endpoints": "on"}
        window = launched.window
        qtbot.waitUntil(lambda: bool(window.target_search.matches("dana")), timeout=5000)  # read at once
    finally:
        launched.background.stop()
