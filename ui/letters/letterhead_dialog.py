"""The clinic's letterhead as every letter prints it: name, address, phone and fax, the
logo, the paper, and the clinic's own words on fasting for the booster handout."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.errors import ClinicError, InvalidEntryError
from db.letters.letterhead import (
    MAX_ADDRESS_LINES,
    MAX_LINE,
    MAX_NAME,
    MAX_PHONE,
    LetterheadDraft,
    letterhead_settings,
    save_letterhead,
)
from reports.model import PageSize
from ui.forms import ProblemDisplay
from ui.letters.image_picker import ImagePicker
from ui.workspace import Workspace

_PAPER = {PageSize.LETTER: "US Letter (8.5 × 11 in)", PageSize.A4: "A4 (210 × 297 mm)"}


class LetterheadDialog(QDialog):
    saved = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterheadDialog")
        self.setWindowTitle("Letterhead")
        self._workspace = workspace
        current = letterhead_settings(workspace.database)
        intro = QLabel(
            "Every letter and printout is headed with these. The address sits where a window "
            "envelope shows it on letters to payers."
        )
        intro.setWordWrap(True)
        self.clinic_name = QLineEdit(current.clinic_name, objectName="clinicName")
        self.clinic_name.setMaxLength(MAX_NAME)
        self.address = QPlainTextEdit("\n".join(current.address_lines), objectName="address")
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText(
            f"One line each, at most {MAX_ADDRESS_LINES} lines of {MAX_LINE} characters"
        )
        self.address.setFixedHeight(86)
        self.phone = QLineEdit(current.phone, objectName="phone")
        self.fax = QLineEdit(current.fax, objectName="fax")
        for line in (self.phone, self.fax):
            line.setMaxLength(MAX_PHONE)
        numbers = QHBoxLayout()
        numbers.addWidget(self.phone)
        numbers.addWidget(QLabel("Fax"))
        numbers.addWidget(self.fax)
        self.paper = QComboBox(objectName="paper")
        for size, label in _PAPER.items():
            self.paper.addItem(label, size.value)
        self.paper.setCurrentIndex(self.paper.findData(current.page_size.value))
        self.logo = ImagePicker("The logo", 40)
        self.logo.set_image(current.logo)
        logo_hint = QLabel("PNG or JPEG, wider than tall, at most 2 MB.")
        logo_hint.setStyleSheet("color: #555;")
        self.fasting = QPlainTextEdit(current.fasting_wording, objectName="fasting")
        self.fasting.setTabChangesFocus(True)
        self.fasting.setFixedHeight(70)
        self.fasting.setPlaceholderText(
            "Your clinic's own instructions, e.g. 'Nothing to eat for 4 hours and nothing to "
            "drink for 2 hours before your session.' Empty: the handout's general wording."
        )
        form = QFormLayout()
        form.addRow("Clinic name", self.clinic_name)
        form.addRow("Address", self.address)
        form.addRow("Phone", numbers)
        form.addRow("Paper", self.paper)
        form.addRow("Logo", self.logo)
        form.addRow("", logo_hint)
        form.addRow("Fasting before a session", self.fasting)
        self.problems = QLabel(objectName="letterheadProblems")
        self.display = ProblemDisplay(
            self.problems,
            {
                "clinic_name": self.clinic_name,
                "address_lines": self.address,
                "phone": self.phone,
                "fax": self.fax,
                "logo": self.logo,
                "fasting_wording": self.fasting,
            },
        )
        self.logo.problem.connect(self._on_logo_problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.resize(640, 470)

    def draft(self) -> LetterheadDraft:
        return LetterheadDraft(
            clinic_name=self.clinic_name.text(),
            address_lines=tuple(self.address.toPlainText().splitlines()),
            phone=self.phone.text(),
            fax=self.fax.text(),
            logo=self.logo.image,
            page_size=PageSize(self.paper.currentData()),
            fasting_wording=self.fasting.toPlainText(),
        )

    def save(self) -> None:
        try:
            save_letterhead(self._workspace.database, self._workspace.actor, self.draft())
        except InvalidEntryError as refused:
            self.display.show(refused.problems)
            return
        except ClinicError as refused:
            self.display.show(())
            self.problems.setText(str(refused))
            self.problems.show()
            return
        self.saved.emit()
        self.accept()

    def _on_logo_problem(self, text: str) -> None:
        self.problems.setText(text)
        self.problems.show()
