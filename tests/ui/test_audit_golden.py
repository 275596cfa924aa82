"""A clinician's morning, through the real screens, leaves exactly these audit rows."""

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.audit.verify import verify_chain
from db.courses.workflows import create_course
from db.database import Database
from db.models import AuditEvent
from db.patients import workflows
from db.scales.workflows import scale_history
from tests.db.course_builders import course_draft
from tests.db.letter_builders import set_up_clinic
from tests.factories import STAFF_PASSWORD, WORKSTATION, make_patient_draft
from tests.ui.letter_screens import pdf_printer
from ui.accounts.sign_in_dialog import SignInDialog
from ui.main_window import MainWindow
from ui.workspace import Workspace


def test_sign_in_open_a_chart_record_a_phq9_edit_and_sign_out(
    qtbot, database: Database, passwords, staff, window_settings: QSettings, tmp_path
) -> None:
    patient_id = workflows.create_patient(
        database, staff[Role.NURSE], make_patient_draft(mrn="GOLD-1", phone="555-0100")
    )
    # What a consent reaffirmation needs: the clinic's letterhead and an open course.
    set_up_clinic(database, staff)
    create_course(database, staff[Role.PRESCRIBER], patient_id, course_draft(), date.today())
    with database.reading() as session:
        start = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))

    workspace = Workspace(database, SignIn(database, passwords), passwords, WORKSTATION)
    dialog = SignInDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.username, "DR.OKAFOR")
    qtbot.keyClicks(dialog.form.password, STAFF_PASSWORD)
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    workspace.signed_in = dialog.actor

    window = MainWindow(workspace, window_settings)
    qtbot.addWidget(window)
    window.show()
    list_page = window.patients.list_page
    patients_item = window.navigation.findItems("Patients", Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(
        window.navigation.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.navigation.visualItemRect(patients_item).center(),
    )
    qtbot.keyClicks(list_page.search, "gold-1")
    qtbot.keyClick(list_page.search, Qt.Key.Key_Return)
    chart = window.patients.chart_page
    # Record a PHQ-9 from the Scales tab, by keyboard as a clinician does.
    bar = chart.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(chart.tabs.indexOf(chart.scales)).center()
    )
    chart.scales.record_button.setFocus()
    qtbot.keyClick(chart.scales.record_button, Qt.Key.Key_Space)
    record = chart.scales.dialog
    qtbot.waitUntil(record.isVisible)
    record.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is record.instrument)
    qtbot.keyClick(record.instrument, Qt.Key.Key_Return)  # PHQ-9, the default
    for answer in "111111110":  # item 9 (self-harm) not endorsed
        qtbot.keyClicks(QApplication.focusWidget(), answer)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "0")  # the difficulty question, now asked
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not record.isVisible())
    qtbot.mouseClick(
        bar,
        Qt.MouseButton.LeftButton,
        pos=bar.tabRect(chart.tabs.indexOf(chart.tabs.widget(0))).center(),
    )
    qtbot.mouseClick(chart.demographics.edit_button, Qt.MouseButton.LeftButton)
    edit = chart.dialog
    edit.phone.clear()
    qtbot.keyClicks(edit.phone, "555-0199")
    qtbot.mouseClick(edit.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    # Print the consent reaffirmation from the Letters tab, through the print dialog.
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(chart.tabs.indexOf(chart.letters)).center()
    )
    qtbot.mouseClick(chart.letters.new_button, Qt.MouseButton.LeftButton)
    composer = chart.letters.dialog
    qtbot.mouseClick(composer.preview_button, Qt.MouseButton.LeftButton)
    composer.output.printer = pdf_printer(tmp_path / "consent.pdf")
    qtbot.mouseClick(composer.print_button, Qt.MouseButton.LeftButton)
    composer.output.print_dialog.accept()
    assert (tmp_path / "consent.pdf").stat().st_size > 0
    composer.close()
    qtbot.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    window.idle.stop()

    with database.reading() as session:
        rows = session.execute(
            select(
                AuditEvent.username,
                AuditEvent.role,
                AuditEvent.workstation,
                AuditEvent.action,
                AuditEvent.category,
                AuditEvent.patient_id,
            )
            .where(AuditEvent.id > start)
            .order_by(AuditEvent.id)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("dr.okafor", "prescriber", WORKSTATION, "login", "sign-in", None),
        # Today, the first screen: the clinic's open safety alerts and monitoring items.
        ("dr.okafor", "prescriber", WORKSTATION, "read", "safety alerts", None),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "monitoring", None),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "chart", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "rating scales", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "create", "rating scales", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "rating scales", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "update", "demographics", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "chart", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "rating scales", patient_id),
        # The letter: the tab lists the patient's letters, the composer checks the chart on
        # opening and on Preview, printing archives the letter and prints its bytes, and
        # the tab lists it.
        ("dr.okafor", "prescriber", WORKSTATION, "read", "letters", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "letters", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "letters", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "letter", "letters", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "print", "letters", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "letters", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "logout", "sign-in", None),
    ]
    assert verify_chain(database, database.audit.keys).intact
    [phq9] = scale_history(database, staff[Role.PRESCRIBER], patient_id).instrument("PHQ9").points
    assert phq9.total == 8
