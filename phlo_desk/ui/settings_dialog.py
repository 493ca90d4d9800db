"""Settings: the connection profile, the write-only Auth Token, a connection test, and the
desktop preferences (tray icon, notifications, language)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from phlo_desk.core.addresses import DEFAULT_REGION
from phlo_desk.core.outcomes import ActionResult
from phlo_desk.core.services import KeyringState, TokenSaved
from phlo_desk.core.settings import InvalidSettings, Profile, SettingsStore, has_credentials
from phlo_desk.ui.flow_layout import RELAYOUT_EVENTS, fit_height_to_width
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.translation import available_languages, tr
from phlo_desk.ui.vocabulary import tr_detail, tr_phrase
from phlo_desk.ui.worker import Background


def setting_names() -> dict[str, str]:
    """Each setting's name as the dialog shows it, in the agent's language."""
    return {
        "api_base": tr("API base URL"),
        "auth_id": tr("Auth ID"),
        "phlo_id": tr("PHLO ID"),
        "node_id": tr("Node ID"),
        "trigger_source": tr("Your number (trigger source)"),
        "default_region": tr("Default region"),
        "tray": tr("Tray icon"),
        "notifications": tr("Notifications"),
        "language": tr("Language"),
        "directory": tr("Transfer directory"),
        "directory_endpoints": tr("Plivo SIP endpoints"),
    }


class WrappingCheckBox(QWidget):
    """A check box whose text wraps, so a narrow or translated dialog clips nothing
    (QCheckBox's own text never wraps). Clicking the text toggles it, as with QCheckBox."""

    def __init__(self, text: str, object_name: str) -> None:
        super().__init__()
        self.box = QCheckBox()
        self.box.setObjectName(object_name)
        self.box.setAccessibleName(text)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setBuddy(self.box)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # beside the box, when wrapped too
        self.label.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease \
                and event.button() == Qt.MouseButton.LeftButton:
            self.box.click()  # does nothing while disabled
            return True
        return super().eventFilter(watched, event)


class SettingsDialog(QDialog):
    # profile field -> object name of its line edit
    FIELDS = {
        "api_base": "apiBaseInput",
        "auth_id": "authIdInput",
        "phlo_id": "phloIdInput",
        "node_id": "nodeIdInput",
        "trigger_source": "settingsTriggerSourceInput",
        "default_region": "regionInput",
        "directory": "directoryInput",
    }
    SWITCHES = {"tray": "trayCheckBox", "notifications": "notificationsCheckBox",
                "directory_endpoints": "directoryEndpointsCheckBox"}

    # Beside its label a field must show a whole PHLO ID; where it cannot, labels go above.
    FIELD_SAMPLE = "00000000-0000-0000-0000-000000000000"

    def __init__(self, profile: Profile, background: Background, store: SettingsStore, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("PHLO Desk settings"))
        self.background, self.store = background, store
        self.saved_profile: Profile | None = None
        form = self._build_form(profile)

        self.test_button = QPushButton(tr("&Test connection"))
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.setAccessibleName(tr("Test connection"))
        self.test_button.setToolTip(tr("Checks the credentials and ids with Plivo; touches no call. (Alt+T)"))
        self.test_button.clicked.connect(self._test)
        self.result = QLabel()
        self.result.setObjectName("settingsResult")
        self.result.setAccessibleName(tr("Connection test result"))
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)  # server text is never markup
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setObjectName("saveSettingsButton")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        self.locked_note = QLabel()
        self.locked_note.setObjectName("lockedSettingsNote")
        self.locked_note.setWordWrap(True)
        self.locked_note.setTextFormat(Qt.TextFormat.PlainText)
        locked = [label for name, label in setting_names().items() if name in profile.locked]
        self.locked_note.setText(tr("Set by your IT department (read-only): %1.").replace("%1", ", ".join(locked)))
        self.locked_note.setVisible(bool(locked))
        layout.addWidget(self.locked_note)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)

        # What the dialog opened with: only the fields changed from it are saved. A switch
        # or language that is not valid is replaced by what the dialog shows at the next save.
        self._locked = profile.locked
        self._initial = {**self._values(), **{name: getattr(profile, name) for name in (*self.SWITCHES, "language")}}
        if has_credentials(profile.api_base):
            self._say(tr("The API base URL in use is hidden because it contains a user or password: "
                         "enter it again without them."), good=False)

        background.describe_keyring(profile.auth_id).finished.connect(self._show_keyring)

    def _build_form(self, profile: Profile) -> QFormLayout:
        form = self.form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names = setting_names()
        self.inputs: dict[str, QLineEdit] = {}
        for name, object_name in self.FIELDS.items():
            edit = QLineEdit(getattr(profile, name))
            if name == "api_base" and has_credentials(profile.api_base):
                edit.clear()  # never shown: the user or password in it may be the token
                edit.setPlaceholderText(tr("Hidden: it contains a user or password"))
            edit.setObjectName(object_name)
            edit.setAccessibleName(names[name])
            if self._explain_source(edit, name, profile):
                edit.setReadOnly(True)  # shown, selectable, never saved from here
            self.inputs[name] = edit
            form.addRow(names[name], edit)
            if name == "auth_id":
                self.token = QLineEdit()
                self.token.setObjectName("authTokenInput")
                self.token.setAccessibleName(tr("Auth Token"))
                self.token.setEchoMode(QLineEdit.EchoMode.Password)
                self.token.setToolTip(tr("Write-only: stored in the system keyring, never shown back."))
                form.addRow(tr("Auth Token"), self.token)
                self.keyring_status = QLabel(tr("Checking the keyring..."))
                self.keyring_status.setObjectName("keyringStatus")
                self.keyring_status.setAccessibleName(tr("Where the Auth Token is kept"))
                self.keyring_status.setWordWrap(True)
                self.keyring_status.setTextFormat(Qt.TextFormat.PlainText)
                # Under the token field, with no label of its own to take a line when labels go above.
                form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, self.keyring_status)
        self.inputs["default_region"].setMaxLength(2)
        directory = self.inputs["directory"]
        directory.setPlaceholderText(tr("A CSV or JSON file, or an https address"))
        if not directory.toolTip():
            directory.setToolTip(tr("IT's list of colleagues and teams, searched in To. Read at start and every "
                                    "15 minutes; a copy is kept for when it cannot be reached."))
        self._build_preferences(form, profile)
        return form

    def _build_preferences(self, form: QFormLayout, profile: Profile) -> None:
        self.switches = {
            "tray": WrappingCheckBox(tr("Show an icon in the system tray"), self.SWITCHES["tray"]),
            "notifications": WrappingCheckBox(tr("Notify me of answers while I work in another window"),
                                              self.SWITCHES["notifications"]),
            "directory_endpoints": WrappingCheckBox(
                tr("Add the Plivo account's SIP endpoints to the directory, with whether each is signed in"),
                self.SWITCHES["directory_endpoints"]),
        }
        for name, switch in self.switches.items():
            switch.box.setChecked(profile.is_on(name))
            if self._explain_source(switch, name, profile):  # on the box and its text alike
                switch.setEnabled(False)  # a check box has no read-only state
            form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, switch)  # under the fields, no label
        tray = self.switches["tray"]
        if not QSystemTrayIcon.isSystemTrayAvailable() and not tray.toolTip():
            tray.setToolTip(tr("This desktop has no system tray: the icon shows on desktops that have one."))
        for switch in self.switches.values():
            switch.box.setAccessibleDescription(switch.toolTip())
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.setAccessibleName(tr("Language"))
        self.language.addItem(tr("Follow the system"), "")
        for code, native_name in available_languages():
            self.language.addItem(native_name, code)
        if self.language.findData(profile.language) < 0:  # one this desk has no translation for: shown as set
            self.language.addItem(profile.language, profile.language)
        self.language.setCurrentIndex(self.language.findData(profile.language))
        if self._explain_source(self.language, "language", profile):
            self.language.setEnabled(False)
        elif not self.language.toolTip():
            self.language.setToolTip(tr("PHLO Desk uses it from its next start."))
        form.addRow(tr("Language"), self.language)

    def _explain_source(self, widget: QWidget, name: str, profile: Profile) -> bool:
        """Say in the tooltip where a value set elsewhere comes from; True if IT locked it."""
        if name in profile.locked:
            widget.setToolTip(tr("Set by your IT department: it cannot be changed here."))
            widget.setAccessibleDescription(widget.toolTip())
            return True
        source = {"environment": tr("environment"), "command line": tr("command line")}.get(
            profile.sources.get(name, "default"))
        if source:
            widget.setToolTip(tr("Set by the %1: that value wins over what is saved here.").replace("%1", source))
        return False

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in RELAYOUT_EVENTS:
            fit_height_to_width(self)
        return handled

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        # Labels beside their fields while a field has room for a whole ID, else above them.
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        labels = [self.form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(self.form.rowCount())]
        widest = max(item.widget().sizeHint().width() for item in labels if item is not None)
        field = self.fontMetrics().horizontalAdvance(self.FIELD_SAMPLE)
        side_by_side = widest + self.form.horizontalSpacing() + field
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows if room >= side_by_side
                                   else QFormLayout.RowWrapPolicy.WrapAllRows)
        super().resizeEvent(event)

    def _values(self) -> dict[str, str]:
        values = {name: edit.text().strip() for name, edit in self.inputs.items()}
        values["default_region"] = values["default_region"].upper()
        values.update({name: "on" if switch.box.isChecked() else "off" for name, switch in self.switches.items()})
        values["language"] = self.language.currentData()
        return values

    def profile(self) -> Profile:
        values = self._values()
        values["default_region"] = values["default_region"] or DEFAULT_REGION
        return replace(Profile(**values), sources={})

    def changes(self) -> dict[str, str]:
        """The fields changed here; an emptied one is removed from the user's file."""
        initial = self._initial
        return {name: value for name, value in self._values().items()
                if value != initial[name] and name not in self._locked}

    def _problems(self, profile: Profile) -> list[str]:
        return self._describe(profile.field_problems())

    @staticmethod
    def _describe(problems: list[tuple[str, str]]) -> list[str]:
        # The address sentences do not name their field; the others do.
        return [tr("Your number: %1").replace("%1", tr_phrase(sentence)) if name == "trigger_source"
                else tr_phrase(sentence) for name, sentence in problems]

    def _test(self) -> None:
        profile = self.profile()
        problems = self._problems(profile)
        if problems:
            self._say(" ".join(problems), good=False)
            return
        self._say(tr("Testing the connection..."), good=None)
        self.test_button.setEnabled(False)
        self.background.check(profile, self.token.text().strip() or None).finished.connect(self._show_check)

    def _show_check(self, result: ActionResult) -> None:
        self.test_button.setEnabled(True)
        text = tr_phrase(result.message) + (f" ({tr_detail(result.detail)})" if result.detail else "")
        self._say(text, good=result.ok)

    def _show_keyring(self, keyring: KeyringState) -> None:
        backend, stored = keyring.backend, keyring.stored
        if backend.startswith("none"):
            text = tr("No system keyring is available (%1): the Auth Token cannot be saved. "
                      "Install and unlock GNOME Keyring or KWallet, or set PLIVO_AUTH_TOKEN.").replace("%1", backend)
        elif stored:
            text = tr("An Auth Token is stored in %1. Type a new one to replace it.").replace("%1", backend)
        else:
            text = tr("No Auth Token stored yet; it will be kept in %1.").replace("%1", backend)
        self.keyring_status.setText(text)

    def _save(self) -> None:
        profile, changes = self.profile(), self.changes()
        problems = self._problems(profile)
        if not problems:
            try:  # also what is already in the user's file, before the token is stored
                self.store.merged(changes, context=profile)
            except InvalidSettings as err:
                problems = self._describe(err.problems)
        if problems:
            self._say(" ".join(problems), good=False)
            return
        self._pending, self._pending_changes = profile, changes
        token = self.token.text().strip()
        if token:  # the token first: settings that point at a token not stored would mislead
            self.buttons.setEnabled(False)
            self._say(tr("Saving the Auth Token in the keyring..."), good=None)
            self.background.save_token(profile.auth_id, token).finished.connect(self._token_saved)
        else:
            self._write_settings()

    def _token_saved(self, saved: TokenSaved) -> None:
        self.buttons.setEnabled(True)
        if saved.ok:
            self.token.clear()
            self._write_settings()
        else:
            problem = saved.problem
            self._say(tr_phrase(problem.advice) + (f" ({tr_detail(problem.detail)})" if problem.detail else ""),
                      good=False)

    def _write_settings(self) -> None:
        try:
            self.store.save(self._pending_changes, context=self._pending)
        except InvalidSettings as err:
            self._say(" ".join(self._describe(err.problems)), good=False)
            return
        except OSError as err:
            self._say(tr("The settings could not be saved in %1 (%2). Ask IT to check that the folder "
                         "can be written.").replace("%1", str(self.store.user_file)).replace("%2", err.strerror or str(err)),
                      good=False)
            return
        self.saved_profile = self._pending
        self.accept()

    def _say(self, text: str, *, good: bool | None) -> None:
        # The scheme's tone colours: legible (4.5:1) in the light and the dark scheme alike.
        set_flag(self.result, "tone", {True: "good", False: "bad", None: None}[good])
        prefix = {True: "\u2714 ", False: "\u2716 ", None: ""}[good]
        self.result.setText(prefix + text)
