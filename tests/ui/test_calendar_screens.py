"""The calendar by mouse and keyboard: book, drag, reschedule by dialog, cancel, re-plan,
and see the month, week and day views follow."""

from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from clinical.calendar import AppointmentStatus, ClosedDay, Resource
from clinical.protocols import Modality
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.calendar import workflows as calendar
from db.calendar.views import BookingDraft
from db.courses import workflows as courses
from db.database import Database
from db.patients.workflows import create_patient
from tests.db.course_builders import MONDAY, MORNING, clinic, new_course
from tests.factories import make_patient_draft
from ui.calendar.appointment_dialog import AppointmentDialog
from ui.calendar.booking_dialog import BookingDialog
from ui.calendar.calendar_area import CalendarArea
from ui.calendar.time_grid import TimeGrid
from ui.workspace import Workspace

TUESDAY = date(2026, 11, 24)
WEDNESDAY = date(2026, 11, 25)


@pytest.fixture
def area(qtbot, workspace: Workspace) -> CalendarArea:
    widget = CalendarArea(workspace, today=lambda: MONDAY, now=lambda: MORNING)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def patient(database: Database, prescriber: Actor) -> int:
    return create_patient(database, prescriber, make_patient_draft())


def book(database: Database, actor: Actor, patient_id: int, day: date, at: time, **kw) -> list[int]:
    draft = BookingDraft(patient_id, Modality.IV_KETAMINE, day, at, 90, **kw)
    return calendar.book_appointment(database, actor, draft, today=MONDAY, now=MORNING)


