"""The program's window: navigation on the left, the chosen area on the right, and the lock.

Areas appear only for roles allowed to use them, and only once they are built. When the
window locks, every other window of the program is hidden (kept, not closed) so that no
patient data shows; they come back when the same person unlocks.
"""

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.accounts.actor import Actor
from db.accounts.roles import Permission
from db.accounts.workflows import record_session_event
from db.audit.vocabulary import AuditAction
from db.settings.clinic_settings import ClinicSettings, load_settings
from ui.accounts.idle_watch import IdleWatch
from ui.accounts.lock_screen import LockScreen
from ui.accounts.users_page import UsersPage
from ui.audit.audit_page import AuditPage
from ui.calendar.calendar_area import CalendarArea
from ui.calendar.settings_page import CalendarSettingsPage
from ui.letters.letters_area import LettersArea
from ui.monitoring.checklist_area import ChecklistArea
from ui.monitoring.rules_panel import RulesPanel
from ui.patients.area import PatientsArea
from ui.sessions.rems_worklist import RemsWorklistPage
from ui.settings.settings_page import SettingsPage
from ui.today.today_area import TodayArea
from ui.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: QSettings) -> None:
        super().__init__()
        self.workspace = workspace
        self._settings = settings
        self._locked_for: Actor | None = None
        self._parked: dict[int, list[QWidget]] = {}
        self.setObjectName("mainWindow")

        self.user_label = QLabel(objectName="userLabel")
        self.lock_button = QPushButton("Lock", objectName="lockButton")
        self.lock_button.setToolTip("Hide everything until you sign in again (Ctrl+L)")
        self.sign_out_button = QPushButton("Sign out", objectName="signOutButton")
        self.lock_button.clicked.connect(self.lock)
        self.sign_out_button.clicked.connect(self.sign_out)
        top = QHBoxLayout()
        top.addStretch()
        top.addWidget(self.user_label)
        top.addWidget(self.lock_button)
        top.addWidget(self.sign_out_button)

        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setFixedWidth(150)
        self.navigation.setStyleSheet(
            "QListWidget { font-size: 12pt; } QListWidget::item { padding: 8px; }"
        )
        self.areas = QStackedWidget()
        self.navigation.currentRowChanged.connect(self._on_navigation_current_row_changed)
        body = QHBoxLayout()
        body.addWidget(self.navigation)
        body.addWidget(self.areas, 1)
        self.work = QWidget(objectName="work")
        work_layout = QVBoxLayout(self.work)
        work_layout.addLayout(top)
        work_layout.addLayout(body, 1)

        self.lock_screen = LockScreen(workspace)
        self.lock_screen.signed_in.connect(self._on_lock_screen_signed_in)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.work)
        self.pages.addWidget(self.lock_screen)
        self.setCentralWidget(self.pages)

        self.patients: PatientsArea | None = None
        self.calendar: CalendarArea | None = None
        self.rems: RemsWorklistPage | None = None
        self.idle = IdleWatch(parent=self)
        self.idle.idle.connect(self.lock)
        QShortcut(QKeySequence.StandardKey.Find, self, self._on_find_shortcut)
        QShortcut(QKeySequence.StandardKey.New, self, self._on_new_shortcut)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
        self._restore_geometry()
        self._start_session(workspace.actor)

    # Sessions ---------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.pages.currentWidget() is self.lock_screen

    def _start_session(self, actor: Actor) -> None:
        """Build the areas this person's role may use, empty of anyone else's work."""
        self.workspace.signed_in = actor
        self.setWindowTitle(f"Booster Desk: {actor.display_name} ({actor.role.label})")
        self.user_label.setText(f"{actor.display_name} · {actor.role.label}")
        self.navigation.blockSignals(True)
        self.navigation.clear()
        while self.areas.count():
            area = self.areas.widget(0)
            self.areas.removeWidget(area)
            area.deleteLater()
        self.navigation.blockSignals(False)
        self.patients = None
        self.calendar = None
        self.rems = None
        if actor.may(Permission.VIEW_DEMOGRAPHICS):
            today = TodayArea(self.workspace)
            today.patient_requested.connect(self._open_patient)
            today.rems_requested.connect(self._on_today_rems_requested)
            self._add_area("Today", today)
            self.patients = PatientsArea(self.workspace)
            self.patients.shown_requested.connect(self._on_patients_shown_requested)
            self._add_area("Patients", self.patients)
            self.calendar = CalendarArea(self.workspace)
            self._add_area("Calendar", self.calendar)
        if actor.may(Permission.VIEW_CLINICAL):
            checklist = ChecklistArea(self.workspace)
            checklist.patient_requested.connect(self._open_patient)
            self._add_area("Checklist", checklist)
            self.rems = RemsWorklistPage(self.workspace)
            self.rems.patient_requested.connect(self._open_patient)
            self._add_area("REMS forms", self.rems)
            letters = LettersArea(self.workspace)
            letters.chart_requested.connect(self._open_patient)
            letters.place_requested.connect(self._on_letters_place_requested)
            self._add_area("Letters", letters)
        for title, area in self._admin_areas(actor):
            self._add_area(title, area)
        self.navigation.setCurrentRow(0)
        self.pages.setCurrentWidget(self.work)
        self.idle.set_minutes(load_settings(self.workspace.database).idle_lock_minutes)

    def _admin_areas(self, actor: Actor) -> list[tuple[str, QWidget]]:
        areas: list[tuple[str, QWidget]] = []
        if actor.may(Permission.MANAGE_USERS):
            areas.append(("Users", UsersPage(self.workspace)))
        if actor.may(Permission.VIEW_AUDIT):
            areas.append(("Audit trail", AuditPage(self.workspace)))
        if actor.may(Permission.MANAGE_SETTINGS):
            areas.append(("Calendar settings", CalendarSettingsPage(self.workspace)))
            areas.append(("Monitoring rules", RulesPanel(self.workspace)))
        if actor.may(Permission.MANAGE_SETTINGS):
            settings_page = SettingsPage(self.workspace)
            settings_page.settings_saved.connect(self._on_settings_saved)
            settings_page.backups.restored.connect(self._on_database_restored)
            areas.append(("Settings", settings_page))
        return areas

    def _open_patient(self, patient_id: int) -> None:
        if self.patients is not None:
            self.patients.open_patient(patient_id)

    def _on_letters_place_requested(self, patient_id: int, place: str) -> None:
        """A letter lacks a fact: open the patient's chart where it is entered."""
        if self.patients is not None:
            self.patients.open_patient(patient_id)
            self.patients.chart_page.show_place(place)

    def _on_today_rems_requested(self) -> None:
        if self.rems is not None:
            self._show_area(self.rems)

    def _on_patients_shown_requested(self) -> None:
        if self.patients is not None and self.areas.currentWidget() is not self.patients:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(self.areas.indexOf(self.patients))
            self.navigation.blockSignals(False)
            self.areas.setCurrentWidget(self.patients)

    def _on_database_restored(self, backup_name: str) -> None:
        """The database under every screen changed: close, so the next start reads it anew."""
        QMessageBox.information(
            self,
            "Backup restored",
            f"{backup_name} was restored. Booster Desk closes now; start it again to go on.",
        )
        self.close()
        QApplication.instance().quit()

    def _on_settings_saved(self, settings: ClinicSettings) -> None:
        self.idle.set_minutes(settings.idle_lock_minutes)

    def lock(self) -> None:
        """Hide all patient data until someone signs in; audited."""
        if self.is_locked or self.workspace.signed_in is None:
            return
        actor = self.workspace.actor
        self._park_windows(actor)
        record_session_event(self.workspace.database, actor, AuditAction.LOCK)
        self._locked_for = actor
        self.lock_screen.show_locked(actor)
        self.pages.setCurrentWidget(self.lock_screen)
        self.idle.pause()

    def sign_out(self) -> None:
        if self.workspace.signed_in is None:
            return
        actor = self.workspace.actor
        self._park_windows(actor)
        record_session_event(self.workspace.database, actor, AuditAction.LOGOUT)
        self.workspace.signed_in = None
        self._locked_for = None
        self.lock_screen.show_signed_out()
        self.pages.setCurrentWidget(self.lock_screen)
        self.idle.pause()

    def _on_lock_screen_signed_in(self, actor: Actor) -> None:
        previous = self._locked_for
        self._locked_for = None
        if previous is not None and previous.user_id == actor.user_id:
            record_session_event(self.workspace.database, actor, AuditAction.UNLOCK)
            self.workspace.signed_in = actor
            self.pages.setCurrentWidget(self.work)
            self.idle.resume()
        else:
            self._start_session(actor)
        self._unpark_windows(actor)

    def _park_windows(self, actor: Actor) -> None:
        parked = self._parked.setdefault(actor.user_id, [])
        for window in QApplication.topLevelWidgets():
            if window is not self and window.isVisible() and window.isWindow():
                window.hide()
                parked.append(window)

    def _unpark_windows(self, actor: Actor) -> None:
        for window in self._parked.pop(actor.user_id, []):
            window.show()
            window.raise_()

    # Areas ------------------------------------------------------------------------------

    def _add_area(self, title: str, widget: QWidget) -> None:
        self.navigation.addItem(title)
        self.areas.addWidget(widget)

    def _on_navigation_current_row_changed(self, row: int) -> None:
        self.areas.setCurrentIndex(row)
        area = self.areas.widget(row)
        refresh = getattr(area, "refresh", None)
        if callable(refresh):
            refresh()

    def _show_area(self, widget: QWidget) -> None:
        self.navigation.setCurrentRow(self.areas.indexOf(widget))

    def show_area(self, title: str) -> bool:
        """Show the area named `title` ("Settings"); False when this role has none."""
        found = self.navigation.findItems(title, Qt.MatchFlag.MatchExactly)
        if not found:
            return False
        self.navigation.setCurrentItem(found[0])
        return True

    def _on_find_shortcut(self) -> None:
        if self.patients is not None and not self.is_locked:
            self._show_area(self.patients)
            self.patients.show_list()

    def _on_new_shortcut(self) -> None:
        if self.patients is not None and not self.is_locked:
            self._show_area(self.patients)
            self.patients.list_page.create_patient()

    # Window -----------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        available = self.screen().availableGeometry()
        self.resize(min(1200, available.width() * 9 // 10), min(780, available.height() * 9 // 10))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.sync()
        if self.workspace.signed_in is not None:
            record_session_event(self.workspace.database, self.workspace.actor, AuditAction.LOGOUT)
            self.workspace.signed_in = None
        self.idle.stop()
        super().closeEvent(event)
