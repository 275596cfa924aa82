"""The chart's Treatment tab: the patient's courses, the engine's proposal for the next
booster with its reason, accept or override, and the patient's own timeline of bookings."""

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinical.protocols import Action
from db.accounts.roles import Permission
from db.calendar.exports import patient_schedule_ics
from db.calendar.settings import load_calendar
from db.calendar.views import AppointmentView
from db.calendar.workflows import patient_appointments
from db.courses.views import CourseView, ProposalView
from db.courses.workflows import close_course, list_courses, propose, record_authorization
from db.errors import ClinicError
from db.files import write_atomically
from ui.calendar.actions import CalendarActions
from ui.calendar.colours import MODALITY_COLOURS, tint
from ui.courses.course_dialog import CourseDialog
from ui.courses.decision_dialogs import AcceptDialog, OverrideDialog
from ui.courses.timeline import TimelineStrip
from ui.workspace import Workspace

_ACTION_COLOURS = {
    Action.EXTEND: "#1b5e20",
    Action.STEP_BACK: "#b71c1c",
    Action.TRIGGER_BOOSTER_NOW: "#b71c1c",
    Action.REVIEW: "#8a4b00",
    Action.SUGGEST_DRUG_HOLIDAY: "#8a4b00",
    Action.CONSIDER_DOSE_OR_HOLIDAY: "#8a4b00",
}


