"""The Patients area: the list, and a chart opened from it."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from ui.patients.chart_page import ChartPage
from ui.patients.list_page import PatientListPage
from ui.workspace import Workspace


class PatientsArea(QWidget):
    shown_requested = Signal()  # a chart was opened: the window should show this area

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_page = PatientListPage(workspace)
        self.chart_page = ChartPage(workspace)
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

    def refresh(self) -> None:
        self.list_page.refresh()

    def open_patient(self, patient_id: int) -> None:
        self.chart_page.open_patient(patient_id)
        self.stack.setCurrentIndex(1)
        self.shown_requested.emit()

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.list_page.focus_search()

    def _on_chart_page_patient_changed(self, _patient_id: int) -> None:
        self.list_page.refresh()
