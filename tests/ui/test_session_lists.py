"""Where sessions are reached and followed up: the chart's Sessions tab, the calendar's
appointment, Today, the REMS worklist (mark submitted, print), the administrator's limits,
and the session days marked on the scales trend chart."""

from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QWidget

from clinical.modality import Modality
from clinical.monitoring import ItemState
from clinical.sessions import PreDoseThresholds
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.calendar import workflows as calendar
from db.database import Database
from db.monitoring.workflows import patient_checklist
from db.sessions import workflows as sessions
from db.sessions.settings import load_session_settings
from tests.clinical.sessions.samples import complete
from tests.db.course_builders import record_madrs
from tests.db.monitoring_builders import book
from tests.ui.test_session_builders import DAY, booked
from ui.calendar.actions import CalendarActions
from ui.calendar.appointment_dialog import AppointmentDialog
from ui.main_window import MainWindow
from ui.scales.scales_tab import ScalesTab
from ui.sessions.rems_submitted_dialog import RemsSubmittedDialog
from ui.sessions.rems_worklist import RemsWorklistPage
from ui.sessions.session_window import SessionWindow
from ui.sessions.sessions_tab import SessionsTab
from ui.settings.settings_page import SettingsPage
from ui.today.today_area import TodayArea
from ui.workspace import Workspace

LEFT = Qt.MouseButton.LeftButton


def signed(database: Database, actor: Actor, appointment_id: int, day: date = DAY) -> int:
    view = sessions.start_session(database, actor, appointment_id, today=day)
    saved = sessions.save_draft(database, actor, view.id, view.version, complete(view.modality))
    return sessions.sign_session(database, actor, saved.id, saved.version, {}, today=day).id


# The chart's Sessions tab ------------------------------------------------------------------


def test_the_sessions_tab_lists_newest_first_and_documents_todays_appointment(
    qtbot, database: Database, prescriber: Actor, workspace: Workspace
) -> None:
    last_week = DAY - timedelta(days=7)
    patient_id, course_id, first = booked(database, prescriber, day=last_week)
    signed(database, prescriber, first, last_week)
    today_id = book(database, prescriber, patient_id, DAY, course_id=course_id)
    tab = SessionsTab(workspace, today=lambda: DAY)
    qtbot.addWidget(tab)
    tab.show_patient(patient_id)
    assert tab.lines == []  # read when shown, not before
    tab.show()
    cells = [
        [tab.table.item(row, column).text() for column in range(4)]
        for row in range(tab.table.rowCount())
    ]
    assert cells == [
        [DAY.isoformat(), "IV ketamine", "Booked 09:00, not documented", ""],
        [last_week.isoformat(), "IV ketamine", "Signed", "35.0 mg (0.5 mg/kg) IV"],
    ]
    assert tab.summary.text() == "1 signed, 0 drafts; 1 to document today"
    assert tab.document_button.isEnabled() and not tab.open_button.isEnabled()

    qtbot.mouseClick(tab.document_button, LEFT)
    window = tab.opener.window
    assert isinstance(window, SessionWindow) and window.view.appointment_id == today_id
    assert [tab.table.item(r, 2).text() for r in range(tab.table.rowCount())] == [
        "Draft",
        "Signed",
    ]

    tab.table.selectRow(1)
    qtbot.mouseClick(tab.open_button, LEFT)
    opened = tab.opener.window
    assert isinstance(opened, SessionWindow) and opened is not window
    assert opened.view.signed and opened.view.session_on == last_week


def test_signing_in_the_window_updates_the_list(
    qtbot, database: Database, prescriber: Actor, workspace: Workspace
) -> None:
    patient_id, _, appointment_id = booked(database, prescriber, Modality.TMS)
    view = sessions.start_session(database, prescriber, appointment_id, today=DAY)
    sessions.save_draft(database, prescriber, view.id, view.version, complete(Modality.TMS))
    tab = SessionsTab(workspace, today=lambda: DAY)
    qtbot.addWidget(tab)
    tab.show_patient(patient_id)
    assert tab.lines == []  # read when shown, not before
    tab.show()
    assert tab.table.item(0, 2).text() == "Draft"
    qtbot.mouseClick(tab.open_button, LEFT)
    window = tab.opener.window
    assert window is not None
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(window.sign_button, LEFT)
    assert tab.table.item(0, 2).text() == "Signed"
    assert tab.table.item(0, 5).text() == prescriber.display_name


# The calendar and Today --------------------------------------------------------------------


