"""The calendar's clinic settings, for the administrator: opening hours, closed days,
how many chairs, rooms and devices, and how long each kind of booking lasts."""

from datetime import date, time

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinical.calendar import WEEKDAY_NAMES, ClinicCalendar, ClosedDay, DayHours, Resource
from clinical.protocols import Modality
from db.calendar.settings import load_calendar, load_time_zone, save_calendar
from db.errors import ClinicError
from ui.calendar.widgets import TimeEdit
from ui.workspace import Workspace


class CalendarSettingsPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarSettings")
        self._workspace = workspace
        self.open_days: list[QCheckBox] = []
        self.opens: list[TimeEdit] = []
        self.closes: list[TimeEdit] = []
        hours_box = QGroupBox("Opening hours")
        grid = QGridLayout(hours_box)
        for day, name in enumerate(WEEKDAY_NAMES):
            open_day = QCheckBox(name)
            opens, closes = TimeEdit(), TimeEdit()
            open_day.toggled.connect(opens.setEnabled)
            open_day.toggled.connect(closes.setEnabled)
            grid.addWidget(open_day, day, 0)
            grid.addWidget(opens, day, 1)
            grid.addWidget(QLabel("to"), day, 2)
            grid.addWidget(closes, day, 3)
            self.open_days.append(open_day)
            self.opens.append(opens)
            self.closes.append(closes)
        grid.setColumnStretch(4, 1)

        closed_box = QGroupBox("Closed days (holidays, training days)")
        self.closed = QTableWidget(0, 2, objectName="closedDays")
        self.closed.setHorizontalHeaderLabels(["Date (YYYY-MM-DD)", "Reason"])
        self.closed.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.closed.verticalHeader().hide()
        self.closed.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.closed.setMaximumHeight(160)
        add = QPushButton("Add closed day", objectName="addClosedDay")
        remove = QPushButton("Remove", objectName="removeClosedDay")
        add.clicked.connect(self._on_add_clicked)
        remove.clicked.connect(self._on_remove_clicked)
        closed_buttons = QVBoxLayout()
        closed_buttons.addWidget(add)
        closed_buttons.addWidget(remove)
        closed_buttons.addStretch()
        closed_layout = QHBoxLayout(closed_box)
        closed_layout.addWidget(self.closed, 1)
        closed_layout.addLayout(closed_buttons)

        capacity_box = QGroupBox("Capacity and booking lengths")
        capacity_form = QFormLayout(capacity_box)
        self.capacity: dict[Resource, QSpinBox] = {}
        for resource in Resource:
            spin = QSpinBox(objectName=f"capacity_{resource.value}")
            spin.setRange(0, 50)
            capacity_form.addRow(resource.label, spin)
            self.capacity[resource] = spin
        self.durations: dict[Modality, QSpinBox] = {}
        for modality in Modality:
            spin = QSpinBox(objectName=f"duration_{modality.value}")
            spin.setRange(5, 600)
            spin.setSingleStep(15)
            spin.setSuffix(" min")
            capacity_form.addRow(f"{modality.label} booking", spin)
            self.durations[modality] = spin
        self.slot_minutes = QSpinBox(objectName="slotMinutes")
        self.slot_minutes.setRange(5, 60)
        self.slot_minutes.setSuffix(" min")
        capacity_form.addRow("Bookings start every", self.slot_minutes)
        self.time_zone = QLineEdit(objectName="timeZone")
        self.time_zone.setPlaceholderText("e.g. America/Chicago (empty: local time)")
        capacity_form.addRow("Time zone for calendar exports", self.time_zone)

        self.save_button = QPushButton("Save calendar settings", objectName="saveCalendarSettings")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.message = QLabel(objectName="calendarSettingsMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)

        body = QWidget()
        layout = QVBoxLayout(body)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(hours_box)
        left.addWidget(closed_box)
        columns.addLayout(left, 1)
        columns.addWidget(capacity_box, 1)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def refresh(self) -> None:
        calendar = load_calendar(self._workspace.database)
        for day, hours in enumerate(calendar.hours):
            self.open_days[day].setChecked(hours is not None)
            self.opens[day].setEnabled(hours is not None)
            self.closes[day].setEnabled(hours is not None)
            self.opens[day].set_value(hours.opens if hours else time(8, 0))
            self.closes[day].set_value(hours.closes if hours else time(17, 0))
        self.closed.setRowCount(0)
        for closed in calendar.closed_days:
            self._add_row(closed.on.isoformat(), closed.reason)
        for resource, spin in self.capacity.items():
            spin.setValue(calendar.count(resource))
        for modality, spin in self.durations.items():
            spin.setValue(calendar.duration(modality))
        self.slot_minutes.setValue(calendar.slot_minutes)
        self.time_zone.setText(load_time_zone(self._workspace.database))
        self.message.clear()

    def _add_row(self, day: str = "", reason: str = "") -> None:
        row = self.closed.rowCount()
        self.closed.insertRow(row)
        self.closed.setItem(row, 0, QTableWidgetItem(day))
        self.closed.setItem(row, 1, QTableWidgetItem(reason))

    def _on_add_clicked(self) -> None:
        self._add_row()
        self.closed.editItem(self.closed.item(self.closed.rowCount() - 1, 0))

    def _on_remove_clicked(self) -> None:
        if self.closed.currentRow() >= 0:
            self.closed.removeRow(self.closed.currentRow())

    def calendar(self) -> ClinicCalendar:
        """What the page shows; ValueError with a clinician's message when a row is wrong."""
        hours = tuple(
            DayHours(self.opens[day].value(), self.closes[day].value())
            if self.open_days[day].isChecked()
            else None
            for day in range(7)
        )
        closed = []
        for row in range(self.closed.rowCount()):
            day_item, reason_item = self.closed.item(row, 0), self.closed.item(row, 1)
            text = day_item.text().strip() if day_item else ""
            if not text:
                continue
            try:
                closed_on = date.fromisoformat(text)
            except ValueError as wrong:
                raise ValueError(
                    f"Closed day '{text}' is not a date: type it as YYYY-MM-DD."
                ) from wrong
            closed.append(ClosedDay(closed_on, reason_item.text().strip() if reason_item else ""))
        return ClinicCalendar(
            hours=hours,
            closed_days=tuple(closed),
            capacity={r: spin.value() for r, spin in self.capacity.items()},
            durations={m: spin.value() for m, spin in self.durations.items()},
            slot_minutes=self.slot_minutes.value(),
        )

    def _on_save_button_clicked(self) -> None:
        try:
            save_calendar(
                self._workspace.database,
                self._workspace.actor,
                self.calendar(),
                self.time_zone.text(),
            )
        except (ValueError, ClinicError) as refused:
            self.message.setStyleSheet("color: #b71c1c;")
            self.message.setText(str(refused))
            return
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText("Saved. Every workstation's calendar uses these from now on.")
