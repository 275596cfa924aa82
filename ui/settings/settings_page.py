"""Clinic settings an administrator may change; each change is audited."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.errors import ClinicError, InvalidEntryError
from db.settings.clinic_settings import (
    MAX_BACKUPS_KEPT,
    MAX_IDLE_LOCK_MINUTES,
    ClinicSettings,
    load_settings,
    save_settings,
)
from ui.accounts.passphrase_dialogs import DatabaseEncryptionBox
from ui.letters.letterhead_box import LetterheadBox
from ui.sessions.limits_panel import SessionLimitsPanel
from ui.settings.backups_panel import BackupsPanel
from ui.workspace import Workspace


class SettingsPage(QWidget):
    settings_saved = Signal(object)  # ClinicSettings

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.idle_minutes = QSpinBox(objectName="idleMinutes")
        self.idle_minutes.setRange(1, MAX_IDLE_LOCK_MINUTES)
        self.idle_minutes.setSuffix(" minutes")
        self.backups_kept = QSpinBox(objectName="backupsKept")
        self.backups_kept.setRange(1, MAX_BACKUPS_KEPT)
        self.backups_kept.setSuffix(" backups")
        for spin in (self.idle_minutes, self.backups_kept):
            spin.setMaximumWidth(160)
        security = QGroupBox("Security and backups")
        form = QFormLayout(security)
        form.addRow("Lock the screen after", self.idle_minutes)
        hint = QLabel(
            f"Every workstation locks after this much idle time (at most "
            f"{MAX_IDLE_LOCK_MINUTES} minutes), hiding all patient data until the person "
            "signs in again."
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow("Keep the newest", self.backups_kept)
        self.save_button = QPushButton("Save settings", objectName="saveSettings")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.message = QLabel(objectName="settingsMessage")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.message, 1)
        # The sections scroll together when the window is shorter than they are.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(security)
        layout.addLayout(buttons)
        self.letterhead = LetterheadBox(workspace)
        layout.addWidget(self.letterhead)
        self.encryption = DatabaseEncryptionBox(workspace)
        layout.addWidget(self.encryption)
        self.backups = BackupsPanel(workspace)
        layout.addWidget(self.backups)
        self.session_limits = SessionLimitsPanel(workspace)
        layout.addWidget(self.session_limits)
        layout.addStretch()
        scroll = QScrollArea(objectName="settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def refresh(self) -> None:
        settings = load_settings(self._workspace.database)
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.backups_kept.setValue(settings.backups_kept)
        self.message.clear()
        self.session_limits.refresh()
        self.letterhead.refresh()

    def _on_save_button_clicked(self) -> None:
        settings = ClinicSettings(
            idle_lock_minutes=self.idle_minutes.value(), backups_kept=self.backups_kept.value()
        )
        try:
            save_settings(self._workspace.database, self._workspace.actor, settings)
        except (InvalidEntryError, ClinicError) as refused:
            self.message.setStyleSheet("color: #b71c1c;")
            self.message.setText(str(refused))
            return
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText("Saved. Every workstation uses the new settings from now on.")
        self.settings_saved.emit(settings)
