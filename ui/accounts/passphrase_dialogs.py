"""The database passphrase: chosen at first start, asked before sign-in, changed in Settings.

The passphrase unlocks the encrypted database file itself (SQLCipher), before anyone signs
in; it is not a person's password. Nothing here keeps it longer than the dialog is open.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinical.record.validation import Problem
from db.accounts.roles import Permission
from db.encryption import (
    MIN_PASSPHRASE_LENGTH,
    Passphrase,
    WrongPassphraseError,
    passphrase_problems,
    passphrase_strength,
)
from db.errors import ClinicError, InvalidEntryError
from db.unlocking import PassphraseChanged, change_passphrase
from ui.forms import ProblemDisplay
from ui.workspace import Workspace

PASSPHRASE_ADVICE = (
    f"At least {MIN_PASSPHRASE_LENGTH} characters; four or more unrelated words are strong "
    "and easy to remember. Write it down and keep it somewhere safe away from this computer: "
    "without it, nobody (not even Booster Desk's makers) can open the database or its backups."
)
_STRENGTH_COLOURS = {
    "Too short": "#b71c1c",
    "Weak": "#b71c1c",
    "Fair": "#8d6e00",
    "Strong": "#1b5e20",
}


def _passphrase_field(name: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(280)
    return field


def _hint(text: str, name: str = "") -> QLabel:
    label = QLabel(text, objectName=name)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class StrengthLabel(QLabel):
    """A rough strength reading under a new passphrase, as it is typed."""

    def __init__(self, field: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="strength")
        self.setWordWrap(True)
        # Room for two lines from the start: a wrapped label in a form does not grow later.
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        field.textChanged.connect(self._on_field_text_changed)
        self._on_field_text_changed(field.text())

    def _on_field_text_changed(self, text: str) -> None:
        label, advice = passphrase_strength(text)
        colour = _STRENGTH_COLOURS.get(label, "")
        self.setStyleSheet(f"color: {colour};" if colour else "")
        self.setText(f"{label}: {advice}" if label else advice)


class EncryptionChoiceDialog(QDialog):
    """First start, before the administrator: encrypt the new database, and its passphrase."""

    def __init__(self, keyring_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Booster Desk: protect the clinic's database")
        self.setObjectName("encryptionChoiceDialog")
        self.passphrase: Passphrase | None = None
        self.keep_in_keyring = False
        intro = QLabel(
            "Booster Desk is about to create this clinic's database. Encrypted, the file and "
            "its backups cannot be read without the passphrase, even if the computer or its "
            "disk is lost or stolen."
        )
        intro.setWordWrap(True)
        self.encrypt = QCheckBox("Encrypt the database (recommended)", objectName="encrypt")
        self.encrypt.setChecked(True)
        self.passphrase_field = _passphrase_field("passphrase")
        self.confirm_field = _passphrase_field("confirm")
        self.strength = StrengthLabel(self.passphrase_field)
        self.keyring = QCheckBox(
            "Keep the passphrase in this computer's keyring (not asked at each start)",
            objectName="keepInKeyring",
        )
        self.keyring.setEnabled(keyring_available)
        self.keyring_note = _hint(
            "The passphrase is kept in your account's system keyring, never in a file beside "
            "the data. Keep a written copy too: backups need it on another computer."
            if keyring_available
            else "This computer has no system keyring, so Booster Desk will ask for the "
            "passphrase each time it starts.",
            "keyringNote",
        )
        self.plain_warning = QLabel(
            "Without encryption, anyone who copies this computer's disk can read every "
            "patient record. Choose this only for a test or demonstration clinic.",
            objectName="plainWarning",
        )
        self.plain_warning.setWordWrap(True)
        self.plain_warning.setStyleSheet("color: #b71c1c;")
        self.plain_warning.hide()
        form = QFormLayout()
        form.addRow("Passphrase", self.passphrase_field)
        form.addRow("", self.strength)
        form.addRow("Passphrase again", self.confirm_field)
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label,
            {"passphrase": self.passphrase_field, "confirm": self.confirm_field},
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create the encrypted database")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.encrypt)
        layout.addLayout(form)
        layout.addWidget(_hint(PASSPHRASE_ADVICE))
        layout.addWidget(self.keyring)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.plain_warning)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)
        self.encrypt.toggled.connect(self._on_encrypt_toggled)
        self._keyring_available = keyring_available
        self.passphrase_field.setFocus()

    def _on_encrypt_toggled(self, checked: bool) -> None:
        for widget in (self.passphrase_field, self.confirm_field, self.strength):
            widget.setEnabled(checked)
        self.keyring.setEnabled(checked and self._keyring_available)
        self.plain_warning.setVisible(not checked)
        self.ok_button.setText(
            "Create the encrypted database" if checked else "Create an unencrypted database"
        )
        self.problems.clear()

    def _on_buttons_accepted(self) -> None:
        if not self.encrypt.isChecked():
            self.passphrase, self.keep_in_keyring = None, False
            self.accept()
            return
        text, confirm = self.passphrase_field.text(), self.confirm_field.text()
        if problems := passphrase_problems(text, confirm):
            self.problems.show(
                [
                    Problem("confirm" if "not the same" in message else "passphrase", message)
                    for message in problems
                ]
            )
            return
        self.passphrase = Passphrase(text)
        self.keep_in_keyring = self.keyring.isEnabled() and self.keyring.isChecked()
        self.passphrase_field.clear()
        self.confirm_field.clear()
        self.accept()


class UnlockDialog(QDialog):
    """Before sign-in: the passphrase of the encrypted database. A wrong one may be retried.

    `attempt` opens the database with the passphrase typed, raising WrongPassphraseError when
    it does not open it; any other ClinicError ends the dialog and is kept in `failure`.
    """

    def __init__(
        self,
        attempt: Callable[[Passphrase], None],
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.failure: ClinicError | None = None
        self.setWindowTitle("Booster Desk: unlock the database")
        self.setObjectName("unlockDialog")
        title = QLabel("Booster Desk")
        title.setStyleSheet("font-size: 20pt; font-weight: 600;")
        intro = QLabel(
            "This clinic's database is encrypted. Type its passphrase to open it; then each "
            "person signs in with their own account."
        )
        intro.setWordWrap(True)
        self.note = _hint(note, "unlockNote")
        self.note.setVisible(bool(note))
        self.passphrase_field = _passphrase_field("passphrase")
        self.unlock_button = QPushButton("Unlock", objectName="unlock")
        self.unlock_button.setDefault(True)
        self.message = QLabel(objectName="unlockMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 4)
        quit_button = QPushButton("Quit", objectName="quit")
        quit_button.setAutoDefault(False)
        form = QFormLayout()
        form.addRow("Passphrase", self.passphrase_field)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(quit_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.passphrase_field.returnPressed.connect(self._on_unlock_button_clicked)
        quit_button.clicked.connect(self.reject)
        self.setMinimumWidth(460)
        self.passphrase_field.setFocus()

    def _on_unlock_button_clicked(self) -> None:
        text = self.passphrase_field.text()
        self.passphrase_field.clear()
        if not text:
            self.message.setText("Type the database's passphrase.")
            return
        try:
            self._attempt(Passphrase(text))
        except ValueError:
            self.message.setText(WrongPassphraseError().args[0])
            return
        except WrongPassphraseError as refused:
            self.message.setText(str(refused))
            self.passphrase_field.setFocus()
            return
        except ClinicError as refused:
            self.failure = refused
            self.reject()
            return
        self.message.clear()
        self.accept()


class ChangePassphraseDialog(QDialog):
    """Settings: re-key the encrypted database (and its backups) under a new passphrase."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.result_: PassphraseChanged | None = None
        self.setWindowTitle("Change the database passphrase")
        self.setObjectName("changePassphraseDialog")
        intro = QLabel(
            "The database and the backups in its backups folder are re-encrypted under the "
            "new passphrase; this can take a minute for a large clinic. Copies of backups kept "
            "elsewhere still open only with the passphrase they were made under."
        )
        intro.setWordWrap(True)
        self.current = _passphrase_field("current")
        self.new = _passphrase_field("new")
        self.confirm = _passphrase_field("confirm")
        form = QFormLayout()
        form.addRow("Current passphrase", self.current)
        form.addRow("New passphrase", self.new)
        form.addRow("", StrengthLabel(self.new))
        form.addRow("New passphrase again", self.confirm)
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label, {"current": self.current, "new": self.new, "confirm": self.confirm}
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Change passphrase")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(_hint(PASSPHRASE_ADVICE))
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _on_buttons_accepted(self) -> None:
        try:
            self.result_ = change_passphrase(
                self._workspace.database,
                self._workspace.actor,
                self.current.text(),
                self.new.text(),
                self.confirm.text(),
            )
        except InvalidEntryError as refused:
            self.current.clear()
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        for field in (self.current, self.new, self.confirm):
            field.clear()
        self.accept()


