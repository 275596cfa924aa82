"""The shape every chart-entry dialog shares: a form, its problems, Save and Cancel."""

from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from clinical.record.validation import Problem
from db.errors import ClinicError, InvalidEntryError
from db.patients.views import Saved
from ui.forms import ProblemDisplay, date_problems
from ui.workspace import Workspace

DraftT = TypeVar("DraftT")


class EntryDialog(QDialog, Generic[DraftT]):
    """Subclasses lay out their fields, read a draft, and name the workflow that saves it."""

    title = "Entry"

    def __init__(
        self,
        workspace: Workspace,
        patient_id: int,
        existing: Saved[DraftT] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._patient_id = patient_id
        self._existing = existing
        self.setWindowTitle(("Edit " if existing else "Add ") + self.title.lower())
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        fields = self.build_form(self.form)
        self._fields = fields
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(self.problem_label, fields)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        if existing is not None:
            self.load(existing.draft)

    def build_form(self, form: QFormLayout) -> dict[str, QWidget]:
        """Add the fields; return them by the draft field name problems refer to."""
        raise NotImplementedError

    def load(self, draft: DraftT) -> None:
        raise NotImplementedError

    def draft(self) -> DraftT:
        raise NotImplementedError

    def save(self, draft: DraftT, record_id: int | None, expected_version: int | None) -> Any:
        raise NotImplementedError

    def _on_buttons_accepted(self) -> None:
        existing = self._existing
        if unreadable := date_problems(self._fields):
            self.problems.show(unreadable)
            return
        try:
            self.save(
                self.draft(),
                existing.id if existing else None,
                existing.version if existing else None,
            )
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.accept()
