"""The administrator's accounts screen: everyone who may sign in, and what can be done."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.accounts import workflows
from db.accounts.roles import Role
from db.accounts.views import AccountRow
from db.errors import ClinicError, StaleEditError
from ui.accounts.account_dialogs import AddAccountDialog, EditAccountDialog, ResetPasswordDialog
from ui.letters.prescriber_details_dialog import PrescriberDetailsDialog
from ui.table_model import Index, RowTableModel
from ui.workspace import Workspace

ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_STATUS_COLOURS = {"Locked": QColor("#b71c1c"), "Deactivated": QColor("#757575")}


class AccountTableModel(RowTableModel[AccountRow]):
    COLUMNS = (
        "Username",
        "Full name",
        "Role",
        "Credentials",
        "NPI",
        "Status",
        "Failed sign-ins",
    )
    FAILED_COLUMN = 6

    def row_of(self, account_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == account_id:
                return number
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.username,
                row.display_name,
                row.role.label,
                row.credentials,
                row.npi,
                row.status,
                str(row.failed_attempts),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.FAILED_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.status in _STATUS_COLOURS:
            return QBrush(_STATUS_COLOURS[row.status])
        if role == Qt.ItemDataRole.FontRole and column == 5 and row.status == "Locked":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.locked_at is not None and row.active:
            when = row.locked_at.astimezone().strftime("%Y-%m-%d %H:%M")
            return f"Locked at {when} after repeated failed sign-ins. Unlock to let them in."
        if role == ACCOUNT_ID_ROLE:
            return row.id
        return None


class UsersPage(QWidget):
    """Accounts in a table; Add, Edit, Unlock, Reset password, Deactivate or Reactivate."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setObjectName("usersPage")
        self.dialog: QDialog | None = None
        self.model = AccountTableModel()

        title = QLabel("User accounts")
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        intro = QLabel(
            "One account per person, never shared. Deactivate the account of someone who "
            "leaves: their name stays on what they recorded."
        )
        intro.setWordWrap(True)

        self.table = QTableView(objectName="accountTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton("Add…", objectName="addAccount")
        self.add_button.setToolTip("Add an account for a new person")
        self.edit_button = QPushButton("Edit…", objectName="editAccount")
        self.unlock_button = QPushButton("Unlock", objectName="unlockAccount")
        self.unlock_button.setToolTip("Let a locked-out person sign in again")
        self.reset_button = QPushButton("Reset password…", objectName="resetPassword")
        self.active_button = QPushButton("Deactivate", objectName="toggleActive")
        self.signing_button = QPushButton("Signing details…", objectName="signingDetails")
        self.signing_button.setToolTip("A prescriber's credentials, NPI and signature for letters")
        self.signing_button.clicked.connect(self._on_signing_button_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.active_button.clicked.connect(self._on_active_button_clicked)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.unlock_button,
            self.reset_button,
            self.active_button,
            self.signing_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()

        self.message = QLabel(objectName="usersMessage")
        self.message.setWordWrap(True)
        self.count = QLabel(objectName="accountCount")

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.count)
        self._update_buttons()

    # What the main window and tests use.

    def refresh(self) -> None:
        """Reload every account, keeping the selected one selected."""
        self.message.clear()
        selected = self.selected()
        self._reload(selected.id if selected else None)

    def clear(self) -> None:
        """Forget the accounts shown, as on signing out."""
        self.model.set_rows([])
        self.message.clear()
        self.count.clear()
        self._update_buttons()

    def selected(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_account(self, account_id: int) -> None:
        row = self.model.row_of(account_id)
        if row is None:
            self.table.clearSelection()
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))

    # Loading.

    def _reload(self, select_id: int | None) -> None:
        try:
            rows = workflows.list_accounts(self._workspace.database, self._workspace.actor)
        except ClinicError as refused:
            self.model.set_rows([])
            self._show_message(str(refused), problem=True)
            self._update_buttons()
            return
        self.model.set_rows(rows)
        if select_id is not None:
            self.select_account(select_id)
        locked = sum(1 for row in rows if row.status == "Locked")
        inactive = sum(1 for row in rows if row.status == "Deactivated")
        parts = [f"{len(rows)} accounts"]
        if locked:
            parts.append(f"{locked} locked")
        if inactive:
            parts.append(f"{inactive} deactivated")
        self.count.setText(", ".join(parts))
        self._update_buttons()

    def _show_message(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b71c1c; font-weight: 600;" if problem else "")

    def _update_buttons(self) -> None:
        account = self.selected()
        me = self._workspace.signed_in
        own = account is not None and me is not None and account.id == me.user_id
        self.edit_button.setEnabled(account is not None)
        self.reset_button.setEnabled(account is not None)
        self.unlock_button.setEnabled(account is not None and account.status == "Locked")
        if account is not None and not account.active:
            self.active_button.setText("Reactivate")
            self.active_button.setToolTip("Let this person sign in again")
        else:
            self.active_button.setText("Deactivate")
            self.active_button.setToolTip(
                "You cannot deactivate your own account"
                if own
                else "Stop this person signing in; what they recorded keeps their name"
            )
        self.active_button.setEnabled(account is not None and not own)
        self.signing_button.setEnabled(account is not None and account.role is Role.PRESCRIBER)

    # Dialogs: window-modal without a nested event loop, so the lock can hide them and
    # bring them back with what was typed.

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_dialog_accepted)
        dialog.destroyed.connect(self._on_dialog_destroyed)
        dialog.open()

    def _on_dialog_accepted(self) -> None:
        dialog = self.dialog
        account_id = getattr(dialog, "saved_account_id", None)
        if isinstance(dialog, AddAccountDialog):
            self._show_message(f"Added {dialog.username.text().strip()}.")
        elif isinstance(dialog, ResetPasswordDialog):
            self._show_message(
                f"The password for {dialog.account.username} is reset. Give the new one "
                "to them in private."
            )
        elif isinstance(dialog, EditAccountDialog):
            self._show_message(f"Saved {dialog.username.text().strip()}.")
        self._reload(account_id)

    def _on_dialog_destroyed(self) -> None:
        self.dialog = None

    def _on_add_button_clicked(self) -> None:
        self._open(AddAccountDialog(self._workspace, self))

    def _on_edit_button_clicked(self) -> None:
        if (account := self.selected()) is not None:
            self._open(EditAccountDialog(self._workspace, account, self))

    def _on_table_activated(self) -> None:
        self._on_edit_button_clicked()

    def _on_signing_button_clicked(self) -> None:
        if (account := self.selected()) is not None:
            self._open(PrescriberDetailsDialog(self._workspace, account.id, self))

    def _on_reset_button_clicked(self) -> None:
        if (account := self.selected()) is not None:
            self._open(ResetPasswordDialog(self._workspace, account, self))

    # Actions without a form.

    def _run(
        self,
        account: AccountRow,
        done: str,
        action: Callable[[AccountRow], None],
        still_needed: Callable[[AccountRow], bool],
    ) -> None:
        """Do `action`; if the row changed meanwhile, look again and do it once more.

        A locked-out person usually keeps trying while the administrator unlocks them, and
        every failed try changes the account's row. Unlocking or (de)activating does not
        depend on what else changed, so the action is retried on the fresh row as long as
        it is still needed, instead of asking the administrator to reload and click again.
        """
        try:
            try:
                action(account)
            except StaleEditError:
                fresh = self._fresh(account.id)
                if fresh is None or not still_needed(fresh):
                    self._show_message(
                        f"Someone else changed {account.username} meanwhile; nothing was "
                        "done. The list now shows the account as it stands.",
                        problem=True,
                    )
                    self._reload(account.id)
                    return
                action(fresh)
        except ClinicError as refused:
            self._show_message(str(refused), problem=True)
        else:
            self._show_message(done)
        self._reload(account.id)

    def _fresh(self, account_id: int) -> AccountRow | None:
        rows = workflows.list_accounts(self._workspace.database, self._workspace.actor)
        return next((row for row in rows if row.id == account_id), None)

    def _on_unlock_button_clicked(self) -> None:
        account = self.selected()
        if account is None:
            return
        self._run(
            account,
            f"{account.username} is unlocked and may sign in again.",
            lambda row: workflows.unlock_account(
                self._workspace.database, self._workspace.actor, row.id, row.version
            ),
            lambda row: row.locked_at is not None,
        )

    def _on_active_button_clicked(self) -> None:
        account = self.selected()
        if account is None:
            return
        if not account.active:
            self._set_active(account, True)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Deactivate account",
            f"Deactivate {account.display_name} ({account.username})?\n\n"
            "They will not be able to sign in. What they recorded keeps their name, and you "
            "can reactivate the account later.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmDeactivate")
        confirm = box.addButton("Deactivate", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda _result: box.clickedButton() is confirm and self._set_active(account, False)
        )
        self.dialog = box
        box.destroyed.connect(self._on_dialog_destroyed)
        box.open()

    def _set_active(self, account: AccountRow, active: bool) -> None:
        done = (
            f"{account.username} is reactivated and may sign in again."
            if active
            else f"{account.username} is deactivated and can no longer sign in."
        )
        self._run(
            account,
            done,
            lambda row: workflows.set_active(
                self._workspace.database, self._workspace.actor, row.id, row.version, active
            ),
            lambda row: row.active is not active,
        )