class DatabaseEncryptionBox(QGroupBox):
    """For the Settings area: whether the database is encrypted, and the way to re-key it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Database encryption", parent)
        self.setObjectName("databaseEncryption")
        self._workspace = workspace
        database = workspace.database
        if database.encrypted:
            status = (
                "This clinic's database and its backups are encrypted (SQLCipher 4, AES-256). "
                "They open only with the database passphrase."
            )
        elif database.sqlite_path is None:
            status = "The clinic server keeps the data; its protection is set up on the server."
        else:
            status = "This database is not encrypted."
        self.status = QLabel(status, objectName="encryptionStatus")
        self.status.setWordWrap(True)
        self.change_button = QPushButton("Change passphrase…", objectName="changePassphrase")
        self.change_button.setVisible(database.encrypted)
        self.change_button.setEnabled(workspace.may(Permission.MANAGE_SETTINGS))
        self.change_button.clicked.connect(self._on_change_button_clicked)
        self.message = QLabel(objectName="encryptionMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.dialog: ChangePassphraseDialog | None = None
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def _on_change_button_clicked(self) -> None:
        self.dialog = ChangePassphraseDialog(self._workspace, self)
        self.dialog.accepted.connect(self._on_dialog_accepted)
        self.dialog.open()

    def _on_dialog_accepted(self) -> None:
        done = self.dialog.result_ if self.dialog is not None else None
        if done is None:
            return
        left = (
            f" {len(done.backups_left)} older backups made under another passphrase keep it."
            if done.backups_left
            else ""
        )
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.show()
        self.message.setText(
            f"Passphrase changed. The database and {done.backups_rekeyed} backups now open only "
            f"with the new passphrase.{left}"
        )
