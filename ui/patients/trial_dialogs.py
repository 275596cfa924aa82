"""Add or edit the treatment history a medical-necessity letter will cite."""

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from clinical.record.drafts import MedicationTrialDraft, PsychotherapyTrialDraft
from clinical.record.enums import DrugClass, PsychotherapyModality, TrialOutcome
from db.patients import workflows
from ui.forms import (
    DateLineEdit,
    DecimalLineEdit,
    EnumComboBox,
    IntegerLineEdit,
)
from ui.patients.entry_dialog import EntryDialog


def _notes_field() -> QPlainTextEdit:
    notes = QPlainTextEdit(objectName="notes")
    notes.setFixedHeight(64)
    notes.setTabChangesFocus(True)
    return notes


class MedicationTrialDialog(EntryDialog[MedicationTrialDraft]):
    title = "Medication trial"

    def build_form(self, form: QFormLayout) -> dict[str, QWidget]:
        self.drug = QLineEdit(objectName="drug")
        self.drug_class = EnumComboBox(DrugClass)
        self.drug_class.setObjectName("drugClass")
        self.dose_amount = DecimalLineEdit(decimals=3)
        self.dose_amount.setObjectName("doseAmount")
        self.dose_unit = QLineEdit("mg/day", objectName="doseUnit")
        self.start_date = DateLineEdit("Start date")
        self.end_date = DateLineEdit("End date")
        self.weeks = IntegerLineEdit(digits=3)
        self.weeks.setObjectName("weeksAtDose")
        self.outcome = EnumComboBox(TrialOutcome)
        self.outcome.setObjectName("outcome")
        self.notes = _notes_field()
        form.addRow("Medication *", self.drug)
        form.addRow("Class", self.drug_class)
        form.addRow("Highest dose", self.dose_amount)
        form.addRow("Dose unit", self.dose_unit)
        form.addRow("Started", self.start_date)
        form.addRow("Stopped", self.end_date)
        form.addRow("Weeks at adequate dose", self.weeks)
        form.addRow("Outcome", self.outcome)
        form.addRow("Notes", self.notes)
        return {
            "drug": self.drug,
            "dose_amount": self.dose_amount,
            "dose_unit": self.dose_unit,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "weeks_at_adequate_dose": self.weeks,
        }

    def load(self, draft: MedicationTrialDraft) -> None:
        self.drug.setText(draft.drug)
        self.drug_class.set_value(draft.drug_class)
        self.dose_amount.set_value(draft.dose_amount)
        self.dose_unit.setText(draft.dose_unit)
        self.start_date.set_value(draft.start_date)
        self.end_date.set_value(draft.end_date)
        self.weeks.set_value(draft.weeks_at_adequate_dose)
        self.outcome.set_value(draft.outcome)
        self.notes.setPlainText(draft.notes)

    def draft(self) -> MedicationTrialDraft:
        return MedicationTrialDraft(
            drug=self.drug.text(),
            drug_class=self.drug_class.value(),
            dose_amount=self.dose_amount.value(),
            dose_unit=self.dose_unit.text(),
            start_date=self.start_date.value(),
            end_date=self.end_date.value(),
            weeks_at_adequate_dose=self.weeks.value(),
            outcome=self.outcome.value(),
            notes=self.notes.toPlainText(),
        )

    def save(self, draft: MedicationTrialDraft, record_id: int | None, version: int | None) -> int:
        return workflows.save_medication_trial(
            self._workspace.database,
            self._workspace.actor,
            self._patient_id,
            draft,
            record_id,
            version,
        )


class PsychotherapyTrialDialog(EntryDialog[PsychotherapyTrialDraft]):
    title = "Psychotherapy"

    def build_form(self, form: QFormLayout) -> dict[str, QWidget]:
        self.modality = EnumComboBox(PsychotherapyModality)
        self.modality.setObjectName("modality")
        self.start_date = DateLineEdit("Start date")
        self.end_date = DateLineEdit("End date")
        self.sessions = IntegerLineEdit(digits=4)
        self.sessions.setObjectName("sessions")
        self.outcome = EnumComboBox(TrialOutcome)
        self.outcome.setObjectName("outcome")
        self.notes = _notes_field()
        form.addRow("Therapy", self.modality)
        form.addRow("Started", self.start_date)
        form.addRow("Ended", self.end_date)
        form.addRow("Sessions", self.sessions)
        form.addRow("Outcome", self.outcome)
        form.addRow("Notes", self.notes)
        return {
            "start_date": self.start_date,
            "end_date": self.end_date,
            "sessions": self.sessions,
        }

    def load(self, draft: PsychotherapyTrialDraft) -> None:
        self.modality.set_value(draft.modality)
        self.start_date.set_value(draft.start_date)
        self.end_date.set_value(draft.end_date)
        self.sessions.set_value(draft.sessions)
        self.outcome.set_value(draft.outcome)
        self.notes.setPlainText(draft.notes)

    def draft(self) -> PsychotherapyTrialDraft:
        return PsychotherapyTrialDraft(
            modality=self.modality.value(),
            start_date=self.start_date.value(),
            end_date=self.end_date.value(),
            sessions=self.sessions.value(),
            outcome=self.outcome.value(),
            notes=self.notes.toPlainText(),
        )

    def save(
        self, draft: PsychotherapyTrialDraft, record_id: int | None, version: int | None
    ) -> int:
        return workflows.save_psychotherapy_trial(
            self._workspace.database,
            self._workspace.actor,
            self._patient_id,
            draft,
            record_id,
            version,
        )
