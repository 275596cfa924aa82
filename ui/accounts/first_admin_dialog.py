"""First start on an empty database: create the administrator's own account."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.accounts.passwords import MIN_PASSWORD_LENGTH
from db.accounts.roles import Role
from db.accounts.views import AccountDraft
from db.accounts.workflows import create_first_administrator
from db.errors import ClinicError, InvalidEntryError
from ui.forms import ProblemDisplay
from ui.workspace import Workspace


class FirstAdministratorDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.actor: Actor | None = None
        self.setWindowTitle("Booster Desk: first start")
        self.setObjectName("firstAdminDialog")
        intro = QLabel(
            "This database has no accounts yet. Create the administrator's account: the "
            "administrator adds everyone else, each with their own account and role.\n"
            f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters; a short "
            "phrase is easier to remember than a jumble."
        )
        intro.setWordWrap(True)
        self.username = QLineEdit(objectName="username")
        self.display_name = QLineEdit(objectName="displayName")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(objectName="confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("Username", self.username)
        form.addRow("Full name", self.display_name)
        form.addRow("Password", self.password)
        form.addRow("Password again", self.confirm)
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label,
            {
                "username": self.username,
                "display_name": self.display_name,
                "password": self.password,
            },
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create administrator")
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _on_buttons_accepted(self) -> None:
        if self.password.text() != self.confirm.text():
            self.problems.show([Problem("password", "The two passwords are not the same.")])
            return
        draft = AccountDraft(self.username.text(), self.display_name.text(), Role.ADMINISTRATOR)
        try:
            self.actor = create_first_administrator(
                self._workspace.database,
                self._workspace.passwords,
                draft,
                self.password.text(),
                self._workspace.workstation,
            )
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.accept()
