"""An administrator's keyboard and mouse on the accounts screen and its dialogs."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from db.accounts import workflows
from db.accounts.actor import Actor
from db.accounts.passwords import Passwords
from db.accounts.roles import Role
from db.accounts.sign_in import SignIn, SignInFailedError
from db.accounts.views import AccountDraft
from db.database import Database
from db.models import AuditEvent
from tests.factories import STAFF_PASSWORD, STAFF_USERNAMES, WORKSTATION
from tests.qt_typing import type_text
from ui.accounts.account_dialogs import AddAccountDialog, EditAccountDialog, ResetPasswordDialog
from ui.accounts.users_page import AccountTableModel, UsersPage
from ui.workspace import Workspace

NEW_PASSWORD = "lavender kettle on the stairs"
NURSE = STAFF_USERNAMES[Role.NURSE]


@dataclass
class FakeClock:
    current: datetime = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def workspace(
    database: Database, passwords: Passwords, staff: dict[Role, Actor], clock: FakeClock
) -> Workspace:
    return Workspace(
        database,
        SignIn(database, passwords, clock),
        passwords,
        WORKSTATION,
        staff[Role.ADMINISTRATOR],
    )


@pytest.fixture
def page(qtbot, workspace: Workspace) -> UsersPage:
    users = UsersPage(workspace)
    qtbot.addWidget(users)
    users.resize(1100, 520)
    users.show()
    qtbot.waitExposed(users)
    users.refresh()
    return users


def cell(page: UsersPage, username: str, column: str) -> str:
    model = page.model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == username:
            return model.index(row, model.COLUMNS.index(column)).data()
    raise AssertionError(f"{username} is not in the table")


def click_row(qtbot, page: UsersPage, username: str) -> None:
    for row in range(page.model.rowCount()):
        if page.model.index(row, 0).data() == username:
            rect = page.table.visualRect(page.model.index(row, 1))
            qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert page.selected() is not None
            assert page.selected().username == username
            return
    raise AssertionError(f"{username} is not in the table")


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_save(qtbot, dialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def audit_actions(database: Database) -> list[str]:
    with database.reading() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def open_add_dialog(qtbot, page: UsersPage) -> AddAccountDialog:
    click(qtbot, page.add_button)
    dialog = page.dialog
    assert isinstance(dialog, AddAccountDialog)
    assert dialog.isVisible()
    assert dialog.isModal()
    return dialog


def type_account(
    qtbot,
    dialog: AddAccountDialog,
    username: str,
    name: str,
    password: str,
    confirm: str | None = None,
) -> None:
    qtbot.keyClicks(dialog.username, username)
    type_text(dialog.display_name, name)
    qtbot.keyClicks(dialog.credentials, "RN, BSN")
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClicks(dialog.confirm, password if confirm is None else confirm)


def test_the_table_lists_every_account_and_buttons_follow_the_selection(
    qtbot, page: UsersPage
) -> None:
    assert sorted(page.model.index(r, 0).data() for r in range(page.model.rowCount())) == sorted(
        STAFF_USERNAMES.values()
    )
    assert cell(page, NURSE, "Role") == "Nurse"
    assert cell(page, NURSE, "Status") == "Active"
    assert cell(page, NURSE, "Failed sign-ins") == "0"
    assert page.count.text() == "5 accounts"
    # Nothing selected: only Add.
    assert page.add_button.isEnabled()
    for button in (page.edit_button, page.unlock_button, page.reset_button, page.active_button):
        assert not button.isEnabled(), button.text()
    click_row(qtbot, page, NURSE)
    assert page.edit_button.isEnabled()
    assert page.reset_button.isEnabled()
    assert not page.unlock_button.isEnabled()  # not locked
    assert page.active_button.isEnabled()
    assert page.active_button.text() == "Deactivate"
    # Administrators cannot deactivate themselves; the button says why.
    click_row(qtbot, page, STAFF_USERNAMES[Role.ADMINISTRATOR])
    assert not page.active_button.isEnabled()
    assert "your own account" in page.active_button.toolTip()
    page.clear()  # as on signing out
    assert page.model.rowCount() == 0
    assert not page.edit_button.isEnabled()


def test_administrator_adds_a_nurse_by_typing_and_clicking_save(
    qtbot, page: UsersPage, workspace: Workspace, database: Database
) -> None:
    dialog = open_add_dialog(qtbot, page)
    type_account(qtbot, dialog, "rn.nguyen", "Thảo Nguyễn", NEW_PASSWORD)
    qtbot.keyClicks(dialog.role, "Nurse")
    assert dialog.role.currentData() == Role.NURSE
    assert "record vital signs" in dialog.role_hint.text()
    click_save(qtbot, dialog)

    assert not dialog.isVisible()
    assert cell(page, "rn.nguyen", "Full name") == "Thảo Nguyễn"
    assert cell(page, "rn.nguyen", "Role") == "Nurse"
    assert cell(page, "rn.nguyen", "Credentials") == "RN, BSN"
    assert cell(page, "rn.nguyen", "Status") == "Active"
    assert page.selected().username == "rn.nguyen"  # the new row is selected
    assert page.message.text() == "Added rn.nguyen."
    actor = workspace.sign_in.attempt("rn.nguyen", NEW_PASSWORD, WORKSTATION)
    assert actor.role is Role.NURSE
    assert audit_actions(database).count("create") == 6  # five staff, then this one


def test_a_duplicate_username_is_refused_and_nothing_typed_is_lost(qtbot, page: UsersPage) -> None:
    dialog = open_add_dialog(qtbot, page)
    type_account(qtbot, dialog, "DR.OKAFOR", "Second Okafor", NEW_PASSWORD)
    click_save(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.problem_label.isVisible()
    assert dialog.problem_label.text() == "The username DR.OKAFOR is already taken."
    assert dialog.username.styleSheet() != ""  # outlined
    assert dialog.display_name.styleSheet() == ""
    assert dialog.username.text() == "DR.OKAFOR"
    assert dialog.display_name.text() == "Second Okafor"
    assert dialog.password.text() == NEW_PASSWORD
    assert dialog.confirm.text() == NEW_PASSWORD
    assert page.model.rowCount() == 5

    # Fixing the one field is enough.
    dialog.username.selectAll()
    qtbot.keyClicks(dialog.username, "dr.okafor2")
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    assert cell(page, "dr.okafor2", "Full name") == "Second Okafor"


def test_a_weak_password_is_refused_with_every_reason_at_once(qtbot, page: UsersPage) -> None:
    dialog = open_add_dialog(qtbot, page)
    # A blank name and a short password containing the username: all shown together.
    qtbot.keyClicks(dialog.username, "pat")
    qtbot.keyClicks(dialog.password, "pat123")
    qtbot.keyClicks(dialog.confirm, "pat123")
    click_save(qtbot, dialog)
    text = dialog.problem_label.text()
    assert "Enter the person's full name." in text
    assert "at least 12 characters" in text
    assert "must not contain the username" in text
    assert dialog.password.styleSheet() != ""
    assert dialog.display_name.styleSheet() != ""
    assert dialog.isVisible()

    # A strong password typed differently the second time.
    qtbot.keyClicks(dialog.display_name, "Pat Doe")
    for field in (dialog.password, dialog.confirm):
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(dialog.password, NEW_PASSWORD)
    qtbot.keyClicks(dialog.confirm, NEW_PASSWORD + "!")
    click_save(qtbot, dialog)
    assert dialog.problem_label.text() == (
        "The two passwords are not the same. Type the new password twice."
    )
    assert dialog.confirm.styleSheet() != ""
    assert page.model.rowCount() == 5

    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Backspace)
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    assert cell(page, "pat", "Full name") == "Pat Doe"


def test_cancel_adds_nobody(qtbot, page: UsersPage) -> None:
    dialog = open_add_dialog(qtbot, page)
    qtbot.keyClicks(dialog.username, "someone")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    assert page.model.rowCount() == 5


def test_change_a_role_by_editing(qtbot, page: UsersPage, database: Database) -> None:
    click_row(qtbot, page, NURSE)
    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, EditAccountDialog)
    assert dialog.username.text() == NURSE
    assert dialog.role.currentData() == Role.NURSE
    assert not hasattr(dialog, "password")
    qtbot.keyClicks(dialog.role, "Prescriber")
    assert dialog.role.currentData() == Role.PRESCRIBER
    qtbot.keyClicks(dialog.npi, "12a34567890")  # the letter is not taken
    assert dialog.npi.text() == "1234567890"
    dialog.credentials.selectAll()
    qtbot.keyClicks(dialog.credentials, "PMHNP-BC")
    click_save(qtbot, dialog)

    assert not dialog.isVisible()
    assert cell(page, NURSE, "Role") == "Prescriber"
    assert cell(page, NURSE, "NPI") == "1234567890"
    assert cell(page, NURSE, "Credentials") == "PMHNP-BC"
    assert page.selected().username == NURSE
    assert audit_actions(database)[-1] == "role change"


def test_a_short_npi_is_refused_in_the_edit_dialog(qtbot, page: UsersPage) -> None:
    click_row(qtbot, page, STAFF_USERNAMES[Role.PRESCRIBER])
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Return on a row opens it, like Edit…
    dialog = page.dialog
    assert isinstance(dialog, EditAccountDialog)
    assert dialog.username.text() == STAFF_USERNAMES[Role.PRESCRIBER]
    qtbot.keyClicks(dialog.npi, "12345")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "An NPI is exactly 10 digits."
    assert dialog.npi.styleSheet() != ""
    assert dialog.npi.text() == "12345"


def test_an_administrator_cannot_take_their_own_role_away(qtbot, page: UsersPage) -> None:
    click_row(qtbot, page, STAFF_USERNAMES[Role.ADMINISTRATOR])
    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert isinstance(dialog, EditAccountDialog)
    assert not dialog.role.isEnabled()
    assert "administrator role from yourself" in dialog.role_hint.text()


def test_an_edit_made_elsewhere_first_is_explained_and_the_dialog_stays(
    qtbot, page: UsersPage, workspace: Workspace
) -> None:
    click_row(qtbot, page, NURSE)
    click(qtbot, page.edit_button)
    dialog = page.dialog
    # Another workstation changes the same account meanwhile.
    row = page.selected()
    workflows.update_account(
        workspace.database,
        workspace.actor,
        row.id,
        row.version,
        AccountDraft(NURSE, "Renamed Elsewhere", Role.NURSE),
    )
    dialog.display_name.selectAll()
    qtbot.keyClicks(dialog.display_name, "Raman, Priya")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert "after you opened it" in dialog.problem_label.text()
    assert dialog.display_name.text() == "Raman, Priya"


def test_lock_by_failed_sign_ins_then_unlock(
    qtbot, page: UsersPage, workspace: Workspace, clock: FakeClock, database: Database
) -> None:
    for _ in range(5):
        with pytest.raises(SignInFailedError):
            workspace.sign_in.attempt(NURSE, "not the password", WORKSTATION)
        clock.advance(60)  # past each back-off wait, so every attempt counts
    page.refresh()
    assert cell(page, NURSE, "Status") == "Locked"
    assert cell(page, NURSE, "Failed sign-ins") == "5"
    assert page.count.text() == "5 accounts, 1 locked"
    with pytest.raises(SignInFailedError):
        workspace.sign_in.attempt(NURSE, STAFF_PASSWORD, WORKSTATION)

    click_row(qtbot, page, NURSE)
    assert page.unlock_button.isEnabled()
    click(qtbot, page.unlock_button)
    assert cell(page, NURSE, "Status") == "Active"
    assert cell(page, NURSE, "Failed sign-ins") == "0"
    assert page.message.text() == f"{NURSE} is unlocked and may sign in again."
    assert not page.unlock_button.isEnabled()
    assert workspace.sign_in.attempt(NURSE, STAFF_PASSWORD, WORKSTATION).username == NURSE
    assert "account unlocked" in audit_actions(database)


def test_reset_a_password_then_sign_in_with_the_new_one(
    qtbot, page: UsersPage, workspace: Workspace, database: Database
) -> None:
    click_row(qtbot, page, NURSE)
    click(qtbot, page.reset_button)
    dialog = page.dialog
    assert isinstance(dialog, ResetPasswordDialog)
    assert dialog.isModal()
    # Too short first: refused, and the dialog keeps it.
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.confirm, "short")
    click_save(qtbot, dialog)
    assert dialog.isVisible()
    assert "at least 12 characters" in dialog.problem_label.text()
    assert dialog.password.text() == "short"

    for field in (dialog.password, dialog.confirm):
        field.selectAll()
        qtbot.keyClicks(field, NEW_PASSWORD)
    click_save(qtbot, dialog)
    assert not dialog.isVisible()
    assert "password for rn.raman is reset" in page.message.text()
    assert workspace.sign_in.attempt(NURSE, NEW_PASSWORD, WORKSTATION).username == NURSE
    with pytest.raises(SignInFailedError):
        workspace.sign_in.attempt(NURSE, STAFF_PASSWORD, WORKSTATION)
    assert "password change" in audit_actions(database)


def test_deactivate_after_confirming_then_reactivate(
    qtbot, page: UsersPage, workspace: Workspace
) -> None:
    click_row(qtbot, page, NURSE)
    click(qtbot, page.active_button)
    box = page.dialog
    assert isinstance(box, QMessageBox)
    assert box.isVisible()
    assert "They will not be able to sign in" in box.text()
    # Cancel first: nothing changes.
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert cell(page, NURSE, "Status") == "Active"

    click(qtbot, page.active_button)
    box = page.dialog
    confirm = next(b for b in box.buttons() if b.text() == "Deactivate")
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert cell(page, NURSE, "Status") == "Deactivated"
    assert page.count.text() == "5 accounts, 1 deactivated"
    assert page.active_button.text() == "Reactivate"
    assert not page.unlock_button.isEnabled()
    with pytest.raises(SignInFailedError):
        workspace.sign_in.attempt(NURSE, STAFF_PASSWORD, WORKSTATION)

    click(qtbot, page.active_button)  # reactivating needs no confirmation
    assert cell(page, NURSE, "Status") == "Active"
    assert page.active_button.text() == "Deactivate"
    assert workspace.sign_in.attempt(NURSE, STAFF_PASSWORD, WORKSTATION).username == NURSE


def test_a_role_without_the_permission_sees_why_and_no_accounts(
    qtbot, workspace: Workspace, staff: dict[Role, Actor]
) -> None:
    workspace.signed_in = staff[Role.PRESCRIBER]
    users = UsersPage(workspace)
    qtbot.addWidget(users)
    users.refresh()
    assert users.model.rowCount() == 0
    assert "may not manage user accounts" in users.message.text()


def test_the_account_model_is_a_well_behaved_qt_model(qtmodeltester, workspace: Workspace) -> None:
    rows = workflows.list_accounts(workspace.database, workspace.actor)
    model = AccountTableModel(rows)
    qtmodeltester.check(model)
    model.set_rows(rows[:2])
    qtmodeltester.check(model)
