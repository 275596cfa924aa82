"""The first thing the program shows: who are you?"""

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from db.accounts.actor import Actor
from ui.accounts.sign_in_form import SignInForm
from ui.workspace import Workspace


class SignInDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Booster Desk: sign in")
        self.setObjectName("signInDialog")
        self.actor: Actor | None = None
        title = QLabel("Booster Desk")
        title.setStyleSheet("font-size: 20pt; font-weight: 600;")
        subtitle = QLabel("Sign in with your own account. Accounts are never shared.")
        self.form = SignInForm(workspace)
        self.form.signed_in.connect(self._on_form_signed_in)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.form)
        self.setMinimumWidth(420)
        self.form.reset()

    def _on_form_signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()
