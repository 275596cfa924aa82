"""An addendum to a signed session: what is added and why. The session itself stays as it
was signed; the addendum is listed under it with who wrote it, when and why."""

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clinical.record.validation import Problem
from db.accounts.actor import Actor
from db.database import Database
from db.errors import ClinicError, InvalidEntryError
from db.sessions.views import SessionView
from db.sessions.workflows import add_addendum
from ui.forms import ProblemDisplay


class AddendumDialog(QDialog):
    added = Signal(object)  # SessionView, with the addendum

    def __init__(
        self, database: Database, actor: Actor, view: SessionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self._view = view
        self.setWindowTitle("Add an addendum")
        self.setObjectName("addendumDialog")
        self.setMinimumWidth(520)
        intro = QLabel(
            f"The {view.modality.label} session of {view.session_on:%Y-%m-%d} stays as it was "
            "signed. The addendum is kept under it with your name, the time and the reason."
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(objectName="text")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What is added or corrected")
        self.reason = QLineEdit(objectName="reason")
        self.reason.setPlaceholderText("Why: a correction, a late entry, new information…")
        form = QFormLayout()
        form.addRow("Addendum", self.text)
        form.addRow("Reason", self.reason)
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label, {"text": self.text, "reason": self.reason}
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Add addendum")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.text.setFocus()

    def _on_buttons_accepted(self) -> None:
        try:
            view = add_addendum(
                self._database,
                self._actor,
                self._view.id,
                self.text.toPlainText(),
                self.reason.text(),
            )
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.added.emit(view)
        self.accept()
