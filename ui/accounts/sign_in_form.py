"""Username, password, Sign in: the form the start-up dialog and the lock screen share."""

from datetime import UTC, datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from db.accounts.actor import Actor
from db.accounts.sign_in import SignInFailedError
from ui.workspace import Workspace


class SignInForm(QWidget):
    signed_in = Signal(object)  # Actor

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.username = QLineEdit(objectName="username")
        self.password = QLineEdit(objectName="password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_in_button = QPushButton("Sign in", objectName="signIn")
        self.sign_in_button.setDefault(True)
        self.message = QLabel(objectName="signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 4)
        form = QFormLayout()
        form.addRow("Username", self.username)
        form.addRow("Password", self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sign_in_button)
        layout.addWidget(self.message)
        self.sign_in_button.clicked.connect(self._on_sign_in_button_clicked)
        self.password.returnPressed.connect(self._on_sign_in_button_clicked)
        self.username.returnPressed.connect(self.password.setFocus)
        self._wait = QTimer(self, singleShot=True)
        self._wait.timeout.connect(self._on_wait_timeout)

    def reset(self, username: str = "") -> None:
        self.username.setText(username)
        self.password.clear()
        self.message.clear()
        (self.password if username else self.username).setFocus()

    def _on_sign_in_button_clicked(self) -> None:
        if not self.sign_in_button.isEnabled():
            return
        try:
            actor: Actor = self._workspace.sign_in.attempt(
                self.username.text(), self.password.text(), self._workspace.workstation
            )
        except SignInFailedError as failed:
            self.password.clear()
            self.message.setText(str(failed))
            self._hold_until(failed.retry_at)
            return
        self.password.clear()
        self.message.clear()
        self.signed_in.emit(actor)

    def _hold_until(self, retry_at: datetime | None) -> None:
        if retry_at is None:
            return
        wait_ms = int((retry_at - datetime.now(UTC)).total_seconds() * 1000)
        if wait_ms > 0:
            self.sign_in_button.setEnabled(False)
            self._wait.start(wait_ms)

    def _on_wait_timeout(self) -> None:
        self.sign_in_button.setEnabled(True)
