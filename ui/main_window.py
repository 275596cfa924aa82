"""The program's window: a navigation list on the left, the chosen area on the right."""

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.database import Database
from ui.patients.chart_page import ChartPage
from ui.patients.list_page import PatientListPage


class PatientsArea(QWidget):
    """The patient list, and a chart opened from it."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_page = PatientListPage(database)
        self.chart_page = ChartPage(database)
        self.back_button = QPushButton("← All patients", objectName="backToList")
        self.back_button.clicked.connect(self.show_list)
        chart_holder = QWidget()
        chart_layout = QVBoxLayout(chart_holder)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        back_row = QHBoxLayout()
        back_row.addWidget(self.back_button)
        back_row.addStretch()
        chart_layout.addLayout(back_row)
        chart_layout.addWidget(self.chart_page)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(chart_holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.list_page.patient_opened.connect(self.open_patient)
        self.chart_page.patient_changed.connect(self._on_chart_page_patient_changed)

    def open_patient(self, patient_id: int) -> None:
        self.chart_page.open_patient(patient_id)
        self.stack.setCurrentIndex(1)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.list_page.focus_search()

    def _on_chart_page_patient_changed(self, _patient_id: int) -> None:
        self.list_page.refresh()


class MainWindow(QMainWindow):
    """Areas appear in the navigation only once they are built."""

    def __init__(
        self, database: Database, settings: QSettings, clinic_name: str = "Booster Desk"
    ) -> None:
        super().__init__()
        self._settings = settings
        self.setWindowTitle(clinic_name)
        self.setObjectName("mainWindow")
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setFixedWidth(150)
        self.navigation.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item "
                                      "{ padding: 8px; }")
        self.areas = QStackedWidget()
        self.patients = PatientsArea(database)
        self._add_area("Patients", self.patients)
        self.navigation.currentRowChanged.connect(self.areas.setCurrentIndex)
        self.navigation.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.areas, 1)
        self.setCentralWidget(central)

        QShortcut(QKeySequence.StandardKey.Find, self, self._on_find_shortcut)
        QShortcut(QKeySequence.StandardKey.New, self, self._on_new_shortcut)
        self.patients.list_page.refresh()
        self._restore_geometry()

    def _add_area(self, title: str, widget: QWidget) -> None:
        self.navigation.addItem(title)
        self.areas.addWidget(widget)

    def _show_area(self, widget: QWidget) -> None:
        self.navigation.setCurrentRow(self.areas.indexOf(widget))

    def _on_find_shortcut(self) -> None:
        self._show_area(self.patients)
        self.patients.show_list()

    def _on_new_shortcut(self) -> None:
        self._show_area(self.patients)
        self.patients.list_page.create_patient()

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        available = self.screen().availableGeometry()
        self.resize(min(1200, available.width() * 9 // 10), min(780, available.height() * 9 // 10))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)


