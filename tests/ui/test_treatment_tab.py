"""The chart's Treatment tab: a course made in its dialog, the proposal with its reason,
accepted or overridden, and the patient's timeline."""

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from clinical.calendar import AppointmentStatus, Decision
from db.accounts.actor import Actor
from db.accounts.roles import Role
from db.calendar import workflows as calendar
from db.courses import workflows as courses
from db.database import Database
from db.patients.workflows import create_patient
from tests.db.course_builders import MONDAY, MORNING, new_course
from tests.factories import make_patient_draft
from ui.courses.course_dialog import CourseDialog
from ui.courses.decision_dialogs import AcceptDialog, OverrideDialog
from ui.courses.treatment_tab import TreatmentTab
from ui.main_window import MainWindow
from ui.workspace import Workspace


@pytest.fixture
def patient(database: Database, prescriber: Actor) -> int:
    return create_patient(database, prescriber, make_patient_draft())


@pytest.fixture
def tab(qtbot, workspace: Workspace, patient: int) -> TreatmentTab:
    widget = TreatmentTab(workspace, today=lambda: MONDAY, now=lambda: MORNING)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_patient(patient)
    return widget


def test_a_course_is_made_in_its_dialog_and_its_induction_accepted(
    qtbot, tab: TreatmentTab, database: Database, prescriber: Actor, patient: int
) -> None:
    assert tab.course_facts.text().startswith("No treatment course yet")
    qtbot.mouseClick(tab.new_course_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, CourseDialog)
    assert dialog.editor.induction.rowCount() == 1 and dialog.editor.ladder.rowCount() == 5
    assert dialog.threshold.text() == "10"  # the MADRS remission threshold, from the scale
    qtbot.keyClicks(dialog.baseline, "32")
    qtbot.keyClicks(dialog.dose_plan, "0.5 mg/kg IV over 40 min")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()

    assert tab.course_choice.currentText() == (
        "IV ketamine · Induction · Ketamine: induction, then interval extension"
    )
    assert tab.proposal_action.text() == "Start on Mon 2026-11-23"
    assert tab.proposal_reason.text() == (
        "Start induction on 2026-11-23: Induction: 6 infusions, 3 a week"
    )
    qtbot.mouseClick(tab.accept_button, Qt.MouseButton.LeftButton)
    accept = tab.dialog
    assert isinstance(accept, AcceptDialog) and accept.bookings.rowCount() == 6
    qtbot.mouseClick(accept.accept_button, Qt.MouseButton.LeftButton)

    assert tab.table.rowCount() == 6
    assert len(tab.timeline.appointments) == 6
    assert tab.last_decision.text().startswith("Last decision: Accepted by Synthetic Prescriber")
    assert not tab.accept_button.isEnabled() and tab.accept_button.text() == "Booked"
    rows = calendar.patient_appointments(database, prescriber, patient)
    assert [r.status for r in rows] == [AppointmentStatus.BOOKED] * 6


def test_an_edited_ladder_is_the_patients_own(
    qtbot, tab: TreatmentTab, database: Database, prescriber: Actor, patient: int
) -> None:
    qtbot.mouseClick(tab.new_course_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, CourseDialog)
    qtbot.keyClicks(dialog.baseline, "30")
    dialog.editor.ladder.item(1, 2).setText("2")  # two treatments at 10 days, not three
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    (course,) = courses.list_courses(database, prescriber, patient, MONDAY)
    assert course.template.ladder[1].treatments_required == 2
    assert course.template.name.endswith("(edited for this patient)")


def test_a_wrong_ladder_row_is_explained_in_the_dialog(qtbot, tab: TreatmentTab) -> None:
    qtbot.mouseClick(tab.new_course_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, CourseDialog)
    qtbot.keyClicks(dialog.baseline, "30")
    dialog.editor.ladder.item(0, 1).setText("weekly")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "Row 1: 'weekly' is not a whole number."


