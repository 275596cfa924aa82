"""Backups of the local database: take one now, or restore a chosen one."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.accounts.roles import Permission
from db.audit.trail import acknowledge_restore
from db.backup import BackupFile, back_up, list_backups, restore
from db.errors import ClinicError
from db.settings.clinic_settings import load_settings
from ui.workspace import Workspace


class BackupsPanel(QGroupBox):
    """Restoring replaces the database: the program closes afterwards, to start afresh."""

    restored = Signal(str)  # the backup's name; the window closes the program

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Backups", parent)
        self.setObjectName("backupsPanel")
        self._workspace = workspace
        self.confirm: QMessageBox | None = None
        self.backups = QListWidget(objectName="backupList")
        self.backups.setMaximumHeight(160)
        self.back_up_button = QPushButton("Back up now", objectName="backUpNow")
        self.restore_button = QPushButton("Restore the chosen backup…", objectName="restore")
        self.message = QLabel(objectName="backupMessage")
        self.message.setWordWrap(True)
        self.back_up_button.clicked.connect(self._on_back_up_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.backups.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_up_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "A verified backup is taken as the program closes (at most daily). Restoring "
                "keeps a copy of the database it replaces, then closes Booster Desk."
            )
        )
        layout.addWidget(self.backups)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        local = workspace.backup_dir is not None and workspace.database.sqlite_path is not None
        self.setVisible(local and workspace.may(Permission.MANAGE_SETTINGS))
        self.refresh()

    def refresh(self) -> None:
        self.backups.clear()
        if self._workspace.backup_dir is None:
            return
        for backup in list_backups(self._workspace.backup_dir):
            item = QListWidgetItem(
                f"{backup.taken_at.astimezone():%Y-%m-%d %H:%M} · "
                f"{backup.size_bytes / 1_000_000:.1f} MB · {backup.path.name}"
            )
            item.setData(Qt.ItemDataRole.UserRole, backup)
            self.backups.addItem(item)
        self._update_buttons()

    def _chosen(self) -> BackupFile | None:
        items = self.backups.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self._chosen() is not None)

    def _show(self, text: str, problem: bool = False) -> None:
        self.message.setStyleSheet("color: #b71c1c;" if problem else "color: #1b5e20;")
        self.message.setText(text)

    def _on_back_up_button_clicked(self) -> None:
        database = self._workspace.database
        assert database.sqlite_path is not None and self._workspace.backup_dir is not None
        try:
            result = back_up(
                database.sqlite_path,
                self._workspace.backup_dir,
                keep=load_settings(database).backups_kept,
                passphrase=database.passphrase,
            )
        except (ClinicError, OSError) as failed:
            self._show(f"The backup was not made: {failed}", problem=True)
            return
        self._show(f"Backup written and verified: {result.backup.path.name}.")
        self.refresh()

    def _on_restore_button_clicked(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        taken = f"{chosen.taken_at.astimezone():%Y-%m-%d %H:%M}"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Restore a backup",
            f"Replace the database with the backup of {taken}?\n\nEverything saved since "
            "then is kept only in the copy of today's database, which is made first. "
            "Booster Desk closes when the restore is done.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmRestore")
        confirm = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self._chosen_for_restore = chosen
        self._confirm_button = confirm
        box.finished.connect(self._on_confirm_finished)
        self.confirm = box
        box.open()

    def _on_confirm_finished(self) -> None:
        box, self.confirm = self.confirm, None
        if box is not None and box.clickedButton() is self._confirm_button:
            self._restore(self._chosen_for_restore)

    def _restore(self, chosen: BackupFile) -> None:
        workspace = self._workspace
        database = workspace.database
        assert database.sqlite_path is not None and workspace.backup_dir is not None
        actor = workspace.actor
        database.dispose()
        try:
            kept = restore(
                chosen.path, database.sqlite_path, workspace.backup_dir, database.passphrase
            )
            acknowledge_restore(database, actor, chosen.path.name)
        except (ClinicError, OSError) as failed:
            self._show(f"Nothing was restored: {failed}", problem=True)
            return
        self._show(
            f"Restored {chosen.path.name}. The database it replaced is kept as "
            f"{kept.name if kept else 'nothing (there was none)'}. Booster Desk will now close."
        )
        workspace.signed_in = None
        self.restored.emit(chosen.path.name)
