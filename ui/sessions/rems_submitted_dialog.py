"""Record a session's Spravato REMS monitoring form as submitted, on a chosen day."""

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from db.sessions.views import RemsWorkItem


class RemsSubmittedDialog(QDialog):
    chosen = Signal(object, object)  # RemsWorkItem, the day submitted (date)

    def __init__(self, item: RemsWorkItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setWindowTitle("REMS form submitted")
        self.setObjectName("remsSubmittedDialog")
        intro = QLabel(
            f"The REMS monitoring form of {item.patient_name}'s session of "
            f"{item.session_on:%Y-%m-%d} was submitted on:"
        )
        intro.setWordWrap(True)
        self.submitted_on = QDateEdit(objectName="submittedOn")
        self.submitted_on.setCalendarPopup(True)
        self.submitted_on.setDisplayFormat("yyyy-MM-dd")
        self.submitted_on.setMinimumDate(QDate(item.session_on))
        self.submitted_on.setMaximumDate(QDate(today))
        self.submitted_on.setDate(QDate(today))
        form = QFormLayout()
        form.addRow("Submitted on", self.submitted_on)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Mark submitted")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _on_buttons_accepted(self) -> None:
        self.chosen.emit(self.item, self.submitted_on.date().toPython())
        self.accept()
