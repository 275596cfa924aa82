"""One appointment: who, when, what; mark it arrived, done, missed or cancelled; move it;
and its history."""

from datetime import date, time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinical.calendar import AppointmentStatus, ClinicCalendar
from db.calendar.views import AppointmentView, ChangeView
from ui.calendar.widgets import TimeEdit
from ui.forms import DateLineEdit


class AppointmentDialog(QDialog):
    move_requested = Signal(object, object, str)  # date, time, reason
    status_requested = Signal(object, str)  # AppointmentStatus, reason
    document_requested = Signal()  # open the treatment session of this appointment

    def __init__(
        self,
        appointment: AppointmentView,
        history: list[ChangeView],
        calendar: ClinicCalendar,
        *,
        may_change: bool,
        may_document: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.appointment = appointment
        self.setWindowTitle(f"Appointment: {appointment.patient_name}")
        self.setObjectName("appointmentDialog")
        self.setMinimumWidth(520)
        a = appointment
        facts = QFormLayout()
        facts.addRow("Patient", QLabel(f"{a.patient_name} · MRN {a.mrn}"))
        facts.addRow("When", QLabel(f"{a.day:%A} {a.day.isoformat()}, {a.time_text}"))
        facts.addRow("Modality", QLabel(f"{a.modality.label} ({a.resource.singular})"))
        self.status_label = QLabel(a.status.label, objectName="appointmentStatus")
        facts.addRow("Status", self.status_label)
        if a.status_reason:
            facts.addRow("Reason", QLabel(a.status_reason))
        if a.step_text:
            step = QLabel(a.step_text)
            step.setWordWrap(True)
            facts.addRow("Course", step)
        if a.note:
            facts.addRow("Note", QLabel(a.note))
        if a.first_booked_for is not None:
            facts.addRow("First booked for", QLabel(a.first_booked_for.isoformat()))

        self.reason = QLineEdit(objectName="statusReason")
        self.reason.setPlaceholderText("Why (needed for missed or cancelled)")
        self.arrived_button = QPushButton("Arrived", objectName="markArrived")
        self.done_button = QPushButton("Done", objectName="markDone")
        self.missed_button = QPushButton("Missed", objectName="markMissed")
        self.cancel_appointment_button = QPushButton(
            "Cancel appointment", objectName="markCancelled"
        )
        self.rebook_button = QPushButton("Book again", objectName="markBooked")
        status_box = QGroupBox("Status")
        status_layout = QVBoxLayout(status_box)
        row = QHBoxLayout()
        for button, status in (
            (self.arrived_button, AppointmentStatus.ARRIVED),
            (self.done_button, AppointmentStatus.DONE),
            (self.missed_button, AppointmentStatus.MISSED),
            (self.cancel_appointment_button, AppointmentStatus.CANCELLED),
            (self.rebook_button, AppointmentStatus.BOOKED),
        ):
            button.clicked.connect(lambda _=False, s=status: self._on_status_clicked(s))
            button.setVisible(status is not a.status)
            row.addWidget(button)
        row.addStretch()
        status_layout.addLayout(row)
        status_layout.addWidget(self.reason)

        self.new_day = DateLineEdit("New date")
        self.new_day.setObjectName("moveDay")
        self.new_day.set_value(a.day)
        self.new_time = TimeEdit(calendar.slot_minutes)
        self.new_time.setObjectName("moveTime")
        self.new_time.set_value(a.start)
        self.move_reason = QLineEdit(objectName="moveReason")
        self.move_reason.setPlaceholderText("Why (optional), e.g. patient asked")
        self.move_button = QPushButton("Reschedule…", objectName="reschedule")
        self.move_button.clicked.connect(self._on_move_button_clicked)
        move_box = QGroupBox("Reschedule")
        move_form = QFormLayout(move_box)
        when = QHBoxLayout()
        when.addWidget(self.new_day)
        when.addWidget(self.new_time)
        when.addWidget(self.move_button)
        move_form.addRow("To", when)
        move_form.addRow("Reason", self.move_reason)
        move_box.setVisible(a.status is AppointmentStatus.BOOKED)

        self.problem = QLabel(objectName="problems")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c; font-weight: 600;")
        self.problem.hide()

        self.history = QListWidget(objectName="appointmentHistory")
        for change in history:
            when_text = change.changed_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.history.addItem(f"{when_text} · {change.changed_by}: {change.text}")
        history_box = QGroupBox("History")
        QVBoxLayout(history_box).addWidget(self.history)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # A course appointment is where a treatment session is documented.
        documentable = a.course_id is not None and a.status in (
            AppointmentStatus.BOOKED,
            AppointmentStatus.ARRIVED,
            AppointmentStatus.DONE,
        )
        self.document_button = QPushButton(
            "Open session…" if a.status is AppointmentStatus.DONE else "Document session…",
            objectName="documentSession",
        )
        self.document_button.clicked.connect(self.document_requested)
        buttons.addButton(self.document_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.document_button.setVisible(may_document and documentable)
        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(status_box)
        layout.addWidget(move_box)
        layout.addWidget(self.problem)
        layout.addWidget(history_box)
        layout.addWidget(buttons)
        for widget in (status_box, move_box):
            widget.setEnabled(may_change)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _on_status_clicked(self, status: AppointmentStatus) -> None:
        self.status_requested.emit(status, self.reason.text().strip())

    def _on_move_button_clicked(self) -> None:
        problem = self.new_day.problem("day")
        day: date | None = self.new_day.value()
        if problem is not None or day is None:
            self.show_problem(problem.message if problem else "Type the new date.")
            return
        at: time = self.new_time.value()
        self.move_requested.emit(day, at, self.move_reason.text().strip())


class ReplanDialog(QDialog):
    """Asks whether to re-plan the rest of a course after a change, showing each move."""

    def __init__(self, why: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Re-plan the rest of the course?")
        self.setObjectName("replanDialog")
        self.setMinimumWidth(520)
        intro = QLabel(f"{why}. The engine re-plans the appointments still to come:")
        intro.setWordWrap(True)
        self.changes = QListWidget(objectName="replanChanges")
        self.changes.addItems(lines)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            "Re-plan", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.keep_button = self.buttons.addButton(
            "Keep as booked", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.changes)
        layout.addWidget(self.buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)
