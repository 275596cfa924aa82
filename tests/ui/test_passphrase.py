"""The passphrase dialogs: chosen at first start, asked before sign-in, changed in Settings."""

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from db.accounts.passwords import Passwords
from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.database import Database
from db.encryption import Passphrase, is_encrypted_file
from db.unlocking import EncryptionRegistry
from desktop import gui
from desktop.paths import AppPaths, resolve_paths
from desktop.startup import open_database
from tests.factories import WORKSTATION, make_staff
from tests.qt_typing import type_text
from ui.accounts.passphrase_dialogs import (
    ChangePassphraseDialog,
    DatabaseEncryptionBox,
    EncryptionChoiceDialog,
    UnlockDialog,
)
from ui.workspace import Workspace

SECRET = "velvet otter drums quietly"
NEW_SECRET = "brass lantern orbit meadow"


def screenshot_folder(tmp_path: Path) -> Path:
    """Set BOOSTERDESK_SCREENSHOTS to keep the pictures somewhere to look at."""
    folder = Path(os.environ.get("BOOSTERDESK_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def click_ok(qtbot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return resolve_paths(tmp_path / "data", tmp_path / "config")


@pytest.fixture
def encrypted(paths: AppPaths) -> AppPaths:
    open_database(paths, None, Passphrase(SECRET)).database.dispose()
    return paths


@pytest.fixture
def encrypted_workspace(paths: AppPaths, passwords: Passwords) -> Iterator[Workspace]:
    database: Database = open_database(paths, None, Passphrase(SECRET)).database
    staff = make_staff(database, passwords)
    yield Workspace(
        database, SignIn(database, passwords), passwords, WORKSTATION, staff[Role.ADMINISTRATOR]
    )
    database.dispose()


def test_first_start_asks_for_a_passphrase_with_its_rules(qtbot, tmp_path: Path) -> None:
    dialog = EncryptionChoiceDialog(keyring_available=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.encrypt.isChecked()  # on by default
    assert not dialog.keyring.isEnabled()
    assert "no system keyring" in dialog.keyring_note.text()
    qtbot.keyClicks(dialog.passphrase_field, "too short")
    assert dialog.strength.text().startswith("Too short")
    click_ok(qtbot, dialog)
    assert "at least 12 characters" in dialog.problem_label.text()
    assert dialog.isVisible() and dialog.passphrase is None

    dialog.passphrase_field.clear()
    type_text(dialog.passphrase_field, SECRET)
    assert dialog.strength.text().startswith("Strong")
    type_text(dialog.confirm_field, SECRET + "x")
    click_ok(qtbot, dialog)
    assert "not the same" in dialog.problem_label.text()
    dialog.confirm_field.clear()
    type_text(dialog.confirm_field, SECRET)
    dialog.problems.clear()
    dialog.grab().save(str(screenshot_folder(tmp_path) / "passphrase-first-start.png"))
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase == Passphrase(SECRET) and not dialog.keep_in_keyring
    assert dialog.passphrase_field.text() == ""


def test_choosing_no_encryption_warns_and_gives_no_passphrase(qtbot) -> None:
    dialog = EncryptionChoiceDialog(keyring_available=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.keyring.isEnabled()
    dialog.encrypt.setChecked(False)
    assert dialog.plain_warning.isVisible()
    assert not dialog.passphrase_field.isEnabled() and not dialog.keyring.isEnabled()
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.passphrase is None


def test_unlock_prompt_refuses_a_wrong_passphrase_then_opens(
    qtbot, encrypted: AppPaths, tmp_path: Path
) -> None:
    opened = []
    dialog = UnlockDialog(
        lambda passphrase: opened.append(open_database(encrypted, None, passphrase))
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    folder = screenshot_folder(tmp_path)
    dialog.grab().save(str(folder / "passphrase-prompt.png"))
    before = sha(encrypted.database_file)

    type_text(dialog.passphrase_field, "velvet otter drums loudly")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.text().startswith("That passphrase does not open this clinic's database.")
    assert dialog.passphrase_field.text() == ""
    dialog.grab().save(str(folder / "passphrase-wrong.png"))
    assert sha(encrypted.database_file) == before
    assert (folder / "passphrase-wrong.png").stat().st_size > 0

    type_text(dialog.passphrase_field, SECRET)
    qtbot.keyClick(dialog.passphrase_field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(opened) == 1 and opened[0].database.encrypted
    opened[0].database.dispose()
    registry = EncryptionRegistry(encrypted.config_dir)
    assert registry.failed_unlocks(encrypted.database_file) == []  # appended to the trail


def test_the_window_start_asks_first_whether_to_encrypt(
    qtbot, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def choose(dialog: EncryptionChoiceDialog) -> int:
        type_text(dialog.passphrase_field, SECRET)
        type_text(dialog.confirm_field, SECRET)
        click_ok(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(EncryptionChoiceDialog, "exec", choose)
    opened = gui.open_for_window(paths, None)
    assert opened is not None and opened.database.encrypted
    opened.database.dispose()
    assert is_encrypted_file(paths.database_file)


def test_the_window_start_asks_for_the_passphrase_and_may_be_quit(
    qtbot, encrypted: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def give_up(dialog: UnlockDialog) -> int:
        type_text(dialog.passphrase_field, "not the passphrase")
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(UnlockDialog, "exec", give_up)
    assert gui.open_for_window(encrypted, None) is None
    failures = EncryptionRegistry(encrypted.config_dir).failed_unlocks(encrypted.database_file)
    assert len(failures) == 1


def test_change_passphrase_from_the_settings_box(
    qtbot, encrypted_workspace: Workspace, tmp_path: Path
) -> None:
    box = DatabaseEncryptionBox(encrypted_workspace)
    qtbot.addWidget(box)
    box.show()
    assert "encrypted" in box.status.text() and box.change_button.isEnabled()
    qtbot.mouseClick(box.change_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert isinstance(dialog, ChangePassphraseDialog) and dialog.isVisible()
    type_text(dialog.current, "a wrong guess here")
    type_text(dialog.new, NEW_SECRET)
    type_text(dialog.confirm, NEW_SECRET)
    click_ok(qtbot, dialog)
    assert "not the database's current passphrase" in dialog.problem_label.text()
    type_text(dialog.current, SECRET)
    dialog.grab().save(str(screenshot_folder(tmp_path) / "passphrase-change.png"))
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert box.message.text().startswith("Passphrase changed.")
    assert encrypted_workspace.database.passphrase == Passphrase(NEW_SECRET)


def test_the_settings_box_on_a_plain_database_has_nothing_to_change(
    qtbot, workspace: Workspace
) -> None:
    box = DatabaseEncryptionBox(workspace)
    qtbot.addWidget(box)
    assert box.status.text() == "This database is not encrypted."
    assert box.change_button.isHidden()
