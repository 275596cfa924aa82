"""Start the window: the Qt application, the error hook, and the main window."""

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from db.database import Database
from desktop.logging_setup import scrubbed_report
from desktop.paths import AppPaths
from ui.error_dialog import ErrorDialog
from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Booster Desk")
    app.setOrganizationName("BoosterDesk")
    return app


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


def build_main_window(database: Database, paths: AppPaths) -> MainWindow:
    settings = QSettings(str(paths.window_settings_file), QSettings.Format.IniFormat)
    return MainWindow(database, settings)


def run_window(database: Database, paths: AppPaths) -> int:
    app = application()
    install_error_hook()
    window = build_main_window(database, paths)
    window.show()
    return app.exec()


def show_startup_failure(message: str) -> None:
    """Tell the user in a window too; off-screen nobody could close it, so skip it there."""
    app = application()
    if app.platformName() in ("offscreen", "minimal"):
        return
    QMessageBox.critical(None, "Booster Desk cannot open the database", message)
