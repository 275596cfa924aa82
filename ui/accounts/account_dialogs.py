"""The administrator's account dialogs: add a person, edit one, reset a password.

Each dialog saves through its workflow and closes only when the save has landed; a refusal
is shown under the form with the fields at fault outlined, and everything typed stays.
"""

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QPalette, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinical.record.validation import Problem
from db.accounts import workflows
from db.accounts.passwords import MIN_PASSWORD_LENGTH, password_problems
from db.accounts.roles import ROLE_PERMISSIONS, Role, role_may
from db.accounts.views import AccountDraft, AccountRow
from db.errors import ClinicError, InvalidEntryError
from ui.forms import ProblemDisplay, fill_enum_combo, select_combo_data
from ui.workspace import Workspace

PASSWORD_HINT = (
    f"At least {MIN_PASSWORD_LENGTH} characters, not containing the username. A short "
    "phrase is easier to remember than a jumble. Give it to the person in private; they "
    "should not share it."
)
_MISMATCH = "The two passwords are not the same. Type the new password twice."


def role_summary(role: Role) -> str:
    """What a role may do, in the words the permission list uses."""
    allowed = [permission.value for permission in ROLE_PERMISSIONS if role_may(role, permission)]
    return "May " + ", ".join(allowed) + "."


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit(objectName=name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _with_hint(field: QWidget, hint: QLabel) -> QWidget:
    """A field with its explanation right under it, in the form's field column."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(hint)
    return box


def _merged(*groups: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """Problems from several checks, each shown once."""
    seen: set[tuple[str, str]] = set()
    merged = []
    for group in groups:
        for problem in group:
            key = (problem.field, problem.message)
            if key not in seen:
                seen.add(key)
                merged.append(problem)
    return merged


class _AccountDialog(QDialog):
    """A form, its problems under it, Save and Cancel; subclasses add fields and save."""

    def __init__(self, workspace: Workspace, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.saved_account_id: int | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.problem_label = QLabel(objectName="problems")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def _finish_layout(self, fields: dict[str, QWidget], intro: QLabel | None = None) -> None:
        self.problems = ProblemDisplay(self.problem_label, fields)
        layout = QVBoxLayout(self)
        if intro is not None:
            layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addStretch()
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.resize(max(self.minimumWidth(), self.sizeHint().width()), 0)
        self.fit_height()

    def fit_height(self) -> None:
        """Tall enough for every wrapped line at the present width, and no taller.

        Qt sizes a window before it knows the width its wrapped hints get, so it guesses too
        tall at first and does not grow when problems appear below the form.
        """
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), layout.totalHeightForWidth(self.width()))

    def show_problems(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems.show(problems)
        self.fit_height()

    def save(self) -> int:
        """Run the workflow; return the account's id. Raises ClinicError when refused."""
        raise NotImplementedError

    def _on_buttons_accepted(self) -> None:
        try:
            self.saved_account_id = self.save()
        except InvalidEntryError as refused:
            self.show_problems(self._with_local_problems(refused.problems))
            return
        except ClinicError as refused:
            self.show_problems([Problem("", str(refused))])
            return
        self.accept()

    def _with_local_problems(self, problems: tuple[Problem, ...]) -> list[Problem]:
        return list(problems)


class _AccountDetailsDialog(_AccountDialog):
    """Username, full name, role, credentials and NPI, as adding and editing share them."""

    def __init__(self, workspace: Workspace, title: str, parent: QWidget | None) -> None:
        super().__init__(workspace, title, parent)
        self.username = QLineEdit(objectName="username")
        self.username.setMaxLength(64)
        self.username.setPlaceholderText("e.g. rn.raman: letters, digits and . - _")
        self.display_name = QLineEdit(objectName="displayName")
        self.display_name.setMaxLength(120)
        self.display_name.setPlaceholderText("as printed on letters and signatures")
        self.role = QComboBox(objectName="role")
        fill_enum_combo(self.role, list(Role))
        select_combo_data(self.role, Role.NURSE)
        self.role_hint = _hint("")
        self.role_hint.setObjectName("roleHint")
        self.role.currentIndexChanged.connect(self._on_role_current_index_changed)
        self.credentials = QLineEdit(objectName="credentials")
        self.credentials.setMaxLength(60)
        self.credentials.setPlaceholderText("e.g. MD, PMHNP-BC, RN")
        self.npi = QLineEdit(objectName="npi")
        self.npi.setMaxLength(10)
        self.npi.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^[0-9]{0,10}$"), self.npi)
        )
        self.npi.setPlaceholderText("10 digits; for prescribers")
        self.form.addRow("Username *", self.username)
        self.form.addRow("Full name *", self.display_name)
        self.form.addRow("Role *", _with_hint(self.role, self.role_hint))
        self.form.addRow("Credentials", self.credentials)
        self.form.addRow("NPI", self.npi)
        self._on_role_current_index_changed()

    def _fields(self) -> dict[str, QWidget]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "credentials": self.credentials,
            "npi": self.npi,
        }

    def draft(self) -> AccountDraft:
        return AccountDraft(
            username=self.username.text(),
            display_name=self.display_name.text(),
            role=Role(self.role.currentData()),
            credentials=self.credentials.text(),
            npi=self.npi.text(),
        )

    def _on_role_current_index_changed(self) -> None:
        self.role_hint.setText(role_summary(Role(self.role.currentData())))
        self.fit_height()  # the hint's length varies by role


