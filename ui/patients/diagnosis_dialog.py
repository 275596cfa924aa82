"""Add or edit a diagnosis, with the common ICD-10-CM codes offered as you type."""

from PySide6.QtWidgets import QCheckBox, QCompleter, QFormLayout, QLineEdit, QWidget

from clinical.record.drafts import DiagnosisDraft
from clinical.record.icd10 import COMMON_DIAGNOSES
from db.patients import workflows
from ui.forms import DateLineEdit
from ui.patients.entry_dialog import EntryDialog

_DESCRIPTIONS = dict(COMMON_DIAGNOSES)


class DiagnosisDialog(EntryDialog[DiagnosisDraft]):
    title = "Diagnosis"

    def build_form(self, form: QFormLayout) -> dict[str, QWidget]:
        self.code = QLineEdit(objectName="icd10Code")
        self.code.setPlaceholderText("e.g. F33.2")
        completer = QCompleter([code for code, _ in COMMON_DIAGNOSES], self)
        self.code.setCompleter(completer)
        self.code.textChanged.connect(self._on_code_text_changed)
        self._filled_description = ""
        self.description = QLineEdit(objectName="description")
        self.is_primary = QCheckBox("Primary diagnosis", objectName="isPrimary")
        self.noted_on = DateLineEdit("Date noted")
        form.addRow("ICD-10-CM code *", self.code)
        form.addRow("Diagnosis *", self.description)
        form.addRow("", self.is_primary)
        form.addRow("Noted on", self.noted_on)
        return {
            "icd10_code": self.code,
            "description": self.description,
            "noted_on": self.noted_on,
        }

    def _on_code_text_changed(self, text: str) -> None:
        """A known code fills its description, unless the clinician wrote their own."""
        typed = self.description.text().strip()
        if typed and typed != self._filled_description:
            return
        self._filled_description = _DESCRIPTIONS.get(text.strip().upper(), "")
        self.description.setText(self._filled_description)

    def load(self, draft: DiagnosisDraft) -> None:
        self.code.setText(draft.icd10_code)
        self.description.setText(draft.description)
        self.is_primary.setChecked(draft.is_primary)
        self.noted_on.set_value(draft.noted_on)

    def draft(self) -> DiagnosisDraft:
        return DiagnosisDraft(
            icd10_code=self.code.text(),
            description=self.description.text(),
            is_primary=self.is_primary.isChecked(),
            noted_on=self.noted_on.value(),
        )

    def save(self, draft: DiagnosisDraft, record_id: int | None, version: int | None) -> int:
        return workflows.save_diagnosis(
            self._workspace.database,
            self._workspace.actor,
            self._patient_id,
            draft,
            record_id,
            version,
        )
