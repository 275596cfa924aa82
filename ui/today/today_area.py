"""Today, the first screen after start: the day's bookings with the monitoring items due at
each visit, the open safety alerts, the Spravato REMS forms due, and what became overdue
since yesterday. Double-click a line to open the patient (`patient_requested`). The front
desk sees the bookings only."""

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.accounts.roles import Permission
from db.errors import ClinicError
from db.monitoring.exports import state_text
from db.monitoring.today import today_view
from db.monitoring.views import DueRow, TodayBooking, TodayView
from ui.sessions.opener import SessionOpener
from ui.workspace import Workspace

PATIENT_ROLE = Qt.ItemDataRole.UserRole
BOOKING_COLUMNS = ("Time", "Patient", "Modality", "Status", "Due at this visit")


def _due_text(rows: tuple[DueRow, ...]) -> str:
    return "; ".join(f"{row.title} ({state_text(row).lower()})" for row in rows)


class TodayArea(QWidget):
    patient_requested = Signal(int)
    rems_requested = Signal()  # show the REMS worklist

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.day: date | None = None  # None: today
        self.view: TodayView | None = None

        self.title = QLabel(objectName="todayTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.counts = QLabel(objectName="todayCounts")
        self.bookings = QTableWidget(0, len(BOOKING_COLUMNS), objectName="todayBookings")
        self.bookings.setHorizontalHeaderLabels(list(BOOKING_COLUMNS))
        self.bookings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bookings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.bookings.verticalHeader().hide()
        self.bookings.setWordWrap(False)
        header = self.bookings.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.bookings.cellDoubleClicked.connect(self._on_bookings_cell_double_clicked)
        self.alerts = self._list("todayAlerts")
        self.rems = self._list("todayRems")
        self.overdue = self._list("todayNewlyOverdue")
        self.alerts_box = self._box("Open safety alerts", self.alerts)
        self.rems_box = self._box("Spravato REMS forms due", self.rems)
        self.rems_box.setToolTip("Double-click a form to open the REMS worklist")
        self.overdue_box = self._box("Became overdue since yesterday", self.overdue)
        # A booked treatment is documented from here as from the calendar.
        self.sessions = SessionOpener(workspace, self, lambda: self.day or date.today())
        self.sessions.changed.connect(lambda _patient_id: self.refresh())
        self.document_button = QPushButton("Document session…", objectName="todayDocument")
        self.document_button.setToolTip("Document the treatment session of the selected booking")
        self.document_button.clicked.connect(self._on_document_button_clicked)
        self.document_button.setVisible(
            workspace.may(Permission.DOCUMENT_SESSION) or workspace.may(Permission.RECORD_VITALS)
        )
        bookings_box = self._box("Today's bookings", self.bookings)
        bookings_box.layout().addWidget(self.document_button, 0, Qt.AlignmentFlag.AlignLeft)
        grid = QGridLayout()
        grid.addWidget(bookings_box, 0, 0, 1, 3)
        grid.addWidget(self.alerts_box, 1, 0)
        grid.addWidget(self.rems_box, 1, 1)
        grid.addWidget(self.overdue_box, 1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addLayout(grid, 1)

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget(objectName=name)
        widget.setWordWrap(True)
        widget.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        return widget

    @staticmethod
    def _box(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(widget)
        return box

    def refresh(self) -> None:
        try:
            self.view = today_view(self._workspace.database, self._workspace.actor, self.day)
        except ClinicError as refused:
            self.counts.setText(str(refused))
            return
        view = self.view
        self.title.setText(f"Today, {view.day:%A %d %B %Y}")
        coming = [b for b in view.bookings if b.status not in ("Cancelled", "Missed")]
        text = f"{len(coming)} bookings"
        if view.clinical:
            text += (
                f" · {len(view.safety_alerts)} open safety alerts · monitoring: "
                f"{view.overdue_total} overdue, {view.due_total} due across the clinic"
            )
        self.counts.setText(text)
        self._show_bookings(view)
        for box in (self.alerts_box, self.rems_box, self.overdue_box):
            box.setVisible(view.clinical)
        self._fill(
            self.alerts,
            [
                (
                    f"{a.patient_name} ({a.mrn}): {a.alert.message} · "
                    f"{a.alert.short_name} {a.alert.administered_at.astimezone():%Y-%m-%d}",
                    a.alert.patient_id,
                )
                for a in view.safety_alerts
            ],
            "No open safety alerts.",
            urgent=True,
        )
        self._fill(
            self.rems,
            [
                (
                    f"{r.patient_name} ({r.mrn}): {r.reason.removeprefix(r.title + ': ')}",
                    r.patient_id,
                )
                for r in view.rems_due
            ],
            "No REMS forms due.",
        )
        self._fill(
            self.overdue,
            [(f"{r.patient_name} ({r.mrn}): {r.reason}", r.patient_id) for r in view.newly_overdue],
            "Nothing became overdue since yesterday.",
        )

    def _show_bookings(self, view: TodayView) -> None:
        self.bookings.setRowCount(len(view.bookings))
        if not view.clinical:
            self.bookings.setColumnHidden(4, True)
        alerted = {a.alert.patient_id for a in view.safety_alerts}
        for row, booking in enumerate(view.bookings):
            due = _due_text(booking.due)
            if booking.patient_id in alerted:
                due = "⚠ Open safety alert" + (f"; {due}" if due else "")
            cells = (
                booking.time_text,
                f"{booking.patient_name} · {booking.mrn}",
                booking.modality.label,
                booking.status,
                due,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATIENT_ROLE, booking.patient_id)
                item.setToolTip(text)
                if column == 4 and (
                    booking.patient_id in alerted or any(d.days_overdue for d in booking.due)
                ):
                    item.setForeground(QBrush(QColor("#b71c1c")))
                self.bookings.setItem(row, column, item)
        if not view.bookings:
            self.bookings.setRowCount(1)
            self.bookings.setSpan(0, 0, 1, len(BOOKING_COLUMNS))
            self.bookings.setItem(0, 0, QTableWidgetItem("No bookings on this day."))
        else:
            self.bookings.clearSpans()

    @staticmethod
    def _fill(
        widget: QListWidget, lines: list[tuple[str, int]], empty: str, urgent: bool = False
    ) -> None:
        widget.clear()
        for text, patient_id in lines:
            item = QListWidgetItem(("⚠ " if urgent else "") + text)
            item.setData(PATIENT_ROLE, patient_id)
            if urgent:
                item.setForeground(QBrush(QColor("#b71c1c")))
            widget.addItem(item)
        if not lines:
            placeholder = QListWidgetItem(empty)
            placeholder.setForeground(QBrush(QColor("gray")))
            widget.addItem(placeholder)

    def booking_at(self, row: int) -> TodayBooking | None:
        if self.view is None or not 0 <= row < len(self.view.bookings):
            return None
        return self.view.bookings[row]

    def _on_bookings_cell_double_clicked(self, row: int, _column: int) -> None:
        if (booking := self.booking_at(row)) is not None:
            self.patient_requested.emit(booking.patient_id)

    def _on_document_button_clicked(self) -> None:
        if (booking := self.booking_at(self.bookings.currentRow())) is not None:
            self.sessions.document_appointment(booking.appointment_id)

    def _on_list_item_double_clicked(self, item: QListWidgetItem) -> None:
        if item.listWidget() is self.rems:
            self.rems_requested.emit()  # the worklist marks forms submitted and prints them
            return
        patient_id = item.data(PATIENT_ROLE)
        if patient_id is not None:
            self.patient_requested.emit(int(patient_id))
