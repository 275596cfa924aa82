"""Start the window: the Qt application, the error hook, who is signing in, the main window."""

import logging
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

import ui
from db.accounts.actor import Actor
from db.accounts.workflows import needs_first_administrator
from db.backup import back_up, list_backups
from db.encryption import Passphrase, WrongPassphraseError
from db.errors import ClinicError
from db.location import unsafe_location
from db.settings.clinic_settings import load_settings
from db.unlocking import EncryptionRegistry, UnlockMethod, system_keyring_available
from desktop.logging_setup import scrubbed_report
from desktop.paths import AppPaths
from desktop.startup import (
    OpenedDatabase,
    is_new_database,
    needs_passphrase,
    open_database,
    stored_passphrase,
)
from ui.accounts.first_admin_dialog import FirstAdministratorDialog
from ui.accounts.passphrase_dialogs import EncryptionChoiceDialog, UnlockDialog
from ui.accounts.sign_in_dialog import SignInDialog
from ui.error_dialog import ErrorDialog
from ui.main_window import MainWindow
from ui.workspace import Workspace

log = logging.getLogger(__name__)

AUTOMATIC_BACKUP_EVERY = timedelta(days=1)
ICON = Path(ui.__file__).with_name("resources") / "boosterdesk.png"


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    configure(app)
    return app


def configure(app: QApplication) -> None:
    app.setApplicationName("Booster Desk")
    app.setOrganizationName("BoosterDesk")
    # Matches boosterdesk.desktop, so desktops (Wayland above all) pair window and menu entry.
    app.setDesktopFileName("boosterdesk")
    app.setWindowIcon(QIcon(str(ICON)))


def install_error_hook() -> None:
    """Every unexpected error reaches the log (scrubbed) and one dialog."""

    def on_error(
        error_type: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        report = scrubbed_report(error_type, error, trace)
        log.error("unexpected error\n%s", report)
        if QApplication.instance() is not None:
            ErrorDialog(
                "Booster Desk met an error it did not expect. The action was not completed.",
                report,
            ).exec()

    sys.excepthook = on_error


def open_for_window(paths: AppPaths, database_url: str | None) -> OpenedDatabase | None:
    """Open the database for the window, asking what it needs first: on a first start
    whether to encrypt (and the passphrase), for an encrypted database its passphrase.
    None when the person gave up; ClinicError subclasses when it cannot open."""
    application()
    if database_url or not (is_new_database(paths) or needs_passphrase(paths)):
        return open_database(paths, database_url)
    if is_new_database(paths):
        if reason := unsafe_location(paths.data_dir):
            raise ClinicError(reason)  # before asking anything
        choice = EncryptionChoiceDialog(system_keyring_available())
        if not choice.exec():
            return None
        return open_database(paths, None, choice.passphrase, keep_in_keyring=choice.keep_in_keyring)
    note = ""
    record = EncryptionRegistry(paths.config_dir).record(paths.database_file)
    if record is not None and record.unlock is UnlockMethod.KEYRING:
        stored = stored_passphrase(paths)
        if stored is not None:
            try:
                return open_database(paths, None, stored)
            except WrongPassphraseError:
                note = "The passphrase kept in the system keyring no longer opens the database."
        else:
            note = "The system keyring did not give the passphrase this time."
    opened: list[OpenedDatabase] = []

    def attempt(passphrase: Passphrase) -> None:
        opened.append(open_database(paths, None, passphrase))

    dialog = UnlockDialog(attempt, note)
    if not dialog.exec():
        if dialog.failure is not None:
            raise dialog.failure
        return None
    return opened[-1]


def build_main_window(workspace: Workspace, paths: AppPaths) -> MainWindow:
    settings = QSettings(str(paths.window_settings_file), QSettings.Format.IniFormat)
    return MainWindow(workspace, settings)


def ask_who_is_signing_in(workspace: Workspace) -> Actor | None:
    """First start: create the administrator. Otherwise: sign in. None if they gave up."""
    if needs_first_administrator(workspace.database):
        first = FirstAdministratorDialog(workspace)
        return first.actor if first.exec() else None
    dialog = SignInDialog(workspace)
    return dialog.actor if dialog.exec() else None


def run_window(workspace: Workspace, paths: AppPaths) -> int:
    app = application()
    install_error_hook()
    actor = ask_who_is_signing_in(workspace)
    if actor is None:
        return 0
    workspace.signed_in = actor
    window = build_main_window(workspace, paths)
    window.show()
    window.raise_()
    window.activateWindow()
    code = app.exec()
    back_up_on_exit(workspace, paths)
    return code


def back_up_on_exit(workspace: Workspace, paths: AppPaths) -> None:
    """At most one automatic backup a day, taken as the program closes."""
    if workspace.database.sqlite_path is None:
        return
    newest = list_backups(paths.backup_dir)
    if newest and datetime.now(UTC) - newest[0].taken_at < AUTOMATIC_BACKUP_EVERY:
        return
    try:
        keep = load_settings(workspace.database).backups_kept
        workspace.database.dispose()
        back_up(
            workspace.database.sqlite_path,
            paths.backup_dir,
            keep=keep,
            passphrase=workspace.database.passphrase,
        )
    except (ClinicError, OSError) as failed:
        log.error("automatic backup failed: %s", type(failed).__name__)


def show_startup_failure(message: str) -> None:
    """Tell the user in a window too; off-screen nobody could close it, so skip it there."""
    app = application()
    if app.platformName() in ("offscreen", "minimal"):
        return
    QMessageBox.critical(None, "Booster Desk cannot open the database", message)
