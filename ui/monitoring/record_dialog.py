"""Record a monitoring item done: the date, the result in the item's own form, who did it,
a note. The abnormal flag is worked out from the result as it is typed and shown live."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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

from clinical.monitoring import (
    DEFAULT_RANGES,
    ItemResult,
    LabValue,
    ResultKind,
    assess,
)
from clinical.monitoring.results import problems as result_problems
from clinical.record.validation import Problem
from db.errors import ClinicError, InvalidEntryError
from db.monitoring.views import ChecklistItem, CompletionView
from db.monitoring.workflows import items_raised_by, record_completion
from ui.forms import DateLineEdit, DecimalLineEdit, IntegerLineEdit, ProblemDisplay
from ui.workspace import Workspace


class _LabRow(QWidget):
    """A value and the laboratory's range beside it."""

    def __init__(self, name: str, unit: str, decimals: int) -> None:
        super().__init__()
        lower, upper = DEFAULT_RANGES[name]
        self.value = DecimalLineEdit(decimals)
        self.value.setObjectName(name)
        self.lower = DecimalLineEdit(decimals)
        self.lower.set_value(lower)
        self.upper = DecimalLineEdit(decimals)
        self.upper.set_value(upper)
        for edit in (self.lower, self.upper):
            edit.setMaximumWidth(70)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value, 1)
        layout.addWidget(QLabel(f"{unit}   range"))
        layout.addWidget(self.lower)
        layout.addWidget(QLabel("to"))
        layout.addWidget(self.upper)

    def lab_value(self) -> LabValue | None:
        value, lower, upper = self.value.value(), self.lower.value(), self.upper.value()
        if value is None:
            return None
        return LabValue(value, lower or Decimal(0), upper or Decimal(0))