def _move_event(widget: QWidget, point: QPoint) -> None:
    event = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(point),
        QPointF(widget.mapToGlobal(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def drag(grid: TimeGrid, start: QPoint, end: QPoint) -> None:
    """Press, move in steps with the button held, release: as a hand does it."""
    QTest.mousePress(grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, 6):
        _move_event(grid, start + (end - start) * k / 5)
    QTest.mouseRelease(grid, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def grab_point(grid: TimeGrid, appointment_id: int) -> QPoint:
    rect = grid.rect_of(appointment_id)
    return QPoint(rect.center().x(), rect.top() + 10)


def drop_point(grid: TimeGrid, column: int, at: time) -> QPoint:
    # point_at is 2 px below the start; the grab was 10 px below the box's top.
    return grid.point_at(column, at) + QPoint(0, 8 + 1)


def test_book_by_keyboard_and_see_it_in_the_week_and_month(
    qtbot, area: CalendarArea, database: Database, prescriber: Actor, patient: int
) -> None:
    assert area.week_grid.appointments == ()
    qtbot.mouseClick(area.book_button, Qt.MouseButton.LeftButton)
    dialog = area.actions.dialog
    assert isinstance(dialog, BookingDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.patient, "Testperson, Ada · BD-0001 · 1980-04-12")
    assert dialog.patient_id == patient
    dialog.day.clear()
    qtbot.keyClicks(dialog.day, "2026-11-24")
    dialog.start.clear()
    qtbot.keyClicks(dialog.start, "10:30")
    assert dialog.availability.text() == "This slot is free."
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()

    (row,) = calendar.patient_appointments(database, prescriber, patient)
    assert (row.day, row.start, row.modality, row.minutes) == (
        TUESDAY,
        time(10, 30),
        Modality.IV_KETAMINE,
        90,
    )
    assert [a.id for a in area.week_grid.appointments] == [row.id]
    assert area.week_grid.rect_of(row.id).height() > 0
    qtbot.mouseClick(area.mode_buttons["month"], Qt.MouseButton.LeftButton)
    assert area.month_view.counts[TUESDAY][Modality.IV_KETAMINE] == 1


def test_the_booking_dialog_names_a_full_slot_and_takes_the_nearest(
    qtbot, area: CalendarArea, database: Database, staff: dict[Role, Actor], patient: int
) -> None:
    clinic(database, staff[Role.ADMINISTRATOR], chairs=1)
    other = create_patient(database, staff[Role.PRESCRIBER], make_patient_draft(mrn="BD-2"))
    book(database, staff[Role.PRESCRIBER], other, TUESDAY, time(9, 0))
    dialog = area.actions.book(patient_id=patient, day=TUESDAY, start=time(9, 0))
    qtbot.waitExposed(dialog)
    assert dialog.availability.text().startswith("The only infusion chair is taken")
    assert dialog.availability.text().endswith("Nearest free slot: Tuesday 2026-11-24 10:30.")
    qtbot.mouseClick(dialog.use_nearest, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    (row,) = calendar.patient_appointments(database, staff[Role.PRESCRIBER], patient)
    assert row.start == time(10, 30)


def test_drag_in_the_week_view_moves_to_another_day_and_time(
    qtbot, area: CalendarArea, database: Database, prescriber: Actor, patient: int
) -> None:
    (appointment_id,) = book(database, prescriber, patient, TUESDAY, time(9, 0))
    area.refresh()
    grid = area.week_grid
    before = grid.rect_of(appointment_id)
    drag(
        grid,
        grab_point(grid, appointment_id),
        drop_point(grid, grid.column_index(WEDNESDAY), time(11, 0)),
    )

    row = calendar.appointment(database, prescriber, appointment_id)
    assert (row.day, row.start) == (WEDNESDAY, time(11, 0))
    after = grid.rect_of(appointment_id)
    assert after.left() > before.left() and after.top() > before.top()
    history = calendar.appointment_history(database, prescriber, appointment_id)
    assert history[-1].text == "Moved: 2026-11-24 09:00 → 2026-11-25 11:00"


def test_drag_in_the_day_view_changes_only_the_time(
    qtbot, area: CalendarArea, database: Database, prescriber: Actor, patient: int
) -> None:
    (appointment_id,) = book(database, prescriber, patient, TUESDAY, time(9, 0))
    area.show_day(TUESDAY)
    grid = area.day_grid
    assert [c.title for c in grid.columns] == [
        "Infusion chairs (4)",
        "Spravato monitoring rooms (2)",
        "TMS devices (2)",
    ]
    # Dropped over the TMS column: an infusion stays in a chair, at the new time.
    drag(grid, grab_point(grid, appointment_id), drop_point(grid, 2, time(13, 15)))
    row = calendar.appointment(database, prescriber, appointment_id)
    assert (row.day, row.start) == (TUESDAY, time(13, 15))
    assert grid.rect_of(appointment_id).right() < grid.point_at(1, time(9, 0)).x()


def test_a_drag_into_a_full_hour_is_refused_and_the_nearest_slot_taken(
    qtbot, area: CalendarArea, database: Database, staff: dict[Role, Actor], patient: int
) -> None:
    clinic(database, staff[Role.ADMINISTRATOR], chairs=1)
    prescriber = staff[Role.PRESCRIBER]
    other = create_patient(database, prescriber, make_patient_draft(mrn="BD-2"))
    book(database, prescriber, other, WEDNESDAY, time(9, 0))
    (appointment_id,) = book(database, prescriber, patient, TUESDAY, time(9, 0))
    area.refresh()
    grid = area.week_grid
    drag(
        grid,
        grab_point(grid, appointment_id),
        drop_point(grid, grid.column_index(WEDNESDAY), time(9, 30)),
    )

    message = area.actions.message
    assert message is not None and message.isVisible()
    assert message.text().startswith("The only infusion chair is taken at some time between 09:30")
    assert calendar.appointment(database, prescriber, appointment_id).day == TUESDAY
    qtbot.mouseClick(area.actions.message_buttons["nearest"], Qt.MouseButton.LeftButton)
    row = calendar.appointment(database, prescriber, appointment_id)
    assert (row.day, row.start) == (WEDNESDAY, time(10, 30))
    assert any(a.id == appointment_id and a.day == WEDNESDAY for a in grid.appointments)


def test_reschedule_by_dialog_asks_this_one_or_this_and_following(
    qtbot, area: CalendarArea, database: Database, prescriber: Actor, patient: int
) -> None:
    ids = book(
        database, prescriber, patient, TUESDAY, time(9, 0), repeat_every_days=7, repeat_count=3
    )
    area.refresh()
    grid = area.week_grid
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=grab_point(grid, ids[0]))
    dialog = area.actions.dialog
    assert isinstance(dialog, AppointmentDialog) and dialog.appointment.id == ids[0]
    dialog.new_day.clear()
    qtbot.keyClicks(dialog.new_day, "2026-11-26")
    qtbot.keyClicks(dialog.move_reason, "Patient asked")
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)

    question = area.actions.question
    assert question is not None and "2 more booked after it" in question.text()
    qtbot.mouseClick(area.actions.question_buttons["following"], Qt.MouseButton.LeftButton)
    days = [a.day.isoformat() for a in calendar.patient_appointments(database, prescriber, patient)]
    assert days == ["2026-11-26", "2026-12-03", "2026-12-10"]
    assert [a.day for a in grid.appointments] == [date(2026, 11, 26)]
    history = calendar.appointment_history(database, prescriber, ids[2])
    assert history[-1].text == "Moved: 2026-12-08 09:00 → 2026-12-10 09:00 (Patient asked)"


def test_cancel_in_the_dialog_shows_in_the_views(
    qtbot, area: CalendarArea, database: Database, prescriber: Actor, patient: int
) -> None:
    (appointment_id,) = book(database, prescriber, patient, TUESDAY, time(9, 0))
    area.refresh()
    grid = area.week_grid
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=grab_point(grid, appointment_id))
    dialog = area.actions.dialog
    assert isinstance(dialog, AppointmentDialog)
    qtbot.mouseClick(dialog.cancel_appointment_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Say why it is cancelled."
    qtbot.keyClicks(dialog.reason, "Patient unwell")
    qtbot.mouseClick(dialog.cancel_appointment_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (shown,) = grid.appointments
    assert (shown.status, shown.status_reason) == (AppointmentStatus.CANCELLED, "Patient unwell")
    area.set_mode("month")
    assert area.month_view.cancelled[TUESDAY] == 1 and TUESDAY not in area.month_view.counts


def test_a_missed_course_treatment_offers_to_replan_the_rest(
    qtbot, area: CalendarArea, database: Database, prescriber: Actor, patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    view = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    courses.accept_proposal(database, prescriber, view, now=MORNING)
    area.show_week(MONDAY)
    first = area.week_grid.appointments[0]
    area.actions.open_appointment(first)
    dialog = area.actions.dialog
    assert isinstance(dialog, AppointmentDialog)
    qtbot.keyClicks(dialog.reason, "No ride")
    qtbot.mouseClick(dialog.missed_button, Qt.MouseButton.LeftButton)

    replan = area.actions.replan_dialog
    assert replan is not None and replan.isVisible()
    assert [replan.changes.item(i).text() for i in range(replan.changes.count())] == [
        "Add 2026-12-07 09:00"
    ]
    qtbot.mouseClick(replan.apply_button, Qt.MouseButton.LeftButton)
    rows = calendar.patient_appointments(database, prescriber, patient)
    assert [r.status for r in rows].count(AppointmentStatus.BOOKED) == 6
    assert rows[-1].day == date(2026, 12, 7)


def test_closed_days_show_and_the_day_sheet_is_saved_from_the_calendar(
    qtbot,
    area: CalendarArea,
    database: Database,
    staff: dict[Role, Actor],
    patient: int,
    tmp_path: Path,
) -> None:
    clinic(database, staff[Role.ADMINISTRATOR], closed=(ClosedDay(WEDNESDAY, "Staff training"),))
    book(database, staff[Role.PRESCRIBER], patient, TUESDAY, time(9, 0))
    area.show_day(WEDNESDAY)
    assert area.title.text() == "Wednesday November 25, 2026 · closed (Staff training)"
    area.show_day(TUESDAY)
    qtbot.mouseClick(area.day_sheet_button, Qt.MouseButton.LeftButton)
    file_dialog = area.file_dialog
    assert file_dialog is not None
    target = tmp_path / "sheet.pdf"
    file_dialog.selectFile(str(target))
    file_dialog.accept()
    text = PdfReader(target).pages[0].extract_text()
    assert "Day sheet: Tuesday 11/24/2026" in text and "Testperson, Ada" in text
    assert area.message.text() == f"Day sheet for 2026-11-24 saved to {target}."


def test_the_month_view_opens_a_day_with_a_double_click(
    qtbot, area: CalendarArea, database: Database, prescriber: Actor, patient: int
) -> None:
    book(database, prescriber, patient, date(2026, 11, 27), time(9, 0))
    area.show_month(MONDAY)
    cell = area.month_view.cell_rect(date(2026, 11, 27))
    qtbot.mouseDClick(area.month_view, Qt.MouseButton.LeftButton, pos=cell.center())
    assert area.mode == "day" and area.current == date(2026, 11, 27)
    assert len(area.day_grid.appointments) == 1


def test_the_administrator_sets_hours_capacity_and_a_closed_day(
    qtbot, database: Database, staff: dict[Role, Actor], workspace: Workspace
) -> None:
    from db.calendar.settings import load_calendar
    from ui.calendar.settings_page import CalendarSettingsPage

    workspace.signed_in = staff[Role.ADMINISTRATOR]
    page = CalendarSettingsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.open_days[5].setChecked(True)  # open on Saturdays
    page.closes[5].clear()
    qtbot.keyClicks(page.closes[5], "12:00")
    page.capacity[Resource.INFUSION_CHAIR].setValue(6)
    qtbot.mouseClick(page.findChild(QPushButton, "addClosedDay"), Qt.MouseButton.LeftButton)
    page.closed.item(0, 0).setText("2026-12-25")
    page.closed.setItem(0, 1, QTableWidgetItem("Christmas Day"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text().startswith("Saved.")

    saved = load_calendar(database)
    assert saved.hours[5] is not None and saved.hours[5].text == "08:00-12:00"
    assert saved.count(Resource.INFUSION_CHAIR) == 6
    assert saved.closed_day(date(2026, 12, 25)) == ClosedDay(date(2026, 12, 25), "Christmas Day")
    page.closed.item(0, 0).setText("25/12/2026")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Closed day '25/12/2026' is not a date: type it as YYYY-MM-DD."
