"""Find a patient: a search box over the whole list, and a button for a new one."""

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.patients.workflows import patient_rows
from ui.patients.list_model import PATIENT_ID_ROLE, PatientFilterProxy, PatientTableModel
from ui.patients.patient_dialog import PatientDialog
from ui.workspace import Workspace


class PatientListPage(QWidget):
    patient_opened = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.dialog: PatientDialog | None = None
        self.model = PatientTableModel()
        self.proxy = PatientFilterProxy()
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(objectName="patientSearch")
        self.search.setPlaceholderText("Find a patient: name, MRN or date of birth (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.new_button = QPushButton("New patient… (Ctrl+N)", objectName="newPatient")
        self.new_button.clicked.connect(self.create_patient)
        self.count = QLabel(objectName="patientCount")

        self.table = QTableView(objectName="patientTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._on_table_activated)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    def refresh(self) -> None:
        self.model.set_rows(patient_rows(self._workspace.database, self._workspace.actor))
        self._update_count()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def create_patient(self) -> None:
        self.dialog = PatientDialog(self._workspace, parent=self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.saved.connect(self._on_dialog_saved)
        self.dialog.open()

    def clear(self) -> None:
        self.search.clear()
        self.model.set_rows([])

    def _on_dialog_saved(self, patient_id: int) -> None:
        self.refresh()
        self.patient_opened.emit(patient_id)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            f"{total} patients" if shown == total else f"{shown} of {total} patients shown"
        )

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _on_search_return_pressed(self) -> None:
        if self.proxy.rowCount():
            self._on_table_activated(self.proxy.index(0, 0))

    def _on_table_activated(self, index: QModelIndex) -> None:
        patient_id = self.proxy.data(index.siblingAtColumn(0), PATIENT_ID_ROLE)
        if patient_id is not None:
            self.patient_opened.emit(int(patient_id))
