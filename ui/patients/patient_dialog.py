"""Add or edit a patient's demographics, contacts, insurance and dosing facts."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clinical.record.drafts import PatientDraft
from clinical.record.enums import PatientStatus, Sex
from clinical.record.validation import Problem
from db.errors import ClinicError, InvalidEntryError
from db.patients import workflows
from db.patients.views import PatientChart
from ui.forms import (
    DateLineEdit,
    DecimalLineEdit,
    EnumComboBox,
    IntegerLineEdit,
    ProblemDisplay,
)
from ui.workspace import Workspace

# The one-line text fields, named as on PatientDraft and as the dialog's attributes.
_LINE_FIELDS = (
    "mrn",
    "legal_family_name",
    "legal_given_names",
    "preferred_name",
    "phone",
    "email",
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "country",
    "emergency_contact_name",
    "emergency_contact_relation",
    "emergency_contact_phone",
    "primary_prescriber",
    "insurance_payer",
    "insurance_member_id",
    "insurance_group_number",
)


class PatientDialog(QDialog):
    """Saving runs the workflow; the dialog closes only when the save has landed."""

    saved = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        chart: PatientChart | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._chart = chart
        self.saved_patient_id: int | None = None
        self.setWindowTitle("Edit patient" if chart else "New patient")
        self.setObjectName("patientDialog")
        self.setMinimumWidth(860)

        self.mrn = QLineEdit(objectName="mrn")
        self.legal_family_name = QLineEdit(objectName="legalFamilyName")
        self.legal_given_names = QLineEdit(objectName="legalGivenNames")
        self.preferred_name = QLineEdit(objectName="preferredName")
        self.date_of_birth = DateLineEdit("Date of birth")
        self.date_of_birth.setObjectName("dateOfBirth")
        self.sex = EnumComboBox(Sex)
        self.sex.setObjectName("sex")
        self.status = EnumComboBox(PatientStatus)
        self.status.setObjectName("status")
        self.phone = QLineEdit(objectName="phone")
        self.email = QLineEdit(objectName="email")
        self.address_line1 = QLineEdit(objectName="addressLine1")
        self.address_line2 = QLineEdit(objectName="addressLine2")
        self.city = QLineEdit(objectName="city")
        self.region = QLineEdit(objectName="region")
        self.postal_code = QLineEdit(objectName="postalCode")
        self.country = QLineEdit(objectName="country")
        self.emergency_contact_name = QLineEdit(objectName="emergencyName")
        self.emergency_contact_relation = QLineEdit(objectName="emergencyRelation")
        self.emergency_contact_phone = QLineEdit(objectName="emergencyPhone")
        self.education_years = IntegerLineEdit(digits=2)
        self.education_years.setObjectName("educationYears")
        self.education_years.setPlaceholderText("years of schooling (MoCA)")
        self.weight_kg = DecimalLineEdit(decimals=1)
        self.weight_kg.setObjectName("weightKg")
        self.weight_kg.setPlaceholderText("kg (dosing)")
        self.primary_prescriber = QLineEdit(objectName="primaryPrescriber")
        self.insurance_payer = QLineEdit(objectName="insurancePayer")
        self.insurance_member_id = QLineEdit(objectName="insuranceMemberId")
        self.insurance_group_number = QLineEdit(objectName="insuranceGroupNumber")
        self.insurance_payer_address = QPlainTextEdit(objectName="insurancePayerAddress")
        self.insurance_payer_address.setFixedHeight(56)

        identity = self._group(
            "Identity",
            [
                ("MRN *", self.mrn),
                ("Legal family name *", self.legal_family_name),
                ("Legal given names *", self.legal_given_names),
                ("Preferred name", self.preferred_name),
                ("Date of birth *", self.date_of_birth),
                ("Sex", self.sex),
                ("Status", self.status),
            ],
        )
        clinical = self._group(
            "Clinical",
            [
                ("Primary prescriber", self.primary_prescriber),
                ("Education (years)", self.education_years),
                ("Weight (kg)", self.weight_kg),
            ],
        )
        contact = self._group(
            "Contact",
            [
                ("Phone", self.phone),
                ("Email", self.email),
                ("Address", self.address_line1),
                ("", self.address_line2),
                ("City", self.city),
                ("State / region", self.region),
                ("Postal code", self.postal_code),
                ("Country", self.country),
            ],
        )
        emergency = self._group(
            "Emergency contact",
            [
                ("Name", self.emergency_contact_name),
                ("Relation", self.emergency_contact_relation),
                ("Phone", self.emergency_contact_phone),
            ],
        )
        insurance = self._group(
            "Insurance",
            [
                ("Payer", self.insurance_payer),
                ("Member ID", self.insurance_member_id),
                ("Group number", self.insurance_group_number),
                ("Payer address", self.insurance_payer_address),
            ],
        )
        grid = QGridLayout()
        grid.addWidget(identity, 0, 0)
        grid.addWidget(clinical, 1, 0)
        grid.addWidget(emergency, 2, 0)
        grid.addWidget(contact, 0, 1)
        grid.addWidget(insurance, 1, 1, 2, 1)

        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label,
            {
                "mrn": self.mrn,
                "legal_family_name": self.legal_family_name,
                "legal_given_names": self.legal_given_names,
                "date_of_birth": self.date_of_birth,
                "email": self.email,
                "education_years": self.education_years,
                "weight_kg": self.weight_kg,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        if chart is not None:
            self._load(chart.patient)
        self.mrn.setFocus()

    @staticmethod
    def _group(title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for label, widget in rows:
            form.addRow(label, widget)
        return box

    def _load(self, patient: PatientDraft) -> None:
        for name in _LINE_FIELDS:
            getattr(self, name).setText(getattr(patient, name))
        self.insurance_payer_address.setPlainText(patient.insurance_payer_address)
        self.date_of_birth.set_value(patient.date_of_birth)
        self.sex.set_value(patient.sex)
        self.status.set_value(patient.status)
        self.education_years.set_value(patient.education_years)
        self.weight_kg.set_value(patient.weight_kg)

    def draft(self) -> PatientDraft | None:
        """The entry as typed, or None after showing why it cannot be read."""
        if unreadable := self.date_of_birth.problem("date_of_birth"):
            self.problems.show([unreadable])
            return None
        date_of_birth = self.date_of_birth.value()
        if date_of_birth is None:
            self.problems.show([Problem("date_of_birth", "Enter the date of birth.")])
            return None
        return PatientDraft(
            **{name: getattr(self, name).text() for name in _LINE_FIELDS},
            date_of_birth=date_of_birth,
            sex=self.sex.value(),
            status=self.status.value(),
            education_years=self.education_years.value(),
            weight_kg=self.weight_kg.value(),
            insurance_payer_address=self.insurance_payer_address.toPlainText(),
        )

    def _on_buttons_accepted(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        try:
            if self._chart is None:
                self.saved_patient_id = workflows.create_patient(
                    self._workspace.database, self._workspace.actor, draft
                )
            else:
                workflows.update_patient(
                    self._workspace.database,
                    self._workspace.actor,
                    self._chart.id,
                    self._chart.version,
                    draft,
                )
                self.saved_patient_id = self._chart.id
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.accept()
        if self.saved_patient_id is not None:
            self.saved.emit(self.saved_patient_id)
