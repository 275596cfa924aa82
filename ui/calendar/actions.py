"""What a person can do to appointments, from any screen: open, book, move, change status,
and, after a change to a course's appointment, re-plan the rest of the course.

Every dialog and question is opened with `open()` (never a nested event loop) and kept on an
attribute until it closes. `changed` is emitted after anything was saved.
"""

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QWidget

from clinical.calendar import AppointmentStatus, Slot
from db.accounts.roles import Permission
from db.calendar import workflows
from db.calendar.settings import load_calendar
from db.calendar.views import AppointmentView, ReplanPlan, SlotUnavailableError
from db.courses.workflows import apply_replan, replan_preview
from db.errors import ClinicError
from ui.calendar.appointment_dialog import AppointmentDialog, ReplanDialog
from ui.calendar.booking_dialog import BookingDialog
from ui.sessions.opener import SessionOpener
from ui.workspace import Workspace


def _slot_text(slot: Slot | None) -> str:
    return f"{slot.day.isoformat()} {slot.start:%H:%M}" if slot else "(new)"


class CalendarActions(QObject):
    changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        parent_widget: QWidget,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime | None] = datetime.now,
    ) -> None:
        super().__init__(parent_widget)
        self._workspace = workspace
        self._parent = parent_widget
        self.today = today
        self.now = now
        self.dialog: QDialog | None = None
        self.question: QMessageBox | None = None
        self.question_buttons: dict[str, QAbstractButton] = {}
        self.message: QMessageBox | None = None
        self.message_buttons: dict[str, QAbstractButton] = {}
        self.replan_dialog: ReplanDialog | None = None
        self.pending_replan: ReplanPlan | None = None
        # Treatment sessions opened from an appointment; signing one marks it done.
        self.sessions = SessionOpener(workspace, parent_widget, today)
        self.sessions.changed.connect(lambda _patient_id: self._done())

    @property
    def may_change(self) -> bool:
        return self._workspace.may(Permission.MANAGE_CALENDAR)

    def _keep(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def forget() -> None:
            if self.dialog is dialog:
                self.dialog = None

        dialog.finished.connect(forget)

    def _done(self) -> None:
        self.changed.emit()

    # Opening and booking ------------------------------------------------------------------

    def open_appointment(self, appointment: AppointmentView) -> None:
        db, actor = self._workspace.database, self._workspace.actor
        fresh = workflows.appointment(db, actor, appointment.id)
        history = workflows.appointment_history(db, actor, appointment.id)
        dialog = AppointmentDialog(
            fresh,
            history,
            load_calendar(db),
            may_change=self.may_change,
            may_document=self._workspace.may(Permission.DOCUMENT_SESSION)
            or self._workspace.may(Permission.RECORD_VITALS),
            parent=self._parent,
        )
        self._keep(dialog)
        dialog.document_requested.connect(lambda: self.document_session(fresh))
        dialog.move_requested.connect(
            lambda day, at, reason: self.request_move(fresh, day, at, reason)
        )
        dialog.status_requested.connect(
            lambda status, reason: self.request_status(fresh, status, reason)
        )
        self.dialog = dialog
        dialog.open()

    def book(
        self,
        *,
        patient_id: int | None = None,
        course_id: int | None = None,
        day: date | None = None,
        start: time | None = None,
    ) -> BookingDialog:
        dialog = BookingDialog(
            self._workspace,
            load_calendar(self._workspace.database),
            self.today,
            self.now,
            patient_id=patient_id,
            course_id=course_id,
            day=day,
            start=start,
            parent=self._parent,
        )
        self._keep(dialog)
        dialog.booked.connect(lambda _ids: self._done())
        self.dialog = dialog
        dialog.open()
        return dialog

    def document_session(self, appointment: AppointmentView) -> None:
        """The appointment's treatment session, in a window of its own."""
        self._close_dialog()
        self.sessions.document_appointment(appointment.id)

    # "This one" or "this and following" ----------------------------------------------------

    def _ask_series(
        self, appointment: AppointmentView, what: str, then: Callable[[bool], None]
    ) -> None:
        following = workflows.following_count(
            self._workspace.database, self._workspace.actor, appointment.id
        )
        if following == 0:
            then(False)
            return
        box = QMessageBox(self._parent)
        box.setObjectName("seriesQuestion")
        box.setWindowTitle(f"{what.capitalize()} the series?")
        box.setText(
            f"This appointment is part of a series with {following} more booked after it. "
            f"{what.capitalize()} only this one, or this one and the following ones?"
        )
        one = box.addButton("This one", QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(
            f"This and following ({following + 1})", QMessageBox.ButtonRole.YesRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        self.question_buttons = {"one": one, "following": later}

        def answered(button: QAbstractButton) -> None:
            self.question = None
            if button is one:
                then(False)
            elif button is later:
                then(True)

        box.buttonClicked.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.question = box
        box.open()

    # Moving -------------------------------------------------------------------------------

    def request_move(
        self, appointment: AppointmentView, day: date, at: time, reason: str = ""
    ) -> None:
        """Move by dialog or drag: asks about the series, refuses with the nearest slot."""
        if not self.may_change:
            return
        self._ask_series(
            appointment,
            "move",
            lambda following: self._move(appointment, day, at, reason, following),
        )

    def _move(
        self, appointment: AppointmentView, day: date, at: time, reason: str, following: bool
    ) -> None:
        db, actor = self._workspace.database, self._workspace.actor
        try:
            workflows.move_appointment(
                db,
                actor,
                appointment.id,
                appointment.version,
                day,
                at,
                following=following,
                reason=reason,
                today=self.today(),
                now=self.now(),
            )
        except SlotUnavailableError as refused:
            self._offer_nearest(
                refused,
                lambda slot: self._move(appointment, slot.day, slot.start, reason, following),
            )
            return
        except ClinicError as refused:
            self._warn("Not moved", str(refused))
            return
        self._close_dialog()
        self._done()
        if appointment.course_id is not None and not following:
            self.offer_replan(appointment.course_id, after_appointment_id=appointment.id)

    def _offer_nearest(self, refused: SlotUnavailableError, take: Callable[[Slot], None]) -> None:
        box = QMessageBox(self._parent)
        box.setObjectName("slotRefused")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("That slot cannot be booked")
        box.setText(str(refused))
        self.message_buttons = {}
        nearest = refused.nearest
        if nearest is not None:
            self.message_buttons["nearest"] = box.addButton(
                f"Book {nearest.text}", QMessageBox.ButtonRole.AcceptRole
            )
        self.message_buttons["cancel"] = box.addButton(QMessageBox.StandardButton.Cancel)

        def answered(button: QAbstractButton) -> None:
            self.message = None
            if nearest is not None and button is self.message_buttons.get("nearest"):
                take(nearest)

        box.buttonClicked.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = box
        box.open()

    def _warn(self, title: str, text: str) -> None:
        if isinstance(self.dialog, AppointmentDialog) and self.dialog.isVisible():
            self.dialog.show_problem(text)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_buttons = {}
        self.message = box
        box.open()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.dialog = None

    # Status -------------------------------------------------------------------------------

    def request_status(
        self, appointment: AppointmentView, status: AppointmentStatus, reason: str = ""
    ) -> None:
        if not self.may_change:
            return
        if status is AppointmentStatus.CANCELLED:
            self._ask_series(
                appointment,
                "cancel",
                lambda following: self._set_status(appointment, status, reason, following),
            )
            return
        self._set_status(appointment, status, reason, False)

    def _set_status(
        self,
        appointment: AppointmentView,
        status: AppointmentStatus,
        reason: str,
        following: bool,
    ) -> None:
        try:
            workflows.set_status(
                self._workspace.database,
                self._workspace.actor,
                appointment.id,
                appointment.version,
                status,
                reason,
                following=following,
                today=self.today(),
            )
        except ClinicError as refused:
            self._warn("Not changed", str(refused))
            return
        self._close_dialog()
        self._done()
        replans = (AppointmentStatus.MISSED, AppointmentStatus.CANCELLED, AppointmentStatus.DONE)
        if appointment.course_id is not None and status in replans and not following:
            self.offer_replan(appointment.course_id)

    # Re-planning --------------------------------------------------------------------------

    def offer_replan(self, course_id: int, after_appointment_id: int | None = None) -> None:
        """Show what re-planning the rest of the course would move, if anything."""
        try:
            plan = replan_preview(
                self._workspace.database,
                self._workspace.actor,
                course_id,
                self.today(),
                after_appointment_id=after_appointment_id,
                now=self.now(),
            )
        except ClinicError as refused:
            self._warn("Cannot re-plan", str(refused))
            return
        if plan.empty:
            return
        lines = []
        for change in plan.changes:
            if change.before is None:
                line = f"Add {_slot_text(change.after)}"
            else:
                line = f"Move {_slot_text(change.before)} → {_slot_text(change.after)}"
            lines.append(line + (f" ({change.note})" if change.note else ""))
        dialog = ReplanDialog(plan.why, lines, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._on_replan_accepted)
        dialog.finished.connect(self._on_replan_finished)
        self.pending_replan = plan
        self.replan_dialog = dialog
        dialog.open()

    def _on_replan_accepted(self) -> None:
        plan = self.pending_replan
        if plan is None:
            return
        try:
            apply_replan(
                self._workspace.database,
                self._workspace.actor,
                plan,
                self.today(),
                self.now(),
            )
        except ClinicError as refused:
            self._warn("Not re-planned", str(refused))
            return
        self._done()

    def _on_replan_finished(self) -> None:
        self.replan_dialog = None
        self.pending_replan = None
