"""First start, signing in, and the idle lock that hides every patient name."""

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableView, QTableWidget, QWidget
from sqlalchemy import select

from db.accounts.roles import Role
from db.accounts.sign_in import SIGN_IN_FAILED, SignIn
from db.database import Database
from db.models import AuditEvent
from db.patients import workflows
from tests.factories import STAFF_PASSWORD, WORKSTATION, make_patient_draft
from ui.accounts.first_admin_dialog import FirstAdministratorDialog
from ui.accounts.sign_in_dialog import SignInDialog
from ui.main_window import MainWindow
from ui.workspace import Workspace

PATIENT_NAME = "Canaryfield"


def visible_texts() -> list[str]:
    """Every piece of text a person could read on screen right now."""
    texts = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        for widget in [window, *window.findChildren(QWidget)]:
            if not widget.isVisibleTo(window) and widget is not window:
                continue
            if isinstance(widget, QLabel | QLineEdit):
                texts.append(widget.text())
            elif isinstance(widget, QTableWidget):
                texts += [
                    widget.item(r, c).text()
                    for r in range(widget.rowCount())
                    for c in range(widget.columnCount())
                    if widget.item(r, c)
                ]
            elif isinstance(widget, QTableView) and widget.model() is not None:
                model = widget.model()
                texts += [
                    str(model.index(r, c).data())
                    for r in range(model.rowCount())
                    for c in range(model.columnCount())
                ]
            texts.append(widget.windowTitle())
    return texts


def audit_actions(database: Database) -> list[tuple[str, str]]:
    with database.reading() as session:
        rows = session.execute(
            select(AuditEvent.username, AuditEvent.action).order_by(AuditEvent.id)
        )
        return [tuple(row) for row in rows]


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_first_start_creates_the_administrator(qtbot, database: Database, passwords) -> None:
    workspace = Workspace(database, SignIn(database, passwords), passwords, WORKSTATION)
    dialog = FirstAdministratorDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "Boss")
    qtbot.keyClicks(dialog.display_name, "Avery Quinn")
    qtbot.keyClicks(dialog.password, "tall green hedges")
    qtbot.keyClicks(dialog.confirm, "tall green hedge")
    click(qtbot, dialog.buttons.buttons()[0])
    assert dialog.problem_label.text() == "The two passwords are not the same."
    qtbot.keyClicks(dialog.confirm, "s")
    click(qtbot, dialog.buttons.buttons()[0])
    assert dialog.actor is not None and dialog.actor.role is Role.ADMINISTRATOR
    assert SignIn(database, passwords).attempt("boss", "tall green hedges", "x").username == "Boss"


def test_sign_in_dialog_refuses_then_accepts(qtbot, database: Database, passwords, staff) -> None:
    workspace = Workspace(database, SignIn(database, passwords), passwords, WORKSTATION)
    dialog = SignInDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.username, "rn.raman")
    qtbot.keyClicks(dialog.form.password, "not it at all")
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    assert dialog.form.message.text() == SIGN_IN_FAILED
    assert dialog.form.password.text() == ""
    qtbot.keyClicks(dialog.form.password, STAFF_PASSWORD)
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.role is Role.NURSE


def open_patient_with_a_draft(qtbot, window: MainWindow, workspace: Workspace):
    patient_id = workflows.create_patient(
        workspace.database, workspace.actor, make_patient_draft(legal_family_name=PATIENT_NAME)
    )
    window.patients.open_patient(patient_id)
    click(qtbot, window.patients.chart_page.allergies.add_button)
    dialog = window.patients.chart_page.allergies.dialog
    qtbot.keyClicks(dialog.substance, "Half-typed penicil")
    return dialog


