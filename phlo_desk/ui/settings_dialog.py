"""Settings: the connection profile, the write-only Auth Token, and a connection test."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from phlo_desk.core.addresses import DEFAULT_REGION
from phlo_desk.core.outcomes import ActionResult
from phlo_desk.core.services import KeyringState, TokenSaved
from phlo_desk.core.settings import InvalidSettings, Profile, SettingsStore, has_credentials
from phlo_desk.ui.flow_layout import RELAYOUT_EVENTS, fit_height_to_width
from phlo_desk.ui.theme import set_flag
from phlo_desk.ui.vocabulary import tr_core
from phlo_desk.ui.worker import Background


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class SettingsDialog(QDialog):
    # profile field -> (object name, label)
    FIELDS = {
        "api_base": ("apiBaseInput", "API base URL"),
        "auth_id": ("authIdInput", "Auth ID"),
        "phlo_id": ("phloIdInput", "PHLO ID"),
        "node_id": ("nodeIdInput", "Node ID"),
        "trigger_source": ("settingsTriggerSourceInput", "Your number (trigger source)"),
        "default_region": ("regionInput", "Default region"),
    }

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
        locked = [tr(label) for name, (_, label) in self.FIELDS.items() if name in profile.locked]
        self.locked_note.setText(tr("Set by your IT department (read-only): %1.").replace("%1", ", ".join(locked)))
        self.locked_note.setVisible(bool(locked))
        layout.addWidget(self.locked_note)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result)
        layout.addWidget(self.buttons)

        # What the dialog opened with: only the fields changed from it are saved.
        self._initial = self._texts()
        if has_credentials(profile.api_base):
            self._say(tr("The API base URL in use is hidden because it contains a user or password: "
                         "enter it again without them."), good=False)

        background.describe_keyring(profile.auth_id).finished.connect(self._show_keyring)

    def _build_form(self, profile: Profile) -> QFormLayout:
        form = self.form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.inputs: dict[str, QLineEdit] = {}
        for name, (object_name, label) in self.FIELDS.items():
            edit = QLineEdit(getattr(profile, name))
            if name == "api_base" and has_credentials(profile.api_base):
                edit.clear()  # never shown: the user or password in it may be the token
                edit.setPlaceholderText(tr("Hidden: it contains a user or password"))
            edit.setObjectName(object_name)
            edit.setAccessibleName(tr(label))
            source = profile.sources.get(name, "default")
            if name in profile.locked:
                edit.setReadOnly(True)  # shown, selectable, never saved from here
                edit.setToolTip(tr("Set by your IT department: it cannot be changed here."))
                edit.setAccessibleDescription(edit.toolTip())
            elif source in ("environment", "command line"):
                edit.setToolTip(tr("Set by the %1: that value wins over what is saved here.").replace("%1", tr(source)))
            self.inputs[name] = edit
            form.addRow(tr(label), edit)
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
        return form

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

    def _texts(self) -> dict[str, str]:
        values = {name: edit.text().strip() for name, edit in self.inputs.items()}
        values["default_region"] = values["default_region"].upper()
        return values

    def profile(self) -> Profile:
        values = self._texts()
        values["default_region"] = values["default_region"] or DEFAULT_REGION
        return replace(Profile(**values), sources={})

    def changes(self) -> dict[str, str]:
        """The fields changed here; an emptied one is removed from the user's file."""
        initial = self._initial
        return {name: value for name, value in self._texts().items() if value != initial[name]}

    def _problems(self, profile: Profile) -> list[str]:
        return self._describe(profile.field_problems())

    @staticmethod
    def _describe(problems: list[tuple[str, str]]) -> list[str]:
        # The address sentences do not name their field; the others do.
        return [tr("Your number: %1").replace("%1", tr_core(sentence)) if name == "trigger_source"
                else tr_core(sentence) for name, sentence in problems]

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
        text = tr_core(result.message) + (f" ({result.detail})" if result.detail else "")
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
            self._say(tr_core(problem.advice) + (f" ({problem.detail})" if problem.detail else ""), good=False)

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
