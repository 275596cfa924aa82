"""Book an appointment: the patient, the course it belongs to, when, how long, how many.

The slot is checked as it is chosen: a closed day, a time outside opening hours or a full
chair, room or device is named, with the nearest free slot one click away.
"""

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinical.calendar import ClinicCalendar, Slot
from clinical.protocols import Modality
from clinical.record.validation import Problem
from db.calendar import workflows as calendar_workflows
from db.calendar.views import BookingDraft, SlotUnavailableError
from db.courses.workflows import course_choices
from db.errors import ClinicError, InvalidEntryError
from db.patients.workflows import patient_rows
from ui.calendar.widgets import TimeEdit
from ui.forms import DateLineEdit, ProblemDisplay, fill_enum_combo, select_combo_data
from ui.workspace import Workspace


class BookingDialog(QDialog):
    booked = Signal(list)  # the new appointment ids

    def __init__(
        self,
        workspace: Workspace,
        calendar: ClinicCalendar,
        today: Callable[[], date],
        now: Callable[[], datetime | None],
        *,
        patient_id: int | None = None,
        course_id: int | None = None,
        day: date | None = None,
        start: time | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._calendar = calendar
        self._today = today
        self._now = now
        self._nearest: Slot | None = None
        self._patients: dict[str, int] = {}
        self.setWindowTitle("Book an appointment")
        self.setObjectName("bookingDialog")
        self.setMinimumWidth(520)

        self.patient = QLineEdit(objectName="bookingPatient")
        self.patient.setPlaceholderText("Type a name, MRN or date of birth")
        self.patient_id = patient_id
        self.course = QComboBox(objectName="bookingCourse")
        self.modality = QComboBox(objectName="bookingModality")
        fill_enum_combo(self.modality, list(Modality))
        self.day = DateLineEdit("Date")
        self.day.setObjectName("bookingDay")
        self.day.set_value(day or today())
        self.start = TimeEdit(calendar.slot_minutes)
        self.start.setObjectName("bookingTime")
        self.start.set_value(start or time(9, 0))
        self.minutes = QSpinBox(objectName="bookingMinutes")
        self.minutes.setRange(5, 600)
        self.minutes.setSingleStep(calendar.slot_minutes)
        self.minutes.setSuffix(" min")
        self.repeat_count = QSpinBox(objectName="repeatCount")
        self.repeat_count.setRange(1, calendar_workflows.MAX_SERIES)
        self.repeat_every = QSpinBox(objectName="repeatEvery")
        self.repeat_every.setRange(1, 180)
        self.repeat_every.setValue(7)
        self.repeat_every.setSuffix(" days")
        self.note = QLineEdit(objectName="bookingNote")
        self.availability = QLabel(objectName="availability")
        self.availability.setWordWrap(True)
        self.use_nearest = QPushButton("Use the nearest free slot", objectName="useNearest")
        self.use_nearest.clicked.connect(self._on_use_nearest_clicked)
        self.use_nearest.hide()

        form = QFormLayout()
        if patient_id is None:
            self._fill_patients()
            form.addRow("Patient", self.patient)
        else:
            self.patient.hide()
        form.addRow("Course", self.course)
        form.addRow("Modality", self.modality)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.start)
        when.addWidget(self.minutes)
        form.addRow("When", when)
        repeat = QHBoxLayout()
        repeat.addWidget(self.repeat_count)
        repeat.addWidget(QLabel("appointments, every"))
        repeat.addWidget(self.repeat_every)
        repeat.addStretch()
        form.addRow("Book", repeat)
        form.addRow("Note", self.note)
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label,
            {"day": self.day, "minutes": self.minutes, "repeat_count": self.repeat_count},
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Book")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        nearest_row = QHBoxLayout()
        nearest_row.addWidget(self.availability, 1)
        nearest_row.addWidget(self.use_nearest)
        layout.addLayout(nearest_row)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

        self.course.currentIndexChanged.connect(self._on_course_changed)
        self.modality.currentIndexChanged.connect(self._on_modality_changed)
        self.day.textChanged.connect(self._on_day_text_changed)
        self.start.timeChanged.connect(self.check_slot)
        self.minutes.valueChanged.connect(self.check_slot)
        self.patient.textChanged.connect(self._on_patient_chosen)
        self._fill_courses(course_id)
        self._on_modality_changed()

    # Patients and courses -----------------------------------------------------------------

    def _fill_patients(self) -> None:
        rows = patient_rows(self._workspace.database, self._workspace.actor)
        self._patients = {
            f"{row.display_name} · {row.mrn} · {row.date_of_birth.isoformat()}": row.id
            for row in rows
        }
        completer = QCompleter(QStringListModel(list(self._patients)), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._on_completer_activated)
        self.patient.setCompleter(completer)

    def _on_completer_activated(self, text: str) -> None:
        self.patient.setText(text)
        self._on_patient_chosen()

    def _on_day_text_changed(self) -> None:
        if self.day.value() is not None:
            self.check_slot()

    def _on_patient_chosen(self) -> None:
        chosen = self._patients.get(self.patient.text().strip())
        if chosen is not None and chosen != self.patient_id:
            self.patient_id = chosen
            self._fill_courses(None)

    def choose_patient(self, patient_id: int) -> None:
        text = next((t for t, i in self._patients.items() if i == patient_id), "")
        self.patient.setText(text)
        self._on_patient_chosen()

    def _fill_courses(self, course_id: int | None) -> None:
        self.course.blockSignals(True)
        self.course.clear()
        self.course.addItem("No course (a single visit)", None)
        if self.patient_id is not None:
            for choice in course_choices(
                self._workspace.database, self._workspace.actor, self.patient_id
            ):
                self.course.addItem(choice.label, choice)
        self.course.blockSignals(False)
        index = next(
            (
                i
                for i in range(self.course.count())
                if self.course.itemData(i) is not None and self.course.itemData(i).id == course_id
            ),
            1 if self.course.count() > 1 else 0,
        )
        self.course.setCurrentIndex(index)
        self._on_course_changed()

    def _on_course_changed(self) -> None:
        choice = self.course.currentData()
        self.modality.setEnabled(choice is None)
        if choice is not None:
            select_combo_data(self.modality, choice.modality)
        self._on_modality_changed()

    def _on_modality_changed(self) -> None:
        modality = self.modality.currentData()
        if modality is not None:
            self.minutes.setValue(self._calendar.duration(Modality(modality)))
        self.check_slot()

    # The slot ---------------------------------------------------------------------------

    def draft(self) -> BookingDraft | None:
        day = self.day.value()
        if self.patient_id is None or day is None:
            return None
        choice = self.course.currentData()
        return BookingDraft(
            patient_id=self.patient_id,
            modality=Modality(self.modality.currentData()),
            day=day,
            start=self.start.value(),
            minutes=self.minutes.value(),
            course_id=choice.id if choice is not None else None,
            note=self.note.text(),
            repeat_every_days=self.repeat_every.value(),
            repeat_count=self.repeat_count.value(),
        )

    def check_slot(self) -> None:
        draft = self.draft()
        self._nearest = None
        self.use_nearest.hide()
        if draft is None:
            self.availability.setText("")
            return
        problem, nearest = calendar_workflows.slot_problem(
            self._workspace.database,
            self._workspace.actor,
            draft,
            today=self._today(),
            now=self._now(),
        )
        self._show_availability(problem, nearest)

    def _show_availability(self, problem: str | None, nearest: Slot | None) -> None:
        if problem is None:
            self.availability.setStyleSheet("color: #1b5e20;")
            self.availability.setText("This slot is free.")
            return
        self.availability.setStyleSheet("color: #b71c1c;")
        offer = f" Nearest free slot: {nearest.text}." if nearest else ""
        self.availability.setText(problem + offer)
        self._nearest = nearest
        self.use_nearest.setVisible(nearest is not None)

    def _on_use_nearest_clicked(self) -> None:
        if self._nearest is None:
            return
        self.day.set_value(self._nearest.day)
        self.start.set_value(self._nearest.start)
        self.check_slot()

    def _on_buttons_accepted(self) -> None:
        if self.patient_id is None:
            self.problems.show([Problem("patient", "Choose the patient from the list.")])
            return
        if (problem := self.day.problem("day")) is not None or self.day.value() is None:
            self.problems.show([problem or Problem("day", "Type the date.")])
            return
        draft = self.draft()
        assert draft is not None
        try:
            ids = calendar_workflows.book_appointment(
                self._workspace.database,
                self._workspace.actor,
                draft,
                today=self._today(),
                now=self._now(),
            )
        except SlotUnavailableError as refused:
            self.problems.show([Problem("day", str(refused))])
            self._show_availability(refused.reason, refused.nearest)
            return
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.booked.emit(ids)
        self.accept()