def test_idle_window_locks_and_shows_no_patient_data(
    qtbot, window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = open_patient_with_a_draft(qtbot, window, workspace)
    assert any(PATIENT_NAME in text for text in visible_texts())
    window.idle.set_interval_ms(150)
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)
    assert not dialog.isVisible()
    assert not any(PATIENT_NAME in text for text in visible_texts())
    window.grab().save(str(tmp_path / "locked.png"))
    assert window.lock_screen.form.username.text() == "dr.okafor"

    qtbot.keyClicks(window.lock_screen.form.password, STAFF_PASSWORD)
    qtbot.keyClick(window.lock_screen.form.password, Qt.Key.Key_Return)
    assert not window.is_locked
    assert dialog.isVisible() and dialog.substance.text() == "Half-typed penicil"
    assert audit_actions(workspace.database)[-3:] == [
        ("dr.okafor", "lock"),
        ("dr.okafor", "login"),
        ("dr.okafor", "unlock"),
    ]


def test_typing_keeps_the_window_unlocked(qtbot, window: MainWindow) -> None:
    window.idle.set_interval_ms(400)
    search = window.patients.list_page.search
    for _ in range(8):
        qtbot.keyClicks(search, "a")
        qtbot.wait(120)
    assert not window.is_locked
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)


def test_another_person_signs_in_and_the_first_draft_waits_unseen(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:
    dialog = open_patient_with_a_draft(qtbot, window, workspace)
    click(qtbot, window.lock_button)
    click(qtbot, window.lock_screen.someone_else)
    form = window.lock_screen.form
    qtbot.keyClicks(form.username, "desk.lee")
    qtbot.keyClicks(form.password, STAFF_PASSWORD)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert workspace.actor.role is Role.FRONT_DESK
    assert not dialog.isVisible()
    # The desk sees the list (demographics), but not the chart the prescriber had open.
    assert window.patients.chart_page.header.name.text() == ""
    assert window.patients.stack.currentIndex() == 0  # back on the list, no chart open

    click(qtbot, window.lock_button)
    click(qtbot, window.lock_screen.someone_else)
    qtbot.keyClicks(form.username, "dr.okafor")
    qtbot.keyClicks(form.password, STAFF_PASSWORD)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.substance.text() == "Half-typed penicil"


def test_sign_out_then_sign_in(qtbot, window: MainWindow, workspace: Workspace) -> None:
    click(qtbot, window.sign_out_button)
    assert window.is_locked and workspace.signed_in is None
    assert not window.lock_screen.someone_else.isVisible()
    qtbot.keyClicks(window.lock_screen.form.username, "admin")
    qtbot.keyClicks(window.lock_screen.form.password, STAFF_PASSWORD)
    qtbot.keyClick(window.lock_screen.form.password, Qt.Key.Key_Return)
    assert workspace.actor.role is Role.ADMINISTRATOR
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert titles == ["Users", "Audit trail", "Calendar settings", "Monitoring rules", "Settings"]
    assert ("dr.okafor", "logout") in audit_actions(workspace.database)


def test_idle_time_is_capped_at_thirty_minutes(qtbot, window: MainWindow) -> None:
    window.idle.set_minutes(90)
    assert window.idle.interval_ms == 30 * 60_000
    window.idle.set_minutes(0)
    assert window.idle.interval_ms == 60_000


def test_administrator_sets_the_idle_lock_and_it_applies_at_once(
    qtbot, database: Database, passwords, staff, window_settings: QSettings
) -> None:
    workspace = Workspace(
        database, SignIn(database, passwords), passwords, WORKSTATION, staff[Role.ADMINISTRATOR]
    )
    window = MainWindow(workspace, window_settings)
    qtbot.addWidget(window)
    window.show()
    titles = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert "Settings" in titles and "Patients" not in titles
    window.navigation.setCurrentRow(titles.index("Settings"))
    page = window.areas.currentWidget()
    assert page.idle_minutes.value() == 10
    page.idle_minutes.selectAll()
    qtbot.keyClicks(page.idle_minutes, "5")
    click(qtbot, page.save_button)
    assert window.idle.interval_ms == 5 * 60_000
    assert "Saved" in page.message.text()
    window.idle.stop()
