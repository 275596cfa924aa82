"""Add or edit an allergy."""

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from clinical.record.drafts import AllergyDraft
from clinical.record.enums import AllergySeverity
from db.patients import workflows
from ui.forms import EnumComboBox
from ui.patients.entry_dialog import EntryDialog


class AllergyDialog(EntryDialog[AllergyDraft]):
    title = "Allergy"

    def build_form(self, form: QFormLayout) -> dict[str, QWidget]:
        self.substance = QLineEdit(objectName="substance")
        self.reaction = QLineEdit(objectName="reaction")
        self.severity = EnumComboBox(AllergySeverity)
        self.severity.setObjectName("severity")
        form.addRow("Substance *", self.substance)
        form.addRow("Reaction", self.reaction)
        form.addRow("Severity", self.severity)
        return {"substance": self.substance}

    def load(self, draft: AllergyDraft) -> None:
        self.substance.setText(draft.substance)
        self.reaction.setText(draft.reaction)
        self.severity.set_value(draft.severity)

    def draft(self) -> AllergyDraft:
        return AllergyDraft(
            substance=self.substance.text(),
            reaction=self.reaction.text(),
            severity=self.severity.value(),
        )

    def save(self, draft: AllergyDraft, record_id: int | None, version: int | None) -> int:
        return workflows.save_allergy(
            self._workspace.database,
            self._workspace.actor,
            self._patient_id,
            draft,
            record_id,
            version,
        )
