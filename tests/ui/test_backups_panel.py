"""The administrator backs up from the program, then restores the backup."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from db.accounts.roles import Role
from db.accounts.sign_in import SignIn
from db.audit.verify import verify_chain
from db.database import Database
from db.patients import workflows
from db.patients.repository import list_patient_rows
from tests.factories import WORKSTATION, make_patient_draft
from ui.settings.backups_panel import BackupsPanel
from ui.workspace import Workspace


def test_back_up_now_then_restore_the_chosen_backup(
    qtbot, database: Database, passwords, staff, tmp_path: Path
) -> None:
    workflows.create_patient(database, staff[Role.NURSE], make_patient_draft(mrn="KEEP-1"))
    workspace = Workspace(
        database,
        SignIn(database, passwords),
        passwords,
        WORKSTATION,
        staff[Role.ADMINISTRATOR],
        backup_dir=tmp_path / "backups",
    )
    panel = BackupsPanel(workspace)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.isVisible() and panel.backups.count() == 0
    qtbot.mouseClick(panel.back_up_button, Qt.MouseButton.LeftButton)
    assert panel.backups.count() == 1
    assert panel.message.text().startswith("Backup written and verified")

    workflows.create_patient(database, staff[Role.NURSE], make_patient_draft(mrn="LATER-1"))
    panel.backups.setCurrentRow(0)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    box = panel.confirm
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Everything saved since then is kept only in the copy" in box.text()
    restore = next(b for b in box.buttons() if b.text() == "Restore")
    with qtbot.waitSignal(panel.restored, timeout=5000) as restored:
        qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert restored.args[0].startswith("boosterdesk-")

    with database.reading() as session:
        assert [r.mrn for r in list_patient_rows(session)] == ["KEEP-1"]
    report = verify_chain(database, database.audit.keys)
    assert report.intact, report.problem  # the chain goes on from the restored trail
    assert len(list((tmp_path / "backups").glob("boosterdesk-*.sqlite3"))) == 2  # + safety copy


def test_the_panel_is_for_administrators_of_a_local_database(
    qtbot, database: Database, passwords, staff, tmp_path: Path
) -> None:
    nurse = Workspace(
        database,
        SignIn(database, passwords),
        passwords,
        WORKSTATION,
        staff[Role.NURSE],
        backup_dir=tmp_path,
    )
    panel = BackupsPanel(nurse)
    qtbot.addWidget(panel)
    assert panel.isHidden()
    server = Workspace(
        database,
        SignIn(database, passwords),
        passwords,
        WORKSTATION,
        staff[Role.ADMINISTRATOR],
        backup_dir=None,
    )
    on_server = BackupsPanel(server)
    qtbot.addWidget(on_server)
    assert on_server.isHidden()
