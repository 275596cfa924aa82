"""The one dialog for errors nobody expected, with details the clinic can copy to support."""

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ErrorDialog(QDialog):
    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setObjectName("errorDialog")
        message = QLabel(
            f"{summary}\n\nYour saved work is safe: a save either completes or is not made at "
            "all. If this keeps happening, copy the details below for support."
        )
        message.setWordWrap(True)
        self.details = QPlainTextEdit(details, objectName="errorDetails")
        self.details.setReadOnly(True)
        copy_button = QPushButton("Copy details")
        copy_button.clicked.connect(self._on_copy_button_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def _on_copy_button_clicked(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())
