"""The chart's Sessions tab: the patient's treatment sessions, newest first, with today's
course appointments not yet documented on top. Open… shows a session; Document… starts the
session of a selected appointment of today."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinical.calendar import AppointmentStatus
from clinical.sessions import SessionState
from db.accounts.roles import Permission
from db.calendar.views import AppointmentView
from db.calendar.workflows import patient_appointments
from db.errors import ClinicError
from db.sessions.views import SessionSummary
from db.sessions.workflows import patient_sessions
from ui.sessions.look import QUIET, SERIOUS_COLOUR
from ui.sessions.opener import SessionOpener
from ui.workspace import Workspace

COLUMNS = ("Date", "Treatment", "Status", "Dose", "Side effects", "Signed by", "Addenda")


@dataclass(frozen=True)
class SessionLine:
    """A documented session, or an appointment of today still to document."""

    session: SessionSummary | None = None
    appointment: AppointmentView | None = None

    def cells(self) -> tuple[str, ...]:
        if self.session is not None:
            s = self.session
            return (
                s.session_on.isoformat(),
                s.modality.label,
                s.state.label,
                s.dose_summary,
                "⚠ serious" if s.serious_side_effects else "",
                s.signed_by,
                str(s.addenda) if s.addenda else "",
            )
        assert self.appointment is not None
        a = self.appointment
        return (
            a.day.isoformat(),
            a.modality.label,
            f"Booked {a.start:%H:%M}, not documented",
            "",
            "",
            "",
            "",
        )


class SessionsTab(QWidget):
    changed = Signal()  # a session was signed or amended: the chart reloads

    def __init__(
        self,
        workspace: Workspace,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._today = today
        self._patient_id: int | None = None
        self._loaded_for: int | None = None
        self.lines: list[SessionLine] = []
        self.opener = SessionOpener(workspace, self, today)
        self.opener.changed.connect(self._on_opener_changed)

        self.open_button = QPushButton("Open…", objectName="openSession")
        self.document_button = QPushButton("Document…", objectName="documentSession")
        self.document_button.setToolTip("Document the session of today's selected appointment")
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.document_button.clicked.connect(self._on_document_button_clicked)
        self.summary = QLabel(objectName="sessionsSummary")
        self.summary.setStyleSheet(QUIET)
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.document_button)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)

        self.table = QTableWidget(0, len(COLUMNS), objectName="sessionList")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    # Loading --------------------------------------------------------------------------

    def show_patient(self, patient_id: int) -> None:
        """Loaded when the tab is shown, not when the chart opens: a chart opened for its
        demographics does not read the patient's sessions (each read is audited)."""
        self._patient_id = patient_id
        self._loaded_for = None
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._patient_id is not None and self._loaded_for != self._patient_id:
            self.reload()

    def clear(self) -> None:
        self._patient_id = None
        self._loaded_for = None
        self.lines = []
        self.table.setRowCount(0)
        self.summary.clear()

    def reload(self) -> None:
        if self._patient_id is None:
            return
        database, actor = self._workspace.database, self._workspace.actor
        try:
            sessions = patient_sessions(database, actor, self._patient_id)
            appointments = patient_appointments(database, actor, self._patient_id)
        except ClinicError as refused:
            self.summary.setText(str(refused))
            return
        self._loaded_for = self._patient_id
        documented = {s.appointment_id for s in sessions if s.appointment_id is not None}
        today = self._today()
        waiting = [
            SessionLine(appointment=a)
            for a in sorted(appointments, key=lambda a: a.start)
            if a.day == today
            and a.course_id is not None
            and a.status in (AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED)
            and a.id not in documented
        ]
        self.lines = waiting + [SessionLine(session=s) for s in sessions]
        self._fill()
        signed = sum(1 for s in sessions if s.state is SessionState.SIGNED)
        drafts = len(sessions) - signed
        self.summary.setText(
            f"{signed} signed, {drafts} draft{'' if drafts == 1 else 's'}"
            + (f"; {len(waiting)} to document today" if waiting else "")
            if sessions or waiting
            else "No treatment sessions documented yet."
        )

    def _fill(self) -> None:
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            for column, text in enumerate(line.cells()):
                item = QTableWidgetItem(text)
                if line.appointment is not None:
                    item.setForeground(QBrush(QColor("#0d47a1")))
                elif column == 4 and text:
                    item.setForeground(QBrush(QColor(SERIOUS_COLOUR)))
                self.table.setItem(row, column, item)
        if self.lines:
            self.table.selectRow(0)
        self._update_buttons()

    # Actions --------------------------------------------------------------------------

    def selected(self) -> SessionLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.lines[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        line = self.selected()
        may_open = self._workspace.may(Permission.DOCUMENT_SESSION) or self._workspace.may(
            Permission.RECORD_VITALS
        )
        self.open_button.setEnabled(line is not None and line.session is not None)
        self.document_button.setEnabled(
            may_open and line is not None and line.appointment is not None
        )

    def _on_open_button_clicked(self) -> None:
        line = self.selected()
        if line is not None and line.session is not None:
            self.opener.open_session(line.session.id)

    def _on_document_button_clicked(self) -> None:
        line = self.selected()
        if line is None or line.appointment is None:
            return
        if self.opener.document_appointment(line.appointment.id) is not None:
            self.reload()

    def _on_table_double_clicked(self) -> None:
        line = self.selected()
        if line is None:
            return
        if line.session is not None:
            self._on_open_button_clicked()
        elif self.document_button.isEnabled():
            self._on_document_button_clicked()

    def _on_opener_changed(self, patient_id: int) -> None:
        if patient_id == self._patient_id:
            self.reload()
            self.changed.emit()
