"""A new treatment course, or changes to one: modality, protocol (the patient's own copy),
the scale that measures it with its baseline and remission threshold, prescriber and dose."""

from datetime import date
from decimal import Decimal

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
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinical.calendar.course_plan import remission_for
from clinical.protocols import Comparison, Modality, Phase
from clinical.record.validation import Problem
from clinical.scales import INSTRUMENTS
from db.courses.views import CourseDraft, CourseView
from db.courses.workflows import create_course, update_course
from db.errors import ClinicError, InvalidEntryError
from ui.courses.protocol_editor import ProtocolEditor
from ui.forms import DateLineEdit, DecimalLineEdit, ProblemDisplay, fill_enum_combo
from ui.workspace import Workspace

SCALES = [code for code, i in INSTRUMENTS.items() if remission_for(code) is not None]
DEFAULT_SCALE = {
    Modality.IV_KETAMINE: "MADRS",
    Modality.IM_KETAMINE: "MADRS",
    Modality.ESKETAMINE: "MADRS",
    Modality.TMS: "HAMD17",
}


class CourseDialog(QDialog):
    saved = Signal(int)  # the course id

    def __init__(
        self,
        workspace: Workspace,
        patient_id: int,
        existing: CourseView | None = None,
        *,
        prescriber: str = "",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._patient_id = patient_id
        self._existing = existing
        self._today = today or date.today()
        self.setObjectName("courseDialog")
        self.setWindowTitle("Edit the course" if existing else "New treatment course")
        self.resize(760, 760)

        self.modality = QComboBox(objectName="courseModality")
        fill_enum_combo(self.modality, list(Modality))
        self.phase = QComboBox(objectName="coursePhase")
        self.phase.addItem("Induction first", Phase.INDUCTION)
        self.phase.addItem("Already in maintenance (continuing elsewhere)", Phase.MAINTENANCE)
        self.editor = ProtocolEditor()
        self.scale = QComboBox(objectName="courseScale")
        for code in SCALES:
            self.scale.addItem(INSTRUMENTS[code].short_name, code)
        self.baseline = DecimalLineEdit(1)
        self.baseline.setObjectName("acuteBaseline")
        self.threshold = DecimalLineEdit(1)
        self.threshold.setObjectName("remissionThreshold")
        self.comparison = QComboBox(objectName="remissionComparison")
        self.comparison.addItem("at or below (≤)", Comparison.AT_OR_BELOW)
        self.comparison.addItem("below (<)", Comparison.BELOW)
        self.started_on = DateLineEdit("Start date")
        self.started_on.setObjectName("courseStart")
        self.started_on.set_value(self._today)
        self.prescriber = QLineEdit(prescriber, objectName="coursePrescriber")
        self.dose_plan = QLineEdit(objectName="doseplan")
        self.dose_plan.setPlaceholderText("e.g. 0.5 mg/kg IV over 40 minutes; 56 mg; 120% MT 10 Hz")
        self.tracking = QComboBox(objectName="trackingScale")
        for code in SCALES:
            self.tracking.addItem(INSTRUMENTS[code].short_name, code)
        self.tracking.setCurrentIndex(max(0, self.tracking.findData("PHQ2")))
        self.tracking_baseline = DecimalLineEdit(1)
        self.notes = QPlainTextEdit(objectName="courseNotes")
        self.notes.setMaximumHeight(60)

        form = QFormLayout()
        form.addRow("Modality", self.modality)
        form.addRow("Starts", self.phase)
        form.addRow("Start date", self.started_on)
        form.addRow("Prescriber", self.prescriber)
        form.addRow("Dose", self.dose_plan)
        measured = QHBoxLayout()
        measured.addWidget(self.scale)
        measured.addWidget(QLabel("acute baseline"))
        measured.addWidget(self.baseline)
        measured.addWidget(QLabel("remission"))
        measured.addWidget(self.comparison)
        measured.addWidget(self.threshold)
        form.addRow("Measured by", measured)
        tracked = QHBoxLayout()
        tracked.addWidget(self.tracking)
        tracked.addWidget(QLabel("personal baseline (optional)"))
        tracked.addWidget(self.tracking_baseline)
        form.addRow("Between visits", tracked)
        form.addRow("Notes", self.notes)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(form)
        body_layout.addWidget(self.editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label,
            {
                "scale": self.scale,
                "acute_baseline": self.baseline,
                "remission_threshold": self.threshold,
                "prescriber": self.prescriber,
                "started_on": self.started_on,
                "template": self.editor,
                "tracking_scale": self.tracking,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self.modality.currentIndexChanged.connect(self._on_modality_changed)
        self.scale.currentIndexChanged.connect(self._on_scale_changed)
        if existing is None:
            self._on_modality_changed()
        else:
            self._load(existing)

    def _on_modality_changed(self) -> None:
        modality = Modality(self.modality.currentData())
        self.editor.offer(modality)
        self.scale.setCurrentIndex(max(0, self.scale.findData(DEFAULT_SCALE[modality])))
        self._on_scale_changed()

    def _on_scale_changed(self) -> None:
        defaults = remission_for(self.scale.currentData())
        if defaults is not None:
            self.threshold.set_value(defaults[0])
            self.comparison.setCurrentIndex(self.comparison.findData(defaults[1]))

    def _load(self, course: CourseView) -> None:
        self.modality.setCurrentIndex(self.modality.findData(course.modality))
        self.modality.setEnabled(False)
        self.phase.setEnabled(False)
        self.editor.offer(course.modality, course.template)
        self.scale.setCurrentIndex(self.scale.findData(course.scale))
        self.baseline.set_value(course.acute_baseline)
        self.threshold.set_value(course.remission_threshold)
        self.comparison.setCurrentIndex(self.comparison.findData(course.remission_comparison))
        self.started_on.set_value(course.started_on)
        self.prescriber.setText(course.prescriber)
        self.dose_plan.setText(course.dose_plan)
        self.tracking.setCurrentIndex(max(0, self.tracking.findData(course.tracking_scale)))
        self.tracking_baseline.set_value(course.tracking_baseline)
        self.notes.setPlainText(course.notes)

    def draft(self) -> CourseDraft:
        started = self.started_on.value()
        if started is None:
            raise InvalidEntryError([Problem("started_on", "Type the start date as YYYY-MM-DD.")])
        try:
            template = self.editor.template()
        except ValueError as wrong:
            raise InvalidEntryError([Problem("template", str(wrong))]) from wrong
        return CourseDraft(
            modality=Modality(self.modality.currentData()),
            template=template,
            scale=self.scale.currentData(),
            acute_baseline=self.baseline.value() or Decimal(0),
            remission_threshold=self.threshold.value() or Decimal(0),
            remission_comparison=Comparison(self.comparison.currentData()),
            started_on=started,
            prescriber=self.prescriber.text(),
            dose_plan=self.dose_plan.text(),
            tracking_scale=self.tracking.currentData(),
            tracking_baseline=self.tracking_baseline.value(),
            phase=Phase(self.phase.currentData()),
            notes=self.notes.toPlainText(),
        )

    def _on_buttons_accepted(self) -> None:
        db, actor = self._workspace.database, self._workspace.actor
        try:
            draft = self.draft()
            if self._existing is None:
                course_id = create_course(db, actor, self._patient_id, draft, self._today)
            else:
                course_id = self._existing.id
                update_course(db, actor, course_id, self._existing.version, draft, self._today)
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.saved.emit(course_id)
        self.accept()