def test_deciding_otherwise_records_the_reason_and_books_the_choice(
    qtbot, tab: TreatmentTab, database: Database, prescriber: Actor, patient: int
) -> None:
    new_course(database, prescriber, patient)
    tab.reload()
    qtbot.mouseClick(tab.override_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, OverrideDialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.problem_label.text() == "Say why you are not following the proposal."
    qtbot.keyClicks(dialog.reason, "Travelling this week; start next Monday")
    dialog.first_day.clear()
    qtbot.keyClicks(dialog.first_day, "2026-11-30")
    dialog.count.setValue(2)
    dialog.interval.setValue(2)
    dialog.start.clear()
    qtbot.keyClicks(dialog.start, "14:00")
    assert dialog.bookings.rowCount() == 2
    assert dialog.bookings.item(1, 0).text() == "Wed 2026-12-02"
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    rows = calendar.patient_appointments(database, prescriber, patient)
    assert [(r.day, r.start) for r in rows] == [
        (date(2026, 11, 30), time(14, 0)),
        (date(2026, 12, 2), time(14, 0)),
    ]
    decision = tab.courses[0].decisions[-1]
    assert decision.decision is Decision.OVERRIDDEN
    assert decision.override_reason == "Travelling this week; start next Monday"
    assert "Why: Travelling this week" in tab.last_decision.text()


def test_a_missed_treatment_is_opened_from_the_timeline_and_replanned(
    qtbot, tab: TreatmentTab, database: Database, prescriber: Actor, patient: int
) -> None:
    course_id = new_course(database, prescriber, patient)
    view = courses.propose(database, prescriber, course_id, MONDAY, MORNING)
    courses.accept_proposal(database, prescriber, view, now=MORNING)
    tab.reload()
    last_row = tab.table.rowCount() - 1  # newest first: the last row is Monday's
    assert tab.table.item(last_row, 0).text() == "Mon 2026-11-23"
    cell = tab.table.visualItemRect(tab.table.item(last_row, 0)).center()
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    dialog = tab.actions.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "Unwell")
    qtbot.mouseClick(dialog.missed_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.actions.replan_dialog.apply_button, Qt.MouseButton.LeftButton)
    assert tab.table.item(tab.table.rowCount() - 1, 3).text() == "Missed"
    assert tab.table.item(0, 0).text() == "Mon 2026-12-07"


def test_the_chart_shows_the_tab_to_clinical_roles_only(
    qtbot, window: MainWindow, database: Database, staff: dict[Role, Actor], patient: int
) -> None:
    chart = window.patients.chart_page
    window.patients.open_patient(patient)
    tabs = chart.tabs
    index = tabs.indexOf(chart.treatment)
    assert tabs.tabText(index) == "Treatment" and tabs.isTabVisible(index)
    tabs.setCurrentIndex(index)
    assert chart.treatment.patient_id == patient
    window.workspace.signed_in = staff[Role.FRONT_DESK]
    chart.open_patient(patient)
    assert not tabs.isTabVisible(index)


def test_deciding_on_a_taper_moves_the_course_and_says_so(
    qtbot, tab: TreatmentTab, database: Database, prescriber: Actor, patient: int
) -> None:
    from clinical.protocols import LadderPosition, Phase

    new_course(database, prescriber, patient, phase=Phase.MAINTENANCE)
    tab.reload()
    qtbot.mouseClick(tab.override_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, OverrideDialog)
    qtbot.keyClicks(dialog.reason, "Eight months in remission; patient wants to space out")
    dialog.phase.setCurrentIndex(dialog.phase.findText("Moves to: taper"))
    dialog.count.setValue(0)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    (course,) = courses.list_courses(database, prescriber, patient, MONDAY)
    assert course.phase is Phase.TAPER
    assert course.taper_position == LadderPosition(0, MONDAY)
    assert course.decisions[-1].chosen_phase is Phase.TAPER
    assert "Instead: taper; nothing booked" in tab.last_decision.text()
    assert tab.proposal_reason.text().startswith("Continue the taper every 21 days")
