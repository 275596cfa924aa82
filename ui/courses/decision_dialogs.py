"""Deciding on the engine's proposal: accept it (and book what it plans), or override it
with your own date, interval and number of treatments, and say why."""

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clinical.calendar import WEEKDAY_NAMES, ClinicCalendar
from clinical.protocols import Phase
from clinical.record.validation import Problem
from db.calendar.views import SlotUnavailableError
from db.courses.views import PlannedBooking, ProposalView
from db.courses.workflows import (
    OverrideChoice,
    accept_proposal,
    override_proposal,
    plan_override,
)
from db.errors import ClinicError, InvalidEntryError
from ui.calendar.widgets import TimeEdit
from ui.forms import DateLineEdit, ProblemDisplay
from ui.workspace import Workspace


def _bookings_table(name: str) -> QTableWidget:
    table = QTableWidget(0, 3, objectName=name)
    table.setHorizontalHeaderLabels(["Date", "Time", "Availability"])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


def fill_bookings(table: QTableWidget, bookings: Sequence[PlannedBooking]) -> None:
    table.setRowCount(len(bookings))
    for row, planned in enumerate(bookings):
        slot = planned.slot or planned.wanted
        day = f"{WEEKDAY_NAMES[slot.day.weekday()][:3]} {slot.day.isoformat()}"
        if planned.problem is None:
            status = "Free" + (
                " (moves an appointment already booked)" if planned.existing_id else ""
            )
        elif planned.suggestion is not None:
            status = (
                f"{planned.problem} Nearest free slot instead "
                f"(asked for {planned.wanted.day.isoformat()} {planned.wanted.start:%H:%M})."
            )
        else:
            status = f"{planned.problem} No free slot nearby."
        for column, text in enumerate((day, f"{slot.start:%H:%M}", status)):
            table.setItem(row, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)


def _reason_label(view: ProposalView) -> QLabel:
    proposal = view.proposal
    notes = "".join(f"<br>• {note}" for note in proposal.notes)
    label = QLabel(f"<b>{proposal.reason}</b>{notes}")
    label.setWordWrap(True)
    return label


class AcceptDialog(QDialog):
    decided = Signal()

    def __init__(
        self,
        workspace: Workspace,
        view: ProposalView,
        now: Callable[[], datetime | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._view = view
        self._now = now
        self.setObjectName("acceptDialog")
        self.setWindowTitle("Accept the proposal")
        self.setMinimumWidth(620)
        self.bookings = _bookings_table("acceptBookings")
        fill_bookings(self.bookings, view.bookings)
        count = len(view.bookings)
        what = (
            f"Accepting books these {count} treatment{'s' if count != 1 else ''}:"
            if count
            else "Accepting books no treatment; the course moves on as proposed."
        )
        if view.cancels:
            what += (
                f" {len(view.cancels)} appointment{'s' if len(view.cancels) != 1 else ''} already "
                "booked ahead and no longer in the plan will be cancelled."
            )
        self.summary = QLabel(what)
        self.summary.setWordWrap(True)
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(self.problem_label, {})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = self.buttons.addButton(
            f"Accept and book {count}" if count else "Accept",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.accept_button.setObjectName("confirmAccept")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_reason_label(view))
        layout.addWidget(self.summary)
        if count:
            layout.addWidget(self.bookings)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)

    def _on_buttons_accepted(self) -> None:
        try:
            accept_proposal(
                self._workspace.database, self._workspace.actor, self._view, now=self._now()
            )
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.decided.emit()
        self.accept()


class OverrideDialog(QDialog):
    decided = Signal()

    def __init__(
        self,
        workspace: Workspace,
        view: ProposalView,
        calendar: ClinicCalendar,
        now: Callable[[], datetime | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._view = view
        self._now = now
        self.setObjectName("overrideDialog")
        self.setWindowTitle("Decide otherwise")
        self.setMinimumWidth(640)
        proposal = view.proposal
        self.reason = QPlainTextEdit(objectName="overrideReason")
        self.reason.setPlaceholderText(
            "Why not follow the proposal? (kept with the decision, your name and the time)"
        )
        self.reason.setMaximumHeight(70)
        self.first_day = DateLineEdit("Next treatment")
        self.first_day.setObjectName("overrideDay")
        self.first_day.set_value(proposal.proposed_date or view.today)
        self.start = TimeEdit(calendar.slot_minutes)
        self.start.setObjectName("overrideTime")
        if view.start_time is not None:
            self.start.set_value(view.start_time)
        self.interval = QSpinBox(objectName="overrideInterval")
        self.interval.setRange(1, 180)
        self.interval.setValue(proposal.interval_days or 7)
        self.interval.setSuffix(" days")
        self.count = QSpinBox(objectName="overrideCount")
        self.count.setRange(0, 40)
        self.count.setValue(1)
        self.phase = QComboBox(objectName="overridePhase")
        self.phase.addItem("Stays where it is", None)
        for phase in Phase:
            self.phase.addItem(f"Moves to: {phase.label.lower()}", phase.value)
        self.bookings = _bookings_table("overrideBookings")
        form = QFormLayout()
        form.addRow("Why", self.reason)
        form.addRow("The course", self.phase)
        when = QHBoxLayout()
        when.addWidget(self.first_day)
        when.addWidget(self.start)
        form.addRow("Next treatment", when)
        repeat = QHBoxLayout()
        repeat.addWidget(self.count)
        repeat.addWidget(QLabel("treatments, every"))
        repeat.addWidget(self.interval)
        repeat.addStretch()
        form.addRow("Book", repeat)
        self.problem_label = QLabel(objectName="problems")
        self.problems = ProblemDisplay(
            self.problem_label,
            {
                "reason": self.reason,
                "first_day": self.first_day,
                "count": self.count,
                "interval_days": self.interval,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save my decision")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The engine proposed:"))
        layout.addWidget(_reason_label(view))
        layout.addLayout(form)
        layout.addWidget(self.bookings)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        for signal in (
            self.first_day.editingFinished,
            self.start.timeChanged,
            self.interval.valueChanged,
            self.count.valueChanged,
        ):
            signal.connect(self.check)
        self.check()

    def choice(self) -> OverrideChoice:
        return OverrideChoice(
            reason=self.reason.toPlainText(),
            first_day=self.first_day.value(),
            start=self.start.value(),
            interval_days=self.interval.value(),
            count=self.count.value(),
            phase=Phase(self.phase.currentData()) if self.phase.currentData() else None,
        )

    def check(self) -> None:
        choice = self.choice()
        if choice.first_day is None or choice.count == 0:
            self.bookings.setRowCount(0)
            return
        if choice.first_day < self._view.today:
            choice = OverrideChoice(
                choice.reason,
                self._view.today,
                choice.start,
                choice.interval_days,
                choice.count,
                choice.phase,
            )
        fill_bookings(
            self.bookings,
            plan_override(
                self._workspace.database, self._workspace.actor, self._view, choice, self._now()
            ),
        )

    def _on_buttons_accepted(self) -> None:
        if (problem := self.first_day.problem("first_day")) is not None:
            self.problems.show([problem])
            return
        try:
            override_proposal(
                self._workspace.database,
                self._workspace.actor,
                self._view,
                self.choice(),
                now=self._now(),
            )
        except SlotUnavailableError as refused:
            self.problems.show([Problem("first_day", str(refused))])
            return
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.decided.emit()
        self.accept()