def test_a_course_appointment_in_the_calendar_opens_its_session(
    qtbot, database: Database, prescriber: Actor, workspace: Workspace
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.ESKETAMINE)
    host = QWidget()
    qtbot.addWidget(host)
    actions = CalendarActions(workspace, host, today=lambda: DAY)
    actions.open_appointment(calendar.appointment(database, prescriber, appointment_id))
    dialog = actions.dialog
    assert isinstance(dialog, AppointmentDialog)
    assert dialog.document_button.text() == "Document session…"
    assert dialog.document_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.document_button, LEFT)
    window = actions.sessions.window
    assert isinstance(window, SessionWindow)
    assert window.view.appointment_id == appointment_id
    assert window.view.modality is Modality.ESKETAMINE
    assert actions.dialog is None  # the appointment closed behind it


def test_an_appointment_without_a_course_has_no_session_button(
    qtbot, database: Database, prescriber: Actor, workspace: Workspace
) -> None:
    patient_id, _, _ = booked(database, prescriber)  # an IV ketamine course, not TMS
    other = book(database, prescriber, patient_id, DAY, modality=Modality.TMS, at=time(11, 0))
    host = QWidget()
    qtbot.addWidget(host)
    actions = CalendarActions(workspace, host, today=lambda: DAY)
    actions.open_appointment(calendar.appointment(database, prescriber, other))
    assert isinstance(actions.dialog, AppointmentDialog)
    assert not actions.dialog.document_button.isVisibleTo(actions.dialog)


def test_today_documents_the_selected_booking_and_opens_the_rems_worklist(
    qtbot, database: Database, prescriber: Actor, workspace: Workspace
) -> None:
    _, _, appointment_id = booked(database, prescriber, Modality.TMS)
    today = TodayArea(workspace)
    qtbot.addWidget(today)
    today.day = DAY
    today.refresh()
    today.bookings.selectRow(0)
    qtbot.mouseClick(today.document_button, LEFT)
    window = today.sessions.window
    assert isinstance(window, SessionWindow) and window.view.appointment_id == appointment_id

    with qtbot.waitSignal(today.rems_requested):
        today.rems.itemDoubleClicked.emit(today.rems.item(0))


def test_the_main_window_has_a_rems_area_for_clinical_roles_only(
    qtbot, workspace: Workspace, window_settings, staff: dict[Role, Actor]
) -> None:
    def areas(role: Role) -> list[str]:
        workspace.signed_in = staff[role]
        main = MainWindow(workspace, window_settings)
        qtbot.addWidget(main)
        main.idle.stop()
        return [main.navigation.item(i).text() for i in range(main.navigation.count())]

    assert "REMS forms" in areas(Role.PRESCRIBER)
    assert "REMS forms" in areas(Role.NURSE)
    assert "REMS forms" not in areas(Role.FRONT_DESK)


# The REMS worklist -------------------------------------------------------------------------


@pytest.fixture
def rems_session(database: Database, prescriber: Actor) -> tuple[int, int]:
    """(patient id, session id) of a signed esketamine session on DAY."""
    patient_id, _, appointment_id = booked(database, prescriber, Modality.ESKETAMINE)
    return patient_id, signed(database, prescriber, appointment_id)


def worklist(qtbot, workspace: Workspace, today: date) -> RemsWorklistPage:
    page = RemsWorklistPage(workspace, today=lambda: today)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def test_mark_submitted_takes_the_form_off_the_list_and_the_checklist_shows_it_done(
    qtbot, database: Database, prescriber: Actor, workspace: Workspace, rems_session
) -> None:
    patient_id, _ = rems_session
    page = worklist(qtbot, workspace, DAY + timedelta(days=2))
    assert [page.table.item(0, c).text() for c in range(5)] == [
        "Testperson, Ada",
        "BD-0001",
        DAY.isoformat(),
        (DAY + timedelta(days=7)).isoformat(),
        "due in 5 days",
    ]
    before = patient_checklist(database, prescriber, patient_id, as_of=DAY + timedelta(days=2))
    assert before.item("rems_monitoring_form").state is not ItemState.DONE

    qtbot.mouseClick(page.mark_button, LEFT)
    dialog = page.dialog
    assert isinstance(dialog, RemsSubmittedDialog)
    assert dialog.submitted_on.date().toPython() == DAY + timedelta(days=2)
    qtbot.keyClick(dialog.submitted_on, Qt.Key.Key_End)  # the day
    qtbot.keyClick(dialog.submitted_on, Qt.Key.Key_Down)  # one day earlier
    qtbot.mouseClick(dialog.buttons.buttons()[0], LEFT)

    assert page.items == []
    assert page.table.item(0, 0).text() == "No REMS monitoring forms waiting."
    assert "recorded as submitted on " + (DAY + timedelta(days=1)).isoformat() in (
        page.message.text()
    )
    after = patient_checklist(database, prescriber, patient_id, as_of=DAY + timedelta(days=2))
    form = after.item("rems_monitoring_form")
    assert form.state is ItemState.DONE and form.last_done == DAY + timedelta(days=1)