class AddAccountDialog(_AccountDetailsDialog):
    """A new person: their details, role and first password."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, "Add account", parent)
        self.setObjectName("addAccountDialog")
        self.password = _password_field("password")
        self.confirm = _password_field("confirm")
        self.form.addRow("Password *", self.password)
        self.form.addRow("Password again *", _with_hint(self.confirm, _hint(PASSWORD_HINT)))
        self._finish_layout({**self._fields(), "password": self.password, "confirm": self.confirm})
        self.username.setFocus()

    def _password_problems(self) -> list[Problem]:
        return [
            Problem("password", text)
            for text in password_problems(self.password.text(), self.username.text().strip())
        ]

    def _on_buttons_accepted(self) -> None:
        if self.password.text() != self.confirm.text():
            self.show_problems(_merged(self._password_problems(), [Problem("confirm", _MISMATCH)]))
            return
        super()._on_buttons_accepted()

    def _with_local_problems(self, problems: tuple[Problem, ...]) -> list[Problem]:
        # The workflow names the details' problems before it looks at the password: show
        # both at once so the administrator fixes everything in one go.
        return _merged(problems, self._password_problems())

    def save(self) -> int:
        return workflows.create_account(
            self._workspace.database,
            self._workspace.actor,
            self._workspace.passwords,
            self.draft(),
            self.password.text(),
        )


class EditAccountDialog(_AccountDetailsDialog):
    """Change a person's details or role; the password is reset separately."""

    def __init__(
        self, workspace: Workspace, account: AccountRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, f"Edit account: {account.username}", parent)
        self.setObjectName("editAccountDialog")
        self.account = account
        self.username.setText(account.username)
        self.display_name.setText(account.display_name)
        select_combo_data(self.role, account.role)
        self.credentials.setText(account.credentials)
        self.npi.setText(account.npi)
        if account.id == workspace.actor.user_id:
            # The workflow refuses it anyway; say so before anyone tries.
            self.role.setEnabled(False)
            self.role_hint.setText("You cannot take the administrator role from yourself.")
        self._finish_layout(self._fields())
        self.display_name.setFocus()

    def save(self) -> int:
        workflows.update_account(
            self._workspace.database,
            self._workspace.actor,
            self.account.id,
            self.account.version,
            self.draft(),
        )
        return self.account.id


class ResetPasswordDialog(_AccountDialog):
    """A new password for someone who forgot theirs; their old one stops working."""

    def __init__(
        self, workspace: Workspace, account: AccountRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(workspace, f"Reset password: {account.username}", parent)
        self.setObjectName("resetPasswordDialog")
        self.account = account
        intro = QLabel(
            f"Choose a new password for {account.display_name} ({account.username}). "
            "Their old password stops working as soon as you save."
        )
        intro.setWordWrap(True)
        self.password = _password_field("password")
        self.confirm = _password_field("confirm")
        self.form.addRow("New password *", self.password)
        self.form.addRow("New password again *", _with_hint(self.confirm, _hint(PASSWORD_HINT)))
        self._finish_layout({"password": self.password, "confirm": self.confirm}, intro)
        self.password.setFocus()

    def _on_buttons_accepted(self) -> None:
        if self.password.text() != self.confirm.text():
            local = password_problems(self.password.text(), self.account.username)
            self.show_problems(
                _merged(
                    [Problem("password", text) for text in local],
                    [Problem("confirm", _MISMATCH)],
                )
            )
            return
        super()._on_buttons_accepted()

    def save(self) -> int:
        workflows.reset_password(
            self._workspace.database,
            self._workspace.actor,
            self._workspace.passwords,
            self.account.id,
            self.account.version,
            self.password.text(),
        )
        return self.account.id