class TreatmentTab(QWidget):
    changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime | None] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("treatmentTab")
        self._workspace = workspace
        self.today = today
        self.now = now
        self.patient_id: int | None = None
        self._stale = False
        self.courses: tuple[CourseView, ...] = ()
        self.proposal: ProposalView | None = None
        self.appointments: list[AppointmentView] = []
        self.dialog: QDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.actions = CalendarActions(workspace, self, today, now)
        self.actions.changed.connect(self.reload)

        self.course_choice = QComboBox(objectName="courseChoice")
        self.course_choice.currentIndexChanged.connect(self._on_course_chosen)
        self.new_course_button = QPushButton("New course…", objectName="newCourse")
        self.edit_course_button = QPushButton("Edit protocol…", objectName="editCourse")
        self.authorization_button = QPushButton("Authorization…", objectName="authorization")
        self.close_course_button = QPushButton("Close course…", objectName="closeCourse")
        self.new_course_button.clicked.connect(self._on_new_course_clicked)
        self.edit_course_button.clicked.connect(self._on_edit_course_clicked)
        self.authorization_button.clicked.connect(self._on_authorization_clicked)
        self.close_course_button.clicked.connect(self._on_close_course_clicked)
        top = QHBoxLayout()
        top.addWidget(QLabel("Course"))
        top.addWidget(self.course_choice, 1)
        for button in (
            self.new_course_button,
            self.edit_course_button,
            self.authorization_button,
            self.close_course_button,
        ):
            top.addWidget(button)

        self.course_facts = QLabel(objectName="courseFacts")
        self.course_facts.setWordWrap(True)
        self.course_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.proposal_box = QGroupBox("Next booster: the engine's proposal")
        self.proposal_action = QLabel(objectName="proposalAction")
        self.proposal_action.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.proposal_reason = QLabel(objectName="proposalReason")
        self.proposal_reason.setWordWrap(True)
        self.proposal_reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.proposal_reason.setStyleSheet("font-size: 11pt;")
        self.proposal_details = QLabel(objectName="proposalDetails")
        self.proposal_details.setWordWrap(True)
        self.last_decision = QLabel(objectName="lastDecision")
        self.last_decision.setWordWrap(True)
        self.last_decision.setStyleSheet("color: #555;")
        self.accept_button = QPushButton("Accept…", objectName="acceptProposal")
        self.override_button = QPushButton("Decide otherwise…", objectName="overrideProposal")
        self.copy_button = QPushButton("Copy the reason", objectName="copyReason")
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.override_button.clicked.connect(self._on_override_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        decide = QHBoxLayout()
        decide.addWidget(self.accept_button)
        decide.addWidget(self.override_button)
        decide.addWidget(self.copy_button)
        decide.addStretch()
        proposal_layout = QVBoxLayout(self.proposal_box)
        proposal_layout.addWidget(self.proposal_action)
        proposal_layout.addWidget(self.proposal_reason)
        proposal_layout.addWidget(self.proposal_details)
        proposal_layout.addLayout(decide)
        proposal_layout.addWidget(self.last_decision)

        self.timeline = TimelineStrip()
        self.book_button = QPushButton("Book…", objectName="bookForPatient")
        self.export_button = QPushButton("Export schedule (.ics)…", objectName="exportSchedule")
        self.book_button.clicked.connect(self._on_book_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.table = QTableWidget(0, 6, objectName="patientAppointments")
        self.table.setHorizontalHeaderLabels(
            ["Date", "Time", "Modality", "Status", "Course step", "Notes"]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        timeline_box = QGroupBox("Timeline")
        timeline_layout = QVBoxLayout(timeline_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch()
        timeline_layout.addLayout(buttons)
        timeline_layout.addWidget(self.timeline)
        timeline_layout.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.course_facts)
        layout.addWidget(self.proposal_box)
        layout.addWidget(timeline_box, 1)
        self._update_buttons()

    # Loading ------------------------------------------------------------------------------

    @property
    def course(self) -> CourseView | None:
        index = self.course_choice.currentIndex()
        return self.courses[index] if 0 <= index < len(self.courses) else None

    def show_patient(self, patient_id: int) -> None:
        """Load now if the tab is showing, else when it is first shown (one audited read
        of the courses per look, not per chart opened)."""
        self.patient_id = patient_id
        self._stale = True
        if self.isVisible():
            self.reload()

    def clear(self) -> None:
        self.patient_id = None
        self.courses = ()
        self.proposal = None
        self.appointments = []
        self.course_choice.clear()
        self.table.setRowCount(0)
        self.timeline.show_appointments([], self.today())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        if self.patient_id is None:
            return
        self._stale = False
        db, actor = self._workspace.database, self._workspace.actor
        chosen = self.course.id if self.course else None
        self.courses = list_courses(db, actor, self.patient_id, self.today())
        self.course_choice.blockSignals(True)
        self.course_choice.clear()
        for course in self.courses:
            self.course_choice.addItem(course.title, course.id)
        index = next((i for i, c in enumerate(self.courses) if c.id == chosen), 0)
        self.course_choice.setCurrentIndex(index if self.courses else -1)
        self.course_choice.blockSignals(False)
        self.appointments = patient_appointments(db, actor, self.patient_id)
        self._show_course()
        self._show_appointments()
        self.changed.emit()

    def _on_course_chosen(self) -> None:
        self._show_course()

    def _show_course(self) -> None:
        course = self.course
        self.proposal = None
        if course is None:
            self.course_facts.setText("No treatment course yet. Start one with New course….")
            self.proposal_box.hide()
            self._update_buttons()
            return
        baseline = f"{course.acute_baseline.normalize():f}"
        threshold = f"{course.remission_threshold.normalize():f}"
        next_text = (
            f"next booked {course.next_booked.isoformat()} ({course.booked_ahead} ahead)"
            if course.next_booked
            else "nothing booked ahead"
        )
        self.course_facts.setText(
            f"<b>{course.step_text}</b> · started {course.started_on.isoformat()} · "
            f"prescriber {course.prescriber}<br>"
            f"{course.scale_name}: acute baseline {baseline}, remission "
            f"{course.remission_comparison.symbol} {threshold} · "
            f"{course.sessions_given} treatments given, {next_text}<br>"
            f"Dose: {course.dose_plan or 'not recorded'} · {course.authorization_text}"
        )
        self.proposal_box.setVisible(course.active)
        if course.active:
            self.proposal = propose(
                self._workspace.database, self._workspace.actor, course.id, self.today(), self.now()
            )
            self._show_proposal(self.proposal)
        last = course.decisions[-1] if course.decisions else None
        self.last_decision.setText(f"Last decision: {last.summary}" if last else "")
        self._update_buttons()

    def _show_proposal(self, view: ProposalView) -> None:
        proposal = view.proposal
        colour = _ACTION_COLOURS.get(proposal.action, "#0d47a1")
        when = (
            f" on {proposal.proposed_date:%a} {proposal.proposed_date.isoformat()}"
            if proposal.proposed_date
            else ""
        )
        self.proposal_action.setText(proposal.action.label + when)
        self.proposal_action.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {colour};")
        self.proposal_reason.setText(proposal.reason)
        details = []
        if proposal.interval_days:
            details.append(f"Interval: every {proposal.interval_days} days")
        if view.already_booked:
            details.append(f"Already booked: the next {len(view.bookings)} on the timeline below")
        elif view.bookings:
            dates = ", ".join((b.slot or b.wanted).day.strftime("%m/%d") for b in view.bookings)
            details.append(f"Accepting books {len(view.bookings)}: {dates}")
        details += [f"• {note}" for note in proposal.notes]
        scale = self.course.scale_name if self.course else ""
        details.append(f"Rule {proposal.rule}; {view.scores_considered} {scale} scores considered")
        self.proposal_details.setText("\n".join(details))

    def _show_appointments(self) -> None:
        course = self.course
        shown = [a for a in self.appointments]
        self.timeline.show_appointments(shown, self.today())
        rows = list(reversed(shown))
        self.table.setRowCount(len(rows))
        for row, a in enumerate(rows):
            notes = a.status_reason or a.note
            if a.first_booked_for is not None:
                notes = f"moved from {a.first_booked_for.isoformat()}" + (
                    f"; {notes}" if notes else ""
                )
            values = (
                f"{a.day:%a} {a.day.isoformat()}",
                a.time_text,
                a.modality.label,
                a.status.label,
                a.step_text,
                notes,
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setBackground(tint(MODALITY_COLOURS[a.modality], 0.25))
                if a.course_id is not None and course is not None and a.course_id != course.id:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)

    def _update_buttons(self) -> None:
        plan = self._workspace.may(Permission.PLAN_TREATMENT)
        course = self.course
        self.new_course_button.setEnabled(plan and self.patient_id is not None)
        for button in (
            self.edit_course_button,
            self.authorization_button,
            self.close_course_button,
        ):
            button.setEnabled(plan and course is not None and course.active)
        proposal = self.proposal
        self.accept_button.setEnabled(plan and proposal is not None and not proposal.already_booked)
        self.override_button.setEnabled(plan and proposal is not None)
        self.book_button.setEnabled(
            self._workspace.may(Permission.MANAGE_CALENDAR) and self.patient_id is not None
        )
        if proposal is not None and proposal.already_booked:
            self.accept_button.setText("Booked")
        elif proposal is not None and not proposal.bookings:
            self.accept_button.setText("Accept")
        else:
            self.accept_button.setText("Accept and book…")

    # Decisions ----------------------------------------------------------------------------

    def _keep(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def forget() -> None:
            if self.dialog is dialog:
                self.dialog = None

        dialog.finished.connect(forget)
        self.dialog = dialog
        dialog.open()

    def _on_accept_clicked(self) -> None:
        if self.proposal is None:
            return
        dialog = AcceptDialog(self._workspace, self.proposal, self.now, self)
        dialog.decided.connect(self.reload)
        self._keep(dialog)

    def _on_override_clicked(self) -> None:
        if self.proposal is None:
            return
        dialog = OverrideDialog(
            self._workspace,
            self.proposal,
            load_calendar(self._workspace.database),
            self.now,
            self,
        )
        dialog.decided.connect(self.reload)
        self._keep(dialog)

    def _on_copy_clicked(self) -> None:
        if self.proposal is not None:
            QGuiApplication.clipboard().setText(self.proposal.proposal.reason)

    # Courses ------------------------------------------------------------------------------

    def _on_new_course_clicked(self) -> None:
        if self.patient_id is None:
            return
        actor = self._workspace.actor
        dialog = CourseDialog(
            self._workspace,
            self.patient_id,
            prescriber=actor.display_name if actor.may(Permission.SIGN_LETTER) else "",
            today=self.today(),
            parent=self,
        )
        dialog.saved.connect(lambda _id: self.reload())
        self._keep(dialog)

    def _on_edit_course_clicked(self) -> None:
        if self.course is None or self.patient_id is None:
            return
        dialog = CourseDialog(
            self._workspace, self.patient_id, self.course, today=self.today(), parent=self
        )
        dialog.saved.connect(lambda _id: self.reload())
        self._keep(dialog)

    def _on_authorization_clicked(self) -> None:
        course = self.course
        if course is None:
            return
        dialog = AuthorizationDialog(course, self)
        dialog.recorded.connect(self._record_authorization)
        self._keep(dialog)

    def _record_authorization(self, sessions: int, reference: str) -> None:
        course = self.course
        if course is None:
            return
        try:
            record_authorization(
                self._workspace.database,
                self._workspace.actor,
                course.id,
                sessions,
                reference,
                self.today(),
            )
        except ClinicError as refused:
            if isinstance(self.dialog, AuthorizationDialog):
                self.dialog.problem.setText(str(refused))
            return
        if self.dialog is not None:
            self.dialog.accept()
        self.reload()

    def _on_close_course_clicked(self) -> None:
        course = self.course
        if course is None:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("closeCourseDialog")
        dialog.setWindowTitle("Close the course")
        dialog.setLabelText(
            "Why is this course closed? Appointments booked ahead for it will be cancelled."
        )
        dialog.textValueSelected.connect(lambda reason: self._close_course(course, reason))
        self._keep(dialog)

    def _close_course(self, course: CourseView, reason: str) -> None:
        try:
            close_course(
                self._workspace.database,
                self._workspace.actor,
                course.id,
                course.version,
                reason,
                self.today(),
            )
        except ClinicError as refused:
            self.course_facts.setText(f"<span style='color:#b71c1c'>{refused}</span>")
            return
        self.reload()

    # Appointments -------------------------------------------------------------------------

    def _on_table_double_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.actions.open_appointment(list(reversed(self.appointments))[rows[0].row()])

    def _on_book_clicked(self) -> None:
        if self.patient_id is not None:
            self.actions.book(
                patient_id=self.patient_id,
                course_id=self.course.id if self.course else None,
                day=max(self.today(), self.course.next_booked or self.today())
                if self.course
                else self.today(),
            )

    def _on_export_clicked(self) -> None:
        if self.patient_id is None:
            return
        dialog = QFileDialog(self, "Export the patient's schedule")
        dialog.setObjectName("scheduleFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter("iCalendar (*.ics)")
        dialog.selectFile("appointments.ics")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_schedule(Path(path)))
        dialog.finished.connect(lambda _r: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def export_schedule(self, path: Path) -> None:
        if self.patient_id is None:
            return
        try:
            write_atomically(
                path,
                patient_schedule_ics(
                    self._workspace.database, self._workspace.actor, self.patient_id, self.today()
                ),
            )
        except (ClinicError, OSError) as failed:
            self.course_facts.setText(f"The schedule was not exported: {failed}")


class AuthorizationDialog(QDialog):
    """Record an insurer's authorization, or raise it mid-course (a new, higher total)."""

    recorded = Signal(int, str)

    def __init__(self, course: CourseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("authorizationDialog")
        self.setWindowTitle("Insurance authorization")
        history = "\n".join(
            f"{a.valid_from.isoformat()}: {a.sessions_authorized} sessions"
            + (f" (ref {a.reference})" if a.reference else "")
            + f", recorded by {a.recorded_by}"
            for a in course.authorizations
        )
        intro = QLabel(
            f"{course.authorization_text}.\n\n{history}" if history else course.authorization_text
        )
        intro.setWordWrap(True)
        self.sessions = QSpinBox(objectName="authorizedSessions")
        self.sessions.setRange(1, 500)
        self.sessions.setValue((course.authorized or course.sessions_given) + 6)
        self.reference = QComboBox(objectName="authorizationReference")
        self.reference.setEditable(True)
        if course.authorizations:
            self.reference.addItem(course.authorizations[-1].reference)
        self.problem = QLabel(objectName="problems")
        self.problem.setStyleSheet("color: #b71c1c; font-weight: 600;")
        self.problem.setWordWrap(True)
        save = QPushButton("Record", objectName="recordAuthorization")
        save.clicked.connect(
            lambda: self.recorded.emit(self.sessions.value(), self.reference.currentText())
        )
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(QLabel("Total sessions authorized"))
        row.addWidget(self.sessions)
        row.addWidget(QLabel("Reference"))
        row.addWidget(self.reference, 1)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