class RecordItemDialog(QDialog):
    recorded = Signal(object)  # CompletionView

    def __init__(
        self,
        workspace: Workspace,
        patient_id: int,
        item: ChecklistItem,
        education_years: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._patient_id = patient_id
        self._education = education_years
        self.item = item
        self.kind = item.result_kind
        self.setWindowTitle(f"Record: {item.title}")
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.done_on = DateLineEdit("Date done")
        self.done_on.setObjectName("doneOn")
        self.done_on.set_value(date.today())
        form.addRow("Date done *", self.done_on)
        fields: dict[str, QWidget] = {"done_on": self.done_on}
        self.session_on = QComboBox(objectName="sessionOn")
        if item.open_sessions:
            for day in item.open_sessions:
                self.session_on.addItem(f"Session of {day.isoformat()}", day)
            form.addRow("For the session *", self.session_on)
            fields["session_on"] = self.session_on
        self._build_result(form, fields)
        self.performed_by = QLineEdit(objectName="performedBy")
        self.performed_by.setText(workspace.actor.display_name)
        self.note = QPlainTextEdit(objectName="note")
        self.note.setFixedHeight(60)
        form.addRow("Done by", self.performed_by)
        form.addRow("Note", self.note)
        fields.update({"performed_by": self.performed_by, "note": self.note})
        self.flag = QLabel(objectName="abnormalFlag")
        self.flag.setWordWrap(True)
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(self.problem_label, fields)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{item.title}</b><br>{item.reason}", wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.flag)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._adopt_unused()
        self._update_flag()

    def _build_result(self, form: QFormLayout, fields: dict[str, QWidget]) -> None:
        self.moca = IntegerLineEdit(2)
        self.moca.setObjectName("mocaRaw")
        self.dipstick = {
            name: QCheckBox(name.capitalize(), objectName=f"ua_{name}")
            for name in ("blood", "protein", "leukocytes", "nitrite")
        }
        self.labs = {
            "alt": _LabRow("alt", "U/L", 1),
            "ast": _LabRow("ast", "U/L", 1),
            "bilirubin": _LabRow("bilirubin", "mg/dL", 2),
        }
        self.systolic = IntegerLineEdit(3)
        self.systolic.setObjectName("systolic")
        self.diastolic = IntegerLineEdit(3)
        self.diastolic.setObjectName("diastolic")
        self.findings = QLineEdit(objectName="findings")
        self.abnormal = QCheckBox("Abnormal or positive finding", objectName="markedAbnormal")
        match self.kind:
            case ResultKind.MOCA:
                point = (
                    "; 1 point is added for 12 years of education or fewer"
                    if self._education is not None
                    else "; years of education not recorded: no point added"
                )
                form.addRow("MoCA total (before the education point) *", self.moca)
                form.addRow("", QLabel(f"Education: {self._education or '?'} years{point}"))
                fields["moca_raw"] = self.moca
            case ResultKind.URINALYSIS:
                row = QWidget()
                boxes = QHBoxLayout(row)
                boxes.setContentsMargins(0, 0, 0, 0)
                for box in self.dipstick.values():
                    boxes.addWidget(box)
                form.addRow("Dipstick positive for", row)
                form.addRow("Other findings", self.findings)
                form.addRow("", self.abnormal)
                fields["findings"] = self.findings
            case ResultKind.LIVER_PANEL:
                form.addRow("ALT", self.labs["alt"])
                form.addRow("AST", self.labs["ast"])
                form.addRow("Bilirubin (total)", self.labs["bilirubin"])
                fields.update({name: row.value for name, row in self.labs.items()})
            case ResultKind.ECG:
                form.addRow("ECG summary *", self.findings)
                form.addRow("", self.abnormal)
                fields["findings"] = self.findings
            case ResultKind.BLOOD_PRESSURE:
                row = QWidget()
                pair = QHBoxLayout(row)
                pair.setContentsMargins(0, 0, 0, 0)
                pair.addWidget(self.systolic)
                pair.addWidget(QLabel("/"))
                pair.addWidget(self.diastolic)
                pair.addWidget(QLabel("mmHg"))
                form.addRow("Blood pressure *", row)
                fields["systolic"] = self.systolic
            case _:
                form.addRow("Finding", self.findings)
                form.addRow("", self.abnormal)
                fields["findings"] = self.findings
        for edit in (self.moca, self.systolic, self.diastolic, self.findings):
            edit.textChanged.connect(self._update_flag)
        for lab in self.labs.values():
            for edit in (lab.value, lab.lower, lab.upper):
                edit.textChanged.connect(self._update_flag)
        for box in (*self.dipstick.values(), self.abnormal):
            box.toggled.connect(self._update_flag)

    def _adopt_unused(self) -> None:
        """Fields this item's form does not show still belong to the dialog (hidden), so
        they go with it when it closes rather than outliving it."""
        spare = [
            self.moca,
            self.systolic,
            self.diastolic,
            self.findings,
            self.abnormal,
            self.session_on,
            *self.dipstick.values(),
            *self.labs.values(),
        ]
        for widget in spare:
            if widget.parent() is None:
                widget.setParent(self)
                widget.hide()

    def result(self) -> ItemResult:
        return ItemResult(
            moca_raw=self.moca.value(),
            education_years=self._education,
            ua_blood=self.dipstick["blood"].isChecked() if self._urine else None,
            ua_protein=self.dipstick["protein"].isChecked() if self._urine else None,
            ua_leukocytes=self.dipstick["leukocytes"].isChecked() if self._urine else None,
            ua_nitrite=self.dipstick["nitrite"].isChecked() if self._urine else None,
            findings=self.findings.text(),
            alt=self.labs["alt"].lab_value(),
            ast=self.labs["ast"].lab_value(),
            bilirubin=self.labs["bilirubin"].lab_value(),
            systolic=self.systolic.value(),
            diastolic=self.diastolic.value(),
            marked_abnormal=self.abnormal.isChecked(),
        )

    @property
    def _urine(self) -> bool:
        return self.kind is ResultKind.URINALYSIS

    def _update_flag(self) -> None:
        result = self.result()
        if result_problems(self.kind, result):
            self.flag.clear()
            return
        abnormal, summary = assess(self.kind, result)
        if abnormal:
            raised = items_raised_by(self._workspace.database, self.item.item_code)
            also = f" Saving raises: {', '.join(raised)}." if raised else ""
            self.flag.setText(f"⚠ Abnormal: {summary}.{also}")
            self.flag.setStyleSheet("color: #b71c1c; font-weight: 600;")
        else:
            self.flag.setText(summary)
            self.flag.setStyleSheet("color: #1b5e20;")

    def _on_buttons_accepted(self) -> None:
        done_on = self.done_on.value()
        if done_on is None:
            self.problems.show(
                [
                    self.done_on.problem("done_on")
                    or Problem("done_on", "Enter the date it was done.")
                ]
            )
            return
        try:
            saved: CompletionView = record_completion(
                self._workspace.database,
                self._workspace.actor,
                self._patient_id,
                self.item.item_code,
                done_on,
                self.result(),
                performed_by=self.performed_by.text(),
                note=self.note.toPlainText(),
                session_on=self.session_on.currentData() if self.item.open_sessions else None,
            )
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.recorded.emit(saved)
        self.accept()


def open_dialog(dialog: QDialog) -> None:
    """Every monitoring dialog: deleted on close, opened window-modal (never exec)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
