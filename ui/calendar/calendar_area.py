"""The Calendar area: month, week and day views of every booking, booking, moving by
dialog or drag, the printed day sheet and the iCalendar export."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinical.calendar import ClinicCalendar, Resource
from clinical.calendar.hours import WEEKDAY_NAMES
from db.accounts.roles import Permission
from db.calendar.exports import clinic_day_ics, day_sheet_pdf
from db.calendar.settings import load_calendar
from db.calendar.views import AppointmentView
from db.calendar.workflows import appointments_between
from db.errors import ClinicError
from db.files import write_atomically
from ui.calendar.actions import CalendarActions
from ui.calendar.colours import Legend
from ui.calendar.month_view import MonthView, month_grid_start
from ui.calendar.time_grid import GridColumn, TimeGrid
from ui.workspace import Workspace

MONTH, WEEK, DAY = "month", "week", "day"


def _scrolling(widget: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(widget)
    return scroll


class CalendarArea(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime | None] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarArea")
        self._workspace = workspace
        self.today = today
        self.now = now
        self.mode = WEEK
        self.current = today()
        self.calendar = ClinicCalendar()
        self.appointments: list[AppointmentView] = []
        self.file_dialog: QFileDialog | None = None
        self.actions = CalendarActions(workspace, self, today, now)
        self.actions.changed.connect(self.refresh)

        self.today_button = QPushButton("Today", objectName="calendarToday")
        self.previous_button = QPushButton("◀", objectName="calendarPrevious")
        self.next_button = QPushButton("▶", objectName="calendarNext")
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(36)
        self.title = QLabel(objectName="calendarTitle")
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.mode_buttons: dict[str, QPushButton] = {}
        modes = QButtonGroup(self)
        mode_row = QHBoxLayout()
        mode_row.setSpacing(0)
        for mode in (MONTH, WEEK, DAY):
            button = QPushButton(mode.capitalize(), objectName=f"{mode}Mode")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            modes.addButton(button)
            mode_row.addWidget(button)
            self.mode_buttons[mode] = button
        self.book_button = QPushButton("Book…", objectName="bookAppointment")
        self.day_sheet_button = QPushButton("Day sheet (PDF)…", objectName="daySheet")
        self.export_button = QPushButton("Export .ics…", objectName="exportIcs")
        self.book_button.setVisible(workspace.may(Permission.MANAGE_CALENDAR))
        self.today_button.clicked.connect(self._on_today_button_clicked)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.book_button.clicked.connect(self._on_book_button_clicked)
        self.day_sheet_button.clicked.connect(self._on_day_sheet_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        top = QHBoxLayout()
        top.addWidget(self.today_button)
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        top.addSpacing(8)
        top.addWidget(self.title, 1)
        top.addLayout(mode_row)
        top.addSpacing(12)
        top.addWidget(self.book_button)
        top.addWidget(self.day_sheet_button)
        top.addWidget(self.export_button)

        self.month_view = MonthView()
        self.week_grid = TimeGrid()
        self.day_grid = TimeGrid()
        self.week_grid.setObjectName("weekGrid")
        self.day_grid.setObjectName("dayGrid")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.month_view)
        self.stack.addWidget(_scrolling(self.week_grid))
        self.stack.addWidget(_scrolling(self.day_grid))
        for grid in (self.week_grid, self.day_grid):
            grid.move_requested.connect(self.actions.request_move)
            grid.open_requested.connect(self.actions.open_appointment)
            grid.slot_activated.connect(self._on_grid_slot_activated)
        self.month_view.day_activated.connect(self._on_month_day_activated)
        self.month_view.day_selected.connect(self._on_month_day_selected)
        self.message = QLabel(objectName="calendarMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(Legend())
        bottom.addWidget(self.message, 1)
        layout.addLayout(bottom)
        self.set_mode(WEEK)

    # Navigation ---------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.stack.setCurrentIndex((MONTH, WEEK, DAY).index(mode))
        self.refresh()

    def show_day(self, day: date) -> None:
        self.current = day
        self.set_mode(DAY)

    def show_week(self, day: date) -> None:
        self.current = day
        self.set_mode(WEEK)

    def show_month(self, day: date) -> None:
        self.current = day
        self.set_mode(MONTH)

    def _step(self, direction: int) -> None:
        if self.mode == DAY:
            self.current += timedelta(days=direction)
        elif self.mode == WEEK:
            self.current += timedelta(weeks=direction)
        else:
            month = self.current.month - 1 + direction
            self.current = date(self.current.year + month // 12, month % 12 + 1, 1)
        self.refresh()

    def _on_today_button_clicked(self) -> None:
        self.current = self.today()
        self.refresh()

    def _on_month_day_activated(self, day: date) -> None:
        self.show_day(day)

    def _on_month_day_selected(self, day: date) -> None:
        self.current = day

    def _on_grid_slot_activated(self, day: date, at: time) -> None:
        if self.actions.may_change:
            self.current = day
            self.actions.book(day=day, start=at)

    def _on_book_button_clicked(self) -> None:
        self.actions.book(day=max(self.current, self.today()))

    # Content ------------------------------------------------------------------------------

    def visible_range(self) -> tuple[date, date]:
        if self.mode == DAY:
            return self.current, self.current
        if self.mode == WEEK:
            monday = self.current - timedelta(days=self.current.weekday())
            return monday, monday + timedelta(days=6)
        first = month_grid_start(self.current)
        return first, first + timedelta(days=41)

    def refresh(self) -> None:
        if self._workspace.signed_in is None:
            return
        database, actor = self._workspace.database, self._workspace.actor
        self.calendar = load_calendar(database)
        first, last = self.visible_range()
        try:
            self.appointments = appointments_between(database, actor, first, last)
        except ClinicError as refused:
            self.message.setText(str(refused))
            return
        today = self.today()
        now = self.now()
        movable = self._workspace.may(Permission.MANAGE_CALENDAR)
        if self.mode == MONTH:
            self.title.setText(f"{self.current:%B %Y}")
            self.month_view.show_month(
                self.current, self.appointments, self.calendar, today, self.current
            )
        elif self.mode == WEEK:
            days = [first + timedelta(days=k) for k in range(7)]
            shown = [
                d
                for d in days
                if self.calendar.hours[d.weekday()] is not None
                or any(a.day == d for a in self.appointments)
            ]
            columns = [GridColumn(f"{d:%a} {d:%m/%d}", d) for d in shown or days]
            self.title.setText(f"Week of {first:%B} {first.day}, {first.year}")
            self.week_grid.show_columns(
                columns, self.appointments, self.calendar, today, movable=movable, now=now
            )
        else:
            columns = [
                GridColumn(f"{r.label} ({self.calendar.count(r)})", self.current, r)
                for r in Resource
                if self.calendar.count(r) > 0 or any(a.resource is r for a in self.appointments)
            ]
            closed = self.calendar.closed_day(self.current)
            hours = self.calendar.hours_on(self.current)
            status = (
                f" · closed ({closed.reason})"
                if closed
                else (f" · open {hours.text}" if hours else " · closed")
            )
            self.title.setText(
                f"{WEEKDAY_NAMES[self.current.weekday()]} {self.current:%B} "
                f"{self.current.day}, {self.current.year}{status}"
            )
            self.day_grid.show_columns(
                columns, self.appointments, self.calendar, today, movable=movable, now=now
            )

    # Day sheet and export -----------------------------------------------------------------

    def _ask_file(self, title: str, name: str, kind: str, save: Callable[[Path], None]) -> None:
        dialog = QFileDialog(self, title)
        dialog.setObjectName("calendarFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter(kind)
        dialog.selectFile(name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: save(Path(path)))
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def _on_day_sheet_button_clicked(self) -> None:
        day = self.current
        self._ask_file(
            "Save the day sheet",
            f"day-sheet-{day.isoformat()}.pdf",
            "PDF (*.pdf)",
            lambda path: self.save_day_sheet(day, path),
        )

    def save_day_sheet(self, day: date, path: Path) -> None:
        try:
            pdf = day_sheet_pdf(self._workspace.database, self._workspace.actor, day)
            write_atomically(path, pdf)
        except (ClinicError, OSError) as failed:
            self.message.setText(f"The day sheet was not saved: {failed}")
            return
        self.message.setText(f"Day sheet for {day.isoformat()} saved to {path}.")

    def _on_export_button_clicked(self) -> None:
        first, last = self.visible_range()
        if self.mode == MONTH:
            first = self.current.replace(day=1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            last = following - timedelta(days=1)
        name = (
            f"booster-desk-{first.isoformat()}.ics"
            if first == last
            else f"booster-desk-{first.isoformat()}-to-{last.isoformat()}.ics"
        )
        self._ask_file(
            "Export the calendar",
            name,
            "iCalendar (*.ics)",
            lambda path: self.export_ics(first, last, path),
        )

    def export_ics(self, first: date, last: date, path: Path) -> None:
        try:
            data = clinic_day_ics(
                self._workspace.database,
                self._workspace.actor,
                first,
                days=(last - first).days + 1,
            )
            write_atomically(path, data)
        except (ClinicError, OSError) as failed:
            self.message.setText(f"The calendar was not exported: {failed}")
            return
        self.message.setText(f"Calendar {first.isoformat()} to {last.isoformat()} saved to {path}.")
