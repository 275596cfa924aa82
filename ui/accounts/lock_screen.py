"""What the window shows when locked or signed out: no patient data, only a way back in."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from db.accounts.actor import Actor
from ui.accounts.sign_in_form import SignInForm
from ui.workspace import Workspace


class LockScreen(QWidget):
    signed_in = Signal(object)  # Actor

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.title = QLabel(objectName="lockTitle")
        self.title.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = QLabel(objectName="lockExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form = SignInForm(workspace)
        self.form.setMaximumWidth(420)
        self.form.signed_in.connect(self.signed_in)
        self.someone_else = QPushButton("Sign in as someone else", objectName="someoneElse")
        self.someone_else.setFlat(True)
        self.someone_else.clicked.connect(self._on_someone_else_clicked)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.someone_else, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()

    def show_locked(self, actor: Actor) -> None:
        self.title.setText("Booster Desk is locked")
        self.explanation.setText(
            f"Locked for {actor.display_name}. Enter your password to go on where you left off, "
            "or sign in as someone else: your unsaved work is kept for when you return."
        )
        self.form.reset(actor.username)
        self.someone_else.show()

    def show_signed_out(self) -> None:
        self.title.setText("Booster Desk")
        self.explanation.setText("Signed out. Sign in with your own account.")
        self.form.reset()
        self.someone_else.hide()

    def _on_someone_else_clicked(self) -> None:
        self.form.reset()
