"""An unexpected error reaches one dialog with copyable details, and the log, without data."""

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop import gui
from ui.error_dialog import ErrorDialog


def test_unexpected_error_shows_one_dialog_without_the_message(qtbot, monkeypatch, caplog) -> None:
    shown: list[ErrorDialog] = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self) or 0)
    previous = sys.excepthook
    gui.install_error_hook()
    try:
        try:
            raise ValueError("Nguyễn Canary BD-000777")
        except ValueError as error:
            with caplog.at_level(logging.ERROR):
                sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    assert len(shown) == 1
    details = shown[0].details.toPlainText()
    assert details.startswith("builtins.ValueError")
    assert "test_error_dialog.py" in details
    assert "Canary" not in details and "BD-000777" not in details
    assert "builtins.ValueError" in caplog.text and "Canary" not in caplog.text


def test_copy_details_puts_them_on_the_clipboard(qtbot) -> None:
    dialog = ErrorDialog("Something failed.", "builtins.KeyError\n  x.py:1 in f")
    qtbot.addWidget(dialog)
    dialog.show()
    copy = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Copy details")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "builtins.KeyError\n  x.py:1 in f"
