"""A prescriber's signing details: credentials, NPI and the signature image letters carry.

The administrator edits anyone's from the Users page; a prescriber their own, from a letter
that is missing them.
"""

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.errors import ClinicError, InvalidEntryError
from db.letters.letterhead import (
    MAX_CREDENTIALS,
    PrescriberDetails,
    prescriber_details,
    save_prescriber_details,
)
from ui.forms import ProblemDisplay
from ui.letters.image_picker import ImagePicker
from ui.workspace import Workspace


class PrescriberDetailsDialog(QDialog):
    saved = Signal(int)  # the account's id

    def __init__(self, workspace: Workspace, user_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.saved_account_id: int | None = None
        self.setObjectName("prescriberDetailsDialog")
        self.details: PrescriberDetails = prescriber_details(
            workspace.database, workspace.actor, user_id
        )
        self.setWindowTitle(f"Signing details: {self.details.name}")
        intro = QLabel(
            "Letters to payers and consent forms print the prescriber's name with these "
            "credentials, the NPI, and the signature picture above the signature line."
        )
        intro.setWordWrap(True)
        self.credentials = QLineEdit(self.details.credentials, objectName="credentials")
        self.credentials.setMaxLength(MAX_CREDENTIALS)
        self.credentials.setPlaceholderText("e.g. MD, DO, PMHNP-BC")
        self.npi = QLineEdit(self.details.npi, objectName="npi")
        self.npi.setMaxLength(10)
        self.npi.setPlaceholderText("10 digits")
        self.npi.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^[0-9]{0,10}$"), self.npi)
        )
        self.signature = ImagePicker("The signature", 48)
        self.signature.set_image(self.details.signature)
        hint = QLabel(
            "A scan of the signature in dark ink on white, PNG or JPEG, about 600 × 180 "
            "pixels; at most 2 MB."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow("Name", QLabel(self.details.name))
        form.addRow("Credentials", self.credentials)
        form.addRow("NPI", self.npi)
        form.addRow("Signature", self.signature)
        form.addRow("", hint)
        self.problems = QLabel(objectName="detailsProblems")
        self.display = ProblemDisplay(
            self.problems,
            {"credentials": self.credentials, "npi": self.npi, "signature": self.signature},
        )
        self.signature.problem.connect(self._on_signature_problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(520, 300)

    def _on_signature_problem(self, text: str) -> None:
        self.problems.setText(text)
        self.problems.show()

    def _on_buttons_accepted(self) -> None:
        try:
            save_prescriber_details(
                self._workspace.database,
                self._workspace.actor,
                self.details.user_id,
                self.credentials.text(),
                self.npi.text(),
                self.signature.image,
                expected_version=self.details.version,
            )
        except InvalidEntryError as refused:
            self.display.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.setText(str(refused))
            self.problems.show()
            return
        self.saved_account_id = self.details.user_id  # the Users page selects it again
        self.saved.emit(self.details.user_id)
        self.accept()
