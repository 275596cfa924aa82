"""Choose the patient a letter is for: type part of a name, the MRN or the date of birth."""

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.patients.workflows import patient_rows
from ui.letters.patient_ref import PatientRef
from ui.patients.list_model import PATIENT_ID_ROLE, PatientFilterProxy, PatientTableModel
from ui.workspace import Workspace


class PatientPickerDialog(QDialog):
    picked = Signal(object)  # PatientRef

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patientPicker")
        self.setWindowTitle("Letter for which patient?")
        self.model = PatientTableModel(patient_rows(workspace.database, workspace.actor))
        self.model.setParent(self)
        self.proxy = PatientFilterProxy()
        self.proxy.setParent(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        self.search = QLineEdit(objectName="pickerSearch")
        self.search.setPlaceholderText("Name, MRN or date of birth; Enter takes the first")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.table = QTableView(objectName="pickerTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._on_table_activated)
        self.count = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Write a letter")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(620, 480)
        self._on_search_text_changed("")
        self.search.setFocus()

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} patients")

    def _on_search_return_pressed(self) -> None:
        if self.proxy.rowCount():
            self._pick(self.proxy.index(0, 0))

    def _on_table_activated(self, index: QModelIndex) -> None:
        self._pick(index)

    def _on_buttons_accepted(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._pick(rows[0])

    def _pick(self, index: QModelIndex) -> None:
        patient_id = index.siblingAtColumn(0).data(PATIENT_ID_ROLE)
        row = next(r for r in self.model.rows() if r.id == patient_id)
        self.picked.emit(PatientRef(row.id, row.display_name, row.mrn))
        self.accept()