def test_an_overdue_form_says_so(
    qtbot, workspace: Workspace, rems_session: tuple[int, int]
) -> None:
    page = worklist(qtbot, workspace, DAY + timedelta(days=9))
    assert page.table.item(0, 4).text() == "overdue by 2 days"


def test_print_saves_the_sessions_rems_form_with_its_lot_number(
    qtbot, tmp_path: Path, workspace: Workspace, rems_session: tuple[int, int]
) -> None:
    page = worklist(qtbot, workspace, DAY + timedelta(days=1))
    qtbot.mouseClick(page.print_button, LEFT)
    file_dialog = page.file_dialog
    assert file_dialog is not None
    target = tmp_path / "rems.pdf"
    file_dialog.selectFile(str(target))
    file_dialog.accept()
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "LOT-24A17" in text
    assert "Spravato REMS patient monitoring form" in text
    assert "56" in text and "Testperson" in text


# The administrator's limits ------------------------------------------------------------------


def test_the_administrator_sets_the_pre_dose_limits_and_the_ceiling(
    qtbot, database: Database, staff: dict[Role, Actor], workspace: Workspace
) -> None:
    workspace.signed_in = staff[Role.ADMINISTRATOR]
    page = SettingsPage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    panel = page.session_limits
    assert panel.isVisibleTo(page)
    systolic = panel.inputs[(Modality.ESKETAMINE, "max_systolic")]
    assert systolic.text() == "140"
    systolic.selectAll()
    qtbot.keyClicks(systolic, "150")
    spo2 = panel.inputs[(Modality.TMS, "min_spo2")]
    spo2.selectAll()
    qtbot.keyClick(spo2, Qt.Key.Key_Delete)  # no oxygen limit for TMS
    panel.ceiling.selectAll()
    qtbot.keyClicks(panel.ceiling, "0.75")
    qtbot.mouseClick(panel.save_button, LEFT)
    assert panel.message.text().startswith("Saved.")

    stored = load_session_settings(database)
    assert stored.thresholds_for(Modality.ESKETAMINE).max_systolic == 150
    assert stored.thresholds_for(Modality.TMS) == PreDoseThresholds(None, None, 110, 50, None)
    assert stored.ceiling_mg_per_kg == Decimal("0.75")


def test_limits_that_make_no_sense_are_refused_with_the_field_outlined(
    qtbot, database: Database, staff: dict[Role, Actor], workspace: Workspace
) -> None:
    workspace.signed_in = staff[Role.ADMINISTRATOR]
    page = SettingsPage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    panel = page.session_limits
    low = panel.inputs[(Modality.IV_KETAMINE, "min_heart_rate")]
    low.selectAll()
    qtbot.keyClicks(low, "120")
    qtbot.mouseClick(panel.save_button, LEFT)
    assert "the lower heart-rate limit must be below the upper one" in panel.message.text()
    assert "border: 2px solid" in low.styleSheet()
    assert load_session_settings(database).thresholds_for(Modality.IV_KETAMINE).min_heart_rate == 50


# The scales trend chart --------------------------------------------------------------------


def test_the_trend_chart_marks_the_days_of_signed_sessions(
    qtbot, database: Database, prescriber: Actor, workspace: Workspace
) -> None:
    two_weeks_ago = DAY - timedelta(days=14)
    patient_id, course_id, first = booked(database, prescriber, day=two_weeks_ago)
    signed(database, prescriber, first, two_weeks_ago)
    second = book(database, prescriber, patient_id, DAY, course_id=course_id)
    signed(database, prescriber, second, DAY)
    drafted = book(database, prescriber, patient_id, DAY + timedelta(days=1), course_id=course_id)
    sessions.start_session(database, prescriber, drafted, today=DAY + timedelta(days=1))
    for day, total in ((two_weeks_ago - timedelta(days=1), 32), (DAY, 14)):
        record_madrs(database, patient_id, day, total)

    tab = ScalesTab(workspace)
    qtbot.addWidget(tab)
    tab.show_patient(patient_id)
    marks = tab.chart.sessions
    assert marks is not None and marks.name() == "Treatment sessions"
    days = [
        QDateTime.fromMSecsSinceEpoch(int(marks.at(i).x())).date().toPython()
        for i in range(marks.count())
    ]
    assert days == [two_weeks_ago, DAY]  # signed only: the draft is not marked
    assert {marks.at(i).y() for i in range(marks.count())} == {0.0}
    assert marks in tab.chart.chart().series()
