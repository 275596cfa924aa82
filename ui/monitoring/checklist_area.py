"""The clinic-wide Checklist area: every due and overdue monitoring item across patients,
most overdue first. Filter by item, prescriber, modality and state; double-click (or Enter)
on a row asks for the patient's chart (`patient_requested`); print the list as a PDF."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinical.modality import Modality
from clinical.monitoring import ItemState
from db.errors import ClinicError
from db.files import write_atomically
from db.monitoring.exports import checklist_pdf
from db.monitoring.views import ChecklistFilters, ClinicChecklist, DueRow
from db.monitoring.workflows import clinic_checklist
from ui.monitoring.models import DueRowModel
from ui.workspace import Workspace

STATES = (ItemState.OVERDUE, ItemState.DUE, ItemState.BASELINE_MISSING)


class ChecklistArea(QWidget):
    patient_requested = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.checklist: ClinicChecklist | None = None
        self.file_dialog: QFileDialog | None = None
        self.as_of: date | None = None  # None: today

        self.title = QLabel(objectName="checklistTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.item_filter = QComboBox(objectName="itemFilter")
        self.prescriber_filter = QComboBox(objectName="prescriberFilter")
        self.modality_filter = QComboBox(objectName="modalityFilter")
        self.state_filter = QComboBox(objectName="stateFilter")
        self.item_filter.addItem("Every item", None)
        self.prescriber_filter.addItem("Every prescriber", None)
        self.modality_filter.addItem("Every modality", None)
        for modality in Modality:
            self.modality_filter.addItem(modality.label, modality.value)
        self.state_filter.addItem("Due and overdue", None)
        for state in STATES:
            self.state_filter.addItem(state.label, state.value)
        for combo in (
            self.item_filter,
            self.prescriber_filter,
            self.modality_filter,
            self.state_filter,
        ):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.item_filter.setMinimumWidth(220)
        self.print_button = QPushButton("Print (PDF)…", objectName="printChecklist")
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.open_button = QPushButton("Open chart", objectName="openPatient")
        self.open_button.clicked.connect(self._on_open_button_clicked)
        filters = QHBoxLayout()
        for widget in (
            self.item_filter,
            self.prescriber_filter,
            self.modality_filter,
            self.state_filter,
        ):
            filters.addWidget(widget)
        filters.addStretch()
        filters.addWidget(self.open_button)
        filters.addWidget(self.print_button)

        self.model = DueRowModel()
        self.table = QTableView(objectName="dueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DueRowModel.REASON, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in ((0, 140), (1, 80), (2, 190), (3, 112), (4, 172), (6, 100), (7, 120)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)
        self.message = QLabel(objectName="checklistMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    # Loading ----------------------------------------------------------------------------

    def filters(self) -> ChecklistFilters:
        modality = self.modality_filter.currentData()
        state = self.state_filter.currentData()
        return ChecklistFilters(
            item_code=self.item_filter.currentData(),
            prescriber=self.prescriber_filter.currentData(),
            modality=Modality(modality) if modality else None,
            state=ItemState(state) if state else None,
        )

    def refresh(self) -> None:
        try:
            self.checklist = clinic_checklist(
                self._workspace.database, self._workspace.actor, self.filters(), self.as_of
            )
        except ClinicError as refused:
            self.message.setText(str(refused))
            return
        self._fill_choices(self.checklist)
        self.model.set_rows(self.checklist.rows)
        checklist = self.checklist
        overdue = checklist.overdue
        self.title.setText(
            f"Monitoring due on {checklist.as_of:%A %d %B %Y}: {len(checklist.rows)} items, "
            f"{overdue} overdue"
        )
        self.message.setText(
            "Most overdue first. Double-click a row to open the patient's chart."
            if checklist.rows
            else "Nothing is due with these filters."
        )

    def _fill_choices(self, checklist: ClinicChecklist) -> None:
        for combo, choices in (
            (self.item_filter, [(title, code) for code, title in checklist.items]),
            (self.prescriber_filter, [(name, name) for name in checklist.prescribers]),
        ):
            if combo.count() - 1 == len(choices):
                continue
            wanted = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in choices:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(wanted), 0))
            combo.blockSignals(False)

    def _on_filter_changed(self, _index: int) -> None:
        self.refresh()

    # Rows -------------------------------------------------------------------------------

    @property
    def selected_row(self) -> DueRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.patient_requested.emit(self.model.row_at(index.row()).patient_id)

    def _on_open_button_clicked(self) -> None:
        if (row := self.selected_row) is not None:
            self.patient_requested.emit(row.patient_id)

    # Printing ---------------------------------------------------------------------------

    def filter_text(self) -> str:
        chosen = [
            combo.currentText()
            for combo in (
                self.item_filter,
                self.prescriber_filter,
                self.modality_filter,
                self.state_filter,
            )
            if combo.currentIndex() > 0
        ]
        return "; ".join(chosen)

    def _on_print_button_clicked(self) -> None:
        day = self.as_of or date.today()
        dialog = QFileDialog(self, "Save the monitoring checklist")
        dialog.setObjectName("checklistFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter("PDF (*.pdf)")
        dialog.selectFile(f"monitoring-due-{day.isoformat()}.pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.save_pdf(Path(path)))
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def save_pdf(self, path: Path) -> None:
        try:
            pdf = checklist_pdf(
                self._workspace.database,
                self._workspace.actor,
                self.filters(),
                self.as_of,
                filter_text=self.filter_text(),
            )
            write_atomically(path, pdf)
        except (ClinicError, OSError) as failed:
            self.message.setText(f"The checklist was not saved: {failed}")
            return
        self.message.setText(f"Checklist saved to {path}.")
