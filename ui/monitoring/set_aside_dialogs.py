"""Defer or dismiss an item for a patient (always with a reason), and enter an event by hand."""

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clinical.monitoring import EventKind
from clinical.record.validation import Problem
from db.errors import ClinicError, InvalidEntryError
from db.monitoring.views import ChecklistItem
from db.monitoring.workflows import defer_item, dismiss_item, record_monitoring_event
from ui.forms import DateLineEdit, EnumComboBox, ProblemDisplay
from ui.workspace import Workspace


class _Dialog(QDialog):
    saved = Signal()

    def _finish(self, form: QFormLayout, fields: dict[str, QWidget], intro: str) -> None:
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(self.problem_label, fields)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(intro, wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def _save(self) -> None:
        raise NotImplementedError

    def _on_buttons_accepted(self) -> None:
        try:
            self._save()
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.saved.emit()
        self.accept()


class SetAsideDialog(_Dialog):
    """Defer until a day, or dismiss for good. Both lapse when the clinic changes the rule."""

    def __init__(
        self,
        workspace: Workspace,
        patient_id: int,
        item: ChecklistItem,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._patient_id = patient_id
        self.item = item
        self.setWindowTitle(f"Defer or dismiss: {item.title}")
        self.setMinimumWidth(460)
        self.defer = QRadioButton("Defer until", objectName="deferChoice")
        self.dismiss = QRadioButton("Dismiss for this patient", objectName="dismissChoice")
        self.defer.setChecked(True)
        self.until = DateLineEdit("Defer until")
        self.until.setObjectName("until")
        self.until.set_value(date.today() + timedelta(days=30))
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setFixedHeight(70)
        self.dismiss.toggled.connect(lambda on: self.until.setEnabled(not on))
        form = QFormLayout()
        form.addRow(self.defer, self.until)
        form.addRow(self.dismiss)
        form.addRow("Reason *", self.reason)
        self._finish(
            form,
            {"until": self.until, "reason": self.reason},
            "The reason is kept in the chart and the audit trail. Either lapses when the "
            "clinic changes this item's rule; an event after it raises the item again.",
        )

    def _save(self) -> None:
        database, actor = self._workspace.database, self._workspace.actor
        reason = self.reason.toPlainText()
        if self.dismiss.isChecked():
            dismiss_item(database, actor, self._patient_id, self.item.item_code, reason)
            return
        until = self.until.value()
        if until is None:
            raise InvalidEntryError(
                [self.until.problem("until") or Problem("until", "Enter the day to defer to.")]
            )
        defer_item(database, actor, self._patient_id, self.item.item_code, until, reason)


class EventDialog(_Dialog):
    """An event entered by hand: it raises the items whose rules name it."""

    def __init__(self, workspace: Workspace, patient_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._patient_id = patient_id
        self.setWindowTitle("Record an event")
        self.setMinimumWidth(440)
        self.kind = EnumComboBox(EventKind)
        self.kind.setObjectName("eventKind")
        for index, kind in enumerate(EventKind):
            self.kind.setItemText(index, kind.label.capitalize())
        self.occurred_on = DateLineEdit("Date")
        self.occurred_on.setObjectName("occurredOn")
        self.occurred_on.set_value(date.today())
        self.detail = QLineEdit(objectName="eventDetail")
        self.detail.setMaxLength(250)
        form = QFormLayout()
        form.addRow("What happened *", self.kind)
        form.addRow("Date *", self.occurred_on)
        form.addRow("Detail", self.detail)
        self._finish(
            form,
            {"occurred_on": self.occurred_on, "detail": self.detail},
            "Events raise the items that follow them (urinary symptoms: urinalysis and a "
            "urology referral; elevated liver tests: a repeat and a frequency review).",
        )

    def _save(self) -> None:
        day = self.occurred_on.value()
        if day is None:
            raise InvalidEntryError(
                [
                    self.occurred_on.problem("occurred_on")
                    or Problem("occurred_on", "Enter the date.")
                ]
            )
        record_monitoring_event(
            self._workspace.database,
            self._workspace.actor,
            self._patient_id,
            self.kind.value(),
            day,
            self.detail.text(),
        )
