"""A clinician's morning, through the real screens, leaves exactly these audit rows."""

from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.audit.verify import verify_chain
from db.database import Database
from db.models import AuditEvent
from db.patients import workflows
from tests.factories import STAFF_PASSWORD, WORKSTATION, make_patient_draft
from ui.accounts.sign_in_dialog import SignInDialog
from ui.main_window import MainWindow
from ui.workspace import Workspace


def test_sign_in_open_a_chart_edit_and_sign_out(
    qtbot, database: Database, passwords, staff, window_settings: QSettings
) -> None:
    patient_id = workflows.create_patient(
        database, staff[Role.NURSE], make_patient_draft(mrn="GOLD-1", phone="555-0100")
    )
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
    qtbot.mouseClick(chart.demographics.edit_button, Qt.MouseButton.LeftButton)
    edit = chart.dialog
    edit.phone.clear()
    qtbot.keyClicks(edit.phone, "555-0199")
    qtbot.mouseClick(edit.buttons.buttons()[0], Qt.MouseButton.LeftButton)
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
        ("dr.okafor", "prescriber", WORKSTATION, "update", "demographics", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "chart", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "read", "rating scales", patient_id),
        ("dr.okafor", "prescriber", WORKSTATION, "logout", "sign-in", None),
    ]
    assert verify_chain(database, database.audit.keys).intact
