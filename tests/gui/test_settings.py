"""Settings: first start, the write-only token in the real keyring, the connection test."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from phlo_desk.core.actions import NodeAction
from phlo_desk.core.credentials import CredentialStore
from phlo_desk.sandbox import SandboxServer
from tests.gui.conftest import open_window, when_dialog_opens
from tests.support.secrets import TOKEN
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


def test_first_start_with_nothing_configured_opens_settings(qtbot, config_dir):
    launched = open_window(qtbot, [], environ={})
    try:
        assert launched.first_start
        qtbot.waitUntil(lambda: "Not set up" in launched.window.connection_label.text(), timeout=3000)
    finally:
        launched.background.stop()


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
